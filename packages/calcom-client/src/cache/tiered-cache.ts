import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { BusLink } from './bus-link.js';
import {
  freshness,
  staleOnError,
  tagsOf,
  type CacheCore,
  type Loader,
  type Pending,
} from './core.js';
import { Filler } from './fill.js';
import { Flight } from './flight.js';
import { Invalidator } from './invalidator.js';
import { L2Layer } from './l2.js';
import { TagVersions } from './versions.js';
import {
  tieredCacheSchema,
  type CacheGetOptions,
  type ResolvedCacheOptions as Resolved,
  type TieredCacheOptions,
} from './options.js';
import { parseOptions } from '../internal/parse-options.js';
import { DEFAULT_TTL_POLICY } from './policy.js';
import type { CacheEntry, CacheEvent, CacheResult } from './types.js';
import { safeErrorInfo } from '../internal/safe-error.js';

export type { CacheGetOptions, TieredCacheOptions } from './options.js';

/**
 * Two-level cache (L1 in-process LRU, optional L2 store) with per-key single-flight, optional
 * cross-instance fill lease, stale-while-revalidate / stale-if-error, and tag invalidation with
 * version counters propagated over an {@link InvalidationBus}. An L2 failure never fails a get.
 *
 * @example
 * ```ts
 * const cache = createTieredCache({ staleIfErrorMs: 300_000 });
 * const { value, stale, source } = await cache.get('slots:1001:2026-11-26', () => fetchSlots(), {
 *   keyGroup: 'slots',
 *   tags: slotTagsFor(1001, '2026-11-26', '2026-11-26', 'Europe/Berlin'),
 * });
 * ```
 */
export class TieredCache {
  readonly #o: Resolved;
  readonly #l1: LRUCache<string, CacheEntry>;
  readonly #versions = new TagVersions();
  readonly #l2: L2Layer;
  /** What the filler and the invalidator share with this cache. */
  readonly #core: CacheCore;
  readonly #filler: Filler;
  readonly #invalidator: Invalidator;
  readonly #flights = new Map<string, Pending>();
  /**
   * Bus state: `starting` until the first subscribe settles (L1 bypassed, no event yet), `up`
   * (L1 in use), `down` (L1 flushed and bypassed, `bus:disconnected` emitted).
   */
  #bus: 'starting' | 'up' | 'down';
  readonly #link: BusLink;

  /** @internal use {@link createTieredCache} */
  constructor(options: Resolved) {
    this.#o = options;
    this.#l1 = new LRUCache({ max: options.l1MaxEntries });
    this.#l2 = new L2Layer({
      store: options.store,
      timeoutMs: options.l2TimeoutMs,
      retryAfterMs: options.l2RetryAfterMs,
      versions: this.#versions,
      emit: (e) => {
        this.#emit(e);
      },
    });
    this.#core = {
      o: options,
      policy: options.ttlPolicy ?? DEFAULT_TTL_POLICY,
      id: randomUUID(),
      l2: this.#l2,
      versions: this.#versions,
      emit: (e) => {
        this.#emit(e);
      },
      l1Set: (key, entry) => {
        this.#l1Set(key, entry);
      },
    };
    this.#filler = new Filler(this.#core, (key, loader, o) => {
      this.#revalidate(key, loader, o);
    });
    this.#invalidator = new Invalidator(this.#core);
    this.#bus = options.bus ? 'starting' : 'up';
    this.#link = new BusLink(options.bus, options.l2RetryAfterMs, {
      onMessage: (m) => {
        this.#invalidator.onMessage(m);
      },
      onConnection: (connected) => {
        this.#onConnection(connected);
      },
      onSubscribeError: (error) => {
        this.#emit({
          type: 'cache:l2-error',
          keyGroup: 'invalidation',
          operation: 'subscribe',
          error: safeErrorInfo(error),
        });
      },
    });
  }

  /**
   * Subscribes to the bus (if any), waiting at most 2 s; never throws. Called by
   * {@link createTieredCache}. @internal
   */
  async start(): Promise<void> {
    await this.#link.start();
  }

  /** Whether L1 is currently bypassed because the invalidation bus is not (yet) subscribed. */
  get l1Bypassed(): boolean {
    return this.#bus !== 'up';
  }

  /**
   * Returns the cached value of `key`, or runs `loader` (once per key per process, and once
   * fleet-wide with the fill lease) and caches its result.
   */
  async get<T>(
    key: string,
    loader: Loader<T>,
    options: CacheGetOptions<T>,
  ): Promise<CacheResult<T>> {
    const kg = options.keyGroup;
    const now = Date.now();
    const l1 = this.#bus !== 'up' ? undefined : this.#l1.get(key);
    if (l1) {
      const f = this.#freshness(l1, now);
      if (f === 'fresh') {
        this.#emit({ type: 'cache:hit', keyGroup: kg, layer: 'l1' });
        return { value: l1.value as T, stale: false, source: 'l1' };
      }
      if (f === 'revalidate') {
        this.#emit({ type: 'cache:stale', keyGroup: kg, reason: 'revalidate' });
        this.#revalidate(key, loader, options);
        return { value: l1.value as T, stale: true, source: 'l1' };
      }
    }
    // A caller that already left starts nothing.
    if (options.signal?.aborted) throw options.signal.reason;
    const pending = this.#flights.get(key);
    // A load that started before an invalidation of its tags answers what was true before it:
    // a caller arriving after the invalidation starts a new load instead of joining it.
    if (pending && !this.#versions.changedSince(pending.tags, pending.since)) {
      this.#emit({ type: 'cache:coalesced', keyGroup: kg });
      return this.#join(key, pending.flight as Flight<CacheResult<T>>, options, l1);
    }
    const superseded = pending !== undefined;
    const flight = this.#startFlight(key, pending?.tags ?? tagsOf(options), (p, signal) =>
      this.#filler.fill(key, loader, signal, options, l1, p, superseded),
    );
    return this.#join(key, flight, options, l1);
  }

  /** Waits for `flight` as one caller; its own abort may be answered stale (see staleIfError). */
  async #join<T>(
    key: string,
    flight: Flight<CacheResult<T>>,
    options: CacheGetOptions<T>,
    l1: CacheEntry | undefined,
  ): Promise<CacheResult<T>> {
    const signal = options.signal;
    if (!signal) return flight.join();
    try {
      return await flight.join(signal);
    } catch (error) {
      if (!signal.aborted || error !== signal.reason) throw error;
      const usable = l1 && this.#freshness(l1, Date.now()) !== 'dead' ? l1 : undefined;
      const fallback = usable ?? (await this.#l2.read(key, options.keyGroup));
      const source = usable ? 'l1' : 'l2';
      const stale = staleOnError<T>(this.#core, error, fallback, source, options, true);
      if (stale) return stale;
      throw error;
    }
  }

  /** Registers the single flight of `key` (dropped once it settles or is abandoned). */
  #startFlight<T>(
    key: string,
    tags: readonly string[],
    run: (p: Pending, signal: AbortSignal) => Promise<CacheResult<T>>,
  ): Flight<CacheResult<T>> {
    const p = { tags, since: this.#versions.seq } as Pending;
    const drop = () => {
      if (this.#flights.get(key) === p) this.#flights.delete(key);
    };
    const flight: Flight<CacheResult<T>> = new Flight(
      (signal) => run(p, signal).finally(drop),
      // Nobody waits any more: a new caller starts a new load rather than join an aborted one.
      drop,
    );
    p.flight = flight;
    this.#flights.set(key, p);
    return flight;
  }

  /**
   * The last known value of `key`, even if expired or invalidated (within `maxStaleMs`), without
   * loading — for answering while the circuit breaker is open. Reads L1, then L2.
   */
  async peekStale<T>(key: string, keyGroup = 'unknown'): Promise<CacheResult<T> | undefined> {
    const now = Date.now();
    const l1 = this.#bus !== 'up' ? undefined : this.#l1.get(key);
    const live = l1 && l1.staleUntil > now;
    const e = live ? l1 : await this.#l2.read(key, keyGroup);
    if (!e || e.staleUntil <= now) return undefined;
    const stale = this.#freshness(e, now) !== 'fresh';
    if (stale) this.#emit({ type: 'cache:stale', keyGroup, reason: 'peek' });
    return { value: e.value as T, stale, source: live ? 'l1' : 'l2' };
  }

  /**
   * Invalidates every entry carrying one of `tags` on every instance: bumps the tag versions
   * (in L2 when present) and publishes them on the bus. Invalidated entries stay available as
   * stale-if-error / {@link TieredCache.peekStale} fallback, never as fresh.
   *
   * Resolves to `true` when the invalidation reached every instance it can: the versions moved
   * in L2 (or there is no L2) and the bus carried them (or there is no bus); `false` when it
   * only applied locally (L2 unreachable) or the publish failed. Never rejects.
   */
  async invalidateTags(tags: readonly string[]): Promise<boolean> {
    return this.#invalidator.invalidateTags(tags);
  }

  /** Removes `key` from L1 and L2 (this instance's L1 only; prefer tags across instances). */
  async delete(key: string): Promise<void> {
    this.#l1.delete(key);
    await this.#l2.call('unknown', 'delete', (s) => s.delete(key), [key]);
  }

  /** Unsubscribes from the bus. Does not close caller-owned Redis clients. */
  async close(): Promise<void> {
    await this.#link.close();
  }

  #revalidate<T>(key: string, loader: Loader<T>, options: CacheGetOptions<T>): void {
    if (this.#flights.has(key)) return;
    // A background refresh has no caller to leave: it runs to its end.
    this.#startFlight(key, tagsOf(options), (p, signal) =>
      this.#filler.load(key, () => loader(signal), options, p),
    )
      .join()
      .catch(() => undefined);
  }

  #l1Set(key: string, entry: CacheEntry): void {
    if (this.#bus !== 'up') return;
    const ttl = entry.staleUntil - Date.now();
    if (ttl > 0) this.#l1.set(key, entry, { ttl });
  }

  /** A message from the bus: checked for shape, since a bus carries whatever was published. */
  #onConnection(connected: boolean): void {
    if (!connected && this.#bus !== 'down') {
      this.#bus = 'down';
      this.#l1.clear();
      this.#emit({ type: 'bus:disconnected' });
    } else if (connected && this.#bus !== 'up') {
      const was = this.#bus;
      this.#l1.clear();
      this.#bus = 'up';
      if (was === 'down') this.#emit({ type: 'bus:reconnected' });
    }
  }

  #freshness(e: CacheEntry, now: number) {
    return freshness(this.#core, e, now);
  }

  #emit(e: CacheEvent): void {
    this.#o.onEvent?.(e);
  }
}

/**
 * Creates a {@link TieredCache} and subscribes it to the bus (if any). Options are validated
 * once; an invalid one throws `ResilienceConfigError` naming the field.
 *
 * @param options - L2 store, invalidation bus, TTL policy, stale and fill-lease windows, the listener.
 * @returns the cache, once the bus subscription (if any) is up.
 * @throws {@link ResilienceConfigError} for an invalid option.
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisCacheStore, RedisInvalidationBus } from '@voicebook/calcom-client/redis';
 *
 * const redis = new Redis();
 * const cache = await createTieredCache({
 *   store: new RedisCacheStore({ client: redis, prefix: 'vb:' }),
 *   bus: new RedisInvalidationBus({ client: redis, prefix: 'vb:' }),
 *   staleIfErrorMs: 300_000,
 *   fillLeaseMs: 2_000,
 * });
 * ```
 */
export async function createTieredCache(options: TieredCacheOptions = {}): Promise<TieredCache> {
  const cache = new TieredCache(parseOptions(tieredCacheSchema, options));
  await cache.start();
  return cache;
}
