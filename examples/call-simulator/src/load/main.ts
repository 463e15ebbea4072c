/**
 * `pnpm bench:load`: the old k6 scenario (list services → check → book, think times, ramp
 * 20 → 50 → 20 concurrent calls) against each server with the stand-in at realistic latency, and
 * our own overhead: throughput and p99 of the cached `check_availability` beside a bare JSON route
 * of the same framework, in the same run, as a ratio.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import Fastify from 'fastify';
import { listenExpress } from '@voicebook/express-server';
import { listenFastify } from '@voicebook/fastify-server';
import {
  createVoicebookApp,
  loadConfig,
  type RunningServer,
  type VoicebookApp,
} from '@voicebook/server-core';
import { RetellClient, nextWeekday } from '@voicebook/server-core/client';
import { sign } from 'retell-sdk';
import { quantile } from '../latency-model.js';

const out = (t = '') => process.stdout.write(`${t}\n`);
const KEY = 'key_load_0123456789abcdef';
const DURATION_S = Number(process.env.LOAD_STAGE_S ?? 6);
type Framework = 'fastify' | 'express';

async function start(
  fw: Framework,
  latency: 'none' | Record<string, { minMs: number; maxMs: number }>,
): Promise<{ server: RunningServer; app: VoicebookApp }> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    RETELL_API_KEY: KEY,
    LOG_LEVEL: 'silent',
  });
  const app = await createVoicebookApp(config, { standInLatency: latency });
  const server =
    fw === 'fastify' ? await listenFastify({ app, config }) : await listenExpress({ app, config });
  return { server, app };
}

async function bare(fw: Framework): Promise<RunningServer> {
  if (fw === 'fastify') {
    const f = Fastify();
    f.post('/bare', () => ({ result: 'available', say: 'Am Montag um 10:00 Uhr ist noch frei.' }));
    const url = await f.listen({ port: 0, host: '127.0.0.1' });
    return { url, close: () => f.close() };
  }
  const e = express();
  e.post('/bare', express.json(), (_req, res) => {
    res.json({ result: 'available', say: 'Am Montag um 10:00 Uhr ist noch frei.' });
  });
  const s = e.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise((r) => s.close(() => r())),
  };
}

const call = (id: string) => ({
  call_id: id,
  agent_id: 'agent_demo',
  from_number: '+4917012340000',
  to_number: '+4930123456',
});

async function cannon(url: string, body: string, headers: Record<string, string>) {
  const r = await autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    connections: 20,
    duration: DURATION_S,
  });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function overhead(fw: Framework): Promise<void> {
  const { server } = await start(fw, 'none');
  const b = await bare(fw);
  try {
    const body = JSON.stringify({
      name: 'check_availability',
      args: { service: 'Haarschnitt', date: nextWeekday(3), time: '10:00' },
      call: call('call_load_overhead'),
    });
    const signature = await sign(body, KEY);
    await new RetellClient(server.url, KEY).post('/retell/tools', body); // warm the cache
    const ours = await cannon(`${server.url}/retell/tools`, body, {
      'x-retell-signature': signature,
    });
    const base = await cannon(`${b.url}/bare`, body, {});
    out(
      `  ${fw.padEnd(8)} cached check_availability ${ours.rps.toFixed(0).padStart(6)} req/s p99 ${String(ours.p99).padStart(3)} ms (errors ${ours.errors}) | bare JSON route ${base.rps.toFixed(0).padStart(6)} req/s p99 ${String(base.p99).padStart(3)} ms | ratio ${(ours.rps / base.rps).toFixed(2)} (target ≥ 0.5)`,
    );
  } finally {
    await b.close();
    await server.close();
  }
}

const REALISTIC = {
  'slots.find': { minMs: 300, maxMs: 800 },
  'bookings.create': { minMs: 500, maxMs: 2000 },
  '*': { minMs: 100, maxMs: 400 },
};

async function scenario(fw: Framework): Promise<void> {
  const { server } = await start(fw, REALISTIC);
  const retell = new RetellClient(server.url, KEY);
  const samples: Record<string, number[]> = {
    list_services: [],
    check_availability: [],
    book_appointment: [],
  };
  let requests = 0;
  let errors = 0;
  let n = 0;
  const think = () => new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
  const oneCall = async () => {
    const id = `call_load_${fw}_${n++}`;
    const c = call(id);
    const day = nextWeekday(3 + (n % 15));
    const time = `${String(9 + (n % 8)).padStart(2, '0')}:${n % 2 === 0 ? '00' : '30'}`;
    for (const [tool, args] of [
      ['list_services', {}],
      ['check_availability', { service: 'Haarschnitt', date: day, time }],
      [
        'book_appointment',
        { service: 'Haarschnitt', date: day, time, customer_name: 'Load Test', confirmed: true },
      ],
    ] as const) {
      const res = await retell.tool(tool, args, {
        ...c,
        from_number: `+49170${String(n).padStart(7, '0')}`,
      });
      requests++;
      const result = (res.body as { result?: string }).result;
      if (res.status !== 200 || result === 'error' || result === 'timeout') errors++;
      (samples[tool] ??= []).push(res.rttMs);
      await think();
    }
  };
  const stage = async (concurrency: number) => {
    const until = Date.now() + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < until) await oneCall();
      }),
    );
  };
  try {
    for (const c of [20, 50, 20]) await stage(c);
    const p95 = Object.entries(samples)
      .map(([t, v]) => `${t} ${quantile(v, 0.95).toFixed(0)} ms`)
      .join(', ');
    out(
      `  ${fw.padEnd(8)} ${n} calls, ${requests} requests, error rate ${((errors / Math.max(1, requests)) * 100).toFixed(2)} % (target 0 %; old < 5 %); p95 ${p95}`,
    );
  } finally {
    await server.close();
  }
}

out(`Own overhead (stand-in at zero latency, 20 connections, ${DURATION_S} s each):`);
for (const fw of ['fastify', 'express'] as const) await overhead(fw);
out(
  `\nk6 scenario ported (list → check → book, think 0.5–1.5 s, ramp 20 → 50 → 20 calls, ${DURATION_S} s per stage, stand-in realistic):`,
);
for (const fw of ['fastify', 'express'] as const) await scenario(fw);
