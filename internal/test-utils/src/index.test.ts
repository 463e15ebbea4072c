import { describe, expect, it } from 'vitest';
import {
  createTestRedis,
  deleteByPrefix,
  startRedisServer,
  startWebhookReceiver,
} from './index.js';
import { Redis } from 'ioredis';

describe('test-utils', () => {
  it('cleans up only the keys under its own prefix', async () => {
    const a = await createTestRedis('a');
    const b = await createTestRedis('b');
    await a.client.set(`${a.prefix}x`, '1');
    await b.client.set(`${b.prefix}x`, '2');
    await a.cleanup();
    expect(await b.client.get(`${b.prefix}x`)).toBe('2');
    expect(await deleteByPrefix(b.client, b.prefix)).toBe(1);
    await b.cleanup();
  });

  it('starts, kills and restarts a private redis-server', async () => {
    const server = await startRedisServer();
    try {
      const c = new Redis(server.port, '127.0.0.1', {
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      c.on('error', () => undefined);
      await c.set('k', 'v');
      await server.kill();
      await expect(c.get('k')).rejects.toThrow();
      c.disconnect();
      await server.restart();
      const d = new Redis(server.port, '127.0.0.1');
      expect(await d.get('k')).toBeNull(); // nothing survives: no persistence
      d.disconnect();
    } finally {
      await server.stop();
    }
  });

  it('receives webhooks: raw bodies and headers, the status onBody answers, its errors surfaced', async () => {
    const hook = await startWebhookReceiver({
      onBody: ({ body }) => {
        if (body.toString() === 'boom') throw new Error('bad body');
        return body.length === 0 ? 401 : undefined;
      },
    });
    const post = (body: string) =>
      fetch(`${hook.url}/calcom?x=1`, {
        method: 'POST',
        headers: { 'x-cal-signature-256': 'abc' },
        body,
      }).then((r) => r.status);
    expect(await post('{"a": 1}')).toBe(200);
    expect(await post('')).toBe(401);
    expect(hook.errors).toEqual([]);
    expect(hook.received.map((r) => [r.method, r.path, r.body.toString()])).toEqual([
      ['POST', '/calcom?x=1', '{"a": 1}'],
      ['POST', '/calcom?x=1', ''],
    ]);
    expect(hook.received[0]?.headers['x-cal-signature-256']).toBe('abc');
    expect(await post('boom')).toBe(500);
    expect(hook.errors).toEqual([new Error('bad body')]);
    await expect(hook.close()).rejects.toThrow('bad body');
    await expect(post('late')).rejects.toThrow(); // closed
  });

  it('a receiver without errors closes cleanly, and waits for an onBody under way', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const hook = await startWebhookReceiver({ onBody: () => held.then(() => 204) });
    const status = fetch(hook.url, { method: 'POST', body: 'x' }).then((r) => r.status);
    while (hook.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    const closed = hook.close();
    release();
    await expect(closed).resolves.toBeUndefined();
    expect(await status).toBe(204);
  });
});
