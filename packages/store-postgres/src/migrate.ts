import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { checkSchema } from './db.js';
import { toStoreError } from './errors.js';

/** The migrations shipped with the package (`migrations/*.sql`, applied in name order). */
const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Schema holding voicebook's tables; created when missing. @default 'voicebook' */
  schema?: string;
}

/** What {@link migrate} did. */
export interface MigrateResult {
  /** Names of the migrations applied by this call (empty when the schema was up to date). */
  applied: string[];
  /** Every migration now recorded in the schema. */
  current: string[];
}

/**
 * Applies the package's migrations to `schema`, each once, in one transaction each, recorded in
 * `<schema>.voicebook_migrations`. Safe when several instances start at once: they serialise on
 * a PostgreSQL advisory lock, and the later ones find nothing left to do.
 * @param pool - the pool to migrate through (one connection is used).
 * @param options - the schema (default `voicebook`, created when missing).
 * @returns which migrations were applied now and which were there already.
 * @throws `BookingEngineError` `E_STORE_UNAVAILABLE` when PostgreSQL cannot be reached
 * @example
 * ```ts
 * const pool = createPool({ connectionString: 'postgres://127.0.0.1/voicebook' });
 * await migrate(pool);
 * ```
 */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<MigrateResult> {
  const schema = checkSchema(options.schema ?? 'voicebook');
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  let client;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toStoreError(error);
  }
  const applied: string[] = [];
  // A checked-out client has no pool listener: without this, a server restart mid-migration
  // would emit an unhandled 'error'; the broken connection is destroyed on release.
  let broken: Error | undefined;
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    // One lock per schema name, held for the whole run on this connection.
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`voicebook:migrate:${schema}`]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${schema}".voicebook_migrations (
           name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set(
        (
          await client.query<{ name: string }>(`SELECT name FROM "${schema}".voicebook_migrations`)
        ).rows.map((r) => r.name),
      );
      for (const file of files) {
        if (done.has(file)) continue;
        const sql = await readFile(new URL(file, `file://${MIGRATIONS_DIR}`), 'utf8');
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path TO "${schema}"`);
          await client.query(sql);
          await client.query(`INSERT INTO "${schema}".voicebook_migrations (name) VALUES ($1)`, [
            file,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        applied.push(file);
        done.add(file);
      }
      return { applied, current: [...done].sort() };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [
        `voicebook:migrate:${schema}`,
      ]);
    }
  } catch (error) {
    throw toStoreError(error);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
