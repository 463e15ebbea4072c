import { createTestRedis, type TestRedis } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TTL_POLICY } from '../src/cache/index.js';
import { tieredFleet } from '../bench/simulated-day.js';

let redis: TestRedis;
beforeEach(async () => {
  redis = await createTestRedis('bench-close');
});
afterEach(async () => {
  await redis.cleanup();
});

const numsub = async (channel: string) => {
  const reply = (await redis.client.pubsub('NUMSUB', channel)) as [string, number | string];
  return Number(reply[1]);
};

describe('bench tiered fleet close()', () => {
  it('closes every cache and subscriber even when L2 errors make it fail', async () => {
    const client = redis.connect();
    await client.ping();
    const prefix = `${redis.prefix}fleet:`;
    const fleet = await tieredFleet(client, prefix, DEFAULT_TTL_POLICY);
    expect(await numsub(`${prefix}invalidate`)).toBeGreaterThan(0);
    // The store's connection goes away: the next get is an L2 error (served by the loader).
    client.disconnect();
    const e = { t: 0, kind: 'get', et: 1001, day: 1, instance: 0, u: 0 } as const;
    await fleet.get(e, () => ({}));

    await expect(fleet.close()).rejects.toThrow(/L2 errors/);
    // Nothing of the fleet is left subscribed (nor connected).
    expect(await numsub(`${prefix}invalidate`)).toBe(0);
  });
});
