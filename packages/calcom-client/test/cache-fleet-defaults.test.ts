import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { createTestRedis, type TestRedis } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCalcomClient,
  createTieredCache,
  type CalcomClient,
  type TieredCache,
} from '../src/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';
import { weekday } from './weekday.js';

// Three instances with the cache's DEFAULT options (only a store and a bus), sharing the real
// Redis, against the stand-in answering slots in Cal.com's real 300–800 ms: one upstream call
// for the fleet.
const TZ = 'Europe/Berlin';

let mock: CalcomMock;
let redis: TestRedis;
let caches: TieredCache[];

beforeEach(async () => {
  mock = await startCalcomMock({ port: 0 });
  redis = await createTestRedis('fleetdefaults');
  caches = [];
});
afterEach(async () => {
  for (const c of caches) await c.close();
  await mock.close();
  await redis.cleanup();
});

async function instance(): Promise<CalcomClient> {
  const client = redis.connect();
  await client.ping();
  const cache = await createTieredCache({
    store: new RedisCacheStore({ client, prefix: redis.prefix }),
    bus: new RedisInvalidationBus({ client, prefix: redis.prefix }),
  });
  caches.push(cache);
  return createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache });
}

describe('fleet coalescing with the default cache options', () => {
  it.each([
    [300, 300],
    [800, 800],
  ])(
    'three instances make one upstream call when Cal.com answers in %i–%i ms',
    async (minMs, maxMs) => {
      mock.setLatency('slots.find', { minMs, maxMs });
      const fleet = await Promise.all([instance(), instance(), instance()]);
      const date = weekday(3);
      const q = { eventTypeId: 1001, start: date, end: date, timeZone: TZ };
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => fleet[i % 3]!.slots.find(q)),
      );
      expect(mock.requests.filter((r) => r.operation === 'slots.find')).toHaveLength(1);
      expect(new Set(results.map((r) => JSON.stringify(r.slots))).size).toBe(1);
      expect(results.filter((r) => r.source === 'network')).toHaveLength(10); // one instance's callers
    },
  );
});
