export { MemoryCustomerStore } from './customer-store.js';
export type { MemoryCustomerStoreOptions } from './customer-store.js';
export { MemoryAppointmentStore } from './appointment-store.js';
export type { MemoryAppointmentStoreOptions } from './appointment-store.js';
export { MemoryIdempotencyStore } from './idempotency-store.js';
export { MemoryLockManager } from './lock-manager.js';
export type { MemoryLockManagerOptions } from './lock-manager.js';
export { MemoryCallStore } from './call-store.js';
