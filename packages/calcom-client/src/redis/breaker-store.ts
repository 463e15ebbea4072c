import type { Cluster, Redis } from 'ioredis';
import type { BreakerStateStore, SharedBreakerState } from '../breaker/store.js';

/** Options of {@link RedisBreakerStateStore}. */
export interface RedisBreakerStateStoreOptions {
  /** Caller-owned ioredis client (`Redis` or `Cluster`); never closed by the store. */
  client: Redis | Cluster;
  /**
   * Prefix of every key. Keys are `<prefix>breaker:{<group>}` and
   * `<prefix>breaker:{<group>}:probe:<generation>` (hash-tagged for Cluster).
   * @default 'vb:calcom:'
   */
  prefix?: string;
}

const OPEN = `
local g = redis.call('HINCRBY', KEYS[1], 'generation', 1)
redis.call('HSET', KEYS[1], 'openUntil', ARGV[1])
return g`;

const CLOSE = `
local g = redis.call('HGET', KEYS[1], 'generation')
if (g or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'openUntil', '0')
return 1`;

const ACQUIRE = `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * {@link BreakerStateStore} on Redis: open-until + generation in one hash per endpoint group,
 * shared by every instance; the half-open probe lease is a `SET … PX` key that only one
 * instance can hold (compare-and-set in Lua, so the holder can renew it and nobody else can).
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisBreakerStateStore } from '@voicebook/calcom-client/redis';
 * import { createBreakerRegistry } from '@voicebook/calcom-client';
 *
 * const store = new RedisBreakerStateStore({ client: new Redis(), prefix: 'vb:' });
 * const breakers = createBreakerRegistry({ store });
 * ```
 */
export class RedisBreakerStateStore implements BreakerStateStore {
  readonly #client: Redis | Cluster;
  readonly #prefix: string;

  constructor(options: RedisBreakerStateStoreOptions) {
    this.#client = options.client;
    this.#prefix = options.prefix ?? 'vb:calcom:';
  }

  #key(group: string): string {
    return `${this.#prefix}breaker:{${group}}`;
  }

  async read(group: string): Promise<SharedBreakerState> {
    const [openUntil, generation] = await this.#client.hmget(
      this.#key(group),
      'openUntil',
      'generation',
    );
    return { openUntil: Number(openUntil ?? 0), generation: Number(generation ?? 0) };
  }

  async open(group: string, openUntil: number): Promise<SharedBreakerState> {
    const generation = await this.#client.eval(OPEN, 1, this.#key(group), String(openUntil));
    return { openUntil, generation: Number(generation) };
  }

  async close(group: string, generation: number): Promise<boolean> {
    const r = await this.#client.eval(CLOSE, 1, this.#key(group), String(generation));
    return Number(r) === 1;
  }

  async acquireProbe(
    group: string,
    generation: number,
    owner: string,
    leaseMs: number,
  ): Promise<boolean> {
    const key = `${this.#key(group)}:probe:${String(generation)}`;
    const r = await this.#client.eval(ACQUIRE, 1, key, owner, String(leaseMs));
    return Number(r) === 1;
  }

  async releaseProbe(group: string, generation: number, owner: string): Promise<void> {
    const key = `${this.#key(group)}:probe:${String(generation)}`;
    await this.#client.eval(RELEASE, 1, key, owner);
  }
}
