import { describe, expect, it } from 'vitest';
import type { BreakerStateStore } from '../breaker/store.js';
import { sleep, withPort, type PortFactory } from './under-test.js';

/**
 * The behaviour every {@link BreakerStateStore} adapter must have, as a vitest suite: closed
 * until opened, one generation per opening, a close only of its own generation, and one probe
 * lease holder per generation until it is released or expires.
 * @param name - shown in the suite's title.
 * @param factory - builds a fresh, empty adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeBreakerStateStoreContract('MemoryBreakerStateStore', async () => ({
 *   store: new MemoryBreakerStateStore(),
 * }));
 * ```
 */
export function describeBreakerStateStoreContract(
  name: string,
  factory: PortFactory<BreakerStateStore>,
): void {
  const test = (title: string, fn: (store: BreakerStateStore) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as BreakerStateStore`, () => {
    test('is closed at generation 0 until opened; every opening is a new generation', async (s) => {
      expect(await s.read('read')).toEqual({ openUntil: 0, generation: 0 });
      const until = Date.now() + 60_000;
      expect(await s.open('read', until)).toEqual({ openUntil: until, generation: 1 });
      expect(await s.read('read')).toEqual({ openUntil: until, generation: 1 });
      expect((await s.open('read', until + 1)).generation).toBe(2);
      expect(await s.read('write')).toEqual({ openUntil: 0, generation: 0 }); // per group
    });

    test('closes only the generation it is told, keeping the generation', async (s) => {
      await s.open('read', Date.now() + 60_000);
      await s.open('read', Date.now() + 60_000);
      expect(await s.close('read', 1)).toBe(false);
      expect((await s.read('read')).openUntil).toBeGreaterThan(0);
      expect(await s.close('read', 2)).toBe(true);
      expect(await s.read('read')).toEqual({ openUntil: 0, generation: 2 });
    });

    test('gives the probe of a generation to exactly one of 20 concurrent owners', async (s) => {
      const { generation } = await s.open('read', Date.now() - 1);
      const got = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          s.acquireProbe('read', generation, `o${String(i)}`, 5_000),
        ),
      );
      expect(got.filter(Boolean)).toHaveLength(1);
      // A new opening is a new generation, with its own probe.
      const next = await s.open('read', Date.now() - 1);
      expect(await s.acquireProbe('read', next.generation, 'late', 5_000)).toBe(true);
    });

    test('releases a probe only for its holder, and lets it expire', async (s) => {
      const { generation } = await s.open('read', Date.now() - 1);
      expect(await s.acquireProbe('read', generation, 'a', 5_000)).toBe(true);
      await s.releaseProbe('read', generation, 'b');
      expect(await s.acquireProbe('read', generation, 'b', 5_000)).toBe(false);
      await s.releaseProbe('read', generation, 'a');
      expect(await s.acquireProbe('read', generation, 'b', 40)).toBe(true);
      await sleep(200);
      expect(await s.acquireProbe('read', generation, 'c', 5_000)).toBe(true);
    });
  });
}
