import { startRedisServer, type RedisServerProcess } from '@voicebook/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBookingEngineError } from '../src/index.js';
import { RedisLockManager } from '../src/redis/index.js';

describe('RedisLockManager and commands queued while Redis is down', () => {
  let server: RedisServerProcess;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('a timed-out acquire that runs late on reconnect does not hold the slot', async () => {
    // ioredis' offline queue keeps the command until Redis is back (no retry limit).
    const client = server.connect({ maxRetriesPerRequest: null });
    const locks = new RedisLockManager({ client, commandTimeoutMs: 300 });
    expect(await locks.acquire('warm-up', 1_000)).toBeDefined();

    await server.kill();
    const failed = await locks.acquire('slot-1', 60_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isBookingEngineError(failed) && failed.code).toBe('E_STORE_UNAVAILABLE');

    await server.restart();
    await client.ping(); // queued behind the late acquire (and its release): both have run now
    const lease = await locks.acquire('slot-1', 60_000);
    expect(lease).toBeDefined();
  }, 30_000);
});
