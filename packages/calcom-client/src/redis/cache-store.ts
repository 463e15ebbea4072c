import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { decodeCacheEntry } from '../cache/entry.js';
import type { CacheEntry, CacheEntryWithVersions, CacheStore } from '../cache/types.js';

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

/**
 * GET of an entry and MGET of its tags' versions in one round trip. Answers `false` (absent),
 * `{raw}` (not an entry with a tag object: the caller decides), or `{raw, tag1, v1, …}`.
 * ARGV[1] is the prefix of tag keys. The tag keys are not declared in KEYS: standalone Redis
 * only (see the Redis Cluster limit in RESILIENCE.md).
 */
const GET_WITH_VERSIONS = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local ok, e = pcall(cjson.decode, raw)
if not ok or type(e) ~= 'table' or type(e.tags) ~= 'table' then return {raw} end
local names, keys = {}, {}
for t, _ in pairs(e.tags) do
  if type(t) == 'string' then
    names[#names + 1] = t
    keys[#keys + 1] = ARGV[1] .. t
  end
end
if #keys == 0 then return {raw} end
local out = {raw}
local vs = redis.call('MGET', unpack(keys))
for i = 1, #names do
  out[#out + 1] = names[i]
  out[#out + 1] = vs[i] or '0'
end
return out`;
const GET_WITH_VERSIONS_SHA = createHash('sha1').update(GET_WITH_VERSIONS).digest('hex');

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
    return raw === null ? undefined : decodeCacheEntry(raw);
  }

  async getWithTagVersions(key: string): Promise<CacheEntryWithVersions | undefined> {
    const args = [1, `${this.#p}c:${key}`, `${this.#p}tag:`] as const;
    let reply: unknown;
    try {
      reply = await this.#c.evalsha(GET_WITH_VERSIONS_SHA, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      reply = await this.#c.eval(GET_WITH_VERSIONS, ...args);
    }
    if (!Array.isArray(reply) || typeof reply[0] !== 'string') return undefined;
    const entry = decodeCacheEntry(reply[0]);
    const tagVersions: Record<string, number> = {};
    for (let i = 1; i + 1 < reply.length; i += 2) {
      const v = Number(reply[i + 1]);
      tagVersions[String(reply[i])] = Number.isFinite(v) ? v : 0;
    }
    return { entry, tagVersions };
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
    return values.map((v) => {
      const n = Number(v ?? 0);
      return Number.isFinite(n) ? n : 0;
    });
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
