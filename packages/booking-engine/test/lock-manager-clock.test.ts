import { createTestRedis, type TestRedis } from '@voicebook/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLockManager, type LockManager } from '../src/index.js';
import { RedisLockManager } from '../src/redis/index.js';

describe('lock managers on an injected clock', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await createTestRedis('engine-clock');
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  const frozen = () => 1_900_000_000_000;
  const managers: [string, () => LockManager][] = [
    ['MemoryLockManager', () => new MemoryLockManager({ now: frozen })],
    [
      'RedisLockManager',
      () => new RedisLockManager({ client: redis.client, keyPrefix: redis.prefix, now: frozen }),
    ],
  ];

  for (const [name, make] of managers) {
    it(`${name}: a waiting acquire gives up on a frozen clock instead of spinning for ever`, async () => {
      const locks = make();
      expect(await locks.acquire(`${name}:slot`, 60_000)).toBeDefined();
      expect(await locks.acquire(`${name}:slot`, 60_000, { waitMs: 100 })).toBeUndefined();
    });
  }

  it('MemoryLockManager: a lease expires on the injected clock, not on real time', async () => {
    let nowMs = 1_000;
    const locks = new MemoryLockManager({ now: () => nowMs });
    const first = await locks.acquire('slot', 60_000);
    nowMs += 59_999;
    expect(await locks.acquire('slot', 60_000)).toBeUndefined();
    nowMs += 1;
    const second = await locks.acquire('slot', 60_000);
    expect(second?.fence).toBeGreaterThan(first?.fence ?? Infinity);
    expect(await first?.release()).toBe(false);
    expect(await second?.release()).toBe(true);
  });
});
