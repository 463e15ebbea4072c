// The engine's own port contract suites, run against the PostgreSQL adapters on the machine's
// real PostgreSQL, each test in a schema of its own that the suite drops afterwards.
import {
  describeAppointmentStoreContract,
  describeCallStoreContract,
  describeCustomerStoreContract,
  describeIdempotencyStoreContract,
  describeTenantDirectoryContract,
} from '@voicebook/booking-engine/testing';
import { createTestSchema } from './pg.js';

describeTenantDirectoryContract('PostgresTenantDirectory', async (tenants) => {
  const t = await createTestSchema('tenants');
  const stores = await t.stores();
  for (const tenant of tenants) await stores.tenants.upsert(tenant);
  return {
    directory: stores.tenants,
    update: async (tenant) => {
      await stores.tenants.upsert(tenant);
    },
    remove: async (id) => {
      await stores.tenants.remove(id);
    },
    cleanup: () => t.drop(),
  };
});

// One schema per test: the factory creates it, the suite's cleanup drops it.
function fresh<K extends 'customers' | 'appointments' | 'idempotency' | 'calls'>(key: K) {
  return async () => {
    const t = await createTestSchema(key.slice(0, 5));
    const stores = await t.stores();
    return { store: stores[key], cleanup: () => t.drop() };
  };
}

describeCustomerStoreContract('PostgresCustomerStore', fresh('customers'));
describeAppointmentStoreContract('PostgresAppointmentStore', fresh('appointments'));
describeIdempotencyStoreContract('PostgresIdempotencyStore', fresh('idempotency'));
describeCallStoreContract('PostgresCallStore', fresh('calls'));
