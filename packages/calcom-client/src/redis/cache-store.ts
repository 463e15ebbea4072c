import type { Cluster, Redis } from 'ioredis';
import type { CacheEntry, CacheStore } from '../cache/types.js';

/** Options of {@link RedisCacheStore}. */
export interface RedisCacheStoreOptions {
  /** Caller-owned ioredis client (`Redis` or `Cluster`); never closed by the store. */
  client: Redis | Cluster;
  /**
   * Prefix of every key: entries `<prefix>c:<key>`, tag versions `<prefix>tag:<tag>`, fill
   * leases `<prefix>lease:<key>`.
   * @default 'vb:calcom:'
   */
  prefix?: string;
}

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * L2 {@link CacheStore} on Redis. Entries are JSON strings with a `PX` expiry; tag versions are
 * `INCR` counters; the fill lease is `SET NX PX` with compare-and-delete release. Timeouts and
 * error isolation are applied by the cache, not here.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisCacheStore } from '@voicebook/calcom-client/redis';
 *
 * const store = new RedisCacheStore({ client: new Redis(), prefix: 'vb:' });
 * ```
 */
export class RedisCacheStore implements CacheStore {
  readonly #c: Redis | Cluster;
  readonly #p: string;

  constructor(options: RedisCacheStoreOptions) {
    this.#c = options.client;
    this.#p = options.prefix ?? 'vb:calcom:';
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const raw = await this.#c.get(`${this.#p}c:${key}`);
    return raw === null ? undefined : (JSON.parse(raw) as CacheEntry);
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    await this.#c.set(`${this.#p}c:${key}`, JSON.stringify(entry), 'PX', Math.max(1, ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.#c.del(`${this.#p}c:${key}`);
  }

  async getTagVersions(tags: readonly string[]): Promise<number[]> {
    if (tags.length === 0) return [];
    const values = await this.#c.mget(...tags.map((t) => `${this.#p}tag:${t}`));
    return values.map((v) => Number(v ?? 0));
  }

  async bumpTagVersions(tags: readonly string[]): Promise<number[]> {
    const pipeline = this.#c.pipeline();
    for (const t of tags) pipeline.incr(`${this.#p}tag:${t}`);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, v]) => {
      if (err) throw err;
      return Number(v);
    });
  }

  async acquireFillLease(key: string, owner: string, leaseMs: number): Promise<boolean> {
    const r = await this.#c.set(`${this.#p}lease:${key}`, owner, 'PX', leaseMs, 'NX');
    return r === 'OK';
  }

  async releaseFillLease(key: string, owner: string): Promise<void> {
    await this.#c.eval(RELEASE, 1, `${this.#p}lease:${key}`, owner);
  }
}
