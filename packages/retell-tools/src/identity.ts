import type { CallIdentity } from '@voicebook/booking-engine';
import { header, isRecord, stringField, type RetellHttpRequest } from './http.js';

/** Where the call's identity comes from besides Retell's `call` object. */
export interface IdentitySources {
  /** A header carrying the tenant id (set on the tool in Retell); wins over number and agent. */
  readonly tenantHeader?: string | undefined;
  /** A header carrying the call id, for args-at-root tools. @default 'x-retell-call-id' */
  readonly callIdHeader?: string | undefined;
}

/**
 * The call's identity from Retell's `call` object (or `call_inbound`) and the configured
 * headers; never from the LLM's arguments. An outbound call's customer is the called number.
 * @internal
 */
export function identityOf(
  call: Record<string, unknown> | undefined,
  request: RetellHttpRequest,
  sources: IdentitySources,
): Omit<CallIdentity, 'callId'> & { callId: string | undefined } {
  const outbound = stringField(call, 'direction') === 'outbound';
  const from = stringField(call, 'from_number');
  const to = stringField(call, 'to_number');
  const tenantId = sources.tenantHeader ? header(request, sources.tenantHeader) : undefined;
  return {
    callId:
      stringField(call, 'call_id') ?? header(request, sources.callIdHeader ?? 'x-retell-call-id'),
    ...(tenantId ? { tenantId: tenantId.slice(0, 200) } : {}),
    toNumber: outbound ? from : to,
    fromNumber: outbound ? to : from,
    agentId: stringField(call, 'agent_id'),
  };
}

/** Splits a tool request body into tool name, arguments and call (both Retell shapes). @internal */
export function toolBody(
  body: unknown,
  request: RetellHttpRequest,
): { name: string | undefined; args: unknown; call: Record<string, unknown> | undefined } {
  const fromRoute =
    request.toolName ?? request.path?.split('?')[0]?.split('/').filter(Boolean).pop();
  if (isRecord(body) && ('args' in body || isRecord(body.call))) {
    const name = typeof body.name === 'string' ? body.name : fromRoute;
    return { name, args: body.args, call: isRecord(body.call) ? body.call : undefined };
  }
  return { name: fromRoute, args: body, call: undefined };
}
