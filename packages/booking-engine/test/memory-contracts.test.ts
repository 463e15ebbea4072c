// The port contract suites against the in-memory adapters (the embedded defaults).
import {
  MemoryAppointmentStore,
  MemoryCallStore,
  MemoryCustomerStore,
  MemoryIdempotencyStore,
  MemoryLockManager,
} from '../src/index.js';
import {
  describeAppointmentStoreContract,
  describeCallStoreContract,
  describeCustomerStoreContract,
  describeIdempotencyStoreContract,
  describeLockManagerContract,
} from '../src/testing/index.js';

describeCustomerStoreContract('MemoryCustomerStore', () =>
  Promise.resolve({ store: new MemoryCustomerStore() }),
);
describeAppointmentStoreContract('MemoryAppointmentStore', () =>
  Promise.resolve({ store: new MemoryAppointmentStore() }),
);
describeIdempotencyStoreContract('MemoryIdempotencyStore', () =>
  Promise.resolve({ store: new MemoryIdempotencyStore() }),
);
describeLockManagerContract('MemoryLockManager', () =>
  Promise.resolve({ store: new MemoryLockManager() }),
);
describeCallStoreContract('MemoryCallStore', () =>
  Promise.resolve({ store: new MemoryCallStore() }),
);
