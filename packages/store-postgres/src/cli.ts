#!/usr/bin/env node
// voicebook-pg: applies the shipped migrations. The connection comes from --url or DATABASE_URL
// (the CLI reads the environment; the library never does).
import { parseArgs } from 'node:util';
import { migrate } from './migrate.js';
import { createPool } from './pool.js';

const USAGE = `Usage: voicebook-pg migrate [--url postgres://…] [--schema voicebook]

Applies @voicebook/store-postgres's migrations (idempotent; safe from several instances at once).
  --url      connection string (default: $DATABASE_URL)
  --schema   schema of voicebook's tables (default: voicebook)`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        schema: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] !== 'migrate' || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const url = values.url ?? process.env.DATABASE_URL;
  if (!url) {
    console.error(`No database: pass --url or set DATABASE_URL.\n\n${USAGE}`);
    return 2;
  }
  const pool = createPool({ connectionString: url, min: 0, max: 1 });
  try {
    const result = await migrate(
      pool,
      values.schema === undefined ? {} : { schema: values.schema },
    );
    console.log(
      result.applied.length === 0
        ? `up to date (${result.current.length} migrations)`
        : `applied ${result.applied.join(', ')}`,
    );
    return 0;
  } catch (error) {
    console.error(`migrate failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await pool.end();
  }
}

process.exitCode = await main(process.argv.slice(2));
