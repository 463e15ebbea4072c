import { describe, expect, it, vi } from 'vitest';
import { createTieredCache, type CacheEvent, type InvalidationBus } from '../src/cache/index.js';

describe('tiered cache with a failing invalidation bus', () => {
  it('a hanging publish does not hold up invalidateTags; the local invalidation still applies', async () => {
    const events: CacheEvent[] = [];
    const hanging: InvalidationBus = {
      publish: () => new Promise<void>(() => undefined),
      subscribe: () => Promise.resolve(() => Promise.resolve()),
    };
    const cache = await createTieredCache({
      bus: hanging,
      l2TimeoutMs: 30,
      onEvent: (e) => events.push(e),
    });
    const tags = ['et:1001:day:2026-11-26'];
    let n = 0;
    const loader = vi.fn(() => Promise.resolve(++n));
    await cache.get('k', loader, { keyGroup: 'slots', tags });
    const t0 = performance.now();
    await cache.invalidateTags(tags);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'cache:l2-error',
        keyGroup: 'invalidation',
        operation: 'publish',
      }),
    );
    expect(await cache.get('k', loader, { keyGroup: 'slots', tags })).toEqual({
      value: 2,
      stale: false,
      source: 'loader',
    });
    await cache.close();
  });

  it('a rejected publish is reported, never thrown', async () => {
    const events: CacheEvent[] = [];
    const cache = await createTieredCache({
      bus: {
        publish: () => Promise.reject(new Error('bus down')),
        subscribe: () => Promise.resolve(() => Promise.resolve()),
      },
      onEvent: (e) => events.push(e),
    });
    await expect(cache.invalidateTags(['et:1001'])).resolves.toBe(false);
    expect(events.map((e) => e.type)).toEqual(['cache:invalidated', 'cache:l2-error']);
  });
});
