import pg from 'pg';

/** Options of {@link createPool}. Defaults follow the old system's analysis. */
export interface PostgresPoolOptions {
  /** `postgres://user@host:port/db`. Either this or the discrete `pg` settings in `pg`. */
  connectionString?: string | undefined;
  /** Connections kept open. @default 2 */
  min?: number | undefined;
  /** Largest number of connections. @default 20 */
  max?: number | undefined;
  /** An idle connection is closed after this long. @default 30_000 */
  idleTimeoutMs?: number | undefined;
  /** Giving up on opening a connection after this long. @default 5_000 */
  connectTimeoutMs?: number | undefined;
  /**
   * PostgreSQL cancels any statement running longer (`statement_timeout`), so a stuck query never
   * holds a tool call past its deadline; the call then fails with a retryable error.
   * @default 2_000
   */
  statementTimeoutMs?: number | undefined;
  /** Further node-postgres pool settings (host, user, ssl …), passed through. */
  pg?: pg.PoolConfig | undefined;
}

/**
 * A node-postgres pool with voicebook's defaults (min 2, max 20, idle 30 s, connect 5 s,
 * statement timeout 2 s). The package never reads the environment: pass the connection string.
 * Idle-connection errors (a restarted server) are absorbed; the pool reconnects by itself.
 * @param options - connection string and pool sizes and timeouts; defaults as above.
 * @returns a `pg.Pool`; close it with `pool.end()`.
 * @example
 * ```ts
 * const pool = createPool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export function createPool(options: PostgresPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    ...options.pg,
    connectionString: options.connectionString ?? options.pg?.connectionString,
    min: options.min ?? 2,
    max: options.max ?? 20,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 2_000,
  });
  // Without a listener an idle client's error (server restart) would crash the process.
  pool.on('error', () => undefined);
  // The pool listens to a client only while it is idle: one it is removing (released with an
  // error, past its idle time) can still receive the server's "terminating connection" and would
  // emit it unheard. Every client keeps a listener for its whole life; queries still reject.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}
