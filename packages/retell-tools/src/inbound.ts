import type { BookingEngine, CallContext } from '@voicebook/booking-engine';
import type { RetellHttpRequest } from './http.js';
import { identityOf } from './identity.js';
import { withinBudget } from './replay.js';
import { spokenStart } from './tools/common.js';

/** What `call_inbound` answers inside `call_inbound`. */
export interface InboundAnswerBody {
  /** Every value a string, as Retell requires. */
  readonly dynamic_variables: Record<string, string>;
  /** Stored with the call by Retell and echoed in its webhooks (the tenant id). */
  readonly metadata: Record<string, string>;
  /** Another agent to answer this call; missing: the number's own agent. */
  readonly override_agent_id?: string;
}

/** Time allowed for the caller's appointments look-up before answering without it. */
const LOOKUP_BUDGET_MS = 1_500;

function dateParts(nowMs: number, ctx: CallContext) {
  const tag = ctx.tenant.locale === 'de' ? 'de-DE' : 'en-GB';
  const zone = ctx.tenant.zone;
  const date = new Date(nowMs);
  const iso = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
  return {
    today: iso,
    current_date: new Intl.DateTimeFormat(tag, {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(date),
    current_time: new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(date),
    timezone: zone,
  };
}

/**
 * The inbound webhook's answer: caller known, first name, next appointment, company, today's
 * date and time in the tenant's zone, all strings; `override_agent_id` when configured for the
 * tenant. An unknown tenant still gets an answer (the agent's defaults apply). @internal
 */
export async function inboundAnswer(
  engine: BookingEngine,
  inbound: Record<string, unknown>,
  request: RetellHttpRequest,
  options: {
    now: number;
    tenantHeader?: string | undefined;
    agentIds?: Readonly<Record<string, string>> | undefined;
  },
): Promise<{ body: InboundAnswerBody; tenantId?: string | undefined; known: boolean }> {
  const identity = identityOf({ ...inbound, direction: 'inbound' }, request, options);
  let ctx: CallContext;
  try {
    ctx = await engine.resolveCall({ ...identity, callId: identity.callId ?? 'inbound' });
  } catch {
    return { body: { dynamic_variables: { caller_known: 'false' }, metadata: {} }, known: false };
  }
  void engine.prefetch(ctx).catch(() => undefined);
  const customer = ctx.customer;
  const upcoming = customer
    ? await withinBudget(
        engine.getCustomerAppointments(ctx).catch(() => []),
        LOOKUP_BUDGET_MS,
      )
    : [];
  const next = upcoming?.[0];
  const service = next ? ctx.tenant.services.find((s) => s.id === next.serviceId) : undefined;
  const variables: Record<string, string> = {
    caller_known: String(customer !== undefined),
    first_name: customer?.name?.split(/\s+/)[0]?.slice(0, 60) ?? '',
    customer_name: customer?.name?.slice(0, 120) ?? '',
    company_name: ctx.tenant.companyName,
    language: ctx.tenant.locale,
    upcoming_appointment: next
      ? `${service?.name ?? next.serviceId}, ${spokenStart(next.start, ctx, ctx.tenant.locale)}`
      : '',
    upcoming_appointment_id: next?.id ?? '',
    ...dateParts(options.now, ctx),
  };
  const override = options.agentIds?.[ctx.tenant.id];
  return {
    body: {
      dynamic_variables: variables,
      metadata: { tenant_id: ctx.tenant.id },
      ...(override !== undefined ? { override_agent_id: override } : {}),
    },
    tenantId: ctx.tenant.id,
    known: customer !== undefined,
  };
}
