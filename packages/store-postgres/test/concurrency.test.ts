import { isBookingEngineError } from '@voicebook/booking-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresStores } from '../src/index.js';
import { createTestSchema, DATABASE_URL, type TestSchema } from './pg.js';

describe('store-postgres under concurrency and bad input', () => {
  let t: TestSchema;
  let stores: PostgresStores;
  beforeAll(async () => {
    t = await createTestSchema('conc');
    stores = await t.stores({ cacheTtlMs: 0 });
  });
  afterAll(async () => {
    await t.drop();
  });

  it('1,000 concurrent find-or-create calls for one number create exactly one row', async () => {
    const results = await Promise.all(
      Array.from({ length: 1000 }, () =>
        stores.customers.findOrCreateByPhone('salon', '+491711234567'),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n FROM "${t.schema}".customers`);
    expect(rows[0].n).toBe(1);
  });

  it.each([
    [
      'a 10 kB name',
      () =>
        stores.customers.findOrCreateByPhone('salon', '+4930999001', { name: 'x'.repeat(10_240) }),
    ],
    ['an invalid phone', () => stores.customers.findOrCreateByPhone('salon', '0171 123')],
    [
      'a NUL byte in a name',
      () => stores.customers.findOrCreateByPhone('salon', '+4930999002', { name: 'a\u0000b' }),
    ],
    ['an empty tenant', () => stores.customers.findOrCreateByPhone('', '+4930999003')],
  ])('refuses %s with E_INVALID_INPUT and writes nothing', async (_name, call) => {
    const before = await t.pool.query(`SELECT count(*)::int AS n FROM "${t.schema}".customers`);
    const error: unknown = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isBookingEngineError(error) && error.code).toBe('E_INVALID_INPUT');
    const after = await t.pool.query(`SELECT count(*)::int AS n FROM "${t.schema}".customers`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('stores SQL in a name as the text it is', async () => {
    const name = "Robert'); DROP TABLE customers; --";
    const { customer } = await stores.customers.findOrCreateByPhone('salon', '+4930999004', {
      name,
    });
    expect((await stores.customers.get('salon', customer.id))?.name).toBe(name);
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n FROM "${t.schema}".customers`);
    expect(rows[0].n).toBeGreaterThan(1);
  });

  it('keeps tenants apart: the same number in two tenants is two customers', async () => {
    const a = await stores.customers.findOrCreateByPhone('tenant-a', '+4930555000');
    const b = await stores.customers.findOrCreateByPhone('tenant-b', '+4930555000');
    expect(a.customer.id).not.toBe(b.customer.id);
    expect(await stores.customers.get('tenant-b', a.customer.id)).toBeUndefined();
  });

  it('cancels a statement stuck behind a lock with a retryable E_STORE_UNAVAILABLE', async () => {
    const short = await t.stores({
      pool: undefined,
      connectionString: DATABASE_URL,
      poolOptions: { statementTimeoutMs: 150, min: 0, max: 2 },
      migrate: false,
      cacheTtlMs: 0,
    });
    const blocker = await t.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${t.schema}".customers IN ACCESS EXCLUSIVE MODE`);
      const error: unknown = await short.customers.findByPhone('salon', '+491711234567').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isBookingEngineError(error) && [error.code, error.retryable]).toEqual([
        'E_STORE_UNAVAILABLE',
        true,
      ]);
      expect(((error as Error).cause as { code?: string }).code).toBe('57014');
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    // The pool is fine afterwards.
    expect((await short.customers.findByPhone('salon', '+491711234567'))?.phone).toBe(
      '+491711234567',
    );
  });
});
