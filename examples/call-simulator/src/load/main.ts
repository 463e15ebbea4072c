/**
 * `pnpm bench:load`: every server runs in its own process, the driver in this one.
 * - overhead: the cached `check_availability` (stand-in at zero latency) beside a bare JSON route
 *   of the same framework in the same process, as a ratio (target ≥ 0.5);
 * - k6: the old k6 scenario (inbound → list → check → book, think times, ramp 20 → 50 → 20
 *   callers, stand-in at realistic latency): p95 per tool, error rate (target 0 %), hit rate;
 * - scale: three instances behind one Redis and one PostgreSQL database (see `scale.ts`).
 *
 * `LOAD_SCENARIOS=overhead,k6,scale` picks scenarios, `LOAD_STAGE_S` sets seconds per stage,
 * `REDIS_URL` (default redis://127.0.0.1:6379) and `DATABASE_URL` (default: a fresh database on
 * 127.0.0.1:5432, dropped afterwards) serve the scale run.
 */
import { createTestDatabase, openTestDatabase } from '@voicebook/server-core/testing/database';
import { loadAverage, out } from './common.js';
import { overhead, printOverhead } from './overhead.js';
import { printScale, scaleRun } from './scale.js';
import { printScenario, scenario } from './scenario.js';

const STAGE_S = Number(process.env.LOAD_STAGE_S ?? 6);
const chosen = new Set((process.env.LOAD_SCENARIOS ?? 'overhead,k6,scale').split(','));
const frameworks = ['fastify', 'express'] as const;

out(
  `load average at start: ${loadAverage()} (2 cores; figures are lower bounds on a shared machine)`,
);
if (chosen.has('overhead')) {
  out(
    `\nOwn overhead (stand-in at zero latency, 10 connections, 2 × ${STAGE_S / 2} s each, alternating):`,
  );
  for (const fw of frameworks) printOverhead(await overhead(fw, STAGE_S));
  out(`  load average: ${loadAverage()}`);
}
if (chosen.has('k6')) {
  out(
    `\nk6 scenario ported (inbound → list → check → book, think 0.5–1.5 s, ramp 20 → 50 → 20 callers, ${STAGE_S} s per stage, stand-in realistic):`,
  );
  for (const fw of frameworks) printScenario(await scenario(fw, STAGE_S));
  out(`  load average: ${loadAverage()}`);
}
if (chosen.has('scale')) {
  out('\nScale run (fastify, express, fastify behind one Redis and one PostgreSQL database):');
  const given = process.env.DATABASE_URL;
  const db = given === undefined ? await createTestDatabase() : openTestDatabase(given);
  try {
    printScale(
      await scaleRun({
        redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        databaseUrl: db.url,
        killPhaseSeconds: STAGE_S * 2,
        query: (sql) => db.query(sql),
      }),
    );
  } finally {
    await db.drop();
  }
  out(`  load average: ${loadAverage()}`);
}
