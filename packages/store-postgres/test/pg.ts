// A schema per test run on the machine's PostgreSQL (127.0.0.1:5432, trust auth), created and
// dropped by the suite itself; nothing outside it is touched.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  createPostgresStores,
  type PostgresStores,
  type PostgresStoresOptions,
} from '../src/index.js';

export const DATABASE_URL =
  process.env.VOICEBOOK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestSchema {
  schema: string;
  pool: pg.Pool;
  stores(options?: Partial<PostgresStoresOptions>): Promise<PostgresStores>;
  drop(): Promise<void>;
}

export function createTestSchema(label = 't'): Promise<TestSchema> {
  const schema = `vb_test_${label}_${randomBytes(4).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
  pool.on('error', () => undefined);
  const opened: PostgresStores[] = [];
  return Promise.resolve({
    schema,
    pool,
    async stores(options = {}) {
      const stores = createPostgresStores({ pool, schema, ...options });
      await stores.ready();
      opened.push(stores);
      return stores;
    },
    async drop() {
      for (const s of opened) await s.close();
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  });
}
