import { freshness, staleOnError, type CacheCore, type Loader, type Pending } from './core.js';
import type { CacheGetOptions } from './options.js';
import { resolveTtlMs } from './policy.js';
import type { CacheEntry, CacheResult } from './types.js';

/** Starts a background refresh of `key` (a flight of its own). @internal */
export type Revalidate = <T>(key: string, loader: Loader<T>, options: CacheGetOptions<T>) => void;

/**
 * The miss path of one {@link TieredCache}: L2, the cross-instance fill lease (waiting for
 * another instance's fill), the load with its version stamp, and the stale-if-error fallback.
 * @internal
 */
export class Filler {
  readonly #c: CacheCore;
  readonly #revalidate: Revalidate;

  constructor(core: CacheCore, revalidate: Revalidate) {
    this.#c = core;
    this.#revalidate = revalidate;
  }

  /** Answers a miss of `key` (L1 had nothing fresh) as the shared load `p`. */
  async fill<T>(
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
    const l2 = await this.#c.l2.read(key, kg);
    if (l2) {
      const f = freshness(this.#c, l2, Date.now());
      if (f === 'fresh' || f === 'revalidate') {
        this.#c.l1Set(key, l2);
        if (f === 'fresh') {
          this.#c.emit({ type: 'cache:hit', keyGroup: kg, layer: 'l2' });
          return { value: l2.value as T, stale: false, source: 'l2' };
        }
        this.#c.emit({ type: 'cache:stale', keyGroup: kg, reason: 'revalidate' });
        // Once this flight has settled (after every pending microtask): the refresh is a flight
        // of its own.
        setImmediate(() => {
          this.#revalidate(key, loader, options);
        });
        return { value: l2.value as T, stale: true, source: 'l2' };
      }
      if (f === 'if-error' && (!fallback || l2.createdAt > fallback.createdAt)) fallback = l2;
    }
    this.#c.emit({ type: 'cache:miss', keyGroup: kg });

    let leased = false;
    if (this.#c.o.fillLeaseMs > 0 && this.#c.o.store) {
      const got = await this.#c.l2.call(
        kg,
        'acquireLease',
        (s) => s.acquireFillLease(key, this.#c.id, this.#c.o.fillLeaseMs),
        [key],
      );
      leased = got === true;
      // Superseding a load of this instance that an invalidation made too old: that load holds
      // the lease, and waiting for its answer is what must not happen.
      if (got === false && !superseded) {
        const waited = await this.#awaitOther(key, kg, signal);
        if (waited === 'leased') leased = true;
        else if (waited) return { value: waited.value as T, stale: false, source: 'l2' };
      }
    }
    try {
      return await this.load(key, () => loader(signal), options, p);
    } catch (error) {
      const source = l1 === fallback ? 'l1' : 'l2';
      const stale = staleOnError<T>(this.#c, error, fallback, source, options, false);
      if (stale) return stale;
      throw error;
    } finally {
      if (leased) {
        await this.#c.l2.call(kg, 'releaseLease', (s) => s.releaseFillLease(key, this.#c.id), [
          key,
        ]);
      }
    }
  }
  async #awaitOther(
    key: string,
    kg: string,
    signal: AbortSignal,
  ): Promise<CacheEntry | 'leased' | undefined> {
    const deadline = Date.now() + (this.#c.o.fillLeaseWaitMs ?? this.#c.o.fillLeaseMs);
    while (Date.now() < deadline && !signal.aborted) {
      await new Promise((r) => setTimeout(r, this.#c.o.fillLeasePollMs));
      const e = await this.#c.l2.read(key, kg);
      if (e && freshness(this.#c, e, Date.now()) === 'fresh') {
        this.#c.l1Set(key, e);
        this.#c.emit({ type: 'cache:hit', keyGroup: kg, layer: 'l2' });
        return e;
      }
      if (this.#c.l2.isDown()) return undefined;
      const got = await this.#c.l2.call(
        kg,
        'acquireLease',
        (s) => s.acquireFillLease(key, this.#c.id, this.#c.o.fillLeaseMs),
        [key],
      );
      if (got === true) return 'leased';
      if (got === undefined) return undefined;
    }
    return undefined;
  }
  async load<T>(
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
    p.since = this.#c.versions.seq;
    const versions = await this.#c.l2.currentVersions(tags, options.keyGroup);
    const startedAt = Date.now();
    const value = await loader();
    const now = Date.now();
    // Invalidated while loading: an answer for the callers that asked before, never cached over
    // what a newer load (started for the callers after the invalidation) brings.
    if (this.#c.versions.changedSince(tags, p.since)) {
      return { value, stale: false, source: 'loader' };
    }
    const ttl =
      typeof options.ttlMs === 'function'
        ? options.ttlMs(value)
        : (options.ttlMs ??
          resolveTtlMs(this.#c.policy, options.keyGroup, value, options.policy, now));
    const extra = Math.min(
      this.#c.o.maxStaleMs,
      Math.max(this.#c.o.staleWhileRevalidateMs, this.#c.o.staleIfErrorMs),
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
    this.#c.l1Set(key, entry);
    await this.#c.l2.call(options.keyGroup, 'set', (s) => s.set(key, entry, ttl + extra), [
      key,
      ...tags,
    ]);
    return { value, stale: false, source: 'loader' };
  }
}
