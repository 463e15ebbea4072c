import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { createTestRedis, waitFor, type TestRedis } from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBreakerRegistry,
  createCalcomClient,
  createTieredCache,
  isCalcomError,
  type CalcomClient,
  type TieredCache,
} from '../src/index.js';
import {
  RedisBreakerStateStore,
  RedisCacheStore,
  RedisInvalidationBus,
} from '../src/redis/index.js';

// Three server instances, each with its own client, L1 and breaker registry, sharing one Redis
// (L2, invalidation bus, breaker state) and one Cal.com stand-in.
const TZ = 'Europe/Berlin';
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
function weekday(minOffset: number): string {
  for (let i = minOffset; i < minOffset + 7; i++) {
    const d = new Date(`${day(i)}T12:00:00Z`).getUTCDay();
    if (d >= 1 && d <= 5) return day(i);
  }
  throw new Error('unreachable');
}

let mock: CalcomMock;
let redis: TestRedis;
let caches: TieredCache[];

beforeEach(async () => {
  mock = await startCalcomMock({ port: 0 });
  redis = await createTestRedis('fleet');
  caches = [];
});
afterEach(async () => {
  for (const c of caches) await c.close();
  await mock.close();
  await redis.cleanup();
});

async function instance(options: { failureThreshold?: number } = {}): Promise<CalcomClient> {
  const client = redis.connect();
  await client.ping(); // a server instance is connected before it takes traffic
  const cache = await createTieredCache({
    store: new RedisCacheStore({ client, prefix: redis.prefix }),
    bus: new RedisInvalidationBus({ client, prefix: redis.prefix }),
    staleIfErrorMs: 600_000,
    fillLeaseMs: 2_000,
    fillLeaseWaitMs: 1_000,
  });
  caches.push(cache);
  return createCalcomClient({
    apiKey: mock.apiKey,
    baseUrl: mock.url,
    cache,
    breaker: createBreakerRegistry({
      store: new RedisBreakerStateStore({ client, prefix: redis.prefix }),
      syncIntervalMs: 0,
      failureThreshold: options.failureThreshold ?? 5,
    }),
    retry: { initialDelayMs: 5, maxDelayMs: 20, attempts: { getSlots: 1 } },
  });
}

const find = async (c: CalcomClient, date: string) => {
  const r = await c.slots.find({ eventTypeId: 1001, start: date, end: date, timeZone: TZ });
  return { starts: (r.slots[date] ?? []).map((s) => s.start), stale: r.stale, source: r.source };
};
const slotCalls = () => mock.requests.filter((r) => r.operation === 'slots.find').length;

describe('three client instances sharing Redis', () => {
  it('1,000 concurrent identical misses across 3 instances make one upstream call', async () => {
    const fleet = await Promise.all([instance(), instance(), instance()]);
    const date = weekday(3);
    const results = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => find(fleet[i % 3]!, date)),
    );
    expect(slotCalls()).toBe(1);
    expect(new Set(results.map((r) => r.starts.join()))).toHaveProperty('size', 1);
    expect(results[0]!.starts.length).toBeGreaterThan(0);
  });

  it('a booking through one instance invalidates that day on all three, and only that day', async () => {
    const [a, b, c] = await Promise.all([instance(), instance(), instance()]);
    const date = weekday(3);
    const other = weekday(5);
    const before = await find(b, date);
    await find(c, date);
    await find(c, other);
    const callsBefore = slotCalls();
    const start = before.starts[0]!;
    await a.bookings.create({
      eventTypeId: 1001,
      start,
      attendee: { name: 'Fleet Test', email: 'fleet@example.com', timeZone: TZ },
    });
    await waitFor(async () => !(await find(b, date)).starts.includes(start), { timeoutMs: 10_000 });
    expect((await find(c, date)).starts).not.toContain(start);
    // The other day stayed cached on C: served without a new upstream call.
    const untouched = await find(c, other);
    expect(untouched.source).toBe('l1');
    expect(slotCalls() - callsBefore).toBeLessThanOrEqual(2);
  });

  it('a Cal.com webhook applied on one instance freshens all of them (booking made elsewhere)', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const date = weekday(4);
    const before = await find(b, date);
    const start = before.starts[2]!;
    // Somebody books on Cal.com's own page: not through voicebook.
    const res = await fetch(`${mock.url}/v2/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cal-api-version': '2024-08-13' },
      body: JSON.stringify({
        start: new Date(start).toISOString(),
        eventTypeId: 1001,
        attendee: { name: 'Walk In', email: 'walkin@example.com', timeZone: TZ },
      }),
    });
    const { data } = (await res.json()) as { data: { start: string; end: string } };
    expect((await find(b, date)).starts).toContain(start); // still cached: nobody told us
    await a.applyWebhook({
      triggerEvent: 'BOOKING_CREATED',
      payload: { eventTypeId: 1001, startTime: data.start, endTime: data.end },
    });
    await waitFor(async () => !(await find(b, date)).starts.includes(start), { timeoutMs: 10_000 });
  });

  it('shares the open breaker: the others fail fast without calling Cal.com, or serve stale', async () => {
    const [a, b, c] = await Promise.all([
      instance({ failureThreshold: 2 }),
      instance({ failureThreshold: 2 }),
      instance({ failureThreshold: 2 }),
    ]);
    const cached = weekday(3);
    const warm = await find(b, cached);
    mock.failNext('slots.find', { status: 503, count: 2 });
    for (const d of [day(20), day(21)]) {
      await expect(find(a, d)).rejects.toMatchObject({ code: 'E_CALCOM_UPSTREAM' });
    }
    const calls = mock.requests.length;
    const error = await find(c, day(22)).catch((e: unknown) => e);
    expect(isCalcomError(error) && error.code).toBe('E_CIRCUIT_OPEN');
    // B had the day cached; after invalidation it can only serve it stale while open.
    await b.applyWebhook({
      triggerEvent: 'BOOKING_CANCELLED',
      payload: {
        eventTypeId: 1001,
        startTime: `${cached}T12:00:00Z`,
        endTime: `${cached}T12:30:00Z`,
      },
    });
    const served = await find(b, cached);
    expect(served).toMatchObject({ stale: true, starts: warm.starts });
    expect(mock.requests.length).toBe(calls);
  });
});
