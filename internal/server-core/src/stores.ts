import {
  MemoryAppointmentStore,
  type AppointmentStore,
  type BookingEngineOptions,
} from '@voicebook/booking-engine';
import {
  RedisAppointmentStore,
  RedisCallStore,
  RedisCustomerStore,
  RedisIdempotencyStore,
  RedisLockManager,
} from '@voicebook/booking-engine/redis';
import { RedisCacheStore, RedisInvalidationBus } from '@voicebook/calcom-client/redis';
import type { CacheStore, InvalidationBus } from '@voicebook/calcom-client';
import { createPostgresStores, type PostgresStores } from '@voicebook/store-postgres';
import { Redis } from 'ioredis';
import type { AppLogger } from './app.js';
import type { ServerConfig } from './config.js';
import type { Probe } from './readiness.js';

/** The engine's stores for one configuration, and what closing them takes. */
export interface StoreSet {
  readonly kind: 'memory' | 'redis';
  readonly engine: Pick<BookingEngineOptions, 'customers' | 'idempotency' | 'locks' | 'calls'> & {
    appointments: AppointmentStore;
  };
  /** The Cal.com cache's shared layer and bus (Redis only). */
  readonly l2?: { store: CacheStore; bus: InvalidationBus } | undefined;
  readonly redisProbe?: Probe | undefined;
  readonly postgresProbe?: Probe | undefined;
  close(): Promise<void>;
}

/**
 * The stores of a configuration: in-memory by default; with `REDIS_URL` the locks, idempotency
 * records, calls, appointments and customers and the Cal.com cache's L2 and invalidation bus go to
 * Redis, so any number of instances share them. The connections are the app's own and closed by
 * `close()`.
 *
 * @param config - The configuration.
 * @param deps - Clock and logger.
 * @returns The store set.
 */
export async function createStores(
  config: ServerConfig,
  deps: { now: () => number; log: AppLogger },
): Promise<StoreSet> {
  const shared = await sharedStores(config, deps);
  if (config.databaseUrl === undefined) return shared;
  // The records go to PostgreSQL; locks, the cache and the bus stay where `shared` put them.
  const pg = createPostgresStores({
    connectionString: config.databaseUrl,
    migrate: config.databaseMigrate,
    now: deps.now,
  });
  try {
    const migrated = await pg.ready();
    deps.log.info(
      { migrationsApplied: migrated?.applied.length ?? 0, migrate: config.databaseMigrate },
      'postgres: records in PostgreSQL',
    );
  } catch (error) {
    await pg.close();
    await shared.close();
    throw error;
  }
  return withPostgres(shared, pg);
}

function withPostgres(shared: StoreSet, pg: PostgresStores): StoreSet {
  return {
    ...shared,
    engine: {
      ...shared.engine,
      customers: pg.customers,
      appointments: pg.appointments,
      idempotency: pg.idempotency,
      calls: pg.calls,
    },
    postgresProbe: async () => {
      if (!(await pg.ping())) throw new Error('postgres did not answer');
    },
    close: async () => {
      await Promise.allSettled([pg.close(), shared.close()]);
    },
  };
}

async function sharedStores(
  config: ServerConfig,
  deps: { now: () => number; log: AppLogger },
): Promise<StoreSet> {
  if (config.redisUrl === undefined) {
    return {
      kind: 'memory',
      engine: { appointments: new MemoryAppointmentStore({ now: deps.now }) },
      close: () => Promise.resolve(),
    };
  }
  const client = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(config.redisUrl, { lazyConnect: true });
  client.on('error', (error: Error) => deps.log.warn({ err: { name: error.name } }, 'redis error'));
  subscriber.on('error', (error: Error) =>
    deps.log.warn({ err: { name: error.name } }, 'redis subscriber error'),
  );
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (error) {
    client.disconnect();
    subscriber.disconnect();
    throw error;
  }
  const prefix = config.redisKeyPrefix;
  const engine = redisEngineStores(client, prefix, deps.now);
  return {
    kind: 'redis',
    engine,
    l2: {
      store: new RedisCacheStore({ client, prefix: `${prefix}cache:` }),
      bus: new RedisInvalidationBus({ client, subscriber, prefix: `${prefix}bus:` }),
    },
    redisProbe: async () => {
      await client.ping();
    },
    close: async () => {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}

function redisEngineStores(client: Redis, prefix: string, now: () => number): StoreSet['engine'] {
  const base = { client, keyPrefix: `${prefix}engine:` };
  return {
    appointments: new RedisAppointmentStore({ ...base, now }),
    customers: new RedisCustomerStore({ ...base, now }),
    idempotency: new RedisIdempotencyStore(base),
    locks: new RedisLockManager({ ...base, now }),
    calls: new RedisCallStore(base),
  };
}
