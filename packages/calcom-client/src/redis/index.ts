export { RedisBreakerStateStore, type RedisBreakerStateStoreOptions } from './breaker-store.js';
export { RedisCacheStore, type RedisCacheStoreOptions } from './cache-store.js';
export { RedisInvalidationBus, type RedisInvalidationBusOptions } from './bus.js';
// The ports these adapters implement, re-exported so this entry point is self-describing.
export type { BreakerStateStore, SharedBreakerState } from '../breaker/store.js';
export type {
  CacheEntry,
  CacheEntryWithVersions,
  CacheStore,
  InvalidationBus,
  InvalidationBusHandlers,
  InvalidationMessage,
} from '../cache/types.js';
