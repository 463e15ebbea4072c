// Benchmarks of the tiered cache. Run: pnpm --filter @voicebook/calcom-client bench
// Needs the machine's Redis at 127.0.0.1:6379 (VOICEBOOK_TEST_REDIS_URL overrides).
import os from 'node:os';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createBreakerRegistry, isCircuitOpenError } from '../src/breaker/index.js';
import { createTieredCache } from '../src/cache/index.js';
import { RedisBreakerStateStore, RedisCacheStore } from '../src/redis/index.js';
import { MODEL, runSimulatedDay, type SimRow, type SimStats } from './simulated-day.js';
import { pct, ratio, time, us } from './measure.js';
import { slotsFindBench } from './slots-find.js';

const REDIS_URL = process.env.VOICEBOOK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `vbbench:${String(process.pid)}:`;

async function latency(redis: Redis): Promise<void> {
  const value = {
    '2026-11-26': Array.from({ length: 16 }, (_, i) => ({ start: `T${String(i)}` })),
  };
  const N = 5_000;
  await redis.set(`${PREFIX}direct`, JSON.stringify(value));
  const direct = await time(
    N,
    async (): Promise<unknown> =>
      JSON.parse((await redis.get(`${PREFIX}direct`)) ?? '{}') as unknown,
  );

  const l1cache = await createTieredCache({
    store: new RedisCacheStore({ client: redis, prefix: PREFIX }),
  });
  await l1cache.get('hot', () => Promise.resolve(value), { keyGroup: 'slots' });
  const l1 = await time(N, () =>
    l1cache.get('hot', () => Promise.resolve(value), { keyGroup: 'slots' }),
  );

  // L2 hits: a fresh instance per sample would be slow to build; use l1MaxEntries 1 and two keys
  // alternately so each get misses L1 and hits L2.
  const writer = await createTieredCache({
    store: new RedisCacheStore({ client: redis, prefix: PREFIX }),
  });
  await writer.get('l2a', () => Promise.resolve(value), { keyGroup: 'slots' });
  await writer.get('l2b', () => Promise.resolve(value), { keyGroup: 'slots' });
  const l2cache = await createTieredCache({
    store: new RedisCacheStore({ client: redis, prefix: PREFIX }),
    l1MaxEntries: 1,
  });
  let flip = false;
  const failLoader = () => Promise.reject(new Error('should hit L2'));
  const l2 = await time(N, () => {
    flip = !flip;
    return l2cache.get(flip ? 'l2a' : 'l2b', failLoader, { keyGroup: 'slots' });
  });

  console.log('\n## Hit latency (sequential, %d samples, 16-slot payload)', N);
  console.log(
    '| path | p50 | p99 | baseline: direct ioredis GET+JSON.parse p50 / p99 | ratio p50 | ratio p99 |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, s] of [
    ['L1 hit', l1],
    ['L2 hit', l2],
  ] as const) {
    console.log(
      `| ${name} | ${us(pct(s, 50))} | ${us(pct(s, 99))} | ${us(pct(direct, 50))} / ${us(pct(direct, 99))} | ${ratio(pct(s, 50), pct(direct, 50))} | ${ratio(pct(s, 99), pct(direct, 99))} |`,
    );
  }
}

async function stampede(redis: Redis): Promise<void> {
  const N = 1_000;
  const slowLoader = (count: { n: number }) => () =>
    new Promise<number>((r) => {
      count.n++;
      setTimeout(() => {
        r(count.n);
      }, 30);
    });

  // Without single-flight: a plain "get, else load and set" cache.
  const naive = new LRUCache<string, number>({ max: 100 });
  const naiveCount = { n: 0 };
  const naiveLoad = slowLoader(naiveCount);
  await Promise.all(
    Array.from({ length: N }, async () => {
      const hit = naive.get('k');
      if (hit !== undefined) return hit;
      const v = await naiveLoad();
      naive.set('k', v);
      return v;
    }),
  );
  const sfCount = { n: 0 };
  const sf = await createTieredCache();
  const sfLoad = slowLoader(sfCount);
  await Promise.all(Array.from({ length: N }, () => sf.get('k', sfLoad, { keyGroup: 'slots' })));

  // Three instances with the cache's defaults (only a store), a loader as slow as Cal.com's
  // slots (500 ms), against the same without the fill lease.
  const fleet = async (lease: boolean, key: string) => {
    const count = { n: 0 };
    const load = () =>
      new Promise<number>((r) => {
        count.n++;
        setTimeout(() => {
          r(count.n);
        }, 500);
      });
    const caches = await Promise.all(
      [0, 1, 2].map(() =>
        createTieredCache({
          store: new RedisCacheStore({ client: redis, prefix: PREFIX }),
          ...(lease ? {} : { fillLeaseMs: 0 }),
        }),
      ),
    );
    // 1,000 gets in all, spread over the three instances (334 / 333 / 333).
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        caches[i % caches.length]!.get(key, load, { keyGroup: 'slots' }),
      ),
    );
    return count.n;
  };
  const noLease = await fleet(false, 'fleet-nolease');
  const lease = await fleet(true, 'fleet-lease');

  console.log(
    '\n## Stampede: %d concurrent identical misses (loader 30 ms; fleet: loader 500 ms, default options)',
    N,
  );
  console.log('| scenario | loader calls | baseline | baseline calls | ratio |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| 1 instance, single-flight | ${String(sfCount.n)} | get-else-load LRU | ${String(naiveCount.n)} | ${ratio(sfCount.n, naiveCount.n)} |`,
  );
  console.log(
    `| 3 instances sharing Redis (1,000 gets), defaults (fill lease on) | ${String(lease)} | same, no lease (1 per instance) | ${String(noLease)} | ${ratio(lease, noLease)} |`,
  );
}

async function simulatedDay(redis: Redis): Promise<void> {
  const days = 20;
  const single = await runSimulatedDay(redis, PREFIX, MODEL.seed);
  const sum = (xs: SimStats[]): SimStats => ({
    lookups: xs.reduce((a, x) => a + x.lookups, 0),
    hits: xs.reduce((a, x) => a + x.hits, 0),
    stale: xs.reduce((a, x) => a + x.stale, 0),
    staleBooked: xs.reduce((a, x) => a + x.staleBooked, 0),
    loads: xs.reduce((a, x) => a + x.loads, 0),
    bookings: xs.reduce((a, x) => a + x.bookings, 0),
  });
  const runs = [single];
  for (let i = 1; i < days; i++) runs.push(await runSimulatedDay(redis, PREFIX, MODEL.seed + i));
  const many = {
    baseline: sum(runs.map((r) => r.baseline)),
    rows: single.rows.map((row, i) => ({
      label: row.label,
      stats: sum(runs.map((r) => r.rows[i]?.stats ?? r.baseline)),
    })),
  };
  const pc = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;
  const r3 = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(3)}×`);
  const table = (title: string, t: { baseline: SimStats; rows: SimRow[] }) => {
    const b = t.baseline;
    console.log(
      `\n## ${title}: ${String(b.lookups)} availability lookups, ${String(b.bookings)} bookings`,
    );
    console.log(
      '| tiered cache (2 instances, Redis L2 + bus, own-write + webhook invalidation) | hit rate | stale answers (offered a booked slot) | Cal.com loads | baseline: plain 60 s TTL hit rate / stale / loads | ratio hit / stale / loads |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const { label, stats: s } of t.rows) {
      console.log(
        `| ${label} | ${pc(s.hits, s.lookups)} | ${pc(s.stale, s.lookups)} = ${String(s.stale)} (${String(s.staleBooked)}) | ${String(s.loads)} | ${pc(b.hits, b.lookups)} / ${pc(b.stale, b.lookups)} = ${String(b.stale)} (${String(b.staleBooked)}) / ${String(b.loads)} | ${r3(s.hits, b.hits)} / ${r3(s.stale, b.stale)} / ${r3(s.loads, b.loads)} |`,
      );
    }
  };
  console.log('\n## Simulated day: the workload model');
  console.log(JSON.stringify(MODEL));
  table(`Simulated day (seed ${String(MODEL.seed)}), 100 calls`, single);
  table(
    `${String(days)} simulated days (seeds ${String(MODEL.seed)}–${String(MODEL.seed + days - 1)}), 100 calls each`,
    many,
  );
}

async function breakerRejection(redis: Redis): Promise<void> {
  const N = 5_000;
  const fail = () => Promise.reject(Object.assign(new Error('down'), { status: 503 }));
  const run = async (label: string, reg: ReturnType<typeof createBreakerRegistry>) => {
    for (let i = 0; i < 5; i++) await reg.execute('read', fail).catch(() => undefined);
    const samples = await time(N, () =>
      reg.execute('read', fail).catch((e: unknown) => {
        if (!isCircuitOpenError(e)) throw e;
      }),
    );
    return [label, samples] as const;
  };
  const baseline = await time(N, () => fail().catch(() => undefined));
  const rows = [
    await run('open, memory store', createBreakerRegistry()),
    await run(
      'open, Redis store',
      createBreakerRegistry({
        store: new RedisBreakerStateStore({ client: redis, prefix: `${PREFIX}b:` }),
      }),
    ),
  ];
  console.log('\n## Breaker: time to reject while open (%d samples)', N);
  console.log('| path | p50 | p99 | baseline: bare rejected promise p50 / p99 | ratio p50 / p99 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [label, s] of rows) {
    console.log(
      `| ${label} | ${us(pct(s, 50))} | ${us(pct(s, 99))} | ${us(pct(baseline, 50))} / ${us(pct(baseline, 99))} | ${ratio(pct(s, 50), pct(baseline, 50))} / ${ratio(pct(s, 99), pct(baseline, 99))} |`,
    );
  }
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    // `pnpm bench [section…]` runs only the named sections (latency, slots-find, stampede,
    // simulated-day, breaker); without arguments, all of them.
    const only = process.argv.slice(2);
    const run = (name: string) => only.length === 0 || only.includes(name);
    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ');
    console.log(`load average (1 / 5 / 15 min) at start: ${load()}`);
    if (run('latency')) await latency(redis);
    if (run('slots-find')) await slotsFindBench(redis, PREFIX);
    if (run('stampede')) await stampede(redis);
    if (run('simulated-day')) await simulatedDay(redis);
    if (run('breaker')) await breakerRejection(redis);
    console.log(`\nload average (1 / 5 / 15 min) at end: ${load()}`);
  } finally {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

await main();
process.exit(0);
