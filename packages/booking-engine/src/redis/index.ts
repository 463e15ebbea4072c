// Redis adapters of the engine's ports: `@voicebook/booking-engine/redis` (ioredis is an
// optional peer). Every adapter takes a connected client you own.
export type { RedisAdapterOptions } from './redis-base.js';
export { RedisLockManager } from './lock-manager.js';
export type { RedisLockManagerOptions } from './lock-manager.js';
export { RedisIdempotencyStore } from './idempotency-store.js';
export { RedisCustomerStore } from './customer-store.js';
export type { RedisCustomerStoreOptions } from './customer-store.js';
export { RedisAppointmentStore } from './appointment-store.js';
export type { RedisAppointmentStoreOptions } from './appointment-store.js';
export { RedisCallStore } from './call-store.js';
