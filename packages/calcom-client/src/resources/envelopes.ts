import { z } from 'zod';
import { CalcomContractError } from '../errors.js';
import type { CalcomOperation } from '../operations.js';
import {
  bookingSchema,
  eventTypeSchema,
  reservationSchema,
  slotsSchema,
  successEnvelope,
  type Booking,
} from '../schemas.js';

// A recurring event type answers an array; only single bookings are modelled. Parsed by hand (not
// a union) so a broken booking reports its own field path, e.g. `data.uid`.
/** @internal */
export const bookingEnvelope = successEnvelope(
  z.unknown().transform((value, ctx): Booking | 'recurring' => {
    if (Array.isArray(value)) return 'recurring';
    const r = bookingSchema.safeParse(value);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  }),
);
/** @internal */
export const reservationEnvelope = successEnvelope(reservationSchema);
/** @internal */
export const maybeReservation = successEnvelope(reservationSchema.nullable());
/** @internal */
export const slotsEnvelope = successEnvelope(slotsSchema);
/** @internal */
export const eventTypesEnvelope = successEnvelope(z.array(eventTypeSchema));

/** The one booking of an answer; a recurring series is a contract error. @internal */
export function single(operation: CalcomOperation, data: Booking | 'recurring'): Booking {
  if (data === 'recurring') {
    throw new CalcomContractError(operation, 200, [
      { field: 'data', message: 'is a recurring series; only single bookings are supported' },
    ]);
  }
  return data;
}

/** The given values of personal data a request carries (`RequestSpec.sensitive`). @internal */
export function present(values: readonly (string | undefined)[]): string[] {
  return values.filter((x): x is string => x !== undefined);
}
