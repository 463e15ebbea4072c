import { randomBytes } from 'node:crypto';
import { createPool } from '@voicebook/store-postgres';

/** A database of the machine's PostgreSQL made for one test run. */
export interface TestDatabase {
  /** `DATABASE_URL` of the new database. */
  readonly url: string;
  /** Runs a query in it (for assertions). */
  query<R>(sql: string): Promise<R[]>;
  /** Drops the database (and only it). */
  drop(): Promise<void>;
}

/**
 * Creates a fresh database on the machine's PostgreSQL (127.0.0.1:5432, trust auth;
 * `VOICEBOOK_TEST_DATABASE_URL` overrides the admin connection), for a server test with
 * `DATABASE_URL`. `drop()` removes exactly that database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin =
    process.env.VOICEBOOK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `vb_test_srv_${randomBytes(4).toString('hex')}`;
  const adminPool = createPool({ connectionString: admin, min: 0, max: 1 });
  await adminPool.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const pool = createPool({ connectionString: url.toString(), min: 0, max: 2 });
  return {
    url: url.toString(),
    query: async <R>(sql: string) => (await pool.query(sql)).rows as R[],
    async drop() {
      await pool.end();
      await adminPool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminPool.end();
    },
  };
}

/**
 * An existing database for assertions (the load run's `DATABASE_URL`): `drop()` only closes
 * the connection, it never drops anything.
 *
 * @param url - The database's URL.
 * @returns The handle.
 */
export function openTestDatabase(url: string): TestDatabase {
  const pool = createPool({ connectionString: url, min: 0, max: 2 });
  return {
    url,
    query: async <R>(sql: string) => (await pool.query(sql)).rows as R[],
    drop: () => pool.end(),
  };
}
