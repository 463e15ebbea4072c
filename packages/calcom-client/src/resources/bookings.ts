import {
  parseIdempotencyLookup,
  parseListBookings,
  parseUid,
  utc,
  type Instant,
  type ListBookingsQuery,
} from '../inputs.js';
import type { CancelBookingInput, CreateBookingInput, RescheduleBookingInput } from '../inputs.js';
import type { Call } from '../pipeline/call.js';
import type { CallOptions } from '../pipeline/types.js';
import { bookingListEnvelope, type Booking, type BookingPage } from '../schemas.js';
import { cancelBooking, createBooking, rescheduleBooking } from './booking-writes.js';
import type { ClientContext } from './context.js';
import { bookingEnvelope, present } from './envelopes.js';

/** Where to look for a booking by its idempotency key (Cal.com cannot search metadata). */
export interface IdempotencyLookup {
  /** The event type the create asked for. */
  eventTypeId: number;
  /** The start the create asked for. */
  start: Instant;
  /** Narrows the search when the booking had an e-mail. */
  attendeeEmail?: string;
}

/** `client.bookings`. */
export interface BookingsApi {
  /**
   * Books a slot. Never double-books on retry: an attempt without an answer is reconciled (the
   * booking is looked up by the idempotency key stamped into its metadata) before any retry.
   * @throws {@link SlotUnavailableError} when the slot is taken, reserved, outside bookable
   * hours or in the past; {@link BookingOutcomeUnknownError} when Cal.com never answered and the
   * lookup failed too; {@link CalcomValidationError} for bad input.
   * @param input - event type, start, attendee, and optionally guests, metadata, length, location
   *   and your own idempotency key.
   * @param options - abort signal and total deadline.
   * @returns the booking as Cal.com holds it (also when a lost attempt is found by its key).
   */
  create(input: CreateBookingInput, options?: CallOptions): Promise<Booking>;
  /**
   * One booking.
   * @param uid - the booking's uid.
   * @param options - abort signal and total deadline.
   * @returns the booking.
   * @throws {@link CalcomNotFoundError}
   */
  get(uid: string, options?: CallOptions): Promise<Booking>;
  /**
   * A page of bookings (needs the API key).
   * @param query - filters, order and paging (`take` up to 250, `skip`).
   * @param options - abort signal and total deadline.
   * @returns the bookings and the pagination.
   */
  list(query?: ListBookingsQuery, options?: CallOptions): Promise<BookingPage>;
  /**
   * Cancels; safe to retry (a cancel that took effect is recognised).
   * @param uid - the booking's uid.
   * @param input - an optional reason.
   * @param options - abort signal and total deadline.
   * @returns the cancelled booking.
   * @throws {@link BookingStateError}
   */
  cancel(uid: string, input?: CancelBookingInput, options?: CallOptions): Promise<Booking>;
  /**
   * Moves a booking; Cal.com creates a new booking (`rescheduledFromUid`) and cancels the old.
   * Safe to retry: a reschedule that took effect is followed to its new booking.
   * @param uid - the booking to move.
   * @param input - the new start, and optionally a reason and who reschedules.
   * @param options - abort signal and total deadline.
   * @returns the new booking (its `rescheduledFromUid` is `uid`).
   * @throws {@link SlotUnavailableError}, {@link BookingStateError}
   */
  reschedule(uid: string, input: RescheduleBookingInput, options?: CallOptions): Promise<Booking>;
  /**
   * The live booking created with `idempotencyKey`, or `undefined`.
   * @param idempotencyKey - the key the create was made with (stamped into its metadata).
   * @param where - the event type and start the create asked for, and the attendee's e-mail.
   * @param options - abort signal and total deadline.
   * @returns the booking, or `undefined` when none carries the key.
   * @throws {@link CalcomValidationError} for an empty key or a `where` that is not an event type
   * id and an instant.
   */
  findByIdempotencyKey(
    idempotencyKey: string,
    where: IdempotencyLookup,
    options?: CallOptions,
  ): Promise<Booking | undefined>;
}

/** `client.bookings` on a {@link ClientContext}. @internal */
export function createBookingsApi(ctx: ClientContext): BookingsApi {
  return {
    create: (input, options) => createBooking(ctx, input, options),
    get: (uid, options) => getBooking(ctx, uid, options),
    list: (query, options) => listBookings(ctx, query, options),
    cancel: (uid, input, options) => cancelBooking(ctx, uid, input, options),
    reschedule: (uid, input, options) => rescheduleBooking(ctx, uid, input, options),
    findByIdempotencyKey: async (key, where, options) => {
      const w = parseIdempotencyLookup(key, where);
      return ctx.pipe.withCall('listBookings', options, (call) => findByKey(ctx, call, key, w));
    },
  };
}

export async function getBooking(
  ctx: ClientContext,
  uid: string,
  options?: CallOptions,
): Promise<Booking> {
  const u = parseUid('getBooking', uid);
  return ctx.pipe.withCall('getBooking', options, (call) => fetchBooking(ctx, call, u));
}

/** One booking by uid (a recurring series is a contract error). @internal */
export async function fetchBooking(ctx: ClientContext, call: Call, uid: string): Promise<Booking> {
  const b = await ctx.pipe.run(
    call,
    { operation: 'getBooking', path: `v2/bookings/${encodeURIComponent(uid)}` },
    bookingEnvelope,
  );
  return ctx.single('getBooking', b.data);
}

export async function listBookings(
  ctx: ClientContext,
  query: ListBookingsQuery | undefined,
  options?: CallOptions,
): Promise<BookingPage> {
  const searchParams = parseListBookings(query);
  return ctx.pipe.withCall('listBookings', options, (call) => listPage(ctx, call, searchParams));
}

/** One page of bookings; every booking is remembered. @internal */
export async function listPage(
  ctx: ClientContext,
  call: Call,
  searchParams: Record<string, string>,
): Promise<BookingPage> {
  const sensitive = present([searchParams.attendeeName, searchParams.attendeeEmail]);
  const b = await ctx.pipe.run(
    call,
    { operation: 'listBookings', path: 'v2/bookings', searchParams, sensitive },
    bookingListEnvelope,
  );
  for (const booking of b.data) ctx.invalidation.remember(booking);
  return { bookings: b.data, pagination: b.pagination };
}

/** The live booking created with `key` (Cal.com cannot search metadata: paged by time). @internal */
export async function findByKey(
  ctx: ClientContext,
  call: Call,
  key: string,
  where: IdempotencyLookup,
): Promise<Booking | undefined> {
  const start = Date.parse(utc(where.start));
  const searchParams: Record<string, string> = {
    eventTypeId: String(where.eventTypeId),
    afterStart: new Date(start - 60_000).toISOString(),
    beforeEnd: new Date(start + 86_400_000).toISOString(),
    take: '100',
  };
  if (where.attendeeEmail) searchParams.attendeeEmail = where.attendeeEmail;
  for (let page = 0; page < 5; page++) {
    searchParams.skip = String(page * 100);
    const r = await listPage(ctx, call, searchParams);
    const hit = r.bookings.find(
      (b) =>
        b.metadata?.[ctx.metaKey] === key && b.status !== 'cancelled' && b.status !== 'rejected',
    );
    if (hit) return hit;
    if (!r.pagination.hasNextPage) return undefined;
  }
  return undefined;
}
