// Every hot query is served by an index: with sequential scans priced out, the plan must not
// contain one (a missing index would still force a Seq Scan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from './pg.js';

describe('hot-path indexes', () => {
  let t: TestSchema;
  beforeAll(async () => {
    t = await createTestSchema('explain');
    await t.stores();
  });
  afterAll(async () => {
    await t.drop();
  });

  const s = (table: string) => `"${t.schema}".${table}`;
  const queries: [string, () => string][] = [
    [
      'customer by (tenant, phone)',
      () => `SELECT * FROM ${s('customers')} WHERE tenant_id = 'a' AND phone = '+4930123456'`,
    ],
    ['call by Retell call id', () => `SELECT * FROM ${s('calls')} WHERE call_id = 'call_1'`],
    [
      'call by (tenant, call id)',
      () => `SELECT * FROM ${s('calls')} WHERE tenant_id = 'a' AND call_id = 'call_1'`,
    ],
    [
      'appointments of a day',
      () => `SELECT * FROM ${s('appointments')} WHERE tenant_id = 'a' AND start_ms BETWEEN 1 AND 2`,
    ],
    [
      'appointments of a customer',
      () =>
        `SELECT * FROM ${s('appointments')} WHERE tenant_id = 'a' AND customer_id = 'c' AND start_ms >= 0 ORDER BY start_ms`,
    ],
    [
      'appointment by booking uid',
      () => `SELECT * FROM ${s('appointments')} WHERE tenant_id = 'a' AND booking_uid = 'u'`,
    ],
    [
      'reconciler work list',
      () =>
        `SELECT * FROM ${s('appointments')} WHERE status = 'pending' ORDER BY updated_at LIMIT 10`,
    ],
    [
      'idempotency key',
      () => `SELECT * FROM ${s('idempotency_keys')} WHERE tenant_id = 'a' AND key = 'k'`,
    ],
    [
      'tenant by number',
      () => `SELECT * FROM ${s('tenant_routes')} WHERE kind = 'phone' AND value = '+4930123456'`,
    ],
  ];

  it.each(queries)('%s uses an index', async (_name, sql) => {
    const client = await t.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql()}`);
      await client.query('ROLLBACK');
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).not.toMatch(/Seq Scan/);
      expect(plan).toMatch(/Index/);
    } finally {
      client.release();
    }
  });
});
