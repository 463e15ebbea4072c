export { RedisBreakerStateStore, type RedisBreakerStateStoreOptions } from './breaker-store.js';
