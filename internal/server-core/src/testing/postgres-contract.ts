import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoicebookApp, loadConfig } from '../index.js';
import type { VoicebookApp } from '../app.js';
import type { ServerConfig } from '../config.js';
import { describeServerContract } from './server-contract.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The server contract with `DATABASE_URL` set to a fresh database: the records go to PostgreSQL
 * (migrated on start), and the booking the suite makes is a confirmed row there afterwards.
 *
 * @param name - The framework.
 * @param listen - Starts the framework's standalone server for an app.
 */
export function describePostgresServerContract(
  name: string,
  listen: (
    app: VoicebookApp,
    config: ServerConfig,
  ) => Promise<{ url: string; close(): Promise<void> }>,
): void {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  describeServerContract(`${name} + PostgreSQL`, async (env) => {
    const config = loadConfig({ ...env, DATABASE_URL: db.url });
    const app = await createVoicebookApp(config);
    const server = await listen(app, config);
    return { url: server.url, app, close: () => server.close() };
  });

  describe(`${name} + PostgreSQL records`, () => {
    it('holds the confirmed booking, its customer and no open idempotency record', async () => {
      const confirmed = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM voicebook.appointments WHERE status = 'confirmed'`,
      );
      expect(confirmed[0]?.n).toBeGreaterThanOrEqual(1);
      const customers = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM voicebook.customers',
      );
      expect(customers[0]?.n).toBeGreaterThanOrEqual(1);
      const open = await db.query(
        `SELECT key FROM voicebook.idempotency_keys WHERE status = 'in-progress'`,
      );
      expect(open).toEqual([]);
    });
  });
}
