// The one Cal.com write of a booking and what its answer means for the ledger row.
import { BookingEngineError } from '../errors.js';
import type { EngineCallOptions } from '../engine-api.js';
import { CalendarError, type CalendarBooking } from '../ports/index.js';
import type { Appointment, Tenant } from '../types.js';
import type { EngineDeps } from './deps.js';
import { transitionRow } from './ledger.js';
import { SAY_MISMATCH, SAY_OUTCOME_UNKNOWN } from './say.js';
import { bestEffort } from './store-call.js';

/** What the calendar write came to. @internal */
export type CalendarOutcome =
  | { readonly kind: 'booked'; readonly row: Appointment }
  /** The slot is taken; the row is `failed`. */
  | { readonly kind: 'taken'; readonly row: Appointment }
  /** Cal.com is unreachable and nothing was booked; the row is still `requested`. */
  | { readonly kind: 'down'; readonly error: unknown };

/** Who the booking is for. @internal */
export interface Attendee {
  readonly name: string;
  readonly phone: string;
  readonly email?: string | undefined;
}

/** Placeholder name when the caller gave none (Cal.com requires one). */
export const fallbackName = (tenant: Tenant): string =>
  tenant.locale === 'de' ? 'Anrufer' : 'Caller';

const sameInstant = (a: string, b: number): boolean => Date.parse(a) === b;

/**
 * Creates the booking for a `requested` row and settles the row: `confirmed` when Cal.com booked
 * exactly what was asked, `failed` when the slot is taken or Cal.com booked something else
 * (which is cancelled). A lost answer that could not be checked leaves the row `requested`.
 * @throws {@link BookingEngineError} `E_BOOKING_MISMATCH`, `E_OUTCOME_UNKNOWN`, `E_INVALID_INPUT`
 * @internal
 */
export async function createOnCalendar(
  deps: EngineDeps,
  tenant: Tenant,
  row: Appointment,
  attendee: Attendee,
  options?: EngineCallOptions,
): Promise<CalendarOutcome> {
  let booking: CalendarBooking;
  try {
    booking = await deps.calendar.createBooking(
      tenant,
      {
        eventTypeId: row.eventTypeId,
        start: new Date(row.startMs).toISOString(),
        lengthInMinutes: Math.round((Date.parse(row.end) - row.startMs) / 60_000),
        attendee: {
          name: attendee.name,
          phone: attendee.phone,
          email: attendee.email,
          timeZone: tenant.zone,
          language: tenant.locale,
        },
        idempotencyKey: row.idempotencyKey,
        metadata: { voicebook_tenant: tenant.id, voicebook_appointment: row.id },
      },
      options,
    );
  } catch (error) {
    return settleFailure(deps, row, error);
  }
  return settleBooking(deps, tenant, row, booking);
}

async function settleFailure(
  deps: EngineDeps,
  row: Appointment,
  error: unknown,
): Promise<CalendarOutcome> {
  const kind = error instanceof CalendarError ? error.kind : 'outcome-unknown';
  switch (kind) {
    case 'slot-unavailable': {
      const failed = await transitionRow(deps, row, ['requested'], 'failed', {
        reason: 'slot-unavailable',
      });
      return { kind: 'taken', row: failed ?? row };
    }
    case 'unavailable':
      return { kind: 'down', error };
    case 'outcome-unknown':
      // The row stays `requested`: the reconciler looks the key up in Cal.com later.
      throw new BookingEngineError(
        'E_OUTCOME_UNKNOWN',
        'Cal.com did not answer the booking and it could not be checked; it will be reconciled',
        true,
        { cause: error, say: SAY_OUTCOME_UNKNOWN },
      );
    default:
      await transitionRow(deps, row, ['requested'], 'failed', { reason: `calendar-${kind}` });
      throw new BookingEngineError(
        'E_INVALID_INPUT',
        `Cal.com refused the booking (${kind})`,
        false,
        { cause: error },
      );
  }
}

async function settleBooking(
  deps: EngineDeps,
  tenant: Tenant,
  row: Appointment,
  booking: CalendarBooking,
): Promise<CalendarOutcome> {
  const endMs = Date.parse(row.end);
  if (!sameInstant(booking.start, row.startMs) || !sameInstant(booking.end, endMs)) {
    deps.emit({ type: 'booking:mismatch', tenantId: tenant.id });
    await bestEffort(() =>
      deps.calendar.cancelBooking(tenant, booking.uid, 'booked time differs from the request'),
    );
    await transitionRow(deps, row, ['requested'], 'failed', {
      bookingUid: booking.uid,
      reason: 'booking-mismatch',
    });
    throw new BookingEngineError(
      'E_BOOKING_MISMATCH',
      'Cal.com booked another start or end than asked; the booking was cancelled',
      false,
      { say: SAY_MISMATCH },
    );
  }
  // `failed` too: a reconciler may have given up on a slow row whose booking landed after all.
  const confirmed = await transitionRow(deps, row, ['requested', 'failed'], 'confirmed', {
    bookingUid: booking.uid,
    reason: undefined,
  });
  if (confirmed) return { kind: 'booked', row: confirmed };
  // Someone else settled it first (a reconciler that found the booking): answer from the record.
  const current = await deps.appointments.get(row.tenantId, row.id);
  if (current?.status === 'confirmed') return { kind: 'booked', row: current };
  throw new BookingEngineError(
    'E_CONFLICT',
    `the booking was made but its record moved to ${current?.status ?? 'nowhere'}`,
    false,
  );
}
