import { describe, expect, it } from 'vitest';
import { createTestRedis, deleteByPrefix, startRedisServer } from './index.js';
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
});
