// The public API of @voicebook/store-postgres: the booking engine's storage ports on PostgreSQL.
export { createPostgresStores } from './stores.js';
export type { PostgresStores, PostgresStoresOptions } from './stores.js';
export { createPool } from './pool.js';
export type { PostgresPoolOptions } from './pool.js';
export { migrate } from './migrate.js';
export type { MigrateOptions, MigrateResult } from './migrate.js';
export { PostgresCustomerStore } from './customer-store.js';
export { PostgresAppointmentStore } from './appointment-store.js';
export { PostgresIdempotencyStore } from './idempotency-store.js';
export { PostgresCallStore } from './call-store.js';
export { PostgresTenantDirectory } from './tenant-directory.js';
