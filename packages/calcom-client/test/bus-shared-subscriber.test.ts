import { createTestRedis, waitFor, type TestRedis } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvalidationMessage } from '../src/cache/index.js';
import { RedisInvalidationBus } from '../src/redis/index.js';

// Two buses (two caches of one process) on one caller-owned subscriber connection and one prefix
// share a Redis channel: one of them unsubscribing must not silence the other.
let redis: TestRedis;
beforeEach(async () => {
  redis = await createTestRedis('bus-shared');
});
afterEach(async () => {
  await redis.cleanup();
});

const collect = (into: InvalidationMessage[]) => ({
  onMessage: (m: InvalidationMessage) => into.push(m),
  onConnectionChange: () => undefined,
});

describe('RedisInvalidationBus on a shared caller-owned subscriber', () => {
  it('a second bus unsubscribing leaves the first one subscribed, until it leaves too', async () => {
    const subscriber = redis.connect();
    const opts = { client: redis.client, subscriber, prefix: redis.prefix };
    const [a, b] = [new RedisInvalidationBus(opts), new RedisInvalidationBus(opts)];
    const gotA: InvalidationMessage[] = [];
    const gotB: InvalidationMessage[] = [];
    const offA = await a.subscribe(collect(gotA));
    const offB = await b.subscribe(collect(gotB));
    await offB();
    await a.publish({ origin: 'x', tags: { t: 1 } });
    await waitFor(() => gotA.length === 1, { timeoutMs: 5_000, message: 'the message on a' });
    expect(gotB).toEqual([]);

    const channel = `${redis.prefix}invalidate`;
    const subscribers = async () =>
      ((await redis.client.pubsub('NUMSUB', channel)) as [string, number])[1];
    expect(await subscribers()).toBe(1);
    await offA();
    await waitFor(async () => (await subscribers()) === 0, { timeoutMs: 5_000 });
    // The caller's connection stays open and usable for its own channels.
    const own: string[] = [];
    subscriber.on('message', (ch: string, m: string) => ch === `${redis.prefix}own` && own.push(m));
    await subscriber.subscribe(`${redis.prefix}own`);
    await redis.client.publish(`${redis.prefix}own`, 'hi');
    await waitFor(() => own.length === 1, { timeoutMs: 5_000 });
  });
});
