import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/index.js';
import { createTestSchema, DATABASE_URL, type TestSchema } from './pg.js';

describe('migrate', () => {
  let t: TestSchema;
  beforeAll(async () => {
    t = await createTestSchema('mig');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('applies every migration once, records it, and finds nothing to do the second time', async () => {
    const first = await migrate(t.pool, { schema: t.schema });
    expect(first.applied).toEqual(['001_initial.sql']);
    const second = await migrate(t.pool, { schema: t.schema });
    expect(second).toEqual({ applied: [], current: ['001_initial.sql'] });
    const { rows } = await t.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [t.schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'appointments',
      'calls',
      'customers',
      'idempotency_keys',
      'slot_fences',
      'tenant_routes',
      'tenants',
      'voicebook_migrations',
    ]);
  });

  it('serialises instances starting at once: exactly one applies, none fails', async () => {
    const other = await createTestSchema('race');
    const pools = Array.from(
      { length: 5 },
      () => new pg.Pool({ connectionString: DATABASE_URL, max: 1 }),
    );
    try {
      const results = await Promise.all(
        pools.map((pool) => migrate(pool, { schema: other.schema })),
      );
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      expect(results.every((r) => r.current.includes('001_initial.sql'))).toBe(true);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await other.drop();
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(migrate(t.pool, { schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(
      /schema must match/,
    );
  });
});
