import { describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import { LOOKALIKE_TENANTS, ODD_TENANT, oddId, oddText } from './odd-input.js';
import { withPort, type PortFactory } from './under-test.js';

const T0 = 1_900_000_000_000;
const opts = (nowMs: number) => ({ leaseMs: 10_000, ttlMs: 60_000, nowMs });

/**
 * The behaviour every {@link IdempotencyStore} adapter must have, as a vitest suite: one owner of
 * many concurrent begins, the stored first answer replayed, a different request refused, an
 * expired lease taken over, abandon, expiry after the TTL, tenants kept apart. Time comes only
 * from `nowMs`.
 * @param name - shown in the suite's title.
 * @param factory - builds a fresh, empty adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeIdempotencyStoreContract('MemoryIdempotencyStore', async () => ({ store: new MemoryIdempotencyStore() }));
 * ```
 */
export function describeIdempotencyStoreContract(
  name: string,
  factory: PortFactory<IdempotencyStore>,
): void {
  const test = (title: string, fn: (store: IdempotencyStore) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as IdempotencyStore`, () => {
    test('gives exactly one of 100 concurrent begins the key', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => store.begin('t1', 'k', 'fp', opts(T0))),
      );
      expect(results.filter((r) => r.state === 'started')).toHaveLength(1);
      expect(results.filter((r) => r.state === 'in-progress')).toHaveLength(99);
      expect(results.find((r) => r.state === 'in-progress')).toEqual({
        state: 'in-progress',
        leaseExpiresAt: T0 + 10_000,
      });
    });

    test('replays the stored first answer, and refuses the key for another request', async (store) => {
      expect(await store.begin('t1', 'k', 'fp', opts(T0))).toEqual({
        state: 'started',
        recovered: false,
      });
      const response = { status: 'booked', uid: 'b1', list: [1, 'zwei'], nested: { ü: true } };
      await store.finish('t1', 'k', { status: 'completed', response }, opts(T0 + 5));
      const record = {
        key: 'k',
        fingerprint: 'fp',
        status: 'completed',
        response,
        finishedAt: T0 + 5,
      };
      expect(await store.begin('t1', 'k', 'fp', opts(T0 + 10))).toEqual({ state: 'done', record });
      expect(await store.get('t1', 'k', T0 + 10)).toEqual(record);
      expect(await store.begin('t1', 'k', 'other', opts(T0 + 10))).toEqual({ state: 'mismatch' });
    });

    test('stores a failed answer as failed', async (store) => {
      await store.begin('t1', 'k', 'fp', opts(T0));
      await store.finish('t1', 'k', { status: 'failed', response: { code: 'E_X' } }, opts(T0));
      const again = await store.begin('t1', 'k', 'fp', opts(T0 + 1));
      expect(again.state === 'done' && again.record.status).toBe('failed');
    });

    test('lets a new owner take over an in-progress key whose lease expired', async (store) => {
      await store.begin('t1', 'k', 'fp', opts(T0));
      expect((await store.begin('t1', 'k', 'fp', opts(T0 + 9_999))).state).toBe('in-progress');
      expect(await store.begin('t1', 'k', 'fp', opts(T0 + 10_000))).toEqual({
        state: 'started',
        recovered: true,
      });
      expect((await store.begin('t1', 'k', 'fp', opts(T0 + 10_001))).state).toBe('in-progress');
    });

    test('abandon frees an in-progress key but never drops a finished record', async (store) => {
      await store.begin('t1', 'k', 'fp', opts(T0));
      await store.abandon('t1', 'k');
      expect(await store.begin('t1', 'k', 'fp', opts(T0 + 1))).toEqual({
        state: 'started',
        recovered: false,
      });
      await store.finish('t1', 'k', { status: 'completed', response: 1 }, opts(T0 + 2));
      await store.abandon('t1', 'k');
      expect((await store.begin('t1', 'k', 'fp', opts(T0 + 3))).state).toBe('done');
    });

    test('forgets a finished record after its TTL', async (store) => {
      await store.begin('t1', 'k', 'fp', opts(T0));
      await store.finish('t1', 'k', { status: 'completed', response: 'a' }, opts(T0));
      expect(await store.get('t1', 'k', T0 + 59_999)).toBeDefined();
      expect(await store.get('t1', 'k', T0 + 60_000)).toBeUndefined();
      expect(await store.begin('t1', 'k', 'new', opts(T0 + 60_000))).toEqual({
        state: 'started',
        recovered: false,
      });
    });

    test('has no finished record while a key is in progress', async (store) => {
      await store.begin('t1', 'k', 'fp', opts(T0));
      expect(await store.get('t1', 'k', T0)).toBeUndefined();
    });

    test('keeps tenants apart', async (store) => {
      await store.begin('t1', 'k', 'fp', opts(T0));
      await store.finish('t1', 'k', { status: 'completed', response: 'one' }, opts(T0));
      expect(await store.get('t2', 'k', T0)).toBeUndefined();
      expect(await store.begin('t2', 'k', 'other', opts(T0))).toEqual({
        state: 'started',
        recovered: false,
      });
      await store.abandon('t2', 'k');
      expect((await store.begin('t1', 'k', 'fp', opts(T0))).state).toBe('done');
    });

    test('replays an odd answer exactly and keeps look-alike tenants apart', async (store) => {
      const key = oddId('key', 190);
      const fingerprint = oddText(1_900);
      const response = {
        text: oddText(1_500),
        nested: { list: [1, -2.5, 0, true, false, null, 'ß🙂'], empty: {}, none: [] },
        quote: '"\\\n',
      };
      expect((await store.begin(ODD_TENANT, key, fingerprint, opts(T0))).state).toBe('started');
      await store.finish(ODD_TENANT, key, { status: 'completed', response }, opts(T0 + 1));
      const replay = await store.begin(ODD_TENANT, key, fingerprint, opts(T0 + 2));
      expect(replay).toEqual({
        state: 'done',
        record: { key, fingerprint, status: 'completed', response, finishedAt: T0 + 1 },
      });
      expect((await store.get(ODD_TENANT, key, T0 + 2))?.response).toEqual(response);
      expect((await store.begin(ODD_TENANT, key, `${fingerprint}x`, opts(T0 + 2))).state).toBe(
        'mismatch',
      );
      for (const other of LOOKALIKE_TENANTS) {
        expect(await store.get(other, key, T0 + 2)).toBeUndefined();
        expect((await store.begin(other, key, 'another', opts(T0 + 2))).state).toBe('started');
      }
    });
  });
}
