/**
 * The old k6 scenario, ported: each virtual caller plays calls back to back — the inbound
 * webhook (Retell's call start, which prefetches), list services → check → book (the first
 * alternative when the wish is taken), with think times — while the number of callers ramps
 * 20 → 50 → 20. The stand-in answers at Cal.com's realistic latency.
 */
import { RetellClient } from '@voicebook/server-core/client';
import { quantile } from '../latency-model.js';
import {
  KEY,
  REALISTIC,
  cacheCounts,
  day,
  hitRate,
  out,
  retellCall,
  type Framework,
} from './common.js';
import { startServerProcess } from './spawn.js';

const TOOLS = ['list_services', 'check_availability', 'book_appointment'] as const;
type Tool = (typeof TOOLS)[number];

/** The scenario's figures for one framework. */
export interface ScenarioFigures {
  readonly framework: Framework;
  readonly calls: number;
  readonly requests: number;
  readonly errors: number;
  /** Error kinds and how often (`http 500`, `result timeout`, `fetch ECONNRESET`, …). */
  readonly errorKinds: Record<string, number>;
  readonly p95: Record<Tool, number>;
  /** p95 of `book_appointment` by its answer (`booked`, `unavailable`, …) and how many. */
  readonly bookByResult: Record<string, { p95: number; n: number }>;
  readonly booked: number;
  readonly hitRate: number;
}

interface Alternative {
  readonly start?: string;
}

/** `YYYY-MM-DD` and `HH:MM` of an ISO start with offset, in its own offset. */
const wallOf = (iso: string) => ({ date: iso.slice(0, 10), time: iso.slice(11, 16) });

/**
 * Runs the ramp against one framework's server process.
 *
 * @param fw - The framework.
 * @param stageSeconds - Seconds per stage.
 * @param stages - Concurrent callers per stage. @default [20, 50, 20]
 */
export async function scenario(
  fw: Framework,
  stageSeconds: number,
  stages: readonly number[] = [20, 50, 20],
): Promise<ScenarioFigures> {
  const server = await startServerProcess({
    FRAMEWORK: fw,
    RETELL_API_KEY: KEY,
    STAND_IN_LATENCY: JSON.stringify(REALISTIC),
  });
  const retell = new RetellClient(server.url, KEY);
  const samples: Record<Tool, number[]> = {
    list_services: [],
    check_availability: [],
    book_appointment: [],
  };
  const errorKinds: Record<string, number> = {};
  const bookMs: Record<string, number[]> = {};
  let requests = 0;
  let errors = 0;
  let booked = 0;
  let n = 0;
  const think = () => new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
  const tool = async (
    name: Tool,
    args: Record<string, unknown>,
    call: ReturnType<typeof retellCall>,
  ) => {
    requests++;
    let kind: string | undefined;
    let body: Record<string, unknown> = {};
    try {
      const res = await retell.tool(name, args, call);
      body = (res.body ?? {}) as Record<string, unknown>;
      samples[name].push(res.rttMs);
      const result = String(body.result);
      if (name === 'book_appointment') (bookMs[result] ??= []).push(res.rttMs);
      if (res.status !== 200)
        kind = `http ${res.status} ${(body.error as { code?: string } | undefined)?.code ?? ''}`;
      else if (result === 'error' || result === 'timeout' || result === 'in_progress')
        kind = `result ${result}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      kind = `fetch ${cause?.code ?? (error as Error).name}`;
    }
    if (kind !== undefined) {
      errors++;
      errorKinds[`${name}: ${kind}`] = (errorKinds[`${name}: ${kind}`] ?? 0) + 1;
    }
    return body;
  };
  const oneCall = async () => {
    const i = n++;
    const from = `+49170${String(i).padStart(7, '0')}`;
    const call = retellCall(`call_load_${fw}_${i}`, from);
    await retell
      .post('/retell/inbound', {
        event: 'call_inbound',
        call_inbound: { agent_id: call.agent_id, from_number: from, to_number: call.to_number },
      })
      .catch(() => undefined);
    await tool('list_services', {}, call);
    await think();
    let wish = {
      date: day(3 + (i % 10)),
      time: `${String(9 + Math.floor((i % 16) / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`,
    };
    const check = await tool('check_availability', { service: 'Haarschnitt', ...wish }, call);
    // A caller takes one of the offered alternatives (not all the first one at the same second).
    const offered = (check.alternatives as Alternative[] | undefined) ?? [];
    const alternative = offered[Math.floor(Math.random() * offered.length)]?.start;
    if (check.result === 'unavailable' && alternative !== undefined) wish = wallOf(alternative);
    await think();
    const book = await tool(
      'book_appointment',
      { service: 'Haarschnitt', ...wish, customer_name: 'Load Test', confirmed: true },
      call,
    );
    if (book.result === 'booked' || book.result === 'pending') booked++;
    await think();
  };
  const stage = async (concurrency: number) => {
    const until = Date.now() + stageSeconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < until) await oneCall();
      }),
    );
  };
  try {
    const before = await cacheCounts(server.url);
    for (const c of stages) await stage(c);
    const rate = hitRate(before, await cacheCounts(server.url));
    const p95 = Object.fromEntries(TOOLS.map((t) => [t, quantile(samples[t], 0.95)])) as Record<
      Tool,
      number
    >;
    const bookByResult = Object.fromEntries(
      Object.entries(bookMs).map(([r, v]) => [r, { p95: quantile(v, 0.95), n: v.length }]),
    );
    return {
      framework: fw,
      calls: n,
      requests,
      errors,
      errorKinds,
      p95,
      bookByResult,
      booked,
      hitRate: rate,
    };
  } finally {
    await server.stop();
  }
}

/** Prints {@link scenario}'s figures. */
export function printScenario(f: ScenarioFigures): void {
  const p95 = TOOLS.map((t) => `${t} ${f.p95[t].toFixed(0)} ms`).join(', ');
  out(
    `  ${f.framework.padEnd(8)} ${f.calls} calls, ${f.requests} tool requests, ${f.booked} booked, error rate ${((f.errors / Math.max(1, f.requests)) * 100).toFixed(2)} % (target 0 %; old < 5 %); tool p95 ${p95} (target < 3000 ms); slot-cache hit rate ${(f.hitRate * 100).toFixed(1)} %`,
  );
  const byResult = Object.entries(f.bookByResult)
    .map(([r, v]) => `${r} ${v.p95.toFixed(0)} ms (${v.n})`)
    .join(', ');
  out(`           book_appointment p95 by answer: ${byResult}`);
  for (const [kind, count] of Object.entries(f.errorKinds)) out(`           ${count} × ${kind}`);
}
