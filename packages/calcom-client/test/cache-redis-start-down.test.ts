import { startRedisServer, waitFor, type RedisServerProcess } from '@voicebook/test-utils';
import type { Redis } from 'ioredis';
import { type RedisOptions } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTieredCache,
  type CacheEvent,
  type InvalidationBus,
  type InvalidationBusHandlers,
  type TieredCache,
} from '../src/cache/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';

/**
 * The bus' own subscribe timeout in these tests. Far below createTieredCache's 2 s start bound, so
 * a start that took the bus' way out is told apart from one that waited for the cache's, with
 * more than a second of slack for a loaded machine.
 */
const SUBSCRIBE_TIMEOUT_MS = 250;
const BUS_START_TIMEOUT_MS = 2_000;

describe('tiered cache created while Redis is down', () => {
  let server: RedisServerProcess;
  const connect = (options?: RedisOptions) => server.connect(options);
  beforeEach(async () => {
    server = await startRedisServer();
    await server.kill(); // the port is known, nothing listens on it yet
  });
  afterEach(async () => {
    await server.stop();
  });

  const tiered = (client: Redis, events: CacheEvent[], subscriber?: Redis) =>
    createTieredCache({
      store: new RedisCacheStore({ client, prefix: 't:' }),
      bus: new RedisInvalidationBus({
        client,
        prefix: 't:',
        ...(subscriber ? { subscriber } : {}),
        subscribeTimeoutMs: SUBSCRIBE_TIMEOUT_MS,
      }),
      l2TimeoutMs: 50,
      l2RetryAfterMs: 100,
      onEvent: (e) => events.push(e),
    });

  for (const variant of [
    { name: 'maxRetriesPerRequest: 1, owned subscriber', options: {}, own: true },
    {
      name: 'maxRetriesPerRequest: null, caller subscriber',
      options: { maxRetriesPerRequest: null },
      own: false,
    },
  ] as const) {
    it(`starts in bounded time, serves L1-bypassed + loader, picks up L2 and the bus by itself (${variant.name})`, async () => {
      const events: CacheEvent[] = [];
      const client = connect(variant.options);
      const t0 = performance.now();
      const cache = await tiered(
        client,
        events,
        variant.own ? undefined : connect(variant.options),
      );
      // Bounded by the bus giving up by itself (SUBSCRIBE_TIMEOUT_MS), not by the cache's 2 s.
      expect(performance.now() - t0).toBeLessThan(BUS_START_TIMEOUT_MS - 500);
      expect(cache.l1Bypassed).toBe(true);
      expect(events.filter((e) => e.type === 'bus:disconnected')).toHaveLength(1);

      let n = 0;
      const loader = vi.fn(() => Promise.resolve(++n));
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const r = await cache.get('k', loader, {
          keyGroup: 'slots',
          tags: ['et:1:day:2026-11-26'],
        });
        // L1 is bypassed exactly as after a later disconnect: every get goes to the loader.
        expect(r).toEqual({ value: i + 1, stale: false, source: 'loader' });
        expect(performance.now() - t).toBeLessThan(500);
      }
      await expect(cache.invalidateTags(['et:1:day:2026-11-26'])).resolves.toBe(false);
      expect(events.some((e) => e.type === 'cache:l2-error' && e.keyGroup === 'slots')).toBe(true);

      await server.restart();
      await waitFor(() => events.some((e) => e.type === 'bus:reconnected'), {
        message: 'bus:reconnected',
      });
      expect(cache.l1Bypassed).toBe(false);
      expect(events.filter((e) => e.type === 'bus:reconnected')).toHaveLength(1);

      // L2 is used again, and the bus carries invalidations from a second instance.
      const otherEvents: CacheEvent[] = [];
      const other = await tiered(connect(), otherEvents);
      expect(other.l1Bypassed).toBe(false);
      let attempt = 0;
      let key = 'k2';
      await waitFor(
        async () => {
          key = `k2-${String(++attempt)}`;
          await cache.get(key, loader, { keyGroup: 'slots', tags: ['et:1'] });
          return (await client.exists(`t:c:${key}`)) === 1;
        },
        { message: 'L2 writes to resume', intervalMs: 120 },
      );
      const before = n;
      expect((await cache.get(key, loader, { keyGroup: 'slots', tags: ['et:1'] })).source).toBe(
        'l1',
      );
      await other.invalidateTags(['et:1']);
      await waitFor(() => events.some((e) => e.type === 'cache:invalidated' && e.remote), {
        message: 'remote invalidation',
      });
      expect(await cache.get(key, loader, { keyGroup: 'slots', tags: ['et:1'] })).toEqual({
        value: before + 1,
        stale: false,
        source: 'loader',
      });
      await other.close();
      await cache.close();
    });
  }

  it('close() while Redis is still down returns promptly', async () => {
    const events: CacheEvent[] = [];
    const cache = await tiered(connect({ maxRetriesPerRequest: null }), events);
    const t0 = performance.now();
    await cache.close();
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('tiered cache with a bus that is not there at start-up', () => {
  it('a hanging subscribe does not hold up createTieredCache; the late subscription is adopted', async () => {
    const events: CacheEvent[] = [];
    let resolve!: (u: () => Promise<void>) => void;
    const unsubscribe = vi.fn(() => Promise.resolve());
    const bus: InvalidationBus = {
      publish: () => Promise.resolve(),
      subscribe: () => new Promise((r) => (resolve = r)),
    };
    // Fake timers: the start bound is checked to the millisecond, whatever the machine's load.
    // (setImmediate stays real: the timeout's rejection waits for one, after I/O.)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let cache: TieredCache;
    try {
      const start = { done: false };
      const starting = createTieredCache({ bus, onEvent: (e) => events.push(e) }).then((c) => {
        start.done = true;
        return c;
      });
      await vi.advanceTimersByTimeAsync(BUS_START_TIMEOUT_MS - 1);
      expect(start.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      for (let i = 0; i < 10 && !start.done; i++) await new Promise((r) => setImmediate(r));
      expect(start.done).toBe(true);
      cache = await starting;
    } finally {
      vi.useRealTimers();
    }
    expect(cache.l1Bypassed).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['bus:disconnected']);
    resolve(unsubscribe);
    await waitFor(() => !cache.l1Bypassed, { message: 'adopted subscription' });
    expect(events.map((e) => e.type)).toEqual(['bus:disconnected', 'bus:reconnected']);
    await cache.close();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('a rejected subscribe is reported and retried until it stands', async () => {
    const events: CacheEvent[] = [];
    let attempts = 0;
    let handlers: InvalidationBusHandlers | undefined;
    const bus: InvalidationBus = {
      publish: () => Promise.resolve(),
      subscribe: (h) => {
        attempts += 1;
        if (attempts < 3) return Promise.reject(new Error('ECONNREFUSED t:invalidate'));
        handlers = h;
        return Promise.resolve(() => Promise.resolve());
      },
    };
    const cache = await createTieredCache({
      bus,
      l2RetryAfterMs: 100,
      onEvent: (e) => events.push(e),
    });
    expect(cache.l1Bypassed).toBe(true);
    await waitFor(() => !cache.l1Bypassed, { message: 'subscribed on retry' });
    expect(attempts).toBe(3);
    expect(events.filter((e) => e.type === 'cache:l2-error')).toEqual([
      expect.objectContaining({
        operation: 'subscribe',
        error: { name: 'Error', message: 'ECONNREFUSED [redacted]' },
      }),
      expect.objectContaining({ operation: 'subscribe' }),
    ]);
    expect(events.filter((e) => e.type.startsWith('bus:')).map((e) => e.type)).toEqual([
      'bus:disconnected',
      'bus:reconnected',
    ]);
    // later disconnects follow the usual rule
    handlers?.onConnectionChange(false);
    expect(cache.l1Bypassed).toBe(true);
    await cache.close();
  });

  it('a bus that subscribes at once starts without any bus event', async () => {
    const events: CacheEvent[] = [];
    const cache = await createTieredCache({
      bus: {
        publish: () => Promise.resolve(),
        subscribe: () => Promise.resolve(() => Promise.resolve()),
      },
      onEvent: (e) => events.push(e),
    });
    expect(cache.l1Bypassed).toBe(false);
    expect(events).toEqual([]);
    await cache.close();
  });
});
