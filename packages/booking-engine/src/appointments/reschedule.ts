// Move one of the caller's own confirmed appointments: the old record becomes `cancelled` with
// `rescheduledTo`, a new one is inserted with `rescheduledFrom`, under the slot lock and fencing.
import { BookingEngineError } from '../errors.js';
import type { CallContext, EngineCallOptions, RescheduleResult } from '../engine-api.js';
import { alternativesFor } from '../booking/alternatives.js';
import type { EngineDeps } from '../booking/deps.js';
import { rescheduleIdempotencyKey, slotLockKey } from '../booking/keys.js';
import { insertLedgerRow, newRow, transitionRow } from '../booking/ledger.js';
import { SAY_CALENDAR_DOWN, SAY_MISMATCH, sayUnavailable, spokenStart } from '../booking/say.js';
import { acquireSlot } from '../booking/slot-gate.js';
import { bestEffort, storeCall } from '../booking/store-call.js';
import { checkBookingPolicies, resolveWish, type SlotWish } from '../booking/validate.js';
import { CalendarError, type CalendarBooking } from '../ports/index.js';
import type { Appointment } from '../types.js';
import { checkNotice, ownAppointment, stateError } from './access.js';

/**
 * Reschedules; see {@link BookingEngine.reschedule}.
 * @internal
 */
export async function rescheduleAppointment(
  deps: EngineDeps,
  ctx: CallContext,
  request: { appointmentId: string; start: string },
  options?: EngineCallOptions,
): Promise<RescheduleResult> {
  const { tenant } = ctx;
  const { appointment: old } = await ownAppointment(deps, ctx, request.appointmentId);
  if (old.status !== 'confirmed' || old.bookingUid === undefined) {
    throw stateError(`a ${old.status} appointment cannot be moved`);
  }
  const nowMs = deps.now();
  checkNotice(old, nowMs, tenant.policies.minNoticeToRescheduleMinutes, 'reschedule');
  const wish = resolveWish(tenant, {
    serviceId: old.serviceId,
    staffId: old.staffId,
    start: request.start,
  });
  if (wish.startMs === old.startMs) {
    throw new BookingEngineError('E_INVALID_INPUT', 'the new start is the current one', false);
  }
  checkBookingPolicies(tenant, wish, nowMs);
  const slotKey = slotLockKey(tenant.id, wish.eventTypeId, wish.staff?.id, wish.startMs);
  const held = await storeCall('locks.acquire', () => acquireSlot(deps, slotKey));
  if (held === undefined) return unavailable(deps, ctx, wish, options);
  const { lease } = held;
  try {
    const inserted = await insertLedgerRow(
      deps,
      newRow(
        wish,
        {
          tenantId: tenant.id,
          customerId: old.customerId,
          callId: ctx.callId,
          idempotencyKey: rescheduleIdempotencyKey(old.id, wish.startMs),
          slotKey,
          fence: lease.fence,
          attendeeName: old.attendeeName,
          rescheduledFrom: old.id,
        },
        deps.now(),
      ),
    );
    if (inserted.kind === 'settled') return rescheduled(deps, ctx, inserted.row);
    const row = inserted.row;
    let booking: CalendarBooking;
    try {
      booking = await deps.calendar.rescheduleBooking(
        tenant,
        old.bookingUid,
        new Date(wish.startMs).toISOString(),
        options,
      );
    } catch (error) {
      return await refused(deps, ctx, wish, row, error, options);
    }
    if (Date.parse(booking.start) !== wish.startMs || Date.parse(booking.end) !== wish.endMs) {
      deps.emit({ type: 'booking:mismatch', tenantId: tenant.id });
      await bestEffort(() => deps.calendar.cancelBooking(tenant, booking.uid, 'time differs'));
      await transitionRow(deps, row, ['requested'], 'failed', {
        bookingUid: booking.uid,
        reason: 'booking-mismatch',
      });
      // Cal.com moved the old booking away, so the old record is no longer held there either.
      await transitionRow(deps, old, ['confirmed'], 'cancelled', { reason: 'booking-mismatch' });
      throw new BookingEngineError(
        'E_BOOKING_MISMATCH',
        'Cal.com moved the booking to another start or end than asked; it was cancelled',
        false,
        { say: SAY_MISMATCH },
      );
    }
    const confirmed = await transitionRow(deps, row, ['requested', 'failed'], 'confirmed', {
      bookingUid: booking.uid,
      reason: undefined,
    });
    await transitionRow(deps, old, ['confirmed'], 'cancelled', {
      rescheduledTo: row.id,
      reason: 'rescheduled',
    });
    deps.emit({ type: 'appointment:changed', tenantId: tenant.id, change: 'rescheduled' });
    return rescheduled(
      deps,
      ctx,
      confirmed ?? { ...row, status: 'confirmed', bookingUid: booking.uid },
    );
  } finally {
    await bestEffort(() => lease.release());
    held.leave();
  }
}

function rescheduled(_deps: EngineDeps, ctx: CallContext, row: Appointment): RescheduleResult {
  const s = spokenStart(row.start, ctx.tenant.zone);
  return {
    status: 'rescheduled',
    appointment: row,
    say: {
      de: `Ihr Termin ist verschoben auf ${s.de}.`,
      en: `Your appointment is moved to ${s.en}.`,
    },
  };
}

async function unavailable(
  deps: EngineDeps,
  ctx: CallContext,
  wish: SlotWish,
  options?: EngineCallOptions,
): Promise<RescheduleResult> {
  const alternatives = await alternativesFor(deps, ctx, wish, options);
  return {
    status: 'unavailable',
    alternatives,
    say: sayUnavailable(alternatives, ctx.tenant.zone),
  };
}

async function refused(
  deps: EngineDeps,
  ctx: CallContext,
  wish: SlotWish,
  row: Appointment,
  error: unknown,
  options?: EngineCallOptions,
): Promise<RescheduleResult> {
  const kind = error instanceof CalendarError ? error.kind : 'outcome-unknown';
  await transitionRow(deps, row, ['requested'], 'failed', { reason: `calendar-${kind}` });
  switch (kind) {
    case 'slot-unavailable':
      return unavailable(deps, ctx, wish, options);
    case 'state':
    case 'not-found':
      throw stateError('the booking cannot be moved in Cal.com any more');
    case 'invalid':
      throw new BookingEngineError('E_INVALID_INPUT', 'Cal.com refused the reschedule', false, {
        cause: error,
      });
    default:
      throw new BookingEngineError(
        kind === 'outcome-unknown' ? 'E_OUTCOME_UNKNOWN' : 'E_CALENDAR_UNAVAILABLE',
        'Cal.com did not move the booking right now',
        true,
        { cause: error, say: SAY_CALENDAR_DOWN },
      );
  }
}
