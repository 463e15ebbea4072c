// Pending requests (taken while Cal.com was down) booked in order once it answers again, under
// the same slot lock and fencing as `book`; a slot taken meanwhile becomes a call back.
import { alternativesFor } from '../booking/alternatives.js';
import { createOnCalendar, fallbackName } from '../booking/calendar-step.js';
import type { EngineDeps } from '../booking/deps.js';
import { transitionRow } from '../booking/ledger.js';
import { bestEffort } from '../booking/store-call.js';
import type { SlotWish } from '../booking/validate.js';
import { isBookingEngineError } from '../errors.js';
import type { Appointment, Tenant } from '../types.js';
import { FROM_PENDING, type Tally } from './requested.js';

type Resolution = 'booked' | 'callback' | 'deferred' | 'down' | 'skipped';

/**
 * Books pending rows oldest first; stops for a tenant at the first sign that Cal.com is still
 * down, so their order is kept.
 * @internal
 */
export async function resolvePending(
  deps: EngineDeps,
  tenants: Map<string, Tenant | undefined>,
  rows: readonly Appointment[],
  tally: Tally,
): Promise<void> {
  const down = new Set<string>();
  const ordered = [...rows].sort((a, b) => a.createdAt - b.createdAt || a.startMs - b.startMs);
  for (const row of ordered) {
    const tenant = tenants.get(row.tenantId);
    if (tenant === undefined) continue;
    if (down.has(tenant.id) || deps.calendar.writesBlocked(tenant)) {
      down.add(tenant.id);
      tally.deferred += 1;
      continue;
    }
    const outcome = await resolveOne(deps, tenant, row);
    if (outcome === 'booked' || outcome === 'callback') {
      tally[outcome] += 1;
      deps.emit({ type: 'pending:resolved', tenantId: tenant.id, outcome });
    } else if (outcome === 'deferred' || outcome === 'down') {
      tally.deferred += 1;
      if (outcome === 'down') down.add(tenant.id);
    }
  }
}

function wishOf(tenant: Tenant, row: Appointment): SlotWish | undefined {
  const service = tenant.services.find((s) => s.id === row.serviceId);
  if (service === undefined) return undefined;
  return {
    service,
    staff: tenant.staff.find((m) => m.id === row.staffId),
    eventTypeId: row.eventTypeId,
    start: row.start,
    end: row.end,
    startMs: row.startMs,
    endMs: Date.parse(row.end),
  };
}

async function callBack(
  deps: EngineDeps,
  tenant: Tenant,
  row: Appointment,
  from: Appointment['status'],
  reason: string,
): Promise<Resolution> {
  const wish = wishOf(tenant, row);
  const ctx = { callId: row.callId ?? `reconcile:${row.id}`, tenant };
  const alternatives = wish === undefined ? [] : await alternativesFor(deps, ctx, wish);
  const done = await transitionRow(deps, row, [from], 'callback', { alternatives, reason });
  return done ? 'callback' : 'skipped';
}

async function resolveOne(deps: EngineDeps, tenant: Tenant, row: Appointment): Promise<Resolution> {
  try {
    const customer = await deps.customers.get(tenant.id, row.customerId);
    const minStart = deps.now() + tenant.policies.minNoticeToBookMinutes * 60_000;
    if (customer === undefined || row.startMs < minStart) {
      return await callBack(deps, tenant, row, 'pending', customer ? 'expired' : 'no-customer');
    }
    const lease = await deps.locks.acquire(row.slotKey, deps.settings.lockTtlMs);
    if (lease === undefined) return 'deferred';
    try {
      const claimed = await transitionRow(deps, row, ['pending'], 'requested', {
        fence: lease.fence,
        reason: FROM_PENDING,
      });
      if (claimed === undefined) return 'skipped'; // another instance took it
      const outcome = await createOnCalendar(deps, tenant, claimed, {
        name: claimed.attendeeName ?? customer.name ?? fallbackName(tenant),
        phone: customer.phone,
        email: customer.email,
      });
      if (outcome.kind === 'booked') return 'booked';
      if (outcome.kind === 'down') {
        await transitionRow(deps, claimed, ['requested'], 'pending', {
          reason: 'calendar-unavailable',
        });
        return 'down';
      }
      // Taken: unless the taker is this very request (an earlier attempt that died after booking).
      const own = await deps.calendar
        .findBookingByIdempotencyKey(tenant, claimed.idempotencyKey, {
          eventTypeId: claimed.eventTypeId,
          start: new Date(claimed.startMs).toISOString(),
        })
        .catch(() => undefined);
      if (own !== undefined && own.status !== 'cancelled' && own.status !== 'rejected') {
        const done = await transitionRow(deps, claimed, ['failed'], 'confirmed', {
          bookingUid: own.uid,
          reason: undefined,
        });
        return done ? 'booked' : 'skipped';
      }
      return await callBack(deps, tenant, outcome.row, 'failed', 'slot-taken');
    } catch (error) {
      if (isBookingEngineError(error) && error.code === 'E_BOOKING_MISMATCH') {
        const failed = await deps.appointments.get(tenant.id, row.id);
        if (failed?.status === 'failed')
          return await callBack(deps, tenant, failed, 'failed', 'booking-mismatch');
      }
      // E_OUTCOME_UNKNOWN and store failures: the row stays `requested` (or `pending`) and the
      // stale-row pass resolves it later.
      return 'deferred';
    } finally {
      await bestEffort(() => lease.release());
    }
  } catch {
    return 'deferred';
  }
}
