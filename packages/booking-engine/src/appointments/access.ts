// A caller sees and changes only their own appointments: another customer's or another tenant's
// id answers exactly like a missing one.
import { BookingEngineError } from '../errors.js';
import type { CallContext } from '../engine-api.js';
import type { EngineDeps } from '../booking/deps.js';
import { storeCall } from '../booking/store-call.js';
import type { Appointment, Customer } from '../types.js';

/** @internal */
export const notFound = (): BookingEngineError =>
  new BookingEngineError('E_APPOINTMENT_NOT_FOUND', 'no such appointment for this caller', false, {
    say: {
      de: 'Diesen Termin finde ich unter Ihrer Nummer leider nicht.',
      en: 'Sorry, I cannot find that appointment under your number.',
    },
  });

/**
 * The caller's customer record (from the call's number, never from arguments), or `undefined`.
 * @internal
 */
export async function callerCustomer(
  deps: EngineDeps,
  ctx: CallContext,
): Promise<Customer | undefined> {
  if (ctx.callerPhone === undefined) return undefined;
  if (ctx.customer !== undefined && ctx.customer.tenantId === ctx.tenant.id) return ctx.customer;
  const phone = ctx.callerPhone;
  return storeCall('customers.findByPhone', () => deps.customers.findByPhone(ctx.tenant.id, phone));
}

/**
 * One of the caller's own appointments.
 * @throws {@link BookingEngineError} `E_APPOINTMENT_NOT_FOUND`
 * @internal
 */
export async function ownAppointment(
  deps: EngineDeps,
  ctx: CallContext,
  appointmentId: unknown,
): Promise<{ appointment: Appointment; customer: Customer }> {
  if (typeof appointmentId !== 'string' || appointmentId === '') throw notFound();
  const customer = await callerCustomer(deps, ctx);
  if (customer === undefined) throw notFound();
  const appointment = await storeCall('appointments.get', () =>
    deps.appointments.get(ctx.tenant.id, appointmentId),
  );
  if (
    appointment === undefined ||
    appointment.tenantId !== ctx.tenant.id ||
    appointment.customerId !== customer.id
  ) {
    throw notFound();
  }
  return { appointment, customer };
}

/**
 * The caller's upcoming confirmed and pending appointments, earliest first.
 * @internal
 */
export async function listOwnAppointments(
  deps: EngineDeps,
  ctx: CallContext,
): Promise<Appointment[]> {
  const customer = await callerCustomer(deps, ctx);
  if (customer === undefined) return [];
  const rows = await storeCall('appointments.listByCustomer', () =>
    deps.appointments.listByCustomer(ctx.tenant.id, customer.id, {
      fromMs: deps.now(),
      statuses: ['confirmed', 'pending'],
    }),
  );
  return rows
    .filter((a) => a.customerId === customer.id && a.tenantId === ctx.tenant.id)
    .sort((a, b) => a.startMs - b.startMs);
}

/** @internal */
export const stateError = (message: string): BookingEngineError =>
  new BookingEngineError('E_APPOINTMENT_STATE', message, false, {
    say: {
      de: 'Dieser Termin lässt sich nicht mehr ändern.',
      en: 'That appointment can no longer be changed.',
    },
  });

/**
 * Throws `E_POLICY` when the appointment starts sooner than the notice allows.
 * @internal
 */
export function checkNotice(
  appointment: Appointment,
  nowMs: number,
  noticeMinutes: number,
  action: 'cancel' | 'reschedule',
): void {
  if (appointment.startMs <= nowMs) throw stateError('the appointment has started or is past');
  if (appointment.startMs - nowMs >= noticeMinutes * 60_000) return;
  const hours = Math.max(1, Math.ceil(noticeMinutes / 60));
  const de = action === 'cancel' ? 'absagen' : 'verschieben';
  const en = action === 'cancel' ? 'cancel' : 'move';
  throw new BookingEngineError('E_POLICY', `min-notice: too late to ${action}`, false, {
    say: {
      de: `Termine kann man nur bis ${hours} Stunde${hours === 1 ? '' : 'n'} vorher ${de}.`,
      en: `Appointments can only be ${en === 'cancel' ? 'cancelled' : 'moved'} up to ${hours} hour${hours === 1 ? '' : 's'} before.`,
    },
  });
}
