import type pg from 'pg';
import { PostgresAppointmentStore } from './appointment-store.js';
import { PostgresCallStore } from './call-store.js';
import { PostgresCustomerStore } from './customer-store.js';
import { Db } from './db.js';
import { PostgresIdempotencyStore } from './idempotency-store.js';
import { migrate, type MigrateResult } from './migrate.js';
import { createPool, type PostgresPoolOptions } from './pool.js';
import { PostgresTenantDirectory } from './tenant-directory.js';

/** Options of {@link createPostgresStores}. */
export interface PostgresStoresOptions {
  /** A pool you own (it is not closed by `close()`), or settings for a pool the stores own. */
  pool?: pg.Pool | undefined;
  /** Connection string for a pool the stores create and own (with {@link PostgresPoolOptions}). */
  connectionString?: string | undefined;
  /** Settings of the owned pool. */
  poolOptions?: Omit<PostgresPoolOptions, 'connectionString'> | undefined;
  /** Schema of voicebook's tables. @default 'voicebook' */
  schema?: string | undefined;
  /** Apply the shipped migrations in {@link PostgresStores.ready}. @default true */
  migrate?: boolean | undefined;
  /**
   * How long customer-by-phone and call-by-id look-ups are cached in-process; writes through
   * these stores drop or refresh the entry at once, writes by other instances show after at most
   * this long. `0` turns the cache off. @default 5_000
   */
  cacheTtlMs?: number | undefined;
  /** Entries per cache. @default 10_000 */
  cacheMax?: number | undefined;
  /** The clock, epoch ms. @default Date.now */
  now?: (() => number) | undefined;
}

/** The engine's storage ports on PostgreSQL; hand them to `createBookingEngine`. */
export interface PostgresStores {
  /** Tenants by id, called number and agent id (the engine's `TenantDirectory`), cached. */
  readonly tenants: PostgresTenantDirectory;
  /** Customers by (tenant, phone) (the engine's `CustomerStore`). */
  readonly customers: PostgresCustomerStore;
  /** Appointments, which are the booking ledger (the engine's `AppointmentStore`). */
  readonly appointments: PostgresAppointmentStore;
  /** Idempotency records of `book`, `cancel` and `reschedule` (the engine's `IdempotencyStore`). */
  readonly idempotency: PostgresIdempotencyStore;
  /** Call records written by the Retell webhook (the engine's `CallStore`). */
  readonly calls: PostgresCallStore;
  /** The pool in use. */
  readonly pool: pg.Pool;
  /** Applies migrations (unless `migrate: false`) and checks the connection. Call once on start. */
  ready(): Promise<MigrateResult | undefined>;
  /** Whether PostgreSQL answers a `SELECT 1` (for a readiness probe). */
  ping(): Promise<boolean>;
  /** Closes the pool when the stores created it. */
  close(): Promise<void>;
}

/**
 * Creates every PostgreSQL store on one pool and schema. Never throws: the pool connects lazily,
 * so an unreachable server shows at `ready()` and in each call as `BookingEngineError`
 * `E_STORE_UNAVAILABLE` (retryable).
 *
 * @param options - a `pool` you own or a `connectionString`, the schema, migrations and the cache.
 * @returns the five stores, `ready()` (migrate and check), `ping()` and `close()`.
 * @example
 * ```ts
 * const stores = createPostgresStores({ connectionString: process.env.DATABASE_URL });
 * await stores.ready(); // migrations
 * const engine = createBookingEngine({ ...stores, calendar, locks });
 * ```
 */
export function createPostgresStores(options: PostgresStoresOptions): PostgresStores {
  const owned = options.pool === undefined;
  const pool =
    options.pool ??
    createPool({ ...options.poolOptions, connectionString: options.connectionString });
  const schema = options.schema ?? 'voicebook';
  const db = new Db(pool, schema);
  const now = options.now ?? Date.now;
  const cacheTtlMs = options.cacheTtlMs ?? 5_000;
  const cacheMax = options.cacheMax ?? 10_000;
  return {
    tenants: new PostgresTenantDirectory({ db, now }),
    customers: new PostgresCustomerStore({ db, now, cacheTtlMs, cacheMax }),
    appointments: new PostgresAppointmentStore({ db, now }),
    idempotency: new PostgresIdempotencyStore({ db }),
    calls: new PostgresCallStore({ db, cacheTtlMs, cacheMax }),
    pool,
    async ready() {
      if (options.migrate === false) {
        await db.query('SELECT 1', []);
        return undefined;
      }
      return migrate(pool, { schema });
    },
    async ping() {
      try {
        await db.query('SELECT 1', []);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}
