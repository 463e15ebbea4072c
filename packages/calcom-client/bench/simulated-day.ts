// The "simulated day" of the cache benchmark: a seeded, documented model of a salon's booking
// line, replayed against a plain 60 s-TTL cache (the production system this package replaces)
// and against the tiered cache, on the exact same events. Every answer is judged against the
// ground-truth calendar at that moment.
import type { Redis } from 'ioredis';
import {
  createTieredCache,
  DEFAULT_TTL_POLICY,
  invalidationForWebhook,
  slotTagsFor,
  type InvalidationScope,
  type TieredCache,
  type TtlPolicy,
} from '../src/cache/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';

/**
 * The workload model. Its parameters are printed by the bench and listed in the README; they
 * were calibrated so that the plain 60 s-TTL baseline reproduces the production figures
 * (70–80 % hit rate, about 2.5 % stale answers), never to favour the tiered cache.
 */
export const MODEL = {
  seed: 20261125,
  /** The simulated day (a Wednesday); the salon is in Europe/Berlin (UTC+1 in November). */
  date: '2026-11-25',
  timeZone: 'Europe/Berlin',
  calls: 100,
  /** Phone line 08:00–19:00 local; relative call volume per local hour 08…18 (busy 9–11, 16–18). */
  hourWeights: [3, 26, 20, 6, 4, 3, 4, 7, 18, 8, 2],
  /**
   * Services (Cal.com round-robin event types): share of calls, length, and host team. Haircut
   * and colour are both done by the stylists, so a booking of one also removes slots of the
   * other (Cal.com checks the hosts' calendars); consultants host consultations. A slot is
   * offered while at least one host of the team is free for its whole length. Hours
   * 09:00–18:00 local; slots start every `slotMinutes`.
   */
  teams: { stylist: 4, consultant: 2 },
  eventTypes: [
    { id: 1001, share: 0.6, slotMinutes: 30, host: 'stylist' }, // haircut
    { id: 1002, share: 0.25, slotMinutes: 60, host: 'stylist' }, // colour
    { id: 1003, share: 0.15, slotMinutes: 30, host: 'consultant' }, // consultation
  ],
  /** Bookable horizon; Sundays closed. Day d ≤ 14 weighs `nearDecay^d` (×`saturdayBoost`). */
  horizonDays: 30,
  nearDecay: 0.4,
  saturdayBoost: 1.8,
  /** Share of requests for a day more than 14 days ahead (uniform over days 15…29). */
  farShare: 0.08,
  /** Share of each host's half-hours already booked at the start of the simulated day. */
  initialOccupancy: { today: 0.7, next3: 0.6, next14: 0.45, far: 0.2 },
  /** Lookups of the first requested day per call, and the gap between voice turns. */
  lookupsFirstDay: [3, 8],
  turnGapMs: [5_000, 18_000],
  /** Share of calls that move to another day (then 2–4 lookups of it). */
  switchDayShare: 0.3,
  lookupsSecondDay: [2, 4],
  /** Share of calls that end with a booking through this client, 5–15 s after the last lookup. */
  bookShare: 0.7,
  /** Share of booking calls that then ask for a second appointment on the same day. */
  secondAppointmentShare: 0.3,
  /** Bookings and cancellations made elsewhere (booking page, front desk) over the day. */
  bookingsElsewhere: 45,
  cancellationsElsewhere: 10,
  /** Cal.com's webhook for every booking / cancellation arrives this late, or never. */
  webhookDelayMs: [1_000, 3_000],
  webhookLoss: 0.05,
  /** Server instances behind the load balancer; each tool call lands on a random one. */
  instances: 2,
  /** The plain baseline: one shared cache, 60 s TTL, no invalidation (production). */
  baselineTtlMs: 60_000,
} as const;

const DAY_MS = 86_400_000;
const UTC_OFFSET_MS = 3_600_000; // Europe/Berlin in November

export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'get' | 'book-own' | 'book-elsewhere' | 'cancel-elsewhere' | 'webhook';

interface SimEvent {
  readonly t: number;
  readonly kind: Kind;
  readonly et: number;
  readonly day: number;
  /** Instance that handles it (gets, own bookings, webhooks). */
  readonly instance: number;
  /** Which free (booking) or booked (cancellation) slot is taken, as a fraction. */
  readonly u: number;
  /** For webhooks: a cancellation rather than a booking. */
  readonly cancelled?: boolean;
}

export interface Workload {
  readonly events: readonly SimEvent[];
  /** Bookings per host calendar (`host:day`) at the start of the day. */
  readonly initial: ReadonlyMap<string, readonly Busy[]>;
}

const dayStart = Date.parse(`${MODEL.date}T00:00:00Z`);
const dateOf = (d: number) => new Date(dayStart + d * DAY_MS).toISOString().slice(0, 10);
const isSunday = (d: number) => new Date(dayStart + d * DAY_MS).getUTCDay() === 0;
const isSaturday = (d: number) => new Date(dayStart + d * DAY_MS).getUTCDay() === 6;
const HALF_HOURS = 18; // 09:00–18:00 local
const typeOf = (et: number) => MODEL.eventTypes.find((e) => e.id === et) ?? MODEL.eventTypes[0];
/** Length of an event type in half-hours. */
const lenOf = (et: number) => typeOf(et).slotMinutes / 30;
/** Calendar key of the host team of `et` on day `d`. */
const calendarOf = (et: number, d: number) => `${typeOf(et).host}:${String(d)}`;
const teamSize = (et: number) => MODEL.teams[typeOf(et).host];
/** Start of half-hour `i` of day `d` (local 09:00 + i × 30 min), as UTC ms. */
const halfHourStart = (d: number, i: number) =>
  dayStart + d * DAY_MS + 9 * 3_600_000 - UTC_OFFSET_MS + i * 1_800_000;

/** A booking on a team's calendars: host index, first half-hour, length in half-hours. */
type Busy = readonly [host: number, from: number, len: number];

/** The first host of the team free for `len` half-hours from `i`, if any. */
function freeHost(et: number, busy: readonly Busy[], i: number, len: number): number | undefined {
  for (let h = 0; h < teamSize(et); h++) {
    if (!busy.some(([bh, f, l]) => bh === h && f < i + len && i < f + l)) return h;
  }
  return undefined;
}

/** Free slot starts (half-hour indexes) of `et` given its team's bookings that day. */
function freeStarts(et: number, busy: readonly Busy[]): number[] {
  const len = lenOf(et);
  const out: number[] = [];
  for (let i = 0; i + len <= HALF_HOURS; i += len) {
    if (freeHost(et, busy, i, len) !== undefined) out.push(i);
  }
  return out;
}

/** Generates the seeded workload: the same events for every cache under test. */
export function simulatedWorkload(seed: number = MODEL.seed): Workload {
  const rand = mulberry32(seed);
  const between = ([lo, hi]: readonly [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
  const weights = Array.from({ length: MODEL.horizonDays }, (_, d) => {
    if (isSunday(d)) return 0;
    if (d <= 14) return MODEL.nearDecay ** d * (isSaturday(d) ? MODEL.saturdayBoost : 1);
    return 0;
  });
  const near = weights.reduce((a, b) => a + b, 0);
  const farDays = Array.from({ length: MODEL.horizonDays }, (_, d) => d).filter(
    (d) => d > 14 && !isSunday(d),
  );
  const pickDay = (): number => {
    if (rand() < MODEL.farShare) return farDays[Math.floor(rand() * farDays.length)] ?? 15;
    let x = rand() * near;
    for (let d = 0; d < weights.length; d++) {
      x -= weights[d] ?? 0;
      if (x < 0) return d;
    }
    return 0;
  };
  const pickEt = (): number => {
    let x = rand();
    for (const e of MODEL.eventTypes) {
      x -= e.share;
      if (x < 0) return e.id;
    }
    return MODEL.eventTypes[0].id;
  };
  const hourTotal = MODEL.hourWeights.reduce((a, b) => a + b, 0);
  /** A moment of the phone line's day following the hourly profile, as UTC ms. */
  const pickTime = (): number => {
    let x = rand() * hourTotal;
    let h = 0;
    for (; h < MODEL.hourWeights.length - 1; h++) {
      x -= MODEL.hourWeights[h] ?? 0;
      if (x < 0) break;
    }
    return dayStart + (8 + h) * 3_600_000 - UTC_OFFSET_MS + Math.floor(rand() * 3_600_000);
  };
  const instance = () => Math.floor(rand() * MODEL.instances);

  const initial = new Map<string, Busy[]>();
  for (const [team, size] of Object.entries(MODEL.teams)) {
    for (let d = 0; d < MODEL.horizonDays; d++) {
      if (isSunday(d)) continue;
      const o = MODEL.initialOccupancy;
      const p = d === 0 ? o.today : d <= 3 ? o.next3 : d <= 14 ? o.next14 : o.far;
      const busy: Busy[] = [];
      for (let h = 0; h < size; h++) {
        for (let i = 0; i < HALF_HOURS; i++) if (rand() < p) busy.push([h, i, 1]);
      }
      initial.set(`${team}:${String(d)}`, busy);
    }
  }

  const events: SimEvent[] = [];
  const webhook = (t: number, et: number, day: number, cancelled: boolean) => {
    const delay = between(MODEL.webhookDelayMs);
    const at = instance();
    if (rand() >= MODEL.webhookLoss) {
      events.push({ t: t + delay, kind: 'webhook', et, day, instance: at, u: 0, cancelled });
    }
  };
  for (let call = 0; call < MODEL.calls; call++) {
    let t = pickTime();
    const et = pickEt();
    let day = pickDay();
    const lookups = (n: number) => {
      for (let i = 0; i < n; i++) {
        if (i > 0) t += between(MODEL.turnGapMs);
        events.push({ t, kind: 'get', et, day, instance: instance(), u: 0 });
      }
    };
    lookups(between(MODEL.lookupsFirstDay));
    if (rand() < MODEL.switchDayShare) {
      day = pickDay();
      t += between(MODEL.turnGapMs);
      lookups(between(MODEL.lookupsSecondDay));
    }
    if (rand() >= MODEL.bookShare) continue;
    const book = () => {
      t += 5_000 + Math.floor(rand() * 10_001);
      events.push({ t, kind: 'book-own', et, day, instance: instance(), u: rand() });
      webhook(t, et, day, false);
    };
    book();
    if (rand() < MODEL.secondAppointmentShare) {
      t += between(MODEL.turnGapMs);
      lookups(between([1, 2]));
      book();
    }
  }
  for (let i = 0; i < MODEL.bookingsElsewhere; i++) {
    const t = pickTime();
    const et = pickEt();
    const day = pickDay();
    events.push({ t, kind: 'book-elsewhere', et, day, instance: 0, u: rand() });
    webhook(t, et, day, false);
  }
  for (let i = 0; i < MODEL.cancellationsElsewhere; i++) {
    const t = pickTime();
    const et = pickEt();
    const day = pickDay();
    events.push({ t, kind: 'cancel-elsewhere', et, day, instance: 0, u: rand() });
    webhook(t, et, day, true);
  }
  // Stable sort: events at the same millisecond keep their generation order.
  return { events: events.sort((a, b) => a.t - b.t), initial };
}

/** The answer of a slots look-up: Cal.com v2 shape `{ date: [{ start }] }`. */
type Slots = Record<string, Array<{ start: string }>>;

/** One cache under test, as the client would drive it. */
interface SimCache {
  get(e: SimEvent, load: () => Slots): Promise<{ value: Slots; hit: boolean }>;
  /** The client's own write (create booking): invalidate at once. */
  ownWrite(e: SimEvent): Promise<void>;
  /** A verified Cal.com webhook reached instance `e.instance`. */
  webhook(e: SimEvent): Promise<void>;
  close(): Promise<void>;
}

export interface SimStats {
  readonly lookups: number;
  readonly hits: number;
  /** Answers that offered a slot already booked at that moment, or missed a free one. */
  readonly stale: number;
  /** Of those, answers that offered an already-booked slot. */
  readonly staleBooked: number;
  readonly loads: number;
  readonly bookings: number;
}

function answerOf(et: number, day: number, busy: readonly Busy[]): Slots {
  return {
    [dateOf(day)]: freeStarts(et, busy).map((i) => ({
      start: new Date(halfHourStart(day, i)).toISOString(),
    })),
  };
}

async function replay(w: Workload, cache: SimCache): Promise<SimStats> {
  const truth = new Map<string, Busy[]>();
  for (const [k, v] of w.initial) truth.set(k, [...v]);
  const s = { lookups: 0, hits: 0, stale: 0, staleBooked: 0, loads: 0, bookings: 0 };
  const realNow = Date.now;
  let simNow = dayStart;
  Date.now = () => simNow;
  try {
    for (const e of w.events) {
      simNow = e.t;
      const busy = truth.get(calendarOf(e.et, e.day)) ?? [];
      if (e.kind === 'book-own' || e.kind === 'book-elsewhere') {
        const free = freeStarts(e.et, busy);
        const at = free[Math.floor(e.u * free.length)];
        if (at === undefined) continue; // the day is full: nothing to book
        busy.push([freeHost(e.et, busy, at, lenOf(e.et)) ?? 0, at, lenOf(e.et)]);
        s.bookings++;
        if (e.kind === 'book-own') await cache.ownWrite(e);
      } else if (e.kind === 'cancel-elsewhere') {
        if (busy.length === 0) continue;
        busy.splice(Math.floor(e.u * busy.length), 1);
      } else if (e.kind === 'webhook') {
        await cache.webhook(e);
      } else {
        s.lookups++;
        const r = await cache.get(e, () => {
          s.loads++;
          return answerOf(e.et, e.day, busy);
        });
        if (r.hit) s.hits++;
        const offered = new Set((r.value[dateOf(e.day)] ?? []).map((x) => x.start));
        const actual = new Set(answerOf(e.et, e.day, busy)[dateOf(e.day)]?.map((x) => x.start));
        const offersBooked = [...offered].some((x) => !actual.has(x));
        if (offersBooked || [...actual].some((x) => !offered.has(x))) s.stale++;
        if (offersBooked) s.staleBooked++;
      }
    }
  } finally {
    Date.now = realNow;
    await cache.close();
  }
  return s;
}

const keyOf = (e: SimEvent) =>
  `slots:${String(e.et)}:${dateOf(e.day)}:${dateOf(e.day)}:${MODEL.timeZone}::time`;

/** The production baseline: one shared cache, fixed TTL, no invalidation at all. */
function plainTtlCache(ttlMs: number): SimCache {
  const m = new Map<string, { v: Slots; until: number }>();
  return {
    get(e, load) {
      const p = m.get(keyOf(e));
      if (p && p.until > Date.now()) return Promise.resolve({ value: p.v, hit: true });
      const v = load();
      m.set(keyOf(e), { v, until: Date.now() + ttlMs });
      return Promise.resolve({ value: v, hit: false });
    },
    ownWrite: () => Promise.resolve(),
    webhook: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/**
 * `MODEL.instances` tiered caches sharing Redis (L2 + pub/sub bus), configured like the client's
 * default (stale-if-error 10 min). Own writes and webhooks invalidate the affected days; the
 * bench waits for the bus to deliver each invalidation (milliseconds in production, against
 * seconds between a voice agent's requests) so that the replay stays deterministic. `close()`
 * closes every cache and subscriber, then fails if an L2 error happened during the day.
 */
export async function tieredFleet(
  redis: Redis,
  prefix: string,
  ttlPolicy: TtlPolicy,
  scope?: InvalidationScope,
): Promise<SimCache> {
  const remote: number[] = [];
  let l2Errors = 0;
  const subscribers: Redis[] = [];
  const caches: TieredCache[] = [];
  for (let i = 0; i < MODEL.instances; i++) {
    remote.push(0);
    const sub = redis.duplicate();
    subscribers.push(sub);
    caches.push(
      await createTieredCache({
        store: new RedisCacheStore({ client: redis, prefix }),
        bus: new RedisInvalidationBus({ client: redis, subscriber: sub, prefix }),
        ttlPolicy,
        staleIfErrorMs: 600_000,
        l2TimeoutMs: 1_000,
        onEvent: (ev) => {
          if (ev.type === 'cache:invalidated' && ev.remote) remote[i] = (remote[i] ?? 0) + 1;
          if (ev.type === 'cache:l2-error') l2Errors++;
        },
      }),
    );
  }
  const published = caches.map(() => 0);
  const invalidate = async (e: SimEvent) => {
    const start = new Date(halfHourStart(e.day, 0)).toISOString();
    const tags = invalidationForWebhook(
      {
        triggerEvent: e.cancelled === true ? 'BOOKING_CANCELLED' : 'BOOKING_CREATED',
        payload: { eventTypeId: e.et, startTime: start, endTime: start },
      },
      scope ? { scope } : {},
    );
    await caches[e.instance]?.invalidateTags(tags);
    published[e.instance] = (published[e.instance] ?? 0) + 1;
    const total = published.reduce((a, b) => a + b, 0);
    const deadline = performance.now() + 2_000;
    // Each instance must have received every message the others published.
    while (remote.some((r, i) => r < total - (published[i] ?? 0))) {
      if (performance.now() > deadline) throw new Error('invalidation bus did not deliver');
      await new Promise((r) => setImmediate(r));
    }
  };
  return {
    async get(e, load) {
      const date = dateOf(e.day);
      const cache = caches[e.instance];
      if (!cache) throw new Error('no such instance');
      const r = await cache.get(keyOf(e), () => Promise.resolve(load()), {
        keyGroup: 'slots',
        tags: slotTagsFor(e.et, date, date, MODEL.timeZone),
        policy: { startsAt: `${date}T00:00:00Z` },
      });
      return { value: r.value, hit: r.source !== 'loader' };
    },
    ownWrite: invalidate,
    webhook: invalidate,
    async close() {
      try {
        for (const c of caches) await c.close().catch(() => undefined);
      } finally {
        for (const s of subscribers) s.disconnect();
      }
      if (l2Errors > 0) throw new Error(`${String(l2Errors)} L2 errors during the simulated day`);
    },
  };
}

/** The plain 60 s-TTL baseline alone on the day of `seed` (no Redis needed). */
export function baselineDay(seed: number): Promise<SimStats> {
  return replay(simulatedWorkload(seed), plainTtlCache(MODEL.baselineTtlMs));
}

export interface SimRow {
  readonly label: string;
  readonly stats: SimStats;
}

/** Invalidation scope that knows the model's teams: event types of one team share hosts. */
const sameHosts: InvalidationScope = (id) => {
  const team = MODEL.eventTypes.find((e) => e.id === Number(id))?.host;
  return MODEL.eventTypes.filter((e) => e.host === team).map((e) => e.id);
};

/** Runs the plain baseline and the tiered variants on the same workload (the day of `seed`). */
export async function runSimulatedDay(
  redis: Redis,
  prefix: string,
  seed: number = MODEL.seed,
): Promise<{ baseline: SimStats; rows: SimRow[] }> {
  const workload = simulatedWorkload(seed);
  const baseline = await replay(workload, plainTtlCache(MODEL.baselineTtlMs));
  // The slots TTLs scaled from the ones copied from the old system (60 s / 30 s empty / 300 s
  // far); ×5 is what DEFAULT_TTL_POLICY now holds, chosen from this table.
  const scaled = (f: number): TtlPolicy => ({
    ...DEFAULT_TTL_POLICY,
    slots: {
      ...DEFAULT_TTL_POLICY.slots,
      normalMs: 60_000 * f,
      emptyMs: 30_000 * f,
      farFutureMs: 300_000 * f,
    },
  });
  const p = `${prefix}sim${String(seed)}:`;
  const fleet = (id: string, policy: TtlPolicy, scope?: InvalidationScope) =>
    tieredFleet(redis, `${p}${id}:`, policy, scope);
  const rows: SimRow[] = [
    {
      label: 'TTLs ×1 (60 s / 30 s / 300 s, the former default)',
      stats: await replay(workload, await fleet('a', scaled(1))),
    },
    {
      label: 'TTLs ×2.5 (150 s / 75 s / 750 s)',
      stats: await replay(workload, await fleet('b', scaled(2.5))),
    },
    {
      label: 'TTLs ×5 (300 s / 150 s / 1500 s), DEFAULT_TTL_POLICY',
      stats: await replay(workload, await fleet('c', DEFAULT_TTL_POLICY)),
    },
    {
      label: 'TTLs ×10 (600 s / 300 s / 3000 s)',
      stats: await replay(workload, await fleet('d', scaled(10))),
    },
    {
      label: "defaults, scope names the stylists' event types (haircut ↔ colour)",
      stats: await replay(workload, await fleet('e', DEFAULT_TTL_POLICY, sameHosts)),
    },
    {
      label: "defaults, scope 'event-type' (before: the booked event type only)",
      stats: await replay(workload, await fleet('f', DEFAULT_TTL_POLICY, 'event-type')),
    },
  ];
  return { baseline, rows };
}
