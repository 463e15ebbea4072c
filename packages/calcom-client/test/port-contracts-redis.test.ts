// The port contract suites against the Redis adapters on the machine's Redis, a key prefix per
// test; only that prefix is deleted afterwards.
import { createTestRedis } from '@voicebook/test-utils';
import type { Redis } from 'ioredis';
import {
  RedisBreakerStateStore,
  RedisCacheStore,
  RedisInvalidationBus,
} from '../src/redis/index.js';
import {
  describeBreakerStateStoreContract,
  describeCacheStoreContract,
  describeInvalidationBusContract,
} from '../src/testing/index.js';

function fresh<T>(make: (client: Redis, prefix: string) => T) {
  return async () => {
    const redis = await createTestRedis('ports');
    return {
      store: make(redis.client, redis.prefix),
      cleanup: () => redis.cleanup(),
    };
  };
}

describeCacheStoreContract(
  'RedisCacheStore',
  fresh((client, prefix) => new RedisCacheStore({ client, prefix })),
);
describeInvalidationBusContract(
  'RedisInvalidationBus',
  // no `subscriber`: each subscription gets a connection of its own, closed on unsubscribe
  fresh((client, prefix) => new RedisInvalidationBus({ client, prefix })),
);
describeInvalidationBusContract(
  'RedisInvalidationBus (one caller-owned subscriber for every subscription)',
  async () => {
    const redis = await createTestRedis('ports');
    const subscriber = redis.connect(); // closed by cleanup, never by the bus
    return {
      store: new RedisInvalidationBus({ client: redis.client, subscriber, prefix: redis.prefix }),
      cleanup: () => redis.cleanup(),
    };
  },
);
describeBreakerStateStoreContract(
  'RedisBreakerStateStore',
  fresh((client, prefix) => new RedisBreakerStateStore({ client, prefix })),
);
