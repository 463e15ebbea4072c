import { randomUUID } from 'node:crypto';
import type { Lease, LockManager } from '../ports/lock-manager.js';
import { RedisBase, script, type RedisAdapterOptions } from './redis-base.js';

// Fences come from Redis' own clock in microseconds, raised above the last one given out: they
// keep increasing even after Redis restarts empty, so a durable ledger (PostgreSQL) that saw a
// fence before never refuses the next holder. The fence key expires after 30 days of disuse.
const ACQUIRE = script(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
local t = redis.call('TIME')
local f = tonumber(t[1]) * 1000000 + tonumber(t[2])
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if f <= last then f = last + 1 end
local s = string.format('%.0f', f)
redis.call('SET', KEYS[2], s, 'PX', 2592000000)
return s`);

const RELEASE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** Options of {@link RedisLockManager}. */
export interface RedisLockManagerOptions extends RedisAdapterOptions {
  /** How often a waiting `acquire` retries. @default 25 */
  retryIntervalMs?: number | undefined;
  /** The clock `waitMs` is measured on, epoch ms. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * {@link LockManager} on Redis, shared by every instance: `SET NX PX` with a random token,
 * release by Lua only for the own token, and a fencing token per key that keeps increasing across
 * holders, instances and Redis restarts.
 * @example
 * ```ts
 * const locks = new RedisLockManager({ client: new Redis() });
 * const lease = await locks.acquire('slot:salon:1001:2026-03-31T14:30', 20_000);
 * ```
 */
export class RedisLockManager extends RedisBase implements LockManager {
  readonly #retryMs: number;
  readonly #now: () => number;

  /** @param options the caller-owned client, key prefix, command timeout, retry interval and clock */
  constructor(options: RedisLockManagerOptions) {
    super(options);
    this.#retryMs = options.retryIntervalMs ?? 25;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Takes `key` for `ttlMs` (`SET NX PX` with a random token), waiting up to `waitMs` (default 0)
   * for a held key to come free.
   * @param key the lock key (a slot: tenant, host or event type, start)
   * @param ttlMs how long the lease holds unless released
   * @param options.waitMs how long to keep trying while someone else holds the key
   * @returns the lease with its fencing token, or `undefined` when the key is still held
   * @throws {BookingEngineError} `E_STORE_UNAVAILABLE` (retryable) when Redis fails or does not answer in time.
   */
  async acquire(
    key: string,
    ttlMs: number,
    options: { waitMs?: number } = {},
  ): Promise<Lease | undefined> {
    const waitMs = Math.max(0, options.waitMs ?? 0);
    const giveUpAt = this.#now() + waitMs;
    let slept = 0;
    // Two separate namespaces: no lock key can name another key's fence counter.
    const lockKey = `${this.prefix}lock:${key}`;
    const fenceKey = `${this.prefix}fence:${key}`;
    for (;;) {
      const token = randomUUID();
      const fence = await this.run('lock acquire', () =>
        this.script(ACQUIRE, [lockKey, fenceKey], [token, Math.max(1, Math.ceil(ttlMs))]),
      ).catch((error: unknown) => {
        // An acquire that timed out may still wait in ioredis' offline queue and run once Redis
        // is back. Queue the release of its token behind it (one connection keeps the order),
        // so a lease nobody received never blocks the slot for its TTL.
        this.script(RELEASE, [lockKey], [token]).catch(() => undefined);
        throw error;
      });
      if (typeof fence === 'string') {
        return {
          key,
          fence: Number(fence),
          release: async () =>
            (await this.run('lock release', () => this.script(RELEASE, [lockKey], [token]))) === 1,
        };
      }
      // Bounded on the clock and on the time spent sleeping, so a frozen test clock cannot
      // make a waiting acquire spin for ever.
      slept += this.#retryMs;
      if (this.#now() >= giveUpAt || slept > waitMs) return undefined;
      await new Promise((resolve) => setTimeout(resolve, this.#retryMs));
    }
  }
}
