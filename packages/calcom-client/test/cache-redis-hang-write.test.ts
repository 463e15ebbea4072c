import { startRedisServer, waitFor, type RedisServerProcess } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTieredCache, type CacheEvent, type TieredCache } from '../src/cache/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';

// Redis hangs while a write invalidates (CLIENT PAUSE WRITE on a private redis-server: the bump
// times out, connections stay up, nothing drops the bus). The other instance must not go on
// answering its L1 entry until the TTL.
let server: RedisServerProcess;
let caches: TieredCache[];

beforeEach(async () => {
  server = await startRedisServer();
  caches = [];
});
afterEach(async () => {
  for (const c of caches) await c.close();
  await server.stop();
});

async function instance(onEvent?: (e: CacheEvent) => void): Promise<TieredCache> {
  const client = server.connect();
  const cache = await createTieredCache({
    store: new RedisCacheStore({ client, prefix: 'hang:' }),
    bus: new RedisInvalidationBus({ client, prefix: 'hang:' }),
    ...(onEvent ? { onEvent } : {}),
  });
  caches.push(cache);
  return cache;
}

const TAGS = ['acct:day:2026-11-26'];
const opts = { keyGroup: 'slots', tags: TAGS };

describe('a Redis hang during an invalidating write', () => {
  it('still reaches the other instances once Redis answers again, long before the TTL', async () => {
    const events: CacheEvent[] = [];
    const a = await instance();
    const b = await instance((e) => events.push(e));
    let truth = 'free';
    const load = () => Promise.resolve(truth);
    await b.get('slots', load, opts);
    expect((await b.get('slots', load, opts)).source).toBe('l1');

    const admin = server.connect();
    await admin.call('CLIENT', 'PAUSE', '1500', 'WRITE');
    truth = 'booked';
    expect(await a.invalidateTags(TAGS)).toBe(false); // the bump timed out: only local for now
    expect((await a.get('slots', load, opts)).value).toBe('booked');

    await waitFor(async () => (await b.get('slots', load, opts)).value === 'booked', {
      timeoutMs: 8_000,
      message: 'the other instance to drop its entry',
    });
    expect(events).toContainEqual({ type: 'cache:invalidated', tagCount: 1, remote: true });
  });
});
