import { describe, expect, it } from 'vitest';
import type { CacheEntry, CacheStore } from '../cache/types.js';
import { sleep, withPort, type PortFactory } from './under-test.js';

/**
 * An entry as the tiered cache writes it, fresh for a minute, with `tags` at version 0.
 *
 * @param tags - the entry's tags, each at version 0.
 * @param value - the cached value.
 * @returns a fresh entry (stale after a minute, gone after two).
 */
export function sampleCacheEntry(
  tags: readonly string[] = [],
  value: unknown = { a: [1, 2] },
): CacheEntry {
  const now = Date.now();
  return {
    value,
    createdAt: now,
    startedAt: now - 5,
    freshUntil: now + 60_000,
    staleUntil: now + 120_000,
    tags: Object.fromEntries(tags.map((t) => [t, 0])),
  };
}

/**
 * The behaviour every {@link CacheStore} adapter must have, as a vitest suite: entries round-trip
 * and expire, keys stay apart, tag versions only grow (one distinct version per bump, also
 * concurrently), `getWithTagVersions` (when present) answers the entry with its tags' current
 * versions, and a fill lease has one holder. Real time, short TTLs, generous margins.
 * @param name - shown in the suite's title (`'RedisCacheStore'`).
 * @param factory - builds a fresh, empty adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeCacheStoreContract('MemoryCacheStore', async () => ({ store: new MemoryCacheStore() }));
 * ```
 */
export function describeCacheStoreContract(name: string, factory: PortFactory<CacheStore>): void {
  const test = (title: string, fn: (store: CacheStore) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as CacheStore`, () => {
    test('answers undefined for an absent key, the written entry after set, none after delete', async (s) => {
      expect(await s.get('k')).toBeUndefined();
      const entry = sampleCacheEntry(['t1', 't2'], { 'ü 🙂': [{ start: '09:00' }], n: null });
      await s.set('k', entry, 60_000);
      expect(await s.get('k')).toEqual(entry);
      await s.delete('k');
      expect(await s.get('k')).toBeUndefined();
      await s.delete('never-set'); // no error
    });

    test('drops an entry after its TTL', async (s) => {
      await s.set('short', sampleCacheEntry(), 40);
      await s.set('long', sampleCacheEntry(), 60_000);
      await sleep(200);
      expect(await s.get('short')).toBeUndefined();
      expect(await s.get('long')).toBeDefined();
    });

    test('keeps keys apart that differ only by separators, case or unicode', async (s) => {
      const keys = ['a', 'a:b', 'A', 'ä', 'a ', `slots:${'ü🙂'.repeat(50)}`];
      for (const [i, k] of keys.entries()) await s.set(k, sampleCacheEntry([], i), 60_000);
      for (const [i, k] of keys.entries()) expect((await s.get(k))?.value).toBe(i);
    });

    test('counts tag versions from 0, one tag apart from another', async (s) => {
      expect(await s.getTagVersions(['x', 'y'])).toEqual([0, 0]);
      expect(await s.getTagVersions([])).toEqual([]);
      expect(await s.bumpTagVersions(['x'])).toEqual([1]);
      expect(await s.bumpTagVersions(['x', 'y'])).toEqual([2, 1]);
      expect(await s.getTagVersions(['y', 'x', 'z'])).toEqual([1, 2, 0]);
    });

    test('gives every one of 50 concurrent bumps of a tag its own version', async (s) => {
      const versions = await Promise.all(
        Array.from({ length: 50 }, () => s.bumpTagVersions(['t'])),
      );
      expect(versions.map((v) => v[0]).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      expect(await s.getTagVersions(['t'])).toEqual([50]);
    });

    test("getWithTagVersions, when offered, answers the entry with its tags' current versions", async (s) => {
      const getWith = s.getWithTagVersions?.bind(s);
      if (!getWith) return; // optional: the cache then reads get + getTagVersions
      expect(await getWith('k')).toBeUndefined();
      const entry = sampleCacheEntry(['t1', 't2']);
      await s.set('k', entry, 60_000);
      await s.bumpTagVersions(['t1', 't1', 'other']);
      expect(await getWith('k')).toEqual({ entry, tagVersions: { t1: 2, t2: 0 } });
      await s.set('untagged', sampleCacheEntry(), 60_000);
      expect(await getWith('untagged')).toEqual({
        entry: await s.get('untagged'),
        tagVersions: {},
      });
    });

    test('gives a fill lease to exactly one of 20 concurrent owners', async (s) => {
      const got = await Promise.all(
        Array.from({ length: 20 }, (_, i) => s.acquireFillLease('k', `o${String(i)}`, 5_000)),
      );
      expect(got.filter(Boolean)).toHaveLength(1);
      expect(await s.acquireFillLease('other', 'o1', 5_000)).toBe(true); // per key
    });

    test('releases a lease only for its holder, and lets it expire', async (s) => {
      expect(await s.acquireFillLease('k', 'a', 5_000)).toBe(true);
      await s.releaseFillLease('k', 'b');
      expect(await s.acquireFillLease('k', 'b', 5_000)).toBe(false);
      await s.releaseFillLease('k', 'a');
      expect(await s.acquireFillLease('k', 'b', 40)).toBe(true);
      await sleep(200);
      expect(await s.acquireFillLease('k', 'c', 5_000)).toBe(true);
    });
  });
}
