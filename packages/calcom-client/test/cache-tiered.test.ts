import { createTestRedis, type TestRedis } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTieredCache,
  MemoryInvalidationBus,
  type CacheEvent,
  type TieredCacheOptions,
} from '../src/cache/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';

const slotsFor = (n: number) => ({ '2026-11-26': Array.from({ length: n }, (_, i) => ({ i })) });

describe('tiered cache, L1 only', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves L1 hits and reloads after the TTL', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = await createTieredCache();
    const loader = vi.fn(() => Promise.resolve(slotsFor(2)));
    const opts = { keyGroup: 'slots' };
    expect(await cache.get('k', loader, opts)).toEqual({
      value: slotsFor(2),
      stale: false,
      source: 'loader',
    });
    expect((await cache.get('k', loader, opts)).source).toBe('l1');
    vi.setSystemTime(Date.now() + 299_000);
    expect((await cache.get('k', loader, opts)).source).toBe('l1');
    vi.setSystemTime(Date.now() + 1_001);
    expect((await cache.get('k', loader, opts)).source).toBe('loader');
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('applies the TTL policy: empty 150 s, far future 1,500 s, eventTypes 1 h', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = await createTieredCache();
    const empty = vi.fn(() => Promise.resolve(slotsFor(0)));
    await cache.get('e', empty, { keyGroup: 'slots' });
    vi.setSystemTime(Date.now() + 149_000);
    await cache.get('e', empty, { keyGroup: 'slots' });
    expect(empty).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 1_001);
    await cache.get('e', empty, { keyGroup: 'slots' });
    expect(empty).toHaveBeenCalledTimes(2);

    const far = vi.fn(() => Promise.resolve(slotsFor(1)));
    const startsAt = new Date(Date.now() + 20 * 86_400_000);
    await cache.get('f', far, { keyGroup: 'slots', policy: { startsAt } });
    vi.setSystemTime(Date.now() + 1_499_000);
    await cache.get('f', far, { keyGroup: 'slots', policy: { startsAt } });
    expect(far).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 1_001);
    await cache.get('f', far, { keyGroup: 'slots', policy: { startsAt } });
    expect(far).toHaveBeenCalledTimes(2);

    const et = vi.fn(() => Promise.resolve({ id: 1 }));
    await cache.get('et', et, { keyGroup: 'eventTypes' });
    vi.setSystemTime(Date.now() + 3_599_000);
    await cache.get('et', et, { keyGroup: 'eventTypes' });
    expect(et).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 2_000);
    await cache.get('et', et, { keyGroup: 'eventTypes' });
    expect(et).toHaveBeenCalledTimes(2);
  });

  it('single-flight: 100 concurrent gets of one key → 1 loader call', async () => {
    const events: CacheEvent[] = [];
    const cache = await createTieredCache({ onEvent: (e) => events.push(e) });
    const loader = vi.fn(
      () =>
        new Promise<number>((r) =>
          setTimeout(() => {
            r(42);
          }, 20),
        ),
    );
    const results = await Promise.all(
      Array.from({ length: 100 }, () => cache.get('k', loader, { keyGroup: 'slots' })),
    );
    expect(loader).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.value === 42)).toBe(true);
    expect(events.filter((e) => e.type === 'cache:coalesced')).toHaveLength(99);
  });

  it('stale-while-revalidate answers stale at once and refreshes in the background', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = await createTieredCache({ staleWhileRevalidateMs: 10_000 });
    let n = 0;
    const loader = vi.fn(() => Promise.resolve(++n));
    await cache.get('k', loader, { keyGroup: 'x', ttlMs: 1_000 });
    vi.setSystemTime(Date.now() + 1_500);
    expect(await cache.get('k', loader, { keyGroup: 'x', ttlMs: 1_000 })).toEqual({
      value: 1,
      stale: true,
      source: 'l1',
    });
    await vi.waitFor(() => expect(loader).toHaveBeenCalledTimes(2));
    await vi.waitFor(async () =>
      expect((await cache.get('k', loader, { keyGroup: 'x', ttlMs: 1_000 })).value).toBe(2),
    );
  });

  it('stale-if-error serves the old value when the loader fails, within maxStaleMs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = await createTieredCache({ staleIfErrorMs: 60_000, maxStaleMs: 30_000 });
    await cache.get('k', () => Promise.resolve('old'), { keyGroup: 'x', ttlMs: 1_000 });
    vi.setSystemTime(Date.now() + 20_000);
    const failing = () => Promise.reject(new Error('calcom down'));
    expect(await cache.get('k', failing, { keyGroup: 'x', ttlMs: 1_000 })).toEqual({
      value: 'old',
      stale: true,
      source: 'l1',
    });
    vi.setSystemTime(Date.now() + 11_001); // past ttl + maxStaleMs (30 s)
    await expect(cache.get('k', failing, { keyGroup: 'x', ttlMs: 1_000 })).rejects.toThrow(
      'calcom down',
    );
  });

  it('without staleIfErrorMs a loader error propagates', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = await createTieredCache();
    await cache.get('k', () => Promise.resolve('old'), { keyGroup: 'x', ttlMs: 1_000 });
    vi.setSystemTime(Date.now() + 2_000);
    await expect(
      cache.get('k', () => Promise.reject(new Error('boom')), { keyGroup: 'x', ttlMs: 1_000 }),
    ).rejects.toThrow('boom');
  });

  it('peekStale returns expired and invalidated values without loading', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = await createTieredCache({ staleIfErrorMs: 60_000 });
    expect(await cache.peekStale('k')).toBeUndefined();
    await cache.get('k', () => Promise.resolve('v'), { keyGroup: 'x', ttlMs: 1_000, tags: ['t'] });
    expect(await cache.peekStale('k')).toEqual({ value: 'v', stale: false, source: 'l1' });
    await cache.invalidateTags(['t']);
    expect(await cache.peekStale('k')).toEqual({ value: 'v', stale: true, source: 'l1' });
  });

  it('invalidation by tag forces a reload on every instance of a memory bus', async () => {
    const bus = new MemoryInvalidationBus();
    const [a, b] = [await createTieredCache({ bus }), await createTieredCache({ bus })];
    const tags = ['et:1001:day:2026-11-26'];
    const la = vi.fn(() => Promise.resolve('a'));
    const lb = vi.fn(() => Promise.resolve('b'));
    await a.get('k', la, { keyGroup: 'slots', tags });
    await b.get('k', lb, { keyGroup: 'slots', tags });
    await a.invalidateTags(tags);
    await new Promise((r) => setImmediate(r));
    await a.get('k', la, { keyGroup: 'slots', tags });
    await b.get('k', lb, { keyGroup: 'slots', tags });
    expect(la).toHaveBeenCalledTimes(2);
    expect(lb).toHaveBeenCalledTimes(2);
  });

  it('flushes and bypasses L1 while the bus is disconnected', async () => {
    const bus = new MemoryInvalidationBus();
    const events: CacheEvent[] = [];
    const cache = await createTieredCache({ bus, onEvent: (e) => events.push(e) });
    const loader = vi.fn(() => Promise.resolve(1));
    await cache.get('k', loader, { keyGroup: 'x' });
    bus.setConnected(false);
    expect(cache.l1Bypassed).toBe(true);
    await cache.get('k', loader, { keyGroup: 'x' });
    await cache.get('k', loader, { keyGroup: 'x' });
    expect(loader).toHaveBeenCalledTimes(3);
    bus.setConnected(true);
    await cache.get('k', loader, { keyGroup: 'x' });
    expect((await cache.get('k', loader, { keyGroup: 'x' })).source).toBe('l1');
    expect(loader).toHaveBeenCalledTimes(4);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['bus:disconnected', 'bus:reconnected']),
    );
  });

  it('invalidates its own L1 when the L2 store is down', async () => {
    const down = () => Promise.reject(new Error('ECONNREFUSED'));
    const events: CacheEvent[] = [];
    const cache = await createTieredCache({
      store: {
        get: down,
        set: down,
        delete: down,
        getTagVersions: down,
        bumpTagVersions: down,
        acquireFillLease: down,
        releaseFillLease: down,
      },
      l2RetryAfterMs: 0,
      onEvent: (e) => events.push(e),
    });
    const tags = ['et:1:day:2026-11-26'];
    let n = 0;
    const loader = vi.fn(() => Promise.resolve(++n));
    expect((await cache.get('k', loader, { keyGroup: 'slots', tags })).value).toBe(1);
    expect((await cache.get('k', loader, { keyGroup: 'slots', tags })).source).toBe('l1');
    await new Promise((r) => setTimeout(r, 2));
    await cache.invalidateTags(tags);
    expect(await cache.get('k', loader, { keyGroup: 'slots', tags })).toEqual({
      value: 2,
      stale: false,
      source: 'loader',
    });
    expect(events.some((e) => e.type === 'cache:l2-error')).toBe(true);
  });

  it('events carry the key group, never the raw key', async () => {
    const events: CacheEvent[] = [];
    const cache = await createTieredCache({ onEvent: (e) => events.push(e) });
    await cache.get('slots:secret-key', () => Promise.resolve(1), { keyGroup: 'slots' });
    await cache.get('slots:secret-key', () => Promise.resolve(1), { keyGroup: 'slots' });
    expect(JSON.stringify(events)).not.toContain('secret-key');
    expect(events).toEqual([
      { type: 'cache:miss', keyGroup: 'slots' },
      { type: 'cache:hit', keyGroup: 'slots', layer: 'l1' },
    ]);
  });
});

describe('tiered cache on real Redis', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis('cache');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await redis.cleanup();
  });

  const instance = (opts: TieredCacheOptions = {}) => {
    const client = redis.connect();
    return createTieredCache({
      store: new RedisCacheStore({ client, prefix: redis.prefix }),
      bus: new RedisInvalidationBus({
        client,
        subscriber: redis.connect(),
        prefix: redis.prefix,
      }),
      l2TimeoutMs: 500,
      ...opts,
    });
  };

  it('an L2 hit on another instance, then an L1 hit', async () => {
    const [a, b] = [await instance(), await instance()];
    const loader = vi.fn(() => Promise.resolve({ slots: [1, 2] }));
    expect((await a.get('k', loader, { keyGroup: 'slots' })).source).toBe('loader');
    expect(await b.get('k', loader, { keyGroup: 'slots' })).toEqual({
      value: { slots: [1, 2] },
      stale: false,
      source: 'l2',
    });
    expect((await b.get('k', loader, { keyGroup: 'slots' })).source).toBe('l1');
    expect(loader).toHaveBeenCalledTimes(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('fill lease: 3 instances × 10 concurrent misses → 1 loader call in total', async () => {
    const fleet = await Promise.all(
      [0, 1, 2].map(() => instance({ fillLeaseMs: 2_000, fillLeaseWaitMs: 1_000 })),
    );
    const loader = vi.fn(
      () =>
        new Promise<string>((r) =>
          setTimeout(() => {
            r('v');
          }, 50),
        ),
    );
    const results = await Promise.all(
      fleet.flatMap((c) =>
        Array.from({ length: 10 }, () => c.get('k', loader, { keyGroup: 'slots' })),
      ),
    );
    expect(loader).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.value === 'v' && !r.stale)).toBe(true);
    await Promise.all(fleet.map((c) => c.close()));
  });

  it('non-holders stop waiting after fillLeaseWaitMs and load themselves', async () => {
    const opts = { fillLeaseMs: 5_000, fillLeaseWaitMs: 60, fillLeasePollMs: 10 };
    const [a, b] = [await instance(opts), await instance(opts)];
    let release!: () => void;
    const slow = vi.fn(
      () =>
        new Promise<string>(
          (r) =>
            (release = () => {
              r('slow');
            }),
        ),
    );
    const holder = a.get('k', slow, { keyGroup: 'slots' });
    await vi.waitFor(() => expect(slow).toHaveBeenCalled());
    const own = vi.fn(() => Promise.resolve('own'));
    const t0 = performance.now();
    expect(await b.get('k', own, { keyGroup: 'slots' })).toEqual({
      value: 'own',
      stale: false,
      source: 'loader',
    });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
    release();
    await holder;
    await Promise.all([a.close(), b.close()]);
  });

  it('without the lease (fillLeaseMs: 0) each of 3 instances loads once', async () => {
    const fleet = await Promise.all([0, 1, 2].map(() => instance({ fillLeaseMs: 0 })));
    const loader = vi.fn(
      () =>
        new Promise<string>((r) =>
          setTimeout(() => {
            r('v');
          }, 50),
        ),
    );
    await Promise.all(fleet.map((c) => c.get('k', loader, { keyGroup: 'slots' })));
    expect(loader).toHaveBeenCalledTimes(3);
    await Promise.all(fleet.map((c) => c.close()));
  });

  it('stale-if-error from L2 on a fresh instance', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const a = await instance({ staleIfErrorMs: 60_000 });
    await a.get('k', () => Promise.resolve('old'), { keyGroup: 'x', ttlMs: 1_000 });
    vi.setSystemTime(Date.now() + 5_000);
    const b = await instance({ staleIfErrorMs: 60_000 });
    expect(
      await b.get('k', () => Promise.reject(new Error('down')), { keyGroup: 'x', ttlMs: 1_000 }),
    ).toEqual({ value: 'old', stale: true, source: 'l2' });
    await Promise.all([a.close(), b.close()]);
  });

  it('invalidation reaches 3 instances through the Redis bus', async () => {
    const fleet = await Promise.all([0, 1, 2].map(() => instance()));
    const tags = ['et:1001:day:2026-11-26'];
    let version = 1;
    const loader = vi.fn(() => Promise.resolve(version));
    for (const c of fleet) await c.get('k', loader, { keyGroup: 'slots', tags });
    expect(loader).toHaveBeenCalledTimes(1); // one load, two L2 hits
    version = 2;
    const seen: number[] = [];
    await fleet[0]!.invalidateTags(tags);
    for (const c of fleet) {
      await vi.waitFor(async () => {
        const r = await c.get('k', loader, { keyGroup: 'slots', tags });
        expect(r.value).toBe(2);
      });
      seen.push(2);
    }
    expect(seen).toHaveLength(3);
    expect(loader.mock.calls.length).toBeLessThanOrEqual(3);
    await Promise.all(fleet.map((c) => c.close()));
  });

  it('a late or duplicate invalidation cannot resurrect old data; a slow load is not fresh', async () => {
    const [a, b] = [await instance(), await instance()];
    const tags = ['et:7:day:2026-11-26'];
    // A slow load that started before the booking finishes after the invalidation.
    let release!: (v: string) => void;
    const slow = a.get('k', () => new Promise<string>((r) => (release = r)), {
      keyGroup: 'slots',
      tags,
    });
    await new Promise((r) => setTimeout(r, 20));
    await b.invalidateTags(tags);
    release('before-booking');
    await slow;
    const fresh = vi.fn(() => Promise.resolve('after-booking'));
    await vi.waitFor(async () => {
      expect((await a.get('k', fresh, { keyGroup: 'slots', tags })).value).toBe('after-booking');
    });
    // Replaying the old (version 1) message, twice, changes nothing.
    const client = redis.connect();
    const stale = JSON.stringify({ origin: 'replay', tags: { [tags[0]!]: 1 } });
    await client.publish(`${redis.prefix}invalidate`, stale);
    await client.publish(`${redis.prefix}invalidate`, stale);
    await new Promise((r) => setTimeout(r, 50));
    expect(await a.get('k', fresh, { keyGroup: 'slots', tags })).toEqual({
      value: 'after-booking',
      stale: false,
      source: 'l1',
    });
    expect(fresh).toHaveBeenCalledTimes(1);
    await Promise.all([a.close(), b.close()]);
  });
});
