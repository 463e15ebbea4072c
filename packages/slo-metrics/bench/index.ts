/**
 * Cost of recording one tool call through slo-metrics (latency histogram + call counter with
 * SLA label + four in-process SLO windows) beside a bare prom-client `Histogram.observe`, both
 * measured in this run, interleaved, as per-call times of 100-call batches.
 *
 *   pnpm --filter @voicebook/slo-metrics bench
 */
import { Histogram, Registry } from 'prom-client';
import { createSloMetrics, type ToolOutcome } from '../src/index.js';

const BATCH = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3_000);

const metrics = createSloMetrics({ registry: new Registry() });
const bare = new Histogram({
  name: 'bare_tool_duration_seconds',
  help: 'baseline',
  labelNames: ['tool'] as const,
  buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13],
  registers: [new Registry()],
});

const tools = ['check_availability', 'book_appointment', 'initialize_call', 'list_services'];
const outcomes: ToolOutcome[] = ['ok', 'ok', 'ok', 'error'];

function time(fn: (i: number) => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < BATCH; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / BATCH;
}

const recordOne = (i: number): void =>
  metrics.recordToolCall({
    tool: tools[i & 3]!,
    durationMs: (i * 37) % 4_000,
    outcome: outcomes[i & 3]!,
  });
const observeOne = (i: number): void =>
  bare.observe({ tool: tools[i & 3]! }, ((i * 37) % 4_000) / 1000);

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

// warm-up
for (let r = 0; r < 300; r++) {
  time(recordOne);
  time(observeOne);
}
const ours: number[] = [];
const base: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  ours.push(time(recordOne));
  base.push(time(observeOne));
}

const evalTimes: number[] = [];
const scrapeTimes: number[] = [];
for (let r = 0; r < 200; r++) {
  let t0 = process.hrtime.bigint();
  metrics.evaluate();
  evalTimes.push(Number(process.hrtime.bigint() - t0) / 1000);
  t0 = process.hrtime.bigint();
  await metrics.metrics();
  scrapeTimes.push(Number(process.hrtime.bigint() - t0) / 1000);
}

const row = (name: string, unit: string, a: number[], b: number[], p: number): string =>
  `${name.padEnd(44)} p${p}: ${pct(a, p).toFixed(0).padStart(6)} ${unit}  baseline ${pct(b, p)
    .toFixed(0)
    .padStart(6)} ${unit}  ratio ${(pct(a, p) / pct(b, p)).toFixed(2)}x`;

console.log(`slo-metrics bench (${ROUNDS} x ${BATCH} calls, Node ${process.version})`);
console.log(row('recordToolCall (all SLIs) vs bare observe', 'ns', ours, base, 50));
console.log(row('recordToolCall (all SLIs) vs bare observe', 'ns', ours, base, 99));
console.log(row('evaluate() (/slo) vs metrics() (/metrics)', 'µs', evalTimes, scrapeTimes, 50));
