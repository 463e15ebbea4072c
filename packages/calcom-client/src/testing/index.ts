// Contract suites of the ports of @voicebook/calcom-client, for adapters written elsewhere (and
// run here against the memory and Redis adapters). Needs vitest (an optional peer dependency).
export type { PortFactory, PortUnderTest } from './under-test.js';
export { describeCacheStoreContract, sampleCacheEntry } from './cache-store-contract.js';
export { describeInvalidationBusContract } from './invalidation-bus-contract.js';
export { describeBreakerStateStoreContract } from './breaker-state-store-contract.js';
