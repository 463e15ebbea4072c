import { describe, expect, it } from 'vitest';
import type { CallStore } from '../ports/call-store.js';
import { LOOKALIKE_TENANTS, ODD_TENANT, oddId, oddText } from './odd-input.js';
import { withPort, type PortFactory } from './under-test.js';

/**
 * The behaviour every {@link CallStore} adapter must have, as a vitest suite: each event applied
 * once per call (also under concurrent deliveries), patches merged, tenants kept apart.
 * @param name - shown in the suite's title.
 * @param factory - builds a fresh, empty adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeCallStoreContract('MemoryCallStore', async () => ({ store: new MemoryCallStore() }));
 * ```
 */
export function describeCallStoreContract(name: string, factory: PortFactory<CallStore>): void {
  const test = (title: string, fn: (store: CallStore) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as CallStore`, () => {
    test('creates a call on its first event and merges later ones', async (store) => {
      const started = await store.apply(
        't1',
        'call_1',
        'call_started',
        { agentId: 'agent_1', startedAt: 100 },
        100,
      );
      expect(started).toEqual({
        applied: true,
        record: {
          callId: 'call_1',
          tenantId: 't1',
          agentId: 'agent_1',
          startedAt: 100,
          events: ['call_started'],
          updatedAt: 100,
        },
      });
      const ended = await store.apply(
        't1',
        'call_1',
        'call_ended',
        { endedAt: 900, durationMs: 800, outcome: 'booked' },
        901,
      );
      expect(ended.record).toEqual({
        callId: 'call_1',
        tenantId: 't1',
        agentId: 'agent_1',
        startedAt: 100,
        endedAt: 900,
        durationMs: 800,
        outcome: 'booked',
        events: ['call_started', 'call_ended'],
        updatedAt: 901,
      });
      expect(await store.get('t1', 'call_1')).toEqual(ended.record);
    });

    test('applies a repeated event once, also when 30 deliveries arrive at once', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.apply('t1', 'call_1', 'call_ended', { durationMs: i }, 1_000 + i),
        ),
      );
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      const record = await store.get('t1', 'call_1');
      expect(record?.events).toEqual(['call_ended']);
      expect(record?.durationMs).toBe(results.find((r) => r.applied)?.record.durationMs);
    });

    test('applies updates without an event every time, keeping fields not given', async (store) => {
      await store.apply('t1', 'call_1', 'call_started', { fromNumber: '+4930123456' }, 1);
      const a = await store.apply('t1', 'call_1', undefined, { customerId: 'c1' }, 2);
      const b = await store.apply('t1', 'call_1', undefined, { outcome: 'booked' }, 3);
      expect([a.applied, b.applied]).toEqual([true, true]);
      expect(b.record).toMatchObject({
        fromNumber: '+4930123456',
        customerId: 'c1',
        outcome: 'booked',
        events: ['call_started'],
      });
    });

    test('keeps tenants apart', async (store) => {
      await store.apply('t1', 'call_1', 'call_started', { agentId: 'a' }, 1);
      expect(await store.get('t2', 'call_1')).toBeUndefined();
      const other = await store.apply('t2', 'call_1', 'call_started', {}, 2);
      expect(other.applied).toBe(true);
      expect(other.record.agentId).toBeUndefined();
    });

    test('finds nothing for an unknown call', async (store) => {
      expect(await store.get('t1', 'nope')).toBeUndefined();
    });

    test('stores odd text exactly as given and keeps look-alike tenants apart', async (store) => {
      const callId = oddId('call', 190);
      const event = oddId('event', 190);
      const patch = {
        agentId: oddId('agent'),
        toNumber: '+4930123456',
        disconnectionReason: oddText(1_900),
        outcome: 'no-booking' as const,
        successful: false,
        durationMs: 0,
      };
      const first = await store.apply(ODD_TENANT, callId, event, patch, 5);
      const expected = { ...patch, callId, tenantId: ODD_TENANT, events: [event], updatedAt: 5 };
      expect(first).toEqual({ applied: true, record: expected });
      expect(await store.get(ODD_TENANT, callId)).toEqual(expected);
      expect((await store.apply(ODD_TENANT, callId, event, { successful: true }, 6)).applied).toBe(
        false,
      );
      expect(await store.get(ODD_TENANT, callId)).toEqual(expected);
      for (const other of LOOKALIKE_TENANTS) {
        expect(await store.get(other, callId)).toBeUndefined();
      }
    });
  });
}
