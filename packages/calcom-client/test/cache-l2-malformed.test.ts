import { createTestRedis, type TestRedis } from '@voicebook/test-utils';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTieredCache, type CacheEvent, type TieredCache } from '../src/cache/index.js';
import { RedisCacheStore } from '../src/redis/index.js';

// Whatever sits under an entry's key in Redis (another version of the package, a hand edit, a
// bug elsewhere) must never make get() reject: a malformed entry is a miss.
let redis: TestRedis;
let cache: TieredCache;
const events: CacheEvent[] = [];

beforeEach(async () => {
  redis = await createTestRedis('malformed');
  events.length = 0;
  cache = await createTieredCache({
    store: new RedisCacheStore({ client: redis.client, prefix: redis.prefix }),
    l2TimeoutMs: 1_000,
    l1MaxEntries: 1,
    onEvent: (e) => events.push(e),
  });
});
afterEach(async () => {
  await cache.close();
  await redis.cleanup();
});

const fresh = Date.now() + 600_000;
const MALFORMED = [
  '5',
  'null',
  '"x"',
  '[]',
  'not json',
  '{"value":1}',
  JSON.stringify({ value: 1, createdAt: 1, freshUntil: fresh, staleUntil: fresh }),
  JSON.stringify({ value: 1, createdAt: 1, freshUntil: fresh, staleUntil: fresh, tags: 7 }),
  JSON.stringify({ value: 1, createdAt: 1, freshUntil: fresh, staleUntil: fresh, tags: [1] }),
  JSON.stringify({
    value: 1,
    createdAt: 1,
    freshUntil: fresh,
    staleUntil: fresh,
    tags: { t: 'x' },
  }),
  JSON.stringify({ value: 1, createdAt: 'x', freshUntil: fresh, staleUntil: fresh, tags: {} }),
  JSON.stringify({ createdAt: 1, freshUntil: fresh, staleUntil: fresh, tags: {} }),
];

describe('tiered cache reading a malformed L2 entry', () => {
  it.each(MALFORMED)('falls back to the loader for %s', async (raw) => {
    await redis.client.set(`${redis.prefix}c:k`, raw);
    const r = await cache.get('k', () => Promise.resolve('loaded'), {
      keyGroup: 'slots',
      tags: ['t'],
    });
    expect(r).toEqual({ value: 'loaded', stale: false, source: 'loader' });
    // and the loader's answer replaced it in L2: the next reader (L1 holds one key) hits L2
    await cache.get('other', () => Promise.resolve(0), { keyGroup: 'slots' });
    expect(
      (await cache.get('k', () => Promise.resolve('again'), { keyGroup: 'slots' })).source,
    ).toBe('l2');
  });

  it('never rejects, whatever JSON is stored (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), async (raw) => {
        await redis.client.set(`${redis.prefix}c:p`, raw);
        const r = await cache.get('p', () => Promise.resolve('loaded'), { keyGroup: 'slots' });
        expect(r.value === 'loaded' || r.source === 'l2').toBe(true);
        await cache.delete('p');
      }),
      { numRuns: 200 },
    );
  });
});
