import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { BusLink } from './bus-link.js';
import { L2Layer, L2Timeout } from './l2.js';
import { TagVersions } from './versions.js';
import { Flight } from './flight.js';
import {
  tieredCacheSchema,
  type CacheGetOptions,
  type ResolvedCacheOptions as Resolved,
  type TieredCacheOptions,
} from './options.js';
import { parseOptions } from '../internal/parse-options.js';
import { DEFAULT_TTL_POLICY, resolveTtlMs, type TtlPolicy } from './policy.js';
import type { CacheEntry, CacheEvent, CacheResult, InvalidationMessage } from './types.js';
import { safeErrorInfo } from '../internal/safe-error.js';
import { withTimeout } from '../internal/with-timeout.js';

export type { CacheGetOptions, TieredCacheOptions } from './options.js';

/**
 * A loader: receives the shared load's signal, aborted once every caller has left.
 * @inline
 */
type Loader<T> = (signal: AbortSignal) => Promise<T>;

type Freshness = 'fresh' | 'revalidate' | 'if-error' | 'dead';

/**
 * The single flight of a key: its tags, and the {@link TagVersions.seq} from which on an
 * invalidation of one of them makes its answer too old for a new caller (and for the cache).
 */
interface Pending {
  readonly tags: readonly string[];
  since: number;
  flight: Flight<CacheResult<unknown>>;
}

const tagsOf = <T>(options: CacheGetOptions<T>): readonly string[] =>
  (typeof options.tags === 'function' ? options.tags() : options.tags) ?? [];

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
  readonly #policy: TtlPolicy;
  readonly #id = randomUUID();
  readonly #l1: LRUCache<string, CacheEntry>;
  readonly #versions = new TagVersions();
  readonly #l2: L2Layer;
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
    this.#policy = options.ttlPolicy ?? DEFAULT_TTL_POLICY;
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
    this.#bus = options.bus ? 'starting' : 'up';
    this.#link = new BusLink(options.bus, options.l2RetryAfterMs, {
      onMessage: (m) => {
        this.#onMessage(m);
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
      this.#fill(key, loader, signal, options, l1, p, superseded),
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
      const stale = this.#staleOnError<T>(error, fallback, usable ? 'l1' : 'l2', options, true);
      if (stale) return stale;
      throw error;
    }
  }

  /**
   * The one stale-on-error decision: whether `error` is answered with `fallback` (the last
   * good value, within `staleIfErrorMs`, invalidated or not) instead of being thrown.
   */
  #staleOnError<T>(
    error: unknown,
    fallback: CacheEntry | undefined,
    source: 'l1' | 'l2',
    options: CacheGetOptions<T>,
    ownAbort: boolean,
  ): CacheResult<T> | undefined {
    if (!fallback || this.#o.staleIfErrorMs <= 0) return undefined;
    if (this.#freshness(fallback, Date.now()) === 'dead') return undefined;
    if (!(options.staleIfError ? options.staleIfError(error) : !ownAbort)) return undefined;
    this.#emit({ type: 'cache:stale', keyGroup: options.keyGroup, reason: 'error' });
    return { value: fallback.value as T, stale: true, source };
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
    if (l1 && l1.staleUntil > now) {
      const stale = this.#freshness(l1, now) !== 'fresh';
      if (stale) this.#emit({ type: 'cache:stale', keyGroup, reason: 'peek' });
      return { value: l1.value as T, stale, source: 'l1' };
    }
    const l2 = await this.#l2.read(key, keyGroup);
    if (l2 && l2.staleUntil > now) {
      const stale = this.#freshness(l2, now) !== 'fresh';
      if (stale) this.#emit({ type: 'cache:stale', keyGroup, reason: 'peek' });
      return { value: l2.value as T, stale, source: 'l2' };
    }
    return undefined;
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
    if (tags.length === 0) return true;
    const versions = this.#o.store
      ? await this.#l2.call('invalidation', 'bumpTags', (s) => s.bumpTagVersions(tags), tags)
      : tags.map((t) => this.#versions.known(t) + 1);
    if (!versions) {
      // L2 is down or hangs: shared versions cannot move. Invalidate by time instead of
      // inventing a version that could later collide with a real one, here and, through the
      // bus, on every instance (a hanging Redis delivers the message once it answers again).
      const now = Date.now();
      for (const t of tags) this.#versions.invalidateByTime(t, now);
      this.#emit({ type: 'cache:invalidated', tagCount: tags.length, remote: false });
      if (this.#o.bus) await this.#publish({ origin: this.#id, tags: {}, byTime: tags }, tags);
      return false;
    }
    const message: Record<string, number> = {};
    tags.forEach((t, i) => {
      const v = versions[i] ?? 0;
      message[t] = v;
      this.#versions.bumped(t, v);
    });
    this.#emit({ type: 'cache:invalidated', tagCount: tags.length, remote: false });
    if (!this.#o.bus) return true;
    return this.#publish({ origin: this.#id, tags: message }, tags);
  }

  /**
   * Publishes on the bus, bounded like every L2 call: a hanging publish (Redis dying after the
   * bump) must not hold up the write that invalidates. Resolves whether it was sent in time.
   */
  #publish(message: InvalidationMessage, tags: readonly string[]): Promise<boolean> {
    const bus = this.#o.bus;
    if (!bus) return Promise.resolve(false);
    return withTimeout(
      bus.publish(message),
      this.#o.l2TimeoutMs,
      () => new L2Timeout(this.#o.l2TimeoutMs),
    ).then(
      () => true,
      (error: unknown) => {
        this.#emit({
          type: 'cache:l2-error',
          keyGroup: 'invalidation',
          operation: 'publish',
          error: safeErrorInfo(error, tags),
        });
        return false;
      },
    );
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

  async #fill<T>(
    key: string,
    loader: Loader<T>,
    signal: AbortSignal,
    options: CacheGetOptions<T>,
    l1: CacheEntry | undefined,
    p: Pending,
    superseded: boolean,
  ): Promise<CacheResult<T>> {
    const kg = options.keyGroup;
    let fallback = l1;
    const l2 = await this.#l2.read(key, kg);
    if (l2) {
      const f = this.#freshness(l2, Date.now());
      if (f === 'fresh' || f === 'revalidate') {
        this.#l1Set(key, l2);
        if (f === 'fresh') {
          this.#emit({ type: 'cache:hit', keyGroup: kg, layer: 'l2' });
          return { value: l2.value as T, stale: false, source: 'l2' };
        }
        this.#emit({ type: 'cache:stale', keyGroup: kg, reason: 'revalidate' });
        // Once this flight has settled (after every pending microtask): the refresh is a flight
        // of its own.
        setImmediate(() => {
          this.#revalidate(key, loader, options);
        });
        return { value: l2.value as T, stale: true, source: 'l2' };
      }
      if (f === 'if-error' && (!fallback || l2.createdAt > fallback.createdAt)) fallback = l2;
    }
    this.#emit({ type: 'cache:miss', keyGroup: kg });

    let leased = false;
    if (this.#o.fillLeaseMs > 0 && this.#o.store) {
      const got = await this.#l2.call(
        kg,
        'acquireLease',
        (s) => s.acquireFillLease(key, this.#id, this.#o.fillLeaseMs),
        [key],
      );
      leased = got === true;
      // Superseding a load of this instance that an invalidation made too old: that load holds
      // the lease, and waiting for its answer is what must not happen.
      if (got === false && !superseded) {
        const waited = await this.#awaitOtherFill(key, kg, signal);
        if (waited === 'leased') leased = true;
        else if (waited) return { value: waited.value as T, stale: false, source: 'l2' };
      }
    }
    try {
      return await this.#load(key, () => loader(signal), options, p);
    } catch (error) {
      const source = l1 === fallback ? 'l1' : 'l2';
      const stale = this.#staleOnError<T>(error, fallback, source, options, false);
      if (stale) return stale;
      throw error;
    } finally {
      if (leased) {
        await this.#l2.call(kg, 'releaseLease', (s) => s.releaseFillLease(key, this.#id), [key]);
      }
    }
  }

  /**
   * Waits for the lease holder's fill: polls L2 for a fresh entry and, when there is none yet,
   * tries the lease again, so that a holder that is done (its load failed) or gone (the lease
   * expired) hands the fill to exactly one waiter. Answers the entry, `'leased'` when this
   * instance took the lease over, or `undefined` (give up and load: L2 down, waited
   * `fillLeaseWaitMs`, or every caller left).
   */
  async #awaitOtherFill(
    key: string,
    kg: string,
    signal: AbortSignal,
  ): Promise<CacheEntry | 'leased' | undefined> {
    const deadline = Date.now() + (this.#o.fillLeaseWaitMs ?? this.#o.fillLeaseMs);
    while (Date.now() < deadline && !signal.aborted) {
      await new Promise((r) => setTimeout(r, this.#o.fillLeasePollMs));
      const e = await this.#l2.read(key, kg);
      if (e && this.#freshness(e, Date.now()) === 'fresh') {
        this.#l1Set(key, e);
        this.#emit({ type: 'cache:hit', keyGroup: kg, layer: 'l2' });
        return e;
      }
      if (this.#l2.isDown()) return undefined;
      const got = await this.#l2.call(
        kg,
        'acquireLease',
        (s) => s.acquireFillLease(key, this.#id, this.#o.fillLeaseMs),
        [key],
      );
      if (got === true) return 'leased';
      if (got === undefined) return undefined;
    }
    return undefined;
  }

  async #load<T>(
    key: string,
    loader: () => Promise<T>,
    options: CacheGetOptions<T>,
    p: Pending,
  ): Promise<CacheResult<T>> {
    const tags = p.tags;
    // Versions are captured BEFORE loading: an invalidation that lands while the loader runs
    // makes this entry invalid at once, so a slow load can never resurrect old data. The start
    // is taken after them: what happened before it is already in the loaded value (and a lost
    // L2 state noticed by this very read does not invalidate this entry). Invalidations noticed
    // before this point are in L2's versions (or before the load): from here on they count.
    p.since = this.#versions.seq;
    const versions = await this.#l2.currentVersions(tags, options.keyGroup);
    const startedAt = Date.now();
    const value = await loader();
    const now = Date.now();
    // Invalidated while loading: an answer for the callers that asked before, never cached over
    // what a newer load (started for the callers after the invalidation) brings.
    if (this.#versions.changedSince(tags, p.since)) {
      return { value, stale: false, source: 'loader' };
    }
    const ttl =
      typeof options.ttlMs === 'function'
        ? options.ttlMs(value)
        : (options.ttlMs ??
          resolveTtlMs(this.#policy, options.keyGroup, value, options.policy, now));
    const extra = Math.min(
      this.#o.maxStaleMs,
      Math.max(this.#o.staleWhileRevalidateMs, this.#o.staleIfErrorMs),
    );
    const tagMap: Record<string, number> = {};
    tags.forEach((t, i) => (tagMap[t] = versions[i] ?? 0));
    const entry: CacheEntry = {
      value,
      createdAt: now,
      startedAt,
      freshUntil: now + ttl,
      staleUntil: now + ttl + extra,
      tags: tagMap,
    };
    this.#l1Set(key, entry);
    await this.#l2.call(options.keyGroup, 'set', (s) => s.set(key, entry, ttl + extra), [
      key,
      ...tags,
    ]);
    return { value, stale: false, source: 'loader' };
  }

  #revalidate<T>(key: string, loader: Loader<T>, options: CacheGetOptions<T>): void {
    if (this.#flights.has(key)) return;
    // A background refresh has no caller to leave: it runs to its end.
    this.#startFlight(key, tagsOf(options), (p, signal) =>
      this.#load(key, () => loader(signal), options, p),
    )
      .join()
      .catch(() => undefined);
  }

  #l1Set(key: string, entry: CacheEntry): void {
    if (this.#bus !== 'up') return;
    const ttl = entry.staleUntil - Date.now();
    if (ttl > 0) this.#l1.set(key, entry, { ttl });
  }

  #freshness(e: CacheEntry, now: number): Freshness {
    if (now >= e.staleUntil) return 'dead';
    const invalidated = this.#versions.invalidates(e);
    if (!invalidated) {
      if (now < e.freshUntil) return 'fresh';
      if (now < e.freshUntil + this.#o.staleWhileRevalidateMs) return 'revalidate';
      if (now < e.freshUntil + this.#o.staleIfErrorMs) return 'if-error';
      return 'dead';
    }
    // Invalidated by a tag: never fresh again, only a stale-if-error fallback.
    return this.#o.staleIfErrorMs > 0 ? 'if-error' : 'dead';
  }

  /** A message from the bus: checked for shape, since a bus carries whatever was published. */
  #onMessage(raw: InvalidationMessage): void {
    const m = raw as Partial<Record<keyof InvalidationMessage, unknown>> | null;
    if (typeof m !== 'object' || m === null || m.origin === this.#id) return;
    let count = 0;
    if (typeof m.tags === 'object' && m.tags !== null) {
      for (const [t, v] of Object.entries(m.tags)) {
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        this.#versions.heard(t, v);
        count++;
      }
    }
    if (Array.isArray(m.byTime)) {
      const now = Date.now();
      for (const t of m.byTime) {
        if (typeof t !== 'string') continue;
        this.#versions.invalidateByTime(t, now);
        count++;
      }
    }
    if (count > 0) this.#emit({ type: 'cache:invalidated', tagCount: count, remote: true });
  }

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
