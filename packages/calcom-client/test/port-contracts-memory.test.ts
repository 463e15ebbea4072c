// The port contract suites (exported from @voicebook/calcom-client/testing) against the
// in-process adapters.
import { MemoryBreakerStateStore } from '../src/breaker/index.js';
import { MemoryCacheStore, MemoryInvalidationBus } from '../src/cache/index.js';
import {
  describeBreakerStateStoreContract,
  describeCacheStoreContract,
  describeInvalidationBusContract,
} from '../src/testing/index.js';

describeCacheStoreContract('MemoryCacheStore', () =>
  Promise.resolve({ store: new MemoryCacheStore() }),
);
describeInvalidationBusContract('MemoryInvalidationBus', () =>
  Promise.resolve({ store: new MemoryInvalidationBus() }),
);
describeBreakerStateStoreContract('MemoryBreakerStateStore', () =>
  Promise.resolve({ store: new MemoryBreakerStateStore() }),
);
