import { createTestRedis, type TestRedis } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBreakerRegistry, type BreakerEvent } from '../src/breaker/index.js';
import { createTieredCache, type CacheEvent, type CacheStore } from '../src/cache/index.js';
import { safeErrorInfo } from '../src/internal/safe-error.js';
import { RedisCacheStore } from '../src/redis/index.js';

describe('cache and breaker events carry no raw keys or personal data', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis('calcom-safe-events');
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  it('cache:l2-error from a real Redis ReplyError has no key, no command args, no value', async () => {
    const events: CacheEvent[] = [];
    const key = 'event-types:erika.muster:haircut';
    // A hash where the cache expects a string: GET answers WRONGTYPE, and ioredis attaches the
    // command with its arguments (the raw key) to the error.
    await redis.client.hset(`${redis.prefix}c:${key}`, 'x', '1');
    const cache = await createTieredCache({
      store: new RedisCacheStore({ client: redis.client, prefix: redis.prefix }),
      onEvent: (e) => events.push(e),
    });
    const r = await cache.get(key, () => Promise.resolve('v'), { keyGroup: 'eventTypes' });
    expect(r.source).toBe('loader');
    const err = events.find((e) => e.type === 'cache:l2-error');
    expect(err).toMatchObject({
      type: 'cache:l2-error',
      keyGroup: 'eventTypes',
      operation: 'get',
      error: { name: 'ReplyError' },
    });
    expect(err && 'error' in err && err.error.message).toMatch(/^WRONGTYPE/);
    const text = JSON.stringify(events);
    expect(text).not.toContain('erika');
    expect(text).not.toContain(redis.prefix);
    expect(Object.keys(err && 'error' in err ? err.error : {}).sort()).toEqual(['message', 'name']);
    await cache.close();
  });

  it('a value that is not JSON is not quoted into the event', async () => {
    const events: CacheEvent[] = [];
    const key = 'slots:1001:2026-11-26';
    await redis.client.set(
      `${redis.prefix}c:${key}`,
      'Erika Muster erika@example.com +4915112345678',
    );
    const cache = await createTieredCache({
      store: new RedisCacheStore({ client: redis.client, prefix: redis.prefix }),
      onEvent: (e) => events.push(e),
    });
    await cache.get(key, () => Promise.resolve('v'), { keyGroup: 'slots' });
    const err = events.find((e) => e.type === 'cache:l2-error');
    expect(err).toMatchObject({ operation: 'get', error: { name: 'CacheEntryFormatError' } });
    const text = JSON.stringify(events);
    for (const s of ['Erika', 'erika@', '4915112345678', '1001', redis.prefix]) {
      expect(text).not.toContain(s);
    }
    await cache.close();
  });

  it('a store error naming the key, tags and an e-mail is redacted; error objects never leak', async () => {
    const events: CacheEvent[] = [];
    const failing = (what: string) => () =>
      Promise.reject(
        Object.assign(new Error(`${what} failed for vb:calcom:c:${key} (erika@example.com)`), {
          code: 'ECONNRESET',
          command: { name: 'get', args: [`vb:calcom:c:${key}`] },
        }),
      );
    const key = 'event-types:erika.muster:';
    const store: CacheStore = {
      get: failing('get'),
      set: failing('set'),
      delete: failing('delete'),
      getTagVersions: failing('mget'),
      bumpTagVersions: failing('incr'),
      acquireFillLease: failing('lease'),
      releaseFillLease: failing('release'),
    };
    const cache = await createTieredCache({
      store,
      l2RetryAfterMs: 0,
      fillLeaseMs: 0,
      onEvent: (e) => events.push(e),
    });
    await cache.get(key, () => Promise.resolve(1), {
      keyGroup: 'eventTypes',
      tags: ['user:erika.muster'],
    });
    await cache.invalidateTags(['user:erika.muster']);
    const errors = events.filter((e) => e.type === 'cache:l2-error');
    expect(errors.map((e) => e.operation)).toEqual(['get', 'tagVersions', 'set', 'bumpTags']);
    for (const e of errors) {
      expect(e.error).toEqual({
        name: 'Error',
        code: 'ECONNRESET',
        message: expect.stringMatching(/^\w+ failed for \[redacted\] \(\[redacted\]\)$/) as string,
      });
      expect(e.error).not.toBeInstanceOf(Error);
    }
    expect(JSON.stringify(events)).not.toMatch(/erika|vb:calcom/);
    await cache.close();
  });

  it('breaker:store-error carries the same redacted shape', async () => {
    const events: BreakerEvent[] = [];
    const registry = createBreakerRegistry({
      store: {
        read: () => Promise.reject(new Error('READONLY for key vb:calcom:breaker:{read}')),
        open: () => Promise.reject(new Error('down')),
        close: () => Promise.reject(new Error('down')),
        acquireProbe: () => Promise.reject(new Error('down')),
        releaseProbe: () => Promise.reject(new Error('down')),
      },
      onEvent: (e) => events.push(e),
    });
    await registry.execute('read', () => Promise.resolve(1));
    const e = events.find((x) => x.type === 'breaker:store-error');
    expect(e).toMatchObject({ error: { name: 'Error', message: 'READONLY for key [redacted]' } });
  });

  it('safeErrorInfo keeps what helps and drops what identifies', () => {
    expect(safeErrorInfo(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toEqual({
      name: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:6379',
    });
    expect(safeErrorInfo('boom')).toEqual({ name: 'Error', message: 'boom' });
    expect(safeErrorInfo(undefined)).toEqual({ name: 'Error', message: 'unknown error' });
    expect(safeErrorInfo(new Error('x'.repeat(500))).message).toHaveLength(200);
    expect(
      safeErrorInfo(Object.assign(new Error('Call +49 151 1234-5678 now'), { name: '<b>' })),
    ).toEqual({ name: 'Error', message: 'Call [redacted] now' });
  });
});
