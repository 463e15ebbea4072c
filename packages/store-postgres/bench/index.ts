// Benchmarks of the PostgreSQL stores. Run: pnpm --filter @voicebook/store-postgres bench
// Needs the machine's PostgreSQL at 127.0.0.1:5432 (VOICEBOOK_TEST_DATABASE_URL overrides); works
// in a schema of its own that it drops at the end. Every figure is printed beside its baseline
// from the same run, as a ratio.
import { randomBytes } from 'node:crypto';
import { MemoryCustomerStore, MemoryIdempotencyStore } from '@voicebook/booking-engine';
import pg from 'pg';
import { createPostgresStores } from '../src/index.js';

const URL =
  process.env.VOICEBOOK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCHEMA = `vb_bench_${randomBytes(4).toString('hex')}`;

const pct = (s: number[], p: number) => {
  const sorted = [...s].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (v: number) => `${v.toFixed(3)} ms`;

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 200; i++) await fn(i + 1_000_000);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

function row(
  name: string,
  samples: number[],
  baseline?: { name: string; samples: number[] },
): void {
  const [p50, p99] = [pct(samples, 50), pct(samples, 99)];
  let line = `${name.padEnd(44)} p50 ${ms(p50).padStart(10)}  p99 ${ms(p99).padStart(10)}`;
  if (baseline) {
    const [b50, b99] = [pct(baseline.samples, 50), pct(baseline.samples, 99)];
    line += `   vs ${baseline.name}: p50 ${(p50 / b50).toFixed(2)}×, p99 ${(p99 / b99).toFixed(2)}×`;
  }
  console.log(line);
}

const phone = (i: number) => `+4917${String(100_000_000 + (i % 5_000)).slice(0, 9)}`;

async function main(): Promise<void> {
  const admin = new pg.Pool({ connectionString: URL, max: 1 });
  const uncached = createPostgresStores({ connectionString: URL, schema: SCHEMA, cacheTtlMs: 0 });
  const cached = createPostgresStores({ connectionString: URL, schema: SCHEMA });
  try {
    await uncached.ready();
    const memory = new MemoryCustomerStore();
    for (let i = 0; i < 5_000; i++) {
      await uncached.customers.findOrCreateByPhone('bench', phone(i));
      await memory.findOrCreateByPhone('bench', phone(i));
    }
    const N = 3_000;
    console.log(
      `customer by phone (5,000 customers, ${N} look-ups of 500 callers; defaults: pool min 2 / max 20)`,
    );
    // The same 500 callers asked about repeatedly (inbound webhook, then each tool call of a call).
    const hotPhone = (i: number) => phone(i % 500);
    const mem = await time(N, (i) => memory.findByPhone('bench', hotPhone(i)));
    row('memory adapter', mem);
    const raw = await time(N, (i) => uncached.customers.findByPhone('bench', hotPhone(i)));
    row('postgres, uncached', raw, { name: 'memory', samples: mem });
    const hot = await time(N, (i) => cached.customers.findByPhone('bench', hotPhone(i)));
    row('postgres, cached (default cacheTtlMs 5 s)', hot, { name: 'uncached', samples: raw });

    console.log(`\nidempotency reserve (begin of a new key, ${N} keys)`);
    const memIdem = new MemoryIdempotencyStore();
    const opts = { leaseMs: 20_000, ttlMs: 86_400_000, nowMs: Date.now() };
    const memBegin = await time(N, (i) => memIdem.begin('bench', `k${i}`, 'f', opts));
    row('memory adapter', memBegin);
    const pgBegin = await time(N, (i) => uncached.idempotency.begin('bench', `k${i}`, 'f', opts));
    row('postgres (one INSERT … ON CONFLICT)', pgBegin, { name: 'memory', samples: memBegin });
    const pgReplay = await time(N, (i) => uncached.idempotency.begin('bench', `k${i}`, 'f', opts));
    row('postgres, key seen before (row lock)', pgReplay, { name: 'new key', samples: pgBegin });

    console.log('\n1,000 concurrent find-or-create of one phone');
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 1_000 }, () =>
        uncached.customers.findOrCreateByPhone('bench', '+4930999999'),
      ),
    );
    const created = results.filter((r) => r.created).length;
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${SCHEMA}".customers WHERE phone = '+4930999999'`,
    );
    console.log(
      `rows created: ${rows[0]?.n ?? 0} (created: true answered ${created}×) in ${ms(performance.now() - t0)}; baseline: 1 row expected`,
    );
    if (rows[0]?.n !== 1) process.exitCode = 1;
  } finally {
    await uncached.close();
    await cached.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await admin.end();
  }
}

await main();
