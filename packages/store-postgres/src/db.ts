import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { toStoreError } from './errors.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name, checked: it is the one identifier that is not a query parameter. */
export function checkSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new TypeError(`schema must match ${IDENTIFIER.source}, got ${JSON.stringify(schema)}`);
  }
  return schema;
}

/**
 * A pool bound to one schema: `t('customers')` is the qualified table name, `query` maps every
 * driver error to the engine's typed errors.
 * @internal
 */
export class Db {
  readonly #pool: Pool;
  readonly schema: string;
  constructor(pool: Pool, schema: string) {
    this.#pool = pool;
    this.schema = checkSchema(schema);
  }

  t(table: string): string {
    return `"${this.schema}"."${table}"`;
  }

  async query<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    try {
      const result = await this.#pool.query<R>(text, values);
      return result.rows;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
    // A checked-out client has no pool listener: a server restart mid-transaction would emit an
    // unhandled 'error' and crash the process. The failed query rejects on its own; the broken
    // connection is destroyed on release instead of going back to the pool.
    let broken: Error | undefined;
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      if (broken === undefined) await client.query('ROLLBACK').catch(() => undefined);
      throw toStoreError(error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
