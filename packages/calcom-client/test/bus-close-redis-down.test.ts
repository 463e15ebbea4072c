import { startRedisServer, waitFor, type RedisServerProcess } from '@voicebook/test-utils';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisInvalidationBus } from '../src/redis/index.js';

describe('RedisInvalidationBus unsubscribe on a caller-owned subscriber', () => {
  let server: RedisServerProcess;
  const connect = () => server.connect();
  beforeEach(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  const numsub = async (client: Redis, channel: string) => {
    const reply = (await client.pubsub('NUMSUB', channel)) as [string, number | string];
    return Number(reply[1]);
  };
  const handlers = { onMessage: () => undefined, onConnectionChange: () => undefined };

  it('closed while Redis is down: the channel is not re-subscribed when Redis comes back', async () => {
    const client = connect();
    const subscriber = connect();
    const bus = new RedisInvalidationBus({
      client,
      subscriber,
      prefix: 't:',
      subscribeTimeoutMs: 200,
    });
    const unsubscribe = await bus.subscribe(handlers);
    expect(await numsub(client, 't:invalidate')).toBe(1);
    // The caller also listens on a channel of its own: that one stays.
    await subscriber.subscribe('caller:own');

    await server.kill();
    await waitFor(() => subscriber.status !== 'ready', { message: 'subscriber down' });
    const t0 = performance.now();
    await unsubscribe();
    expect(performance.now() - t0).toBeLessThan(1_000);

    await server.restart();
    await waitFor(() => subscriber.status === 'ready' && client.status === 'ready', {
      message: 'both reconnected',
      timeoutMs: 5_000,
    });
    await subscriber.ping(); // after whatever ioredis re-sent on reconnect
    expect(await numsub(client, 't:invalidate')).toBe(0);
    expect(await numsub(client, 'caller:own')).toBe(1);
  });

  it('closed while Redis is up: UNSUBSCRIBE is sent and nothing comes back after a restart', async () => {
    const client = connect();
    const subscriber = connect();
    const bus = new RedisInvalidationBus({ client, subscriber, prefix: 't:' });
    const unsubscribe = await bus.subscribe(handlers);
    await unsubscribe();
    expect(await numsub(client, 't:invalidate')).toBe(0);
    await server.kill();
    await server.restart();
    await waitFor(() => subscriber.status === 'ready' && client.status === 'ready', {
      message: 'both reconnected',
      timeoutMs: 5_000,
    });
    await subscriber.ping();
    expect(await numsub(client, 't:invalidate')).toBe(0);
  });
});
