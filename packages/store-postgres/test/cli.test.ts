import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, DATABASE_URL, type TestSchema } from './pg.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (error: unknown) => {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout, err: e.stderr };
    },
  );

describe('voicebook-pg', () => {
  let t: TestSchema;
  beforeAll(async () => {
    t = await createTestSchema('cli');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('migrates a schema, then says it is up to date', async () => {
    const first = await cli(['migrate', '--url', DATABASE_URL, '--schema', t.schema]);
    expect(first).toMatchObject({ code: 0, out: 'applied 001_initial.sql\n' });
    const second = await cli(['migrate', '--schema', t.schema], { DATABASE_URL });
    expect(second).toMatchObject({ code: 0, out: 'up to date (1 migrations)\n' });
  }, 60_000);

  it('prints its usage for --help and refuses a missing database or command with exit 2', async () => {
    expect(await cli(['--help'])).toMatchObject({
      code: 0,
      out: expect.stringContaining('Usage: voicebook-pg migrate'),
    });
    const env = { DATABASE_URL: '' };
    expect(await cli(['migrate'], env)).toMatchObject({
      code: 2,
      err: expect.stringContaining('No database'),
    });
    expect((await cli(['drop'])).code).toBe(2);
  }, 60_000);

  it('fails with exit 1 and a message when the database cannot be reached', async () => {
    const r = await cli(['migrate', '--url', 'postgres://postgres@127.0.0.1:1/postgres']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('migrate failed: PostgreSQL store failed');
  }, 60_000);
});
