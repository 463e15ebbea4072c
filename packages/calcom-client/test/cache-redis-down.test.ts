import { startRedisServer, waitFor, type RedisServerProcess } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTieredCache, type CacheEvent } from '../src/cache/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';

describe('tiered cache when Redis dies', () => {
  let server: RedisServerProcess;
  const connect = () => server.connect();
  beforeEach(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('gets keep succeeding (L1 + loader) while Redis is down, and L2 comes back by itself', async () => {
    const events: CacheEvent[] = [];
    const client = connect();
    const cache = await createTieredCache({
      store: new RedisCacheStore({ client, prefix: 't:' }),
      bus: new RedisInvalidationBus({ client, subscriber: connect(), prefix: 't:' }),
      l2TimeoutMs: 50,
      l2RetryAfterMs: 100,
      onEvent: (e) => events.push(e),
    });
    let n = 0;
    const loader = vi.fn(() => Promise.resolve(++n));
    expect((await cache.get('a', loader, { keyGroup: 'slots' })).source).toBe('loader');
    expect(await client.exists('t:c:a')).toBe(1);

    await server.kill();
    await waitFor(() => events.some((e) => e.type === 'bus:disconnected'), {
      message: 'bus:disconnected',
    });
    expect(cache.l1Bypassed).toBe(true);

    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await cache.get(`k${String(i)}`, loader, { keyGroup: 'slots' });
      expect(r.source).toBe('loader');
      expect(performance.now() - t0).toBeLessThan(500);
    }
    expect(events.some((e) => e.type === 'cache:l2-error' && e.keyGroup === 'slots')).toBe(true);

    await server.restart();
    await waitFor(() => events.some((e) => e.type === 'bus:reconnected'), {
      message: 'bus:reconnected',
    });
    // L2 is used again: a fill on this instance is visible in Redis
    await waitFor(
      async () => {
        await cache.get(`after-${String(n)}`, loader, { keyGroup: 'slots' });
        return (await client.exists(`t:c:after-${String(n - 1)}`)) === 1;
      },
      { message: 'L2 writes to resume', intervalMs: 120 },
    );
    expect(cache.l1Bypassed).toBe(false);
    await cache.close();
  });

  it('a hanging L2 is cut off by l2TimeoutMs', async () => {
    const client = connect();
    const events: CacheEvent[] = [];
    const cache = await createTieredCache({
      store: new RedisCacheStore({ client, prefix: 't:' }),
      l2TimeoutMs: 30,
      onEvent: (e) => events.push(e),
    });
    // CLIENT PAUSE makes the server hold our commands, like an overloaded Redis.
    const admin = connect();
    await admin.call('CLIENT', 'PAUSE', '500', 'ALL');
    const t0 = performance.now();
    const r = await cache.get('k', () => Promise.resolve('v'), { keyGroup: 'eventTypes' });
    const elapsed = performance.now() - t0;
    expect(r).toEqual({ value: 'v', stale: false, source: 'loader' });
    expect(elapsed).toBeLessThan(200);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'cache:l2-error', keyGroup: 'eventTypes', operation: 'get' }),
    );
    await cache.close();
  });
});
