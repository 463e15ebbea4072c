import { startRedisServer, type RedisServerProcess } from '@voicebook/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBookingEngineError, type Lease } from '../src/index.js';
import {
  RedisAppointmentStore,
  RedisCallStore,
  RedisCustomerStore,
  RedisIdempotencyStore,
  RedisLockManager,
} from '../src/redis/index.js';
import { sampleAppointment } from '../src/testing/index.js';

/** Far above the 300 ms command timeout: a call that has not settled by then hangs. */
const HANG_BOUND_MS = 10_000;

/** What `op` settled with: its error, `'resolved'`, or `'hung'` past {@link HANG_BOUND_MS}. */
async function outcome(op: () => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise((resolve) => (timer = setTimeout(() => resolve('hung'), HANG_BOUND_MS)));
  try {
    return await Promise.race([
      op().then(
        () => 'resolved',
        (e: unknown) => e,
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Redis adapters while Redis is down', () => {
  let server: RedisServerProcess;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('reject within a bound with a retryable E_STORE_UNAVAILABLE, and work again after a restart', async () => {
    const client = server.connect();
    const options = { client, commandTimeoutMs: 300 };
    const locks = new RedisLockManager(options);
    const idem = new RedisIdempotencyStore(options);
    const customers = new RedisCustomerStore(options);
    const ledger = new RedisAppointmentStore(options);
    const calls = new RedisCallStore(options);
    const before = await locks.acquire('slot-1', 60_000);
    expect(before).toBeDefined();

    await server.kill();
    const failures = await Promise.all(
      [
        () => locks.acquire('slot-2', 1_000),
        () => idem.begin('t1', 'k', 'fp', { leaseMs: 1, ttlMs: 1, nowMs: 1 }),
        () => customers.findOrCreateByPhone('t1', '+4930123456'),
        () => ledger.insert(sampleAppointment()),
        () => ledger.listByStatus('requested'),
        () => calls.apply('t1', 'call-1', 'call_started', {}, 1),
      ].map(outcome),
    );
    expect(failures).toHaveLength(6);
    for (const e of failures) {
      expect(isBookingEngineError(e) && [e.code, e.retryable]).toEqual([
        'E_STORE_UNAVAILABLE',
        true,
      ]);
    }

    await server.restart(); // comes back empty: it keeps nothing on disk
    let after: Lease | undefined;
    for (let i = 0; i < 100 && after === undefined; i++) {
      after = await locks.acquire('slot-1', 60_000).catch(() => undefined);
      if (after === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    if (!after || !before) throw new Error('no lease after the restart');
    // Fences keep increasing across the empty restart, so a durable ledger that saw the old
    // fence accepts the new holder.
    expect(after.fence).toBeGreaterThan(before.fence);
    expect(
      (await idem.begin('t1', 'k', 'fp', { leaseMs: 1_000, ttlMs: 1_000, nowMs: 1 })).state,
    ).toBe('started');
    expect((await customers.findOrCreateByPhone('t1', '+4930123456')).created).toBe(true);
    expect(await ledger.insert(sampleAppointment())).toEqual({ ok: true });
    expect((await calls.apply('t1', 'call-1', 'call_started', {}, 1)).applied).toBe(true);
  }, 30_000);
});
