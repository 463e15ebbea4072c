// The port contract suites against the Redis adapters on the machine's Redis, a key prefix per
// test; only that prefix is deleted afterwards.
import { createTestRedis } from '@voicebook/test-utils';
import type { Redis } from 'ioredis';
import {
  RedisAppointmentStore,
  RedisCallStore,
  RedisCustomerStore,
  RedisIdempotencyStore,
  RedisLockManager,
} from '../src/redis/index.js';
import {
  describeAppointmentStoreContract,
  describeCallStoreContract,
  describeCustomerStoreContract,
  describeIdempotencyStoreContract,
  describeLockManagerContract,
} from '../src/testing/index.js';

function fresh<T>(make: (client: Redis, keyPrefix: string) => T) {
  return async () => {
    const redis = await createTestRedis('engine');
    return { store: make(redis.client, redis.prefix), cleanup: () => redis.cleanup() };
  };
}

describeCustomerStoreContract(
  'RedisCustomerStore',
  fresh((client, keyPrefix) => new RedisCustomerStore({ client, keyPrefix })),
);
describeAppointmentStoreContract(
  'RedisAppointmentStore',
  fresh((client, keyPrefix) => new RedisAppointmentStore({ client, keyPrefix })),
);
describeIdempotencyStoreContract(
  'RedisIdempotencyStore',
  fresh((client, keyPrefix) => new RedisIdempotencyStore({ client, keyPrefix })),
);
describeLockManagerContract(
  'RedisLockManager',
  fresh((client, keyPrefix) => new RedisLockManager({ client, keyPrefix })),
);
describeCallStoreContract(
  'RedisCallStore',
  fresh((client, keyPrefix) => new RedisCallStore({ client, keyPrefix })),
);
