// A real cached read, measured through `cal.slots.find` itself (query parsing, tags, key, cache,
// result shape) against the Cal.com stand-in, beside a direct ioredis GET + JSON.parse of the
// same answer measured in the same run.
import { startCalcomMock } from '@voicebook/calcom-mock';
import type { Redis } from 'ioredis';
import { createCalcomClient, createTieredCache, type CalcomClient } from '../src/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';
import { pct, ratio, time, us } from './measure.js';

/** CPU time (user + system, ms) that `fn` costs this process. */
async function cpuOf(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

const TZ = 'Europe/Berlin';
function weekdays(count: number): string[] {
  const out: string[] = [];
  for (let i = 2; out.length < count; i++) {
    const d = new Date(Date.now() + i * 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** `cal.slots.find` hits (L1, L2) and a 1,000-call coalesced burst, with their baselines. */
export async function slotsFindBench(redis: Redis, prefix: string): Promise<void> {
  const mock = await startCalcomMock({ port: 0 });
  const caches: { close(): Promise<void> }[] = [];
  const client = async (o: { l1MaxEntries?: number; p?: string } = {}): Promise<CalcomClient> => {
    const p = `${prefix}${o.p ?? 'sf:'}`;
    const cache = await createTieredCache({
      store: new RedisCacheStore({ client: redis, prefix: p }),
      bus: new RedisInvalidationBus({ client: redis, prefix: p }),
      ...(o.l1MaxEntries === undefined ? {} : { l1MaxEntries: o.l1MaxEntries }),
    });
    caches.push(cache);
    return createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache });
  };
  try {
    const [d1, d2, d3] = weekdays(3) as [string, string, string];
    const q = (date: string) => ({ eventTypeId: 1001, start: date, end: date, timeZone: TZ });
    const N = 5_000;

    const a = await client();
    const first = await a.slots.find(q(d1));
    const raw = JSON.stringify(first.slots);
    await redis.set(`${prefix}sf-direct`, raw);
    const direct = await time(
      N,
      async (): Promise<unknown> =>
        JSON.parse((await redis.get(`${prefix}sf-direct`)) ?? '{}') as unknown,
    );
    const l1 = await time(N, () => a.slots.find(q(d1)));

    // L2 hits: a second instance with room for one L1 entry, asking two days alternately.
    await a.slots.find(q(d2));
    const b = await client({ l1MaxEntries: 1 });
    let flip = false;
    let notL2 = 0;
    const l2 = await time(N, async () => {
      flip = !flip;
      const r = await b.slots.find(q(flip ? d1 : d2));
      if (r.source !== 'l2') notL2++; // an L2 call slower than l2TimeoutMs on a loaded machine
    });

    console.log(
      '\n## cal.slots.find hit latency (sequential, %d samples, %d-slot day, stand-in)',
      N,
      first.slots[d1]?.length ?? 0,
    );
    console.log(
      '| path | p50 | p99 | baseline: direct ioredis GET+JSON.parse p50 / p99 | ratio p50 | ratio p99 |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [name, s] of [
      ['slots.find, L1 hit', l1],
      [`slots.find, L2 hit (${String(notL2)} of ${String(N + 500)} not from L2)`, l2],
    ] as const) {
      console.log(
        `| ${name} | ${us(pct(s, 50))} | ${us(pct(s, 99))} | ${us(pct(direct, 50))} / ${us(pct(direct, 99))} | ${ratio(pct(s, 50), pct(direct, 50))} | ${ratio(pct(s, 99), pct(direct, 99))} |`,
      );
    }

    // 1,000 concurrent identical misses on one instance (one upstream call), against the CPU of
    // 1,000 concurrent direct GET+JSON.parse of the same answer.
    const B = 1_000;
    const burst = await client({ p: 'sf-burst:' });
    await burst.slots.find(q(d2)); // warm the code paths on another day
    const before = mock.requests.length;
    const cpuBurst = await cpuOf(() =>
      Promise.all(Array.from({ length: B }, () => burst.slots.find(q(d3)))),
    );
    const upstream = mock.requests.length - before;
    const cpuBase = await cpuOf(() =>
      Promise.all(
        Array.from({ length: B }, async () => {
          JSON.parse((await redis.get(`${prefix}sf-direct`)) ?? '{}');
        }),
      ),
    );
    console.log('\n## cal.slots.find burst: %d concurrent identical misses, one instance', B);
    console.log(
      '| path | CPU | upstream calls | baseline: %d concurrent direct GET+JSON.parse CPU | ratio |',
      B,
    );
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| slots.find ×${String(B)}, coalesced | ${cpuBurst.toFixed(1)} ms | ${String(upstream)} | ${cpuBase.toFixed(1)} ms | ${ratio(cpuBurst, cpuBase)} |`,
    );
  } finally {
    for (const c of caches) await c.close();
    await mock.close();
  }
}
