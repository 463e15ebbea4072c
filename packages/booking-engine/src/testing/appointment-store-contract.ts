import { describe, expect, it } from 'vitest';
import type { AppointmentStore } from '../ports/appointment-store.js';
import type { Appointment } from '../types.js';
import { LOOKALIKE_TENANTS, ODD_TENANT, oddId, oddText } from './odd-input.js';
import { withPort, type PortFactory } from './under-test.js';

let seq = 0;
/**
 * An appointment record for the suites; fields overridable.
 *
 * @param overrides - fields to set; the rest are valid sample values (a fresh id and idempotency key each call).
 * @returns a `requested` appointment record.
 */
export function sampleAppointment(overrides: Partial<Appointment> = {}): Appointment {
  seq += 1;
  const startMs = Date.UTC(2030, 0, 10, 9) + seq * 3_600_000;
  return {
    id: `appt-${seq}`,
    tenantId: 't1',
    customerId: 'c1',
    serviceId: 'cut',
    eventTypeId: 1001,
    start: new Date(startMs).toISOString(),
    end: new Date(startMs + 1_800_000).toISOString(),
    startMs,
    status: 'requested',
    idempotencyKey: `key-${seq}`,
    slotKey: `slot-${seq}`,
    fence: 1,
    createdAt: 1_000 + seq,
    updatedAt: 1_000 + seq,
    ...overrides,
  };
}

/**
 * The behaviour every {@link AppointmentStore} adapter must have, as a vitest suite: unique ids
 * and idempotency keys, fencing per slot, compare-and-set transitions (one winner of many), the
 * look-ups and lists, tenants kept apart.
 * @param name - shown in the suite's title (`'PostgresAppointmentStore'`).
 * @param factory - builds a fresh, empty adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeAppointmentStoreContract('MemoryAppointmentStore', async () => ({ store: new MemoryAppointmentStore() }));
 * ```
 */
export function describeAppointmentStoreContract(
  name: string,
  factory: PortFactory<AppointmentStore>,
): void {
  const test = (title: string, fn: (store: AppointmentStore) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as AppointmentStore`, () => {
    test('stores a record and finds it by id, idempotency key and booking uid', async (store) => {
      const a = sampleAppointment({
        bookingUid: 'uid-1',
        alternatives: ['2030-01-10T10:00:00.000Z'],
      });
      expect(await store.insert(a)).toEqual({ ok: true });
      expect(await store.get('t1', a.id)).toEqual(a);
      expect(await store.getByIdempotencyKey('t1', a.idempotencyKey)).toEqual(a);
      expect(await store.getByBookingUid('t1', 'uid-1')).toEqual(a);
    });

    test('refuses a second record with the same id or idempotency key, returning the first', async (store) => {
      const a = sampleAppointment();
      await store.insert(a);
      const sameKey = await store.insert(sampleAppointment({ idempotencyKey: a.idempotencyKey }));
      expect(sameKey).toEqual({ ok: false, reason: 'duplicate', existing: a });
      const sameId = await store.insert(sampleAppointment({ id: a.id }));
      expect(sameId).toEqual({ ok: false, reason: 'duplicate', existing: a });
    });

    test('lets exactly one of 50 concurrent inserts with one idempotency key win', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          store.insert(sampleAppointment({ idempotencyKey: 'same' })),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    test('refuses a write whose fence is lower than one already written for its slot', async (store) => {
      await store.insert(sampleAppointment({ slotKey: 'slot-x', fence: 5 }));
      expect(await store.insert(sampleAppointment({ slotKey: 'slot-x', fence: 4 }))).toEqual({
        ok: false,
        reason: 'stale-fence',
        fence: 5,
      });
      expect((await store.insert(sampleAppointment({ slotKey: 'slot-x', fence: 6 }))).ok).toBe(
        true,
      );
      // Another tenant's slot of the same name is a different slot.
      expect(
        (await store.insert(sampleAppointment({ tenantId: 't2', slotKey: 'slot-x', fence: 1 }))).ok,
      ).toBe(true);
    });

    test('moves a record only from an expected status, applying the patch', async (store) => {
      const a = sampleAppointment();
      await store.insert(a);
      expect(await store.transition('t1', a.id, ['pending'], 'confirmed')).toBeUndefined();
      const moved = await store.transition(
        't1',
        a.id,
        ['requested'],
        'confirmed',
        { bookingUid: 'uid-9' },
        5_000,
      );
      expect(moved).toEqual({ ...a, status: 'confirmed', bookingUid: 'uid-9', updatedAt: 5_000 });
      expect(await store.get('t1', a.id)).toEqual(moved);
      expect(await store.getByBookingUid('t1', 'uid-9')).toEqual(moved);
      expect(await store.transition('t1', 'missing', ['requested'], 'confirmed')).toBeUndefined();
    });

    test('lets exactly one of 50 concurrent transitions from one status win', async (store) => {
      const a = sampleAppointment();
      await store.insert(a);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.transition('t1', a.id, ['requested'], i % 2 ? 'confirmed' : 'failed', {
            reason: `r${i}`,
          }),
        ),
      );
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect(await store.get('t1', a.id)).toEqual(winners[0]);
    });

    test("lists a customer's appointments earliest first, filtered by start and status", async (store) => {
      const late = sampleAppointment({ startMs: 3_000, status: 'confirmed' });
      const early = sampleAppointment({ startMs: 1_000, status: 'confirmed' });
      const middle = sampleAppointment({ startMs: 2_000, status: 'cancelled' });
      const other = sampleAppointment({ startMs: 1_500, customerId: 'c2', status: 'confirmed' });
      for (const a of [late, early, middle, other]) await store.insert(a);
      expect(await store.listByCustomer('t1', 'c1')).toEqual([early, middle, late]);
      expect(await store.listByCustomer('t1', 'c1', { fromMs: 1_500 })).toEqual([middle, late]);
      expect(await store.listByCustomer('t1', 'c1', { statuses: ['confirmed'] })).toEqual([
        early,
        late,
      ]);
      expect(await store.listByCustomer('t1', 'c1', { limit: 1 })).toEqual([early]);
    });

    test('lists records of a status oldest update first, across tenants or within one', async (store) => {
      const a = sampleAppointment({ status: 'pending', updatedAt: 30 });
      const b = sampleAppointment({ status: 'pending', updatedAt: 10, tenantId: 't2' });
      const c = sampleAppointment({ status: 'confirmed', updatedAt: 5 });
      for (const x of [a, b, c]) await store.insert(x);
      expect(await store.listByStatus('pending')).toEqual([b, a]);
      expect(await store.listByStatus('pending', { tenantId: 't1' })).toEqual([a]);
      expect(await store.listByStatus('pending', { limit: 1 })).toEqual([b]);
    });

    test('keeps tenants apart in every method', async (store) => {
      const a = sampleAppointment({ bookingUid: 'uid-a' });
      await store.insert(a);
      expect(await store.get('t2', a.id)).toBeUndefined();
      expect(await store.getByIdempotencyKey('t2', a.idempotencyKey)).toBeUndefined();
      expect(await store.getByBookingUid('t2', 'uid-a')).toBeUndefined();
      expect(await store.listByCustomer('t2', a.customerId)).toEqual([]);
      expect(await store.transition('t2', a.id, ['requested'], 'cancelled')).toBeUndefined();
      expect((await store.get('t1', a.id))?.status).toBe('requested');
    });

    test('stores odd text exactly as given and keeps look-alike tenants apart', async (store) => {
      const a = sampleAppointment({
        tenantId: ODD_TENANT,
        id: oddId('id'),
        customerId: oddId('customer'),
        serviceId: oddId('service'),
        idempotencyKey: oddId('key', 190),
        slotKey: oddId('slot'),
        bookingUid: oddId('uid'),
        callId: oddId('call'),
        attendeeName: oddText(280),
        reason: oddText(1_900),
        alternatives: ['2030-01-10T09:00:00.000+01:00', '2030-01-10T09:30:00.000+01:00'],
      });
      expect(await store.insert(a)).toEqual({ ok: true });
      expect(await store.get(ODD_TENANT, a.id)).toEqual(a);
      expect(await store.getByIdempotencyKey(ODD_TENANT, a.idempotencyKey)).toEqual(a);
      expect(await store.getByBookingUid(ODD_TENANT, oddId('uid'))).toEqual(a);
      expect(await store.listByCustomer(ODD_TENANT, a.customerId)).toEqual([a]);
      expect(await store.listByStatus('requested', { tenantId: ODD_TENANT })).toEqual([a]);
      for (const other of LOOKALIKE_TENANTS) {
        expect(await store.get(other, a.id)).toBeUndefined();
        expect(await store.getByIdempotencyKey(other, a.idempotencyKey)).toBeUndefined();
        expect(await store.listByCustomer(other, a.customerId)).toEqual([]);
        expect(await store.listByStatus('requested', { tenantId: other })).toEqual([]);
      }
      // The same id, key and slot in a look-alike tenant are a new record, unfenced by the first.
      const twin = { ...a, tenantId: LOOKALIKE_TENANTS[0], fence: 0 };
      expect(await store.insert(twin)).toEqual({ ok: true });
      expect(await store.get(ODD_TENANT, a.id)).toEqual(a);
    });
  });
}
