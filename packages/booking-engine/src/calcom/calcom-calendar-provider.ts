import {
  createCalcomClient,
  isCalcomError,
  type Booking,
  type CalcomClient,
  type CalcomClientOptions,
  type CallOptions,
} from '@voicebook/calcom-client';
import { BookingEngineError } from '../errors.js';
import {
  type CalendarBooking,
  type CalendarBookingInput,
  type CalendarCallOptions,
  type CalendarProvider,
  type CalendarSlots,
} from '../ports/calendar-provider.js';
import type { Tenant } from '../types.js';
import { toCalendarError } from './calendar-errors.js';

/** Options of {@link createCalcomCalendarProvider}; give at most one of the two. */
export interface CalcomCalendarProviderOptions {
  /**
   * Options of every client the provider creates, one per distinct (API key, base URL) of the
   * tenants, lazily on first use. Pass one shared `cache` (a `TieredCache` with Redis L2 and bus)
   * so that all clients and instances share it, and a `BreakerRegistry` as `breaker` to share
   * breaker state. A shared cache keys slots by event type id: share one only between tenants of
   * the same Cal.com installation (event type ids are unique there). A shared registry means one
   * breaker for all API keys; pass breaker *options* for one breaker per client instead.
   * @default calcom-client's defaults (an in-process cache and a private breaker per client)
   */
  clientOptions?: Omit<CalcomClientOptions, 'apiKey' | 'baseUrl'> | undefined;
  /**
   * Full control: the client of a tenant (called on every operation; cache it yourself).
   * Excludes {@link CalcomCalendarProviderOptions.clientOptions}.
   */
  clientFor?: ((tenant: Tenant) => CalcomClient) | undefined;
}

const callOptions = (options: CalendarCallOptions | undefined): CallOptions => {
  const out: CallOptions = {};
  if (options?.signal !== undefined) out.signal = options.signal;
  if (options?.deadlineMs !== undefined) out.deadlineMs = options.deadlineMs;
  return out;
};

const toBooking = (b: Booking): CalendarBooking => ({
  uid: b.uid,
  start: b.start,
  end: b.end,
  eventTypeId: b.eventTypeId,
  status: b.status,
});

const stateOf = (error: unknown): { state?: string; rescheduledToUid?: string | undefined } =>
  isCalcomError(error) && error.code === 'E_BOOKING_STATE'
    ? (error as unknown as { state: string; rescheduledToUid?: string | undefined })
    : {};

class CalcomCalendarProvider implements CalendarProvider {
  readonly #clients = new Map<string, CalcomClient>();
  readonly #options: CalcomCalendarProviderOptions;

  constructor(options: CalcomCalendarProviderOptions) {
    this.#options = options;
  }

  #client(tenant: Tenant, operation: string): CalcomClient {
    try {
      if (this.#options.clientFor) return this.#options.clientFor(tenant);
      const baseUrl = tenant.calendar.baseUrl;
      const id = `${baseUrl ?? ''}\n${tenant.calendar.apiKey}`;
      let client = this.#clients.get(id);
      if (!client) {
        client = createCalcomClient({
          ...this.#options.clientOptions,
          apiKey: tenant.calendar.apiKey,
          ...(baseUrl === undefined ? {} : { baseUrl }),
        });
        this.#clients.set(id, client);
      }
      return client;
    } catch (error) {
      throw toCalendarError(error, operation, 'read');
    }
  }

  async findSlots(
    tenant: Tenant,
    query: Parameters<CalendarProvider['findSlots']>[1],
    options?: CalendarCallOptions,
  ): Promise<CalendarSlots> {
    const client = this.#client(tenant, 'getSlots');
    try {
      const r = await client.slots.find(
        {
          eventTypeId: query.eventTypeId,
          start: query.startDate,
          end: query.endDate,
          timeZone: query.zone,
          ...(query.durationMinutes === undefined ? {} : { duration: query.durationMinutes }),
          ...(query.bookingUidToReschedule === undefined
            ? {}
            : { bookingUidToReschedule: query.bookingUidToReschedule }),
        },
        callOptions(options),
      );
      return { byDate: byDateOf(r.slots), stale: r.stale };
    } catch (error) {
      throw toCalendarError(error, 'getSlots', 'read');
    }
  }

  async createBooking(
    tenant: Tenant,
    input: CalendarBookingInput,
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking> {
    const client = this.#client(tenant, 'createBooking');
    const a = input.attendee;
    try {
      const booking = await client.bookings.create(
        {
          eventTypeId: input.eventTypeId,
          start: input.start,
          // Cal.com needs an e-mail OR a phone number: the caller's number always suffices.
          attendee: {
            name: a.name,
            timeZone: a.timeZone,
            phoneNumber: a.phone,
            language: a.language,
            ...(a.email === undefined ? {} : { email: a.email }),
          },
          idempotencyKey: input.idempotencyKey,
          ...(input.lengthInMinutes === undefined
            ? {}
            : { lengthInMinutes: input.lengthInMinutes }),
          ...(input.metadata === undefined ? {} : { metadata: { ...input.metadata } }),
        },
        callOptions(options),
      );
      return toBooking(booking);
    } catch (error) {
      throw toCalendarError(error, 'createBooking', 'write');
    }
  }

  async findBookingByIdempotencyKey(
    tenant: Tenant,
    idempotencyKey: string,
    where: { eventTypeId: number; start: string },
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking | undefined> {
    const client = this.#client(tenant, 'findBookingByIdempotencyKey');
    try {
      const booking = await client.bookings.findByIdempotencyKey(
        idempotencyKey,
        { eventTypeId: where.eventTypeId, start: where.start },
        callOptions(options),
      );
      return booking && toBooking(booking);
    } catch (error) {
      throw toCalendarError(error, 'findBookingByIdempotencyKey', 'read');
    }
  }

  async cancelBooking(
    tenant: Tenant,
    bookingUid: string,
    reason?: string,
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking> {
    const client = this.#client(tenant, 'cancelBooking');
    const call = callOptions(options);
    try {
      return toBooking(
        await client.bookings.cancel(
          bookingUid,
          reason === undefined ? {} : { cancellationReason: reason },
          call,
        ),
      );
    } catch (error) {
      if (stateOf(error).state !== 'already-cancelled') {
        throw toCalendarError(error, 'cancelBooking', 'write');
      }
    }
    // Cancelling a cancelled booking succeeds: answer with the booking as it is.
    try {
      return toBooking(await client.bookings.get(bookingUid, call));
    } catch (error) {
      throw toCalendarError(error, 'getBooking', 'read');
    }
  }

  async rescheduleBooking(
    tenant: Tenant,
    bookingUid: string,
    start: string,
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking> {
    const client = this.#client(tenant, 'rescheduleBooking');
    const call = callOptions(options);
    try {
      return toBooking(await client.bookings.reschedule(bookingUid, { start }, call));
    } catch (error) {
      const s = stateOf(error);
      if (s.state !== 'already-rescheduled' || s.rescheduledToUid === undefined) {
        throw toCalendarError(error, 'rescheduleBooking', 'write');
      }
      const next = await client.bookings.get(s.rescheduledToUid, call).catch((e: unknown) => {
        throw toCalendarError(e, 'getBooking', 'read');
      });
      // A repeat of the same move answers with the booking it made; any other is a state error.
      if (Date.parse(next.start) === Date.parse(start) && next.status !== 'cancelled') {
        return toBooking(next);
      }
      throw toCalendarError(error, 'rescheduleBooking', 'write');
    }
  }

  writesBlocked(tenant: Tenant): boolean {
    try {
      return this.#client(tenant, 'writesBlocked').breakers?.get('write').state === 'open';
    } catch {
      return false;
    }
  }
}

// A cached slots answer is the same object on every hit: convert it once, and hand out the same
// (read-only) byDate, so the availability check's own memo of its parsed starts holds too.
const byDateByAnswer = new WeakMap<object, Record<string, { start: string }[]>>();

function byDateOf(
  slots: Readonly<Record<string, readonly { start: string }[]>>,
): CalendarSlots['byDate'] {
  let byDate = byDateByAnswer.get(slots);
  if (byDate === undefined) {
    byDate = {};
    for (const [date, day] of Object.entries(slots)) {
      byDate[date] = day.map((s) => ({ start: s.start }));
    }
    byDateByAnswer.set(slots, byDate);
  }
  return byDate;
}

/**
 * The {@link CalendarProvider} over `@voicebook/calcom-client`: one client per distinct (API
 * key, base URL) of the tenants, created on first use. Every calcom-client error becomes a
 * {@link CalendarError} (`cause` kept): a taken slot `'slot-unavailable'`; timeouts, network
 * errors, 5xx, 429 and an open breaker `'unavailable'`; a create without answer that could not be
 * looked up `'outcome-unknown'`; `'not-found'`; a cancelled or ended booking `'state'`; bad input,
 * options or API key `'invalid'`. Bookings carry the caller's phone number as `phoneNumber`
 * (Cal.com needs an e-mail or a phone number, so no e-mail is invented).
 *
 * @param options Shared client options, or your own client per tenant.
 * @returns A provider for every tenant.
 * @throws {@link BookingEngineError} `E_CONFIG_INVALID` when both options are given.
 * @example
 * ```ts
 * import { createTieredCache } from '@voicebook/calcom-client';
 * import { createCalcomCalendarProvider } from '@voicebook/booking-engine';
 *
 * const calendar = createCalcomCalendarProvider({
 *   clientOptions: { cache: await createTieredCache({ staleIfErrorMs: 600_000 }) },
 * });
 * const { byDate } = await calendar.findSlots(tenant, {
 *   eventTypeId: 1001,
 *   startDate: '2026-11-26',
 *   endDate: '2026-12-03',
 *   zone: tenant.zone,
 * });
 * ```
 */
export function createCalcomCalendarProvider(
  options: CalcomCalendarProviderOptions = {},
): CalendarProvider {
  if (options.clientFor !== undefined && options.clientOptions !== undefined) {
    throw new BookingEngineError(
      'E_CONFIG_INVALID',
      'Invalid option "clientFor": give either clientFor or clientOptions, not both',
      false,
    );
  }
  if (options.clientFor !== undefined && typeof options.clientFor !== 'function') {
    throw new BookingEngineError(
      'E_CONFIG_INVALID',
      'Invalid option "clientFor": must be a function',
      false,
    );
  }
  return new CalcomCalendarProvider(options);
}
