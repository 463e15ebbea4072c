import { randomUUID } from 'node:crypto';
import {
  BookingOutcomeUnknownError,
  BookingStateError,
  CalcomUpstreamError,
  SlotUnavailableError,
} from '../errors.js';
import type { RequestSpec } from '../http.js';
import {
  parseCancel,
  parseCreateBooking,
  parseReschedule,
  type CancelBookingInput,
  type CreateBookingInput,
  type RescheduleBookingInput,
} from '../inputs.js';
import type { Call } from '../pipeline/call.js';
import type { CallOptions } from '../pipeline/types.js';
import type { Booking } from '../schemas.js';
import { fetchBooking, findByKey, type IdempotencyLookup } from './bookings.js';
import type { ClientContext } from './context.js';
import { bookingEnvelope, present } from './envelopes.js';
import { ownWrite } from './invalidation.js';

// The booking writes: each a `reconcile` operation of the pipeline with its own strategy for
// finding out whether an attempt without an answer took effect.

/** See {@link BookingsApi.create}. @internal */
export async function createBooking(
  ctx: ClientContext,
  input: CreateBookingInput,
  options?: CallOptions,
): Promise<Booking> {
  const v = parseCreateBooking(input);
  const key = v.idempotencyKey ?? randomUUID();
  const json = {
    start: v.start,
    eventTypeId: v.eventTypeId,
    attendee: v.attendee,
    metadata: { ...v.metadata, [ctx.metaKey]: key },
    ...(v.guests ? { guests: v.guests } : {}),
    ...(v.bookingFieldsResponses ? { bookingFieldsResponses: v.bookingFieldsResponses } : {}),
    ...(v.lengthInMinutes ? { lengthInMinutes: v.lengthInMinutes } : {}),
    ...(v.location ? { location: v.location } : {}),
  };
  const where: IdempotencyLookup = {
    eventTypeId: v.eventTypeId,
    start: v.start,
    ...(v.attendee.email ? { attendeeEmail: v.attendee.email } : {}),
  };
  const sensitive = present([v.attendee.name, v.attendee.phoneNumber, v.attendee.email]);
  const spec: RequestSpec = { operation: 'createBooking', path: 'v2/bookings', json, sensitive };
  return ctx.pipe.withCall('createBooking', options, (call) => {
    const reconciled = (outcome: 'found' | 'not-found' | 'lookup-failed') => {
      ctx.emit({ type: 'booking:reconciled', operation: 'createBooking', outcome });
    };
    const accept = async (booking: Booking) => {
      await ctx.invalidation.invalidate(booking, `BOOKING_CREATED:${booking.uid}`);
      return booking;
    };
    return ctx.pipe.reconcile(call, spec, bookingEnvelope, {
      // With a caller-given key an earlier create (by the caller) may already have landed.
      uncertain: v.idempotencyKey !== undefined,
      accept: (r) => accept(ctx.single('createBooking', r.data)),
      onFailure: async (error, uncertain) => {
        if (
          !uncertain ||
          !(error instanceof SlotUnavailableError) ||
          (error.reason !== 'taken' && error.reason !== 'conflict')
        ) {
          return undefined;
        }
        // Our own earlier attempt may be what holds the slot.
        const found = await findByKey(ctx, call, key, where).catch(() => undefined);
        reconciled(found ? 'found' : 'not-found');
        if (found) return accept(found);
        throw error;
      },
      onAmbiguous: async (error) => {
        let found: Booking | undefined;
        try {
          found = await findByKey(ctx, call, key, where);
        } catch {
          reconciled('lookup-failed');
          throw new BookingOutcomeUnknownError('createBooking', key, error);
        }
        reconciled(found ? 'found' : 'not-found');
        return found ? accept(found) : undefined;
      },
      // A 5xx is an answer: not stored. A timeout may still land later.
      exhausted: (error) =>
        error instanceof CalcomUpstreamError
          ? error
          : new BookingOutcomeUnknownError('createBooking', key, error),
    });
  });
}

/** See {@link BookingsApi.cancel}. @internal */
export async function cancelBooking(
  ctx: ClientContext,
  uid: string,
  input: CancelBookingInput | undefined,
  options?: CallOptions,
): Promise<Booking> {
  const v = parseCancel(uid, input);
  const spec: RequestSpec = {
    operation: 'cancelBooking',
    path: `v2/bookings/${encodeURIComponent(uid)}/cancel`,
    json: v,
    sensitive: present([v.cancellationReason]),
  };
  return ctx.pipe.withCall('cancelBooking', options, (call) =>
    writeWithReconcile(ctx, call, spec, async (error, uncertain) => {
      // A cancel that took effect but lost its answer comes back as "already cancelled".
      if (uncertain && error instanceof BookingStateError && error.state === 'already-cancelled') {
        return fetchBooking(ctx, call, uid);
      }
      return undefined;
    }),
  );
}

/** See {@link BookingsApi.reschedule}. @internal */
export async function rescheduleBooking(
  ctx: ClientContext,
  uid: string,
  input: RescheduleBookingInput,
  options?: CallOptions,
): Promise<Booking> {
  const v = parseReschedule(uid, input);
  const spec: RequestSpec = {
    operation: 'rescheduleBooking',
    path: `v2/bookings/${encodeURIComponent(uid)}/reschedule`,
    json: v,
    sensitive: present([v.rescheduledBy, v.reschedulingReason]),
  };
  const previous = ctx.invalidation.span(uid);
  return ctx.pipe.withCall('rescheduleBooking', options, async (call) => {
    const follow = async (to: string): Promise<Booking | undefined> => {
      const next = await fetchBooking(ctx, call, to);
      return next.rescheduledFromUid === uid && next.start === v.start ? next : undefined;
    };
    const booking = await writeWithReconcile(ctx, call, spec, async (error, uncertain) => {
      if (!uncertain) return undefined;
      if (error instanceof BookingStateError && error.rescheduledToUid) {
        return follow(error.rescheduledToUid);
      }
      if (error instanceof SlotUnavailableError) {
        const old = await fetchBooking(ctx, call, uid);
        return old.rescheduledToUid ? follow(old.rescheduledToUid) : undefined;
      }
      return undefined;
    });
    // The old slot is free again: invalidate its days too (known, or read once).
    const old = previous ?? (await fetchBooking(ctx, call, uid).catch(() => undefined));
    // Cal.com's BOOKING_RESCHEDULED (uid of the new booking) covers both times.
    if (old) await ctx.invalidation.invalidate(old, `BOOKING_RESCHEDULED:${booking.uid}`);
    else ctx.invalidation.uncovered(`BOOKING_RESCHEDULED:${booking.uid}`);
    return booking;
  });
}

/**
 * Cancel / reschedule: retried after an answerless attempt; a later refusal that means "your
 * earlier attempt took effect" is turned into its result by `reconcile`.
 */
function writeWithReconcile(
  ctx: ClientContext,
  call: Call,
  spec: RequestSpec,
  reconcile: (error: unknown, uncertain: boolean) => Promise<Booking | undefined>,
): Promise<Booking> {
  const accept = async (booking: Booking) => {
    await ctx.invalidation.invalidate(booking, ownWrite(spec.operation, booking.uid));
    return booking;
  };
  return ctx.pipe.reconcile(call, spec, bookingEnvelope, {
    accept: (r) => accept(ctx.single(spec.operation, r.data)),
    onFailure: async (error, uncertain) => {
      const recovered = await reconcile(error, uncertain).catch(() => undefined);
      if (uncertain) {
        ctx.emit({
          type: 'booking:reconciled',
          operation: spec.operation,
          outcome: recovered ? 'found' : 'not-found',
        });
      }
      return recovered ? accept(recovered) : undefined;
    },
  });
}
