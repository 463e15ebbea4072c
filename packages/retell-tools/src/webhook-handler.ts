import type { BookingEngine, CallOutcome, CallPatch } from '@voicebook/booking-engine';
import type { CallOutcome as SloCallOutcome } from '@voicebook/slo-metrics';
import { z } from 'zod';
import type { RetellToolsEvent } from './events.js';
import {
  MAX_BODY_BYTES,
  bodyBytes,
  errorResponse,
  header,
  jsonResponse,
  parseJsonBody,
  type RetellHttpRequest,
  type RetellHttpResponse,
} from './http.js';
import { identityOf } from './identity.js';
import { inboundAnswer } from './inbound.js';
import { outcomeOf, type LateResults } from './notices.js';
import { SIGNATURE_HEADER, checkRetellSignature } from './signature.js';
import type { RetellMetrics } from './tool-handler.js';

/** Options of {@link createRetellWebhookHandler}. */
export interface RetellWebhookHandlerOptions {
  /** The Retell API key: deliveries are verified with it. */
  readonly apiKey: string;
  /** The booking engine (its tenants and `calls` store). */
  readonly engine: BookingEngine;
  /** The clock, epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** A header naming the tenant id (wins over number and agent id). */
  readonly tenantHeader?: string | undefined;
  /** slo-metrics hub: `call_ended` records the call's duration and outcome. */
  readonly metrics?: RetellMetrics | undefined;
  /** Receives {@link RetellToolsEvent}s. Must not throw. */
  readonly onEvent?: ((event: RetellToolsEvent) => void) | undefined;
  /** The tool handler's late results: left over at `call_ended`, they set the outcome. */
  readonly lateResults?: LateResults | undefined;
  /** Retell agent to answer inbound calls with, per tenant id (`override_agent_id`). */
  readonly inboundAgentIds?: Readonly<Record<string, string>> | undefined;
}

const callSchema = z.looseObject({
  call_id: z.string().min(1).max(200),
  agent_id: z.string().max(200).optional(),
  from_number: z.string().max(50).optional(),
  to_number: z.string().max(50).optional(),
  direction: z.string().max(20).optional(),
  start_timestamp: z.number().optional(),
  end_timestamp: z.number().optional(),
  duration_ms: z.number().nonnegative().optional(),
  disconnection_reason: z.string().max(200).optional(),
  call_analysis: z.looseObject({ call_successful: z.boolean().optional() }).optional(),
});

const webhookSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('call_inbound'),
    call_inbound: z.looseObject({
      call_id: z.string().max(200).optional(),
      agent_id: z.string().max(200).optional(),
      from_number: z.string().max(50).optional(),
      to_number: z.string().max(50).optional(),
    }),
  }),
  z.object({ event: z.enum(['call_started', 'call_ended', 'call_analyzed']), call: callSchema }),
]);

const recorded = new Set(['call_started', 'call_ended', 'call_analyzed']);

/**
 * Creates the handler for Retell's call webhooks (`call_started`, `call_ended`,
 * `call_analyzed`) and the inbound call webhook (`call_inbound`). Verified on the raw bytes like
 * tool calls; each event is applied once per call (repeated deliveries answer 204 and change
 * nothing), recorded in the engine's `CallStore`, and `call_ended` feeds slo-metrics' call
 * duration. `call_inbound` answers `dynamic_variables` (all strings) and `override_agent_id`.
 * Other events (`transcript_updated`, …) are acknowledged with 204.
 *
 * @param options - key, engine and the rest ({@link RetellWebhookHandlerOptions}).
 * @returns `(request) => Promise<response>`; never throws, never a 5xx for bad input.
 * @example
 * ```ts
 * const webhook = createRetellWebhookHandler({ apiKey: process.env.RETELL_API_KEY ?? '', engine });
 * const { status, headers, body } = await webhook({ method: 'POST', headers: req.headers, rawBody });
 * ```
 */
export function createRetellWebhookHandler(
  options: RetellWebhookHandlerOptions,
): (request: RetellHttpRequest) => Promise<RetellHttpResponse> {
  const now = options.now ?? Date.now;
  const { engine } = options;
  const emit = (event: RetellToolsEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // never let a listener change an answer
    }
  };
  const noContent: RetellHttpResponse = { status: 204, headers: {}, body: '' };

  return async function handleRetellWebhook(request) {
    try {
      if (bodyBytes(request.rawBody) > MAX_BODY_BYTES) {
        return errorResponse(413, 'E_BODY_TOO_LARGE', 'Body over 1 MB');
      }
      const signature = checkRetellSignature({
        rawBody: request.rawBody,
        signature: header(request, SIGNATURE_HEADER),
        apiKey: options.apiKey,
        now,
      });
      if (!signature.ok) {
        emit({ type: 'request:rejected', reason: 'signature', status: 401 });
        return errorResponse(401, 'E_UNAUTHORIZED', 'Unauthorized');
      }
      const json = parseJsonBody(request.rawBody);
      if (!json.ok) return errorResponse(400, 'E_MALFORMED_JSON', 'Body is not JSON');
      const event = (json.value as { event?: unknown } | null)?.event;
      if (typeof event === 'string' && event !== 'call_inbound' && !recorded.has(event)) {
        emit({ type: 'request:rejected', reason: 'unknown-event', status: 204 });
        return noContent;
      }
      const parsed = webhookSchema.safeParse(json.value);
      if (!parsed.success) return errorResponse(400, 'E_INVALID_WEBHOOK', 'Invalid webhook body');
      const body = parsed.data;
      if (body.event === 'call_inbound') {
        const answer = await inboundAnswer(engine, body.call_inbound, request, {
          now: now(),
          tenantHeader: options.tenantHeader,
          agentIds: options.inboundAgentIds,
        });
        emit({ type: 'inbound:answered', tenantId: answer.tenantId, known: answer.known });
        return jsonResponse(200, { call_inbound: answer.body });
      }
      const identity = identityOf(body.call, request, options);
      let ctx;
      try {
        ctx = await engine.resolveCall({ ...identity, callId: body.call.call_id });
      } catch {
        return errorResponse(400, 'E_TENANT_UNKNOWN', 'No tenant for this call');
      }
      const patch = patchFor(body.event, body.call, ctx.callerPhone, ctx.customer?.id);
      const late = body.event === 'call_ended' ? (options.lateResults?.take(ctx.callId) ?? []) : [];
      const lateOutcome = late.map((l) => outcomeOf(l.result)).find((o) => o !== undefined);
      const before = await engine.calls.get(ctx.tenant.id, ctx.callId);
      const outcome = lateOutcome ?? before?.outcome;
      const { applied, record } = await engine.calls.apply(
        ctx.tenant.id,
        ctx.callId,
        body.event,
        { ...patch, ...(lateOutcome ? { outcome: lateOutcome } : {}) },
        now(),
      );
      emit({ type: 'webhook:applied', event: body.event, applied, tenantId: ctx.tenant.id });
      if (applied && body.event === 'call_ended') {
        const durationMs = record.durationMs ?? body.call.duration_ms;
        if (durationMs !== undefined) {
          options.metrics?.recordCall({
            durationMs,
            outcome: sloOutcome(outcome ?? record.outcome),
          });
        }
      }
      return noContent;
    } catch {
      // A store failure: a 4xx would stop Retell's retries, so this one stays retryable.
      return errorResponse(503, 'E_STORE_UNAVAILABLE', 'Try again');
    }
  };
}

function patchFor(
  event: 'call_started' | 'call_ended' | 'call_analyzed',
  call: z.output<typeof callSchema>,
  callerPhone: string | undefined,
  customerId: string | undefined,
): CallPatch {
  const base: CallPatch = {
    ...(call.agent_id !== undefined ? { agentId: call.agent_id } : {}),
    ...(callerPhone !== undefined ? { fromNumber: callerPhone } : {}),
    ...(call.to_number !== undefined ? { toNumber: call.to_number } : {}),
    ...(customerId !== undefined ? { customerId } : {}),
  };
  if (event === 'call_started') {
    return {
      ...base,
      ...(call.start_timestamp !== undefined ? { startedAt: call.start_timestamp } : {}),
    };
  }
  if (event === 'call_ended') {
    const duration =
      call.duration_ms ??
      (call.start_timestamp !== undefined && call.end_timestamp !== undefined
        ? call.end_timestamp - call.start_timestamp
        : undefined);
    return {
      ...base,
      ...(call.start_timestamp !== undefined ? { startedAt: call.start_timestamp } : {}),
      ...(call.end_timestamp !== undefined ? { endedAt: call.end_timestamp } : {}),
      ...(duration !== undefined && duration >= 0 ? { durationMs: duration } : {}),
      ...(call.disconnection_reason !== undefined
        ? { disconnectionReason: call.disconnection_reason }
        : {}),
    };
  }
  const successful = call.call_analysis?.call_successful;
  return { ...base, ...(successful !== undefined ? { successful } : {}) };
}

/** The engine's call outcome as slo-metrics' call outcome label. @internal */
export function sloOutcome(outcome: CallOutcome | undefined): SloCallOutcome {
  switch (outcome) {
    case 'booked':
    case 'pending':
      return 'booked';
    case 'rescheduled':
      return 'rescheduled';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'error';
    default:
      return 'no_booking';
  }
}
