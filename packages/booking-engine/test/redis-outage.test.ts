import { startRedisServer, type RedisServerProcess } from '@voicebook/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBookingEngineError } from '../src/index.js';
import { RedisIdempotencyStore, RedisLockManager } from '../src/redis/index.js';

describe('Redis adapters while Redis is down', () => {
  let server: RedisServerProcess;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('reject within the command timeout with a retryable E_STORE_UNAVAILABLE, and work again after a restart', async () => {
    const client = server.connect();
    const locks = new RedisLockManager({ client, commandTimeoutMs: 300 });
    const idem = new RedisIdempotencyStore({ client, commandTimeoutMs: 300 });
    const before = await locks.acquire('slot-1', 60_000);
    expect(before).toBeDefined();

    await server.kill();
    const failures = await Promise.all([
      locks.acquire('slot-2', 1_000).then(
        () => undefined,
        (e: unknown) => e,
      ),
      idem.begin('t1', 'k', 'fp', { leaseMs: 1, ttlMs: 1, nowMs: 1 }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ]);
    for (const e of failures) {
      expect(isBookingEngineError(e) && [e.code, e.retryable]).toEqual([
        'E_STORE_UNAVAILABLE',
        true,
      ]);
    }

    await server.restart(); // comes back empty: it keeps nothing on disk
    let after;
    for (let i = 0; i < 100 && after === undefined; i++) {
      after = await locks.acquire('slot-1', 60_000).catch(() => undefined);
      if (after === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(after).toBeDefined();
    // Fences keep increasing across the empty restart, so a durable ledger that saw the old
    // fence accepts the new holder.
    expect(after.fence).toBeGreaterThan(before!.fence);
    expect(
      (await idem.begin('t1', 'k', 'fp', { leaseMs: 1_000, ttlMs: 1_000, nowMs: 1 })).state,
    ).toBe('started');
  }, 30_000);
});
