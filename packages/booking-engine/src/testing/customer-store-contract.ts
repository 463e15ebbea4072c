import { describe, expect, it } from 'vitest';
import type { CustomerStore } from '../ports/customer-store.js';
import { LOOKALIKE_TENANTS, ODD_TENANT, oddText } from './odd-input.js';
import { withPort, type PortFactory } from './under-test.js';

/**
 * The behaviour every {@link CustomerStore} adapter must have, as a vitest suite: atomic
 * find-or-create per (tenant, phone), look-ups, updates, tenants kept apart.
 * @param name - shown in the suite's title.
 * @param factory - builds a fresh, empty adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeCustomerStoreContract('MemoryCustomerStore', async () => ({ store: new MemoryCustomerStore() }));
 * ```
 */
export function describeCustomerStoreContract(
  name: string,
  factory: PortFactory<CustomerStore>,
): void {
  const test = (title: string, fn: (store: CustomerStore) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as CustomerStore`, () => {
    test('creates a customer once and finds it again by phone and id', async (store) => {
      const first = await store.findOrCreateByPhone('t1', '+491711234567', { name: 'Anna Berger' });
      expect(first.created).toBe(true);
      expect(first.customer).toMatchObject({
        tenantId: 't1',
        phone: '+491711234567',
        name: 'Anna Berger',
      });
      const again = await store.findOrCreateByPhone('t1', '+491711234567', {
        name: 'Someone Else',
      });
      expect(again).toEqual({ customer: first.customer, created: false });
      expect(await store.findByPhone('t1', '+491711234567')).toEqual(first.customer);
      expect(await store.get('t1', first.customer.id)).toEqual(first.customer);
    });

    test('creates exactly one customer for 200 concurrent callers with one number', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 200 }, () => store.findOrCreateByPhone('t1', '+4930123456')),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
    });

    test('keeps tenants apart in every method', async (store) => {
      const a = await store.findOrCreateByPhone('tenant-a', '+4930123456', { name: 'A' });
      expect(await store.findByPhone('tenant-b', '+4930123456')).toBeUndefined();
      expect(await store.get('tenant-b', a.customer.id)).toBeUndefined();
      expect(await store.update('tenant-b', a.customer.id, { name: 'B' })).toBeUndefined();
      const b = await store.findOrCreateByPhone('tenant-b', '+4930123456');
      expect(b.created).toBe(true);
      expect(b.customer.id).not.toBe(a.customer.id);
      expect((await store.get('tenant-a', a.customer.id))?.name).toBe('A');
    });

    test('updates only the given fields and answers undefined for an unknown customer', async (store) => {
      const { customer } = await store.findOrCreateByPhone('t1', '+4930123456', {
        name: 'Anna',
        email: 'anna@example.com',
      });
      const updated = await store.update('t1', customer.id, { name: 'Anna Berger' });
      expect(updated).toMatchObject({
        name: 'Anna Berger',
        email: 'anna@example.com',
        phone: '+4930123456',
      });
      expect(await store.findByPhone('t1', '+4930123456')).toMatchObject({ name: 'Anna Berger' });
      expect(await store.update('t1', 'no-such-customer', { name: 'X' })).toBeUndefined();
    });

    test('returns names exactly as given (umlauts, accents, quotes, emoji)', async (store) => {
      const name = `Jörg-Ünal O'Connor "Ñandú" 🙂 ${'ß'.repeat(100)}`;
      const { customer } = await store.findOrCreateByPhone('t1', '+4930123457', { name });
      expect((await store.get('t1', customer.id))?.name).toBe(name);
    });

    test('finds nothing for an unknown number or id', async (store) => {
      expect(await store.findByPhone('t1', '+4930000000')).toBeUndefined();
      expect(await store.get('t1', 'missing')).toBeUndefined();
    });

    test('stores odd text exactly as given and keeps look-alike tenants apart', async (store) => {
      const details = { name: oddText(280), email: `${'ä'.repeat(60)}+🙂@example.com` };
      const { customer } = await store.findOrCreateByPhone(ODD_TENANT, '+491711234567', details);
      expect(customer).toMatchObject({ ...details, tenantId: ODD_TENANT, phone: '+491711234567' });
      expect(await store.get(ODD_TENANT, customer.id)).toEqual(customer);
      expect(await store.findByPhone(ODD_TENANT, '+491711234567')).toEqual(customer);
      for (const other of LOOKALIKE_TENANTS) {
        expect(await store.findByPhone(other, '+491711234567')).toBeUndefined();
        expect(await store.get(other, customer.id)).toBeUndefined();
      }
    });
  });
}
