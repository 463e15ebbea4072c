export { RedisBreakerStateStore, type RedisBreakerStateStoreOptions } from './breaker-store.js';
export { RedisCacheStore, type RedisCacheStoreOptions } from './cache-store.js';
export { RedisInvalidationBus, type RedisInvalidationBusOptions } from './bus.js';
