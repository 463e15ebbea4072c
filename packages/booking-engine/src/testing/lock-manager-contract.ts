import { describe, expect, it } from 'vitest';
import type { LockManager } from '../ports/lock-manager.js';
import { withPort, type PortFactory } from './under-test.js';

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a lease');
  return value;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every {@link LockManager} adapter must have, as a vitest suite: one holder of
 * many concurrent acquirers, strictly increasing fences, release only by the holder, expiry and
 * waiting. Uses real time with short TTLs (tens of ms) and generous margins.
 * @param name - shown in the suite's title.
 * @param factory - builds a fresh adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeLockManagerContract('MemoryLockManager', async () => ({ store: new MemoryLockManager() }));
 * ```
 */
export function describeLockManagerContract(name: string, factory: PortFactory<LockManager>): void {
  const test = (title: string, fn: (locks: LockManager) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as LockManager`, () => {
    test('gives a key to exactly one of 100 concurrent acquirers', async (locks) => {
      const leases = await Promise.all(
        Array.from({ length: 100 }, () => locks.acquire('slot', 5_000)),
      );
      expect(leases.filter((l) => l !== undefined)).toHaveLength(1);
    });

    test('hands the key on after release, with a higher fence', async (locks) => {
      const first = await locks.acquire('slot', 5_000);
      expect(first).toBeDefined();
      expect(await locks.acquire('slot', 5_000)).toBeUndefined();
      expect(await must(first).release()).toBe(true);
      const second = await locks.acquire('slot', 5_000);
      expect(must(second).fence).toBeGreaterThan(must(first).fence);
      expect(await must(first).release()).toBe(false); // the old lease no longer holds it
      expect(await locks.acquire('slot', 5_000)).toBeUndefined();
    });

    test('lets a lease expire after its TTL, and its late release returns false', async (locks) => {
      const first = await locks.acquire('slot', 40);
      await sleep(150);
      const second = await locks.acquire('slot', 5_000);
      expect(second).toBeDefined();
      expect(must(second).fence).toBeGreaterThan(must(first).fence);
      expect(await must(first).release()).toBe(false);
      expect(await locks.acquire('slot', 5_000)).toBeUndefined(); // second still holds it
    });

    test('waits up to waitMs for a held key', async (locks) => {
      const first = await locks.acquire('slot', 5_000);
      setTimeout(() => void must(first).release(), 50);
      const waited = await locks.acquire('slot', 5_000, { waitMs: 3_000 });
      expect(waited).toBeDefined();
      expect(await locks.acquire('slot', 5_000, { waitMs: 30 })).toBeUndefined();
    });

    test('keeps keys independent, with fences strictly increasing per key', async (locks) => {
      const fences: number[] = [];
      for (let i = 0; i < 5; i++) {
        const lease = await locks.acquire('a', 5_000);
        fences.push(must(lease).fence);
        expect(await locks.acquire('b', 5_000).then((l) => l?.release())).toBe(true);
        await must(lease).release();
      }
      expect(fences).toEqual([...fences].sort((x, y) => x - y));
      expect(new Set(fences).size).toBe(5);
    });

    test('keeps keys apart that only differ by separators, case or unicode', async (locks) => {
      const keys = ['a', 'a:fence', 'a:lock', 'A', 'ä', 'a ', `slot:${'ü🙂'.repeat(100)}`];
      const leases = await Promise.all(keys.map((k) => locks.acquire(k, 5_000)));
      expect(leases.map((l) => l?.key)).toEqual(keys);
      for (const lease of leases) expect(await must(lease).release()).toBe(true);
      const again = await Promise.all(keys.map((k) => locks.acquire(k, 5_000)));
      for (const [i, lease] of again.entries()) {
        expect(must(lease).fence).toBeGreaterThan(must(leases[i]).fence);
      }
    });
  });
}
