/**
 * Our own overhead: the cached `check_availability` through the server (stand-in at zero
 * latency) beside a bare JSON route of the same framework in the same process, both driven by
 * autocannon from this process (the server runs in its own).
 */
import autocannon from 'autocannon';
import { sign } from 'retell-sdk';
import { startServerProcess } from './spawn.js';
import { KEY, cacheCounts, day, hitRate, out, retellCall, type Framework } from './common.js';

/** One framework's overhead figures. */
export interface OverheadFigures {
  readonly framework: Framework;
  readonly ours: { rps: number; p99: number; errors: number };
  readonly bare: { rps: number; p99: number; errors: number };
  readonly ratio: number;
  readonly hitRate: number;
}

interface Run {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
}

/** A request body and its headers; autocannon cycles through them. */
interface Shot {
  readonly body: string;
  readonly headers: Record<string, string>;
}

async function cannon(
  url: string,
  shots: readonly Shot[],
  seconds: number,
  connections: number,
): Promise<Run> {
  let next = 0;
  const r = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const shot = shots[next++ % shots.length] ?? shots[0];
          return {
            ...req,
            body: shot?.body,
            headers: { ...req.headers, 'content-type': 'application/json', ...shot?.headers },
          };
        },
      },
    ],
  });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/**
 * Measures one framework: warm-up, then ours and the bare route alternately (twice each, so a
 * burst of load from elsewhere on the machine hits both), figures summed.
 *
 * @param fw - The framework.
 * @param seconds - Seconds per measurement.
 * @param nodeArgs - Extra node flags for the server process (e.g. `--cpu-prof`).
 */
export async function overhead(
  fw: Framework,
  seconds: number,
  nodeArgs: readonly string[] = [],
): Promise<OverheadFigures> {
  const server = await startServerProcess(
    {
      FRAMEWORK: fw,
      RETELL_API_KEY: KEY,
      STAND_IN_LATENCY: 'none',
      // `LOAD_LOG_LEVEL=info` measures with the production request logs (default: silent).
      LOG_LEVEL: process.env.LOAD_LOG_LEVEL ?? 'silent',
    },
    nodeArgs,
  );
  try {
    // 64 calls asking the same (cached) question: each request runs the whole path (the tool
    // handler joins identical requests of one call while the first still runs).
    const shots: Shot[] = await Promise.all(
      Array.from({ length: 64 }, async (_, i) => {
        const body = JSON.stringify({
          name: 'check_availability',
          args: { service: 'Haarschnitt', date: day(3), time: '10:00' },
          call: retellCall(`call_load_overhead_${i}`),
        });
        return { body, headers: { 'x-retell-signature': await sign(body, KEY) } };
      }),
    );
    const bareShots = shots.map((s) => ({ body: s.body, headers: {} }));
    const ours = `${server.url}/retell/tools`;
    const bare = `${server.bareUrl}/bare`;
    await cannon(ours, shots, 1, 4); // warm the cache and the JIT
    await cannon(bare, bareShots, 1, 4);
    const before = await cacheCounts(server.url);
    const runs: { ours: Run[]; bare: Run[] } = { ours: [], bare: [] };
    for (let i = 0; i < 2; i++) {
      runs.ours.push(await cannon(ours, shots, seconds / 2, 10));
      runs.bare.push(await cannon(bare, bareShots, seconds / 2, 10));
    }
    const rate = hitRate(before, await cacheCounts(server.url));
    const sum = (rs: Run[]): Run => ({
      rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
      p99: Math.max(...rs.map((r) => r.p99)),
      errors: rs.reduce((a, r) => a + r.errors, 0),
    });
    const o = sum(runs.ours);
    const b = sum(runs.bare);
    return { framework: fw, ours: o, bare: b, ratio: o.rps / b.rps, hitRate: rate };
  } finally {
    await server.stop();
  }
}

/** Prints {@link overhead}'s figures as one line. */
export function printOverhead(f: OverheadFigures): void {
  out(
    `  ${f.framework.padEnd(8)} cached check_availability ${f.ours.rps.toFixed(0).padStart(6)} req/s p99 ${String(f.ours.p99).padStart(3)} ms (errors ${f.ours.errors}, slot-cache hit rate ${(f.hitRate * 100).toFixed(1)} %) | bare JSON route ${f.bare.rps.toFixed(0).padStart(6)} req/s p99 ${String(f.bare.p99).padStart(3)} ms | ratio ${f.ratio.toFixed(2)} (target ≥ 0.5)`,
  );
}
