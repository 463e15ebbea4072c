/**
 * `pnpm bench`: what the tool handler adds (verify the signature, parse the body and arguments,
 * resolve the call, service and spoken date, build and serialise the answer) to a cached
 * `check_availability`, beside the bare `engine.checkAvailability` call, interleaved in one run.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { BookingEngine } from '@voicebook/booking-engine';
import { createRetellToolHandler, signRetellBody } from '../src/index.js';
import { WEDNESDAY, startEngine } from '../test/engine-setup.js';

const ROUNDS = 600;
const WARM = 100;
const apiKey = 'key_bench';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

const under = await startEngine();
const { engine } = under;
try {
  const call = { call_id: 'bench', to_number: '+4930123456', from_number: '+491711234567' };
  const ctx = await engine.resolveCall({
    callId: 'bench',
    toNumber: call.to_number,
    fromNumber: call.from_number,
  });
  const parsed = engine.parseDateTime(ctx, { date: 'morgen', time: '11:00' });
  if (!parsed.ok || parsed.start === undefined) throw new Error('date did not parse');
  const request = { serviceId: 'haarschnitt', start: parsed.start };
  const handle = createRetellToolHandler({ apiKey, engine, now: () => WEDNESDAY });
  // The same handler over the same engine whose four calls answer what they answered the
  // first time, at once: what is left is the handler's own work alone, free of the engine's
  // (and the cache's) spread on a loaded machine.
  const memo = new Map<string, unknown>();
  const recorded = <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>) =>
    ((...a: A) => {
      const key = `${name}:${JSON.stringify(a.slice(1))}`;
      if (!memo.has(key)) memo.set(key, f(...a));
      return memo.get(key) as Promise<R>;
    }) as (...a: A) => Promise<R>;
  const parsedOnce = new Map<string, ReturnType<BookingEngine['parseDateTime']>>();
  const instant: BookingEngine = {
    ...engine,
    parseDateTime: (c, input, locale) => {
      const key = JSON.stringify([input, locale]);
      const known = parsedOnce.get(key) ?? engine.parseDateTime(c, input, locale);
      parsedOnce.set(key, known);
      return known;
    },
    resolveCall: recorded('resolveCall', (...a: Parameters<BookingEngine['resolveCall']>) =>
      engine.resolveCall(...a),
    ),
    resolveService: recorded(
      'resolveService',
      (...a: Parameters<BookingEngine['resolveService']>) => engine.resolveService(...a),
    ),
    checkAvailability: recorded(
      'checkAvailability',
      (...a: Parameters<BookingEngine['checkAvailability']>) => engine.checkAvailability(...a),
    ),
  };
  const handleOwn = createRetellToolHandler({ apiKey, engine: instant, now: () => WEDNESDAY });
  const rawBody = JSON.stringify({
    name: 'check_availability',
    args: { dienstleistung: 'Haarschnitt', datum: 'morgen', uhrzeit: '11:00' },
    call,
  });
  const http = {
    method: 'POST',
    headers: { 'x-retell-signature': signRetellBody(rawBody, apiKey, WEDNESDAY) },
    rawBody,
  };
  for (const h of [handle, handleOwn]) {
    const first = await h(http);
    if (first.status !== 200 || !first.body.includes('"available"'))
      throw new Error(`unexpected answer ${first.body}`);
  }

  // The same engine calls the handler makes, bare and in the same order: the handler's own cost
  // (verify, parse, validate, speak, serialise) is the difference to this.
  const engineSteps = async () => {
    const c = await engine.resolveCall({
      callId: 'bench',
      toNumber: call.to_number,
      fromNumber: call.from_number,
    });
    await engine.resolveService(c, 'Haarschnitt');
    engine.parseDateTime(c, { date: 'morgen', time: '11:00' });
    await engine.checkAvailability(c, request, { deadlineMs: 6_500 });
  };
  // CPU time of this process per call (µs resolution): on a shared, loaded machine wall time
  // mostly measures waiting for a core. Wall time is printed too.
  const timed = async (f: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    await f();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
  };
  const series = {
    bare: { wall: [] as number[], cpu: [] as number[] },
    steps: { wall: [] as number[], cpu: [] as number[] },
    handler: { wall: [] as number[], cpu: [] as number[] },
    own: { wall: [] as number[], cpu: [] as number[] },
  };
  for (let i = 0; i < WARM + ROUNDS; i++) {
    const one = await timed(() => engine.checkAvailability(ctx, request));
    const two = await timed(engineSteps);
    const three = await timed(() => handle(http));
    const four = await timed(() => handleOwn(http));
    if (i < WARM) continue;
    for (const [key, t] of [
      ['bare', one],
      ['steps', two],
      ['handler', three],
      ['own', four],
    ] as const) {
      series[key].wall.push(t.wall);
      series[key].cpu.push(t.cpu);
    }
  }
  for (const s of Object.values(series)) for (const xs of [s.wall, s.cpu]) xs.sort((x, y) => x - y);
  const fig = (xs: number[], base: number[]) =>
    `p50 ${us(pct(xs, 0.5)).padStart(10)} p99 ${us(pct(xs, 0.99)).padStart(10)} (${(pct(xs, 0.5) / pct(base, 0.5)).toFixed(2)}× / ${(pct(xs, 0.99) / pct(base, 0.99)).toFixed(2)}×)`;
  const names = {
    bare: 'bare engine.checkAvailability (baseline)',
    steps: 'engine calls the handler makes, bare',
    handler: 'handler (verify + parse + engine calls + answer)',
    own: 'handler over engine calls answering at once',
  } as const;
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  console.log(
    `check_availability on cached slots, ${ROUNDS} rounds interleaved, load average ${load}; ratios p50 / p99 against the baseline`,
  );
  for (const key of ['bare', 'steps', 'handler', 'own'] as const) {
    console.log(
      `${names[key].padEnd(50)} CPU ${fig(series[key].cpu, series.bare.cpu)}   wall ${fig(series[key].wall, series.bare.wall)}`,
    );
  }
  const own = (kind: 'cpu' | 'wall', p: number) =>
    us(pct(series.handler[kind], p) - pct(series.steps[kind], p));
  console.log(
    `handler − engine calls (difference of two spreads): CPU p50 ${own('cpu', 0.5)}, p99 ${own('cpu', 0.99)}; wall p50 ${own('wall', 0.5)}, p99 ${own('wall', 0.99)}`,
  );
  const alone = (kind: 'cpu' | 'wall', p: number) => us(pct(series.own[kind], p));
  console.log(
    `handler's own work (over engine calls answering at once): CPU p50 ${alone('cpu', 0.5)}, p99 ${alone('cpu', 0.99)}; wall p50 ${alone('wall', 0.5)}, p99 ${alone('wall', 0.99)} (target < 500 µs p99)`,
  );
  // Each alone, one after another (no engine work in between, so no collection the engine's
  // allocations started lands in the handler's samples): the handler's own work against the
  // bare engine call, in the same process.
  const phase = async (f: () => Promise<unknown>) => {
    const xs = { wall: [] as number[], cpu: [] as number[] };
    for (let i = 0; i < WARM + 3 * ROUNDS; i++) {
      const t = await timed(f);
      if (i < WARM) continue;
      xs.wall.push(t.wall);
      xs.cpu.push(t.cpu);
    }
    xs.wall.sort((x, y) => x - y);
    xs.cpu.sort((x, y) => x - y);
    return xs;
  };
  const bareAlone = await phase(() => engine.checkAvailability(ctx, request));
  const ownAlone = await phase(() => handleOwn(http));
  console.log(`each alone, ${3 * ROUNDS} calls in a row:`);
  console.log(
    `${names.bare.padEnd(50)} CPU ${fig(bareAlone.cpu, bareAlone.cpu)}   wall ${fig(bareAlone.wall, bareAlone.wall)}`,
  );
  console.log(
    `${names.own.padEnd(50)} CPU ${fig(ownAlone.cpu, bareAlone.cpu)}   wall ${fig(ownAlone.wall, bareAlone.wall)}`,
  );
} finally {
  await under.close();
}
