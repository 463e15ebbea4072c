// Benchmarks of the tiered cache. Run: pnpm --filter @voicebook/calcom-client bench
// Needs the machine's Redis at 127.0.0.1:6379 (VOICEBOOK_TEST_REDIS_URL overrides).
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createBreakerRegistry, isCircuitOpenError } from '../src/breaker/index.js';
import {
  createTieredCache,
  DEFAULT_TTL_POLICY,
  type TieredCache,
  invalidationForWebhook,
  slotTagsFor,
} from '../src/cache/index.js';
import { RedisBreakerStateStore, RedisCacheStore } from '../src/redis/index.js';

const REDIS_URL = process.env.VOICEBOOK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `vbbench:${String(process.pid)}:`;

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(3)}×`;

async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(500, n); i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  const fleet = async (leaseMs: number, key: string) => {
    const count = { n: 0 };
    const load = slowLoader(count);
    const caches = await Promise.all(
      [0, 1, 2].map(() =>
        createTieredCache({
          store: new RedisCacheStore({ client: redis, prefix: PREFIX }),
          fillLeaseMs: leaseMs,
          fillLeaseWaitMs: 1_000,
          l2TimeoutMs: 500,
        }),
      ),
    );
    await Promise.all(
      caches.flatMap((c) =>
        Array.from({ length: N / 4 }, () => c.get(key, load, { keyGroup: 'slots' })),
      ),
    );
    return count.n;
  };
  const noLease = await fleet(0, 'fleet-nolease');
  const lease = await fleet(2_000, 'fleet-lease');

  console.log('\n## Stampede: %d concurrent identical misses (loader takes 30 ms)', N);
  console.log('| scenario | loader calls | baseline | baseline calls | ratio |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| 1 instance, single-flight | ${String(sfCount.n)} | get-else-load LRU | ${String(naiveCount.n)} | ${ratio(sfCount.n, naiveCount.n)} |`,
  );
  console.log(
    `| 3 instances (750 gets), fill lease | ${String(lease)} | same, no lease | ${String(noLease)} | ${ratio(lease, noLease)} |`,
  );
}

interface SimEvent {
  t: number;
  kind: 'get' | 'book-own' | 'book-elsewhere' | 'webhook';
  day: number;
}

/**
 * The workload of a seeded day of 100 phone calls (seed 20261125), modelled on how a voice agent
 * uses availability: calls arrive over business hours (08:00–18:00); each asks about one day
 * (near-term weighted), 2–5 lookups 10–40 s apart, switching day once in 30 % of calls; 65 % end
 * with a booking through the client (own-write invalidation at once). 30 more bookings are made
 * elsewhere (Cal.com's booking page); their webhook arrives 1–3 s later, and 5 % never arrive.
 */
function simulatedWorkload(): SimEvent[] {
  const rand = mulberry32(20261125);
  const dayStart = Date.parse('2026-11-25T00:00:00Z');
  const pickDay = () => Math.min(29, Math.floor(-Math.log(1 - rand()) * 3));
  const events: SimEvent[] = [];
  for (let call = 0; call < 100; call++) {
    let t = dayStart + 8 * 3_600_000 + Math.floor(rand() * 10 * 3_600_000);
    let day = pickDay();
    const lookups = 2 + Math.floor(rand() * 4);
    const switchAt = rand() < 0.3 ? 1 + Math.floor(rand() * (lookups - 1)) : -1;
    for (let i = 0; i < lookups; i++) {
      if (i === switchAt) day = pickDay();
      events.push({ t, kind: 'get', day });
      t += 10_000 + Math.floor(rand() * 30_000);
    }
    if (rand() < 0.65) events.push({ t: t + Math.floor(rand() * 15_000), kind: 'book-own', day });
  }
  for (let i = 0; i < 30; i++) {
    const t = dayStart + 8 * 3_600_000 + Math.floor(rand() * 10 * 3_600_000);
    const day = pickDay();
    events.push({ t, kind: 'book-elsewhere', day });
    if (rand() >= 0.05)
      events.push({ t: t + 1_000 + Math.floor(rand() * 2_000), kind: 'webhook', day });
  }
  return events.sort((a, b) => a.t - b.t);
}

interface SimStats {
  hits: number;
  stale: number;
  loads: number;
}

/** Replays the workload against one tiered cache (or, without one, a plain 60 s-TTL LRU). */
async function replay(events: SimEvent[], tiered: TieredCache | undefined): Promise<SimStats> {
  const dayStart = Date.parse('2026-11-25T00:00:00Z');
  const truth = new Map<number, number>();
  const dateOf = (d: number) => new Date(dayStart + d * 86_400_000).toISOString().slice(0, 10);
  const plain = new LRUCache<string, { v: number; until: number }>({ max: 1_000 });
  const stats: SimStats = { hits: 0, stale: 0, loads: 0 };
  const invalidate = async (day: number) => {
    const start = new Date(dayStart + day * 86_400_000 + 36_000_000).toISOString();
    await tiered?.invalidateTags(
      invalidationForWebhook({
        triggerEvent: 'BOOKING_CREATED',
        payload: { eventTypeId: 1001, startTime: start, endTime: start },
      }),
    );
  };
  const realNow = Date.now;
  let simNow = dayStart;
  Date.now = () => simNow;
  try {
    for (const e of events) {
      simNow = e.t;
      const key = `slots:1001:${dateOf(e.day)}`;
      if (e.kind === 'book-own' || e.kind === 'book-elsewhere') {
        truth.set(e.day, (truth.get(e.day) ?? 0) + 1);
        if (e.kind === 'book-own') await invalidate(e.day); // the client invalidates its own writes
        continue;
      }
      if (e.kind === 'webhook') {
        await invalidate(e.day);
        continue;
      }
      const current = truth.get(e.day) ?? 0;
      let value: number;
      if (tiered) {
        const r = await tiered.get(
          key,
          () => {
            stats.loads++;
            return Promise.resolve([current]);
          },
          {
            keyGroup: 'slots',
            tags: slotTagsFor(1001, dateOf(e.day), dateOf(e.day)),
            policy: { startsAt: dateOf(e.day) },
          },
        );
        if (r.source !== 'loader') stats.hits++;
        value = r.value[0] ?? -1;
      } else {
        const p = plain.get(key);
        if (p && p.until > simNow) {
          stats.hits++;
          value = p.v;
        } else {
          stats.loads++;
          value = current;
          plain.set(key, { v: current, until: simNow + 60_000 });
        }
      }
      if (value !== current) stats.stale++;
    }
  } finally {
    Date.now = realNow;
  }
  return stats;
}

async function simulatedDay(): Promise<void> {
  // An answer is "stale" when it differs from Cal.com's truth at that moment.
  const events = simulatedWorkload();
  const gets = events.filter((e) => e.kind === 'get').length;
  const bookings = events.filter((e) => e.kind.startsWith('book')).length;
  const longer = {
    ...DEFAULT_TTL_POLICY,
    slots: {
      ...DEFAULT_TTL_POLICY.slots,
      normalMs: 300_000,
      emptyMs: 120_000,
      farFutureMs: 900_000,
    },
  };
  const rows: Array<[string, SimStats]> = [
    [
      'tiered, default policy (60 s / 30 s empty / 300 s far)',
      await replay(events, await createTieredCache()),
    ],
    [
      'tiered, TTLs ×5 (300 s / 120 s / 900 s), safe because writes invalidate',
      await replay(events, await createTieredCache({ ttlPolicy: longer })),
    ],
  ];
  const plain = await replay(events, undefined);
  const pc = (n: number) => `${((100 * n) / gets).toFixed(1)} %`;
  console.log(
    '\n## Simulated day (seed 20261125): 100 calls, %d availability lookups, %d bookings (30 made elsewhere, 5 %% of their webhooks lost)',
    gets,
    bookings,
  );
  console.log(
    '| cache | hit rate | stale answers | Cal.com loads | baseline: plain 60 s TTL hit rate / stale | ratio hit rate / stale |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [label, st] of rows) {
    console.log(
      `| ${label} | ${pc(st.hits)} | ${String(st.stale)} (${pc(st.stale)}) | ${String(st.loads)} | ${pc(plain.hits)} / ${String(plain.stale)} (${pc(plain.stale)}) | ${ratio(st.hits, plain.hits)} / ${plain.stale === 0 ? 'n/a' : ratio(st.stale, plain.stale)} |`,
    );
  }
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
    await latency(redis);
    await stampede(redis);
    await simulatedDay();
    await breakerRejection(redis);
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
