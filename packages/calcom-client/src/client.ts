import ky, { type KyInstance } from 'ky';
import type { BreakerEvent, BreakerOptions } from './breaker/options.js';
import { BreakerRegistry, createBreakerRegistry } from './breaker/registry.js';
import type { CalcomWebhookPayload, InvalidationScope } from './cache/tags.js';
import { TieredCache, type TieredCacheOptions } from './cache/tiered-cache.js';
import type { CacheEvent } from './cache/types.js';
import { apiRoot, optionsSchema, type ParsedOptions } from './client-options.js';
import { CalcomConfigError } from './errors.js';
import type { CalcomOperation } from './operations.js';
import { RequestPipeline } from './pipeline/pipeline.js';
import type { CalcomRequestEvent, RetryOptions } from './pipeline/types.js';
import { createBookingsApi, type BookingsApi } from './resources/bookings.js';
import { createContext, type ClientContext } from './resources/context.js';
import { createEventTypesApi, type EventTypesApi } from './resources/event-types.js';
import { Invalidation } from './resources/invalidation.js';
import { createSlotsApi, type SlotsApi } from './resources/slots.js';

export type { CallOptions, CalcomRequestEvent, RetryOptions } from './pipeline/types.js';

export type { ReadSource } from './resources/cached-read.js';
export type { EventTypesApi, EventTypesResult } from './resources/event-types.js';
export type { ReservationsApi } from './resources/reservations.js';
export type { SlotsApi, SlotsResult } from './resources/slots.js';

/** Everything {@link CalcomClientOptions.onEvent} receives; feed it to `@voicebook/slo-metrics`. */
export type CalcomClientEvent = CalcomRequestEvent | CacheEvent | BreakerEvent;

/** Options of {@link createCalcomClient}. */
export interface CalcomClientOptions {
  /** Cal.com API key (`cal_…` / `cal_live_…`), sent as a Bearer token. */
  apiKey: string;
  /**
   * Base URL, with or without the trailing `/v2` (Cal.com documents `https://api.cal.com/v2`;
   * both forms address the same API). Self-hosted: `https://cal.example.com/api`.
   * @default 'https://api.cal.com'
   */
  baseUrl?: string;
  /** A `fetch` implementation (tests, proxies). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * Per-attempt timeouts in ms per operation; an array gives one per attempt, the last repeats.
   * @default getSlots 3000; createBooking [3000, 5000]; cancel/reschedule 5000; others 3000
   */
  timeouts?: Partial<Record<CalcomOperation, number | readonly number[]>>;
  /** Default total deadline per operation in ms (see {@link CallOptions.deadlineMs}). */
  deadlines?: Partial<Record<CalcomOperation, number>>;
  /** Retry settings. */
  retry?: RetryOptions;
  /**
   * Circuit breakers per endpoint group (reads, writes): a {@link BreakerRegistry} to share one
   * (e.g. with Redis state), options for a private one, or `false` for none.
   * @default a private registry: open after 5 failures, half-open after 60 s, close after 2 successes
   */
  breaker?: BreakerRegistry | BreakerOptions | false;
  /**
   * Cache of slots and event types: a {@link TieredCache} (e.g. with Redis L2 and bus, from
   * `createTieredCache`), or `false` for none. Own writes and {@link CalcomClient.applyWebhook}
   * invalidate the affected days (see {@link CalcomClientOptions.invalidation}).
   * @default an in-process L1 cache, stale-if-error for 10 minutes
   */
  cache?: TieredCache | false;
  /**
   * What a booking (own create / cancel / reschedule, or {@link CalcomClient.applyWebhook})
   * invalidates. `scope: 'account'` (default): the booking's days of **every** event type, because
   * Cal.com computes slots from the hosts' busy times and a booking of one event type removes the
   * overlapping slots of every other event type sharing a host. `'event-type'`: only the booked
   * event type's days, for accounts whose event types share no hosts. A function
   * `(eventTypeId) => relatedEventTypeIds`: the booked one plus those. Always only the affected
   * dates. See {@link InvalidationScope}.
   * @default { scope: 'account' }
   * @example
   * ```ts
   * createCalcomClient({ apiKey, invalidation: { scope: (id) => (id === 1001 ? [1002] : []) } });
   * ```
   */
  invalidation?: {
    /**
     * `'account'`, `'event-type'` or `(eventTypeId) => relatedEventTypeIds`: which event types'
     * cached days a booking drops besides its own (see {@link InvalidationScope}).
     * @default 'account'
     */
    scope?: InvalidationScope;
  };
  /** Metadata key that carries the idempotency key on created bookings. @default 'voicebook_idempotency_key' */
  idempotencyMetadataKey?: string;
  /** Receives {@link CalcomClientEvent}s. Must not throw. No personal data is in them. */
  onEvent?: (event: CalcomClientEvent) => void;
}

export type { BookingsApi, IdempotencyLookup } from './resources/bookings.js';

/** A typed Cal.com API v2 client; create one with {@link createCalcomClient}. */
export interface CalcomClient {
  /** Availability (`find`, cached) and slot reservations (`reservations.*`): `/v2/slots`. */
  readonly slots: SlotsApi;
  /** Create (never twice on retry), get, list, cancel and reschedule bookings: `/v2/bookings`. */
  readonly bookings: BookingsApi;
  /** A user's or team's event types (cached): `/v2/event-types`. */
  readonly eventTypes: EventTypesApi;
  /** The breakers in use (`undefined` with `breaker: false`). */
  readonly breakers: BreakerRegistry | undefined;
  /** The cache in use (`undefined` with `cache: false`). */
  readonly cache: TieredCache | undefined;
  /**
   * Invalidates the cached availability a verified Cal.com webhook makes wrong (a booking made,
   * moved or cancelled elsewhere). Returns the number of tags invalidated: `0` as well for the
   * webhook of a write this client made itself in the last 5 minutes, when that write's own
   * invalidation already covered the same tags and reached L2 and the bus.
   * @example
   * ```ts
   * const event = verifyCalcomWebhook({ rawBody, signature, secret });
   * await client.applyWebhook(event);
   * ```
   */
  applyWebhook(webhook: CalcomWebhookPayload): Promise<number>;
}

/** @internal implementation of {@link CalcomClient}. */
class Client implements CalcomClient {
  readonly slots: SlotsApi;
  readonly bookings: BookingsApi;
  readonly eventTypes: EventTypesApi;
  readonly breakers: BreakerRegistry | undefined;
  readonly cache: TieredCache | undefined;
  readonly #ky: KyInstance;
  readonly #pipe: RequestPipeline;
  readonly #ctx: ClientContext;
  readonly #emit: (e: CalcomClientEvent) => void;

  constructor(o: ParsedOptions, breaker: unknown, cache: unknown) {
    this.#emit = (e) => {
      try {
        o.onEvent?.(e);
      } catch {
        // A listener must not break a call.
      }
    };
    this.#ky = ky.create({
      prefixUrl: apiRoot(o.baseUrl ?? 'https://api.cal.com'),
      headers: { authorization: `Bearer ${o.apiKey}`, accept: 'application/json' },
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      ...(o.fetch ? { fetch: o.fetch } : {}),
    });
    this.breakers =
      breaker === false
        ? undefined
        : breaker instanceof BreakerRegistry
          ? breaker
          : createBreakerRegistry({
              ...(breaker as BreakerOptions | undefined),
              onEvent: (e) => {
                (breaker as BreakerOptions | undefined)?.onEvent?.(e);
                this.#emit(e);
              },
            });
    this.#pipe = new RequestPipeline({
      ky: this.#ky,
      timeouts: o.timeouts,
      deadlines: o.deadlines,
      retry: o.retry,
      breakers: this.breakers,
      emit: this.#emit,
    });
    this.cache =
      cache === false
        ? undefined
        : cache instanceof TieredCache
          ? cache
          : new TieredCache({
              l1MaxEntries: 10_000,
              l2TimeoutMs: 50,
              l2RetryAfterMs: 1_000,
              staleWhileRevalidateMs: 0,
              staleIfErrorMs: 600_000,
              maxStaleMs: 3_600_000,
              fillLeaseMs: 0,
              fillLeaseWaitMs: 300,
              fillLeasePollMs: 20,
              onEvent: (e) => {
                this.#emit(e);
              },
            } satisfies Required<Omit<TieredCacheOptions, 'store' | 'bus' | 'ttlPolicy'>>);

    this.#ctx = createContext({
      pipe: this.#pipe,
      invalidation: new Invalidation(this.cache, o.invalidation?.scope, this.#emit),
      metaKey: o.idempotencyMetadataKey ?? 'voicebook_idempotency_key',
      emit: this.#emit,
    });

    this.slots = createSlotsApi(this.#ctx, this.cache);
    this.bookings = createBookingsApi(this.#ctx);
    this.eventTypes = createEventTypesApi(this.#ctx, this.cache);
  }

  applyWebhook(webhook: CalcomWebhookPayload): Promise<number> {
    return this.#ctx.invalidation.applyWebhook(webhook);
  }

  // ---------------------------------------------------------------- reads
}

/**
 * Creates a typed Cal.com API v2 client: the right `cal-api-version` per endpoint, zod-checked
 * answers, per-operation timeouts, retries only where safe, a total deadline per call, circuit
 * breakers per endpoint group, a tiered cache for availability, and booking creation that never
 * double-books on retry.
 *
 * @param options - the API key, and optionally base URL, timeouts, deadlines, retries, breakers,
 *   cache, invalidation scope and the event listener; checked once.
 * @returns the client: `slots`, `bookings`, `eventTypes`, `applyWebhook`, and the breakers and
 *   cache in use.
 * @throws {@link CalcomConfigError} when an option is invalid.
 * @example
 * ```ts
 * const cal = createCalcomClient({ apiKey: process.env.CAL_API_KEY! });
 * const { slots } = await cal.slots.find({
 *   eventTypeId: 1001,
 *   start: '2026-11-26',
 *   end: '2026-11-26',
 *   timeZone: 'Europe/Berlin',
 * });
 * const first = Object.values(slots)[0]?.[0];
 * if (first) {
 *   await cal.bookings.create({
 *     eventTypeId: 1001,
 *     start: first.start,
 *     attendee: { name: 'Erika Muster', email: 'erika@example.com', timeZone: 'Europe/Berlin' },
 *   });
 * }
 * ```
 */
export function createCalcomClient(options: CalcomClientOptions): CalcomClient {
  const r = optionsSchema.safeParse(options);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CalcomConfigError(
      issue?.path.map(String).join('.') || '(options)',
      issue?.message ?? 'invalid',
    );
  }
  const breaker: unknown = options.breaker;
  const cache: unknown = options.cache;
  if (
    breaker !== undefined &&
    breaker !== false &&
    !(breaker instanceof BreakerRegistry) &&
    (typeof breaker !== 'object' || breaker === null)
  ) {
    throw new CalcomConfigError('breaker', 'must be a BreakerRegistry, breaker options or false');
  }
  if (cache !== undefined && cache !== false && !(cache instanceof TieredCache)) {
    throw new CalcomConfigError('cache', 'must be a TieredCache (createTieredCache) or false');
  }
  return new Client(r.data, breaker, cache);
}
