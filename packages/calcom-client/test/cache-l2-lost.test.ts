import { createTestRedis, deleteByPrefix, waitFor, type TestRedis } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTieredCache, type TieredCache } from '../src/cache/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';

// Redis restarted empty or flushed: tag versions start again at 1 while every instance still
// knows higher ones. Simulated on the shared Redis by deleting exactly this test's keys (no
// FLUSHALL); the bus subscription stays up, as it does through a FLUSHALL.
let redis: TestRedis;
let caches: TieredCache[];

beforeEach(async () => {
  redis = await createTestRedis('l2lost');
  caches = [];
});
afterEach(async () => {
  for (const c of caches) await c.close();
  await redis.cleanup();
});

async function instance(): Promise<TieredCache> {
  const client = redis.connect();
  const cache = await createTieredCache({
    store: new RedisCacheStore({ client, prefix: redis.prefix }),
    bus: new RedisInvalidationBus({ client, prefix: redis.prefix }),
    l2TimeoutMs: 1_000, // a loaded CI machine: no L2 timeouts in this test
  });
  caches.push(cache);
  return cache;
}

const TAGS = ['et:1001:day:2026-11-26', 'acct:day:2026-11-26'];
const opts = { keyGroup: 'slots', tags: TAGS };

describe('tiered cache after Redis lost its state', () => {
  it('an invalidation after the loss reaches entries filled before it, on every instance', async () => {
    const [a, b] = [await instance(), await instance()];
    for (let i = 0; i < 3; i++) expect(await a.invalidateTags(TAGS)).toBe(true); // versions 3
    let truth = 'free';
    const load = () => Promise.resolve(truth);
    expect((await a.get('slots', load, opts)).value).toBe('free');
    expect((await b.get('slots', load, opts)).source).toBe('l2');
    expect((await b.get('slots', load, opts)).source).toBe('l1');

    expect(await deleteByPrefix(redis.client, redis.prefix)).toBeGreaterThan(0);
    truth = 'booked';
    await a.invalidateTags(TAGS); // the booking: versions go to 1 in the emptied Redis

    expect(await a.get('slots', load, opts)).toMatchObject({ value: 'booked', stale: false });
    await waitFor(async () => (await b.get('slots', load, opts)).value === 'booked', {
      timeoutMs: 5_000,
    });
  });

  it('entries filled after the loss are invalidated by the next booking', async () => {
    const [a, b] = [await instance(), await instance()];
    for (let i = 0; i < 3; i++) await a.invalidateTags(TAGS);
    await a.get('other', () => Promise.resolve(0), opts); // both know version 3 now
    await b.get('other', () => Promise.resolve(0), opts);

    await deleteByPrefix(redis.client, redis.prefix);
    let truth = 'free';
    const load = () => Promise.resolve(truth);
    // Filled after the loss; read twice so the second answer is a cache hit.
    await a.get('slots', load, opts);
    await a.get('slots', load, opts);
    expect((await b.get('slots', load, opts)).value).toBe('free');
    expect((await b.get('slots', load, opts)).source).not.toBe('loader');

    truth = 'booked';
    await a.invalidateTags(TAGS);
    expect((await a.get('slots', load, opts)).value).toBe('booked');
    await waitFor(async () => (await b.get('slots', load, opts)).value === 'booked', {
      timeoutMs: 5_000,
    });
  });

  it('an L2 entry stamped with versions higher than Redis now holds is not served as fresh', async () => {
    const [a, b] = [await instance(), await instance()];
    for (let i = 0; i < 3; i++) await a.invalidateTags(TAGS);
    await a.get('slots', () => Promise.resolve('old'), opts); // stamped with version 3
    // Only the tag versions are lost (evicted, or a restore of an older snapshot of them).
    for (const t of TAGS) await redis.client.del(`${redis.prefix}tag:${t}`);
    const r = await b.get('slots', () => Promise.resolve('new'), opts);
    expect(r).toMatchObject({ value: 'new', source: 'loader' });
  });
});
