// The same server contract with DATABASE_URL set: the records go to PostgreSQL (migrated on
// start), and the booking the suite makes is a confirmed row there afterwards.
import { createVoicebookApp, loadConfig } from '@voicebook/server-core';
import {
  createTestDatabase,
  describeServerContract,
  type TestDatabase,
} from '@voicebook/server-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenFastify } from '../src/server.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describeServerContract('fastify + PostgreSQL', async (env) => {
  const config = loadConfig({ ...env, DATABASE_URL: db.url });
  const app = await createVoicebookApp(config);
  const server = await listenFastify({ app, config });
  return { url: server.url, app, close: () => server.close() };
});

describe('fastify + PostgreSQL records', () => {
  it('holds the confirmed booking, its customer and its call in PostgreSQL', async () => {
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
