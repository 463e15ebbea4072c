// Cancel one of the caller's own appointments under the notice policy.
import { BookingEngineError } from '../errors.js';
import type { CallContext, CancelResult, EngineCallOptions } from '../engine-api.js';
import type { EngineDeps } from '../booking/deps.js';
import { transitionRow } from '../booking/ledger.js';
import { SAY_CALENDAR_DOWN, spokenStart } from '../booking/say.js';
import { CalendarError } from '../ports/index.js';
import type { Appointment } from '../types.js';
import { checkNotice, ownAppointment, stateError } from './access.js';

/**
 * Cancels; see {@link BookingEngine.cancel}.
 * @internal
 */
export async function cancelAppointment(
  deps: EngineDeps,
  ctx: CallContext,
  request: { appointmentId: string; reason?: string | undefined },
  options?: EngineCallOptions,
): Promise<CancelResult> {
  const { tenant } = ctx;
  const { appointment } = await ownAppointment(deps, ctx, request.appointmentId);
  if (appointment.status !== 'confirmed' && appointment.status !== 'pending') {
    throw stateError(`the appointment is ${appointment.status}`);
  }
  checkNotice(appointment, deps.now(), tenant.policies.minNoticeToCancelMinutes, 'cancel');
  if (appointment.status === 'confirmed' && appointment.bookingUid !== undefined) {
    try {
      await deps.calendar.cancelBooking(tenant, appointment.bookingUid, request.reason, options);
    } catch (error) {
      // Gone or cancelled in Cal.com already: the record follows.
      const settled =
        error instanceof CalendarError && (error.kind === 'state' || error.kind === 'not-found');
      if (!settled) {
        throw new BookingEngineError(
          'E_CALENDAR_UNAVAILABLE',
          'Cal.com could not cancel the booking right now',
          !(error instanceof CalendarError) || error.retryable,
          { cause: error, say: SAY_CALENDAR_DOWN },
        );
      }
    }
  }
  // Cal.com's own cancellation webhook may have moved the record first: that is this cancel too.
  const cancelled =
    (await transitionRow(deps, appointment, [appointment.status], 'cancelled', {
      reason: 'cancelled-by-caller',
    })) ?? (await alreadyCancelled(deps, appointment.tenantId, appointment.id));
  if (cancelled === undefined) {
    throw new BookingEngineError(
      'E_CONFLICT',
      'the appointment changed while it was being cancelled; ask again',
      true,
    );
  }
  deps.emit({ type: 'appointment:changed', tenantId: tenant.id, change: 'cancelled' });
  const s = spokenStart(cancelled.start, tenant.zone);
  return {
    appointment: cancelled,
    say: {
      de: `Ihr Termin am ${s.de} ist abgesagt.`,
      en: `Your appointment on ${s.en} is cancelled.`,
    },
  };
}

async function alreadyCancelled(
  deps: EngineDeps,
  tenantId: string,
  appointmentId: string,
): Promise<Appointment | undefined> {
  const current = await deps.appointments.get(tenantId, appointmentId);
  return current?.status === 'cancelled' ? current : undefined;
}
