import type { CacheEntry, CacheEntryWithVersions, CacheStore } from './types.js';

/**
 * In-process {@link CacheStore}: an L2 shared by the caches of one process (tests, several
 * caches in one server), with the same semantics as `RedisCacheStore`: entries expire after
 * their TTL, tag versions only grow, a fill lease has one holder until it expires or is
 * released. Entries are stored as JSON, so a reader never shares objects with the writer.
 *
 * @example
 * ```ts
 * const store = new MemoryCacheStore();
 * const a = await createTieredCache({ store });
 * const b = await createTieredCache({ store }); // b's misses find a's fills
 * ```
 */
export class MemoryCacheStore implements CacheStore {
  readonly #entries = new Map<string, { json: string; until: number }>();
  readonly #versions = new Map<string, number>();
  readonly #leases = new Map<string, { owner: string; until: number }>();
  readonly #now: () => number;

  /** @param options.now - clock (epoch ms); defaults to `Date.now`. */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  get(key: string): Promise<CacheEntry | undefined> {
    const e = this.#entries.get(key);
    if (!e) return Promise.resolve(undefined);
    if (e.until <= this.#now()) {
      this.#entries.delete(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(JSON.parse(e.json) as CacheEntry);
  }

  async getWithTagVersions(key: string): Promise<CacheEntryWithVersions | undefined> {
    const entry = await this.get(key);
    if (!entry) return undefined;
    const tagVersions: Record<string, number> = {};
    for (const t of Object.keys(entry.tags)) tagVersions[t] = this.#versions.get(t) ?? 0;
    return { entry, tagVersions };
  }

  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    this.#sweep();
    this.#entries.set(key, {
      json: JSON.stringify(entry),
      until: this.#now() + Math.max(1, ttlMs),
    });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.#entries.delete(key);
    return Promise.resolve();
  }

  getTagVersions(tags: readonly string[]): Promise<number[]> {
    return Promise.resolve(tags.map((t) => this.#versions.get(t) ?? 0));
  }

  bumpTagVersions(tags: readonly string[]): Promise<number[]> {
    return Promise.resolve(
      tags.map((t) => {
        const v = (this.#versions.get(t) ?? 0) + 1;
        this.#versions.set(t, v);
        return v;
      }),
    );
  }

  acquireFillLease(key: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = this.#now();
    const lease = this.#leases.get(key);
    if (lease && lease.until > now) return Promise.resolve(false);
    this.#leases.set(key, { owner, until: now + leaseMs });
    return Promise.resolve(true);
  }

  releaseFillLease(key: string, owner: string): Promise<void> {
    if (this.#leases.get(key)?.owner === owner) this.#leases.delete(key);
    return Promise.resolve();
  }

  /** Forgets everything, as a Redis that restarted empty (for tests of lost L2 state). */
  clear(): void {
    this.#entries.clear();
    this.#versions.clear();
    this.#leases.clear();
  }

  /** Drops expired entries and leases now and then, so the maps stay bounded by live keys. */
  #sweep(): void {
    if (this.#entries.size % 1024 !== 0) return;
    const now = this.#now();
    for (const [k, e] of this.#entries) if (e.until <= now) this.#entries.delete(k);
    for (const [k, l] of this.#leases) if (l.until <= now) this.#leases.delete(k);
  }
}
