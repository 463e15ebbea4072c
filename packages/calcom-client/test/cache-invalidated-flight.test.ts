import { startCalcomMock } from '@voicebook/calcom-mock';
import { createTestRedis, waitFor, type TestRedis } from '@voicebook/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCalcomClient,
  createTieredCache,
  type CacheEvent,
  type TieredCache,
} from '../src/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';
import { weekday } from './weekday.js';

// A read arriving after an invalidation must not join a coalesced load that started before it
// (its answer predates the invalidation: a booked slot offered as free), and that load's answer
// must not be cached as fresh.
const TZ = 'Europe/Berlin';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** A loader answering what was true when it was called, once `release(i)` lets call i finish. */
function upstream(initial: string) {
  let truth = initial;
  const gates: (() => void)[] = [];
  const loader = () => {
    const answer = truth; // the request is sent now: its answer is the state of now
    return new Promise<string>((r) => gates.push(() => r(answer)));
  };
  return {
    loader,
    set: (v: string) => (truth = v),
    calls: () => gates.length,
    release: (i: number) => gates[i]?.(),
  };
}

const TAGS = ['et:1001:day:2026-11-26', 'acct:day:2026-11-26'];
const opts = { keyGroup: 'slots', tags: TAGS };

describe('a read after an invalidation does not join a load that started before it', () => {
  it('stand-in: a booking of this instance during a slow slots.find', async () => {
    const mock = await startCalcomMock({ port: 0 });
    closers.push(() => mock.close());
    mock.setLatency('slots.find', { minMs: 1_000, maxMs: 1_000 });
    const cache = await createTieredCache();
    closers.push(() => cache.close());
    const cal = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache });
    const date = weekday(3);
    const q = { eventTypeId: 1001, start: date, end: date, timeZone: TZ };
    const slotCalls = () => mock.requests.filter((r) => r.operation === 'slots.find').length;

    const before = cal.slots.find(q); // its request is answered from the calendar of now
    await waitFor(() => slotCalls() === 1, { timeoutMs: 5_000 });
    const target = `${date}T10:00:00.000Z`;
    const booking = await cal.bookings.create({
      eventTypeId: 1001,
      start: target,
      attendee: { name: 'Test Caller', email: 'caller@example.com', timeZone: TZ },
    });
    expect(booking.status).toBe('accepted');
    const starts = (r: { slots: Record<string, { start: string }[]> }) =>
      Object.values(r.slots)
        .flat()
        .map((s) => new Date(s.start).toISOString());

    const after = await cal.slots.find(q);
    expect(starts(after)).not.toContain(target);
    expect(starts(await before)).toContain(target); // asked before the booking: free then
    expect(slotCalls()).toBe(2);
    // The stale answer was not cached over the new one.
    const again = await cal.slots.find(q);
    expect(starts(again)).not.toContain(target);
    expect(again.source).toBe('l1');
  });

  it('memory: the stale load finishing last is not cached as fresh', async () => {
    const cache = await createTieredCache();
    closers.push(() => cache.close());
    const up = upstream('free');
    const first = cache.get('k', up.loader, opts);
    await waitFor(() => up.calls() === 1, { timeoutMs: 5_000 });
    up.set('booked');
    await cache.invalidateTags([TAGS[1] ?? '']);
    const second = cache.get('k', up.loader, opts);
    await waitFor(() => up.calls() === 2, { timeoutMs: 5_000 });
    up.release(1);
    expect(await second).toEqual({ value: 'booked', stale: false, source: 'loader' });
    up.release(0);
    expect((await first).value).toBe('free');
    expect(await cache.get('k', up.loader, opts)).toEqual({
      value: 'booked',
      stale: false,
      source: 'l1',
    });
    expect(up.calls()).toBe(2);
  });

  describe('Redis-backed', () => {
    let redis: TestRedis;
    async function instance(events?: CacheEvent[]): Promise<TieredCache> {
      const client = redis.connect();
      const cache = await createTieredCache({
        store: new RedisCacheStore({ client, prefix: redis.prefix }),
        bus: new RedisInvalidationBus({ client, prefix: redis.prefix }),
        l2TimeoutMs: 1_000, // a loaded CI machine: no L2 timeouts in this test
        ...(events ? { onEvent: (e: CacheEvent) => events.push(e) } : {}),
      });
      closers.push(() => cache.close());
      return cache;
    }

    it('an own write: the next read loads at once (no wait for its own fill lease)', async () => {
      redis = await createTestRedis('flightinv');
      closers.push(() => redis.cleanup());
      const a = await instance();
      const up = upstream('free');
      const first = a.get('k', up.loader, opts);
      await waitFor(() => up.calls() === 1, { timeoutMs: 5_000 });
      up.set('booked');
      expect(await a.invalidateTags(TAGS)).toBe(true);
      const second = a.get('k', up.loader, opts);
      // A second load starts while the first still runs (it does not wait for it).
      await waitFor(() => up.calls() === 2, { timeoutMs: 5_000 });
      up.release(1);
      expect((await second).value).toBe('booked');
      up.release(0);
      expect((await first).value).toBe('free');
      expect((await a.get('k', up.loader, opts)).value).toBe('booked');
      const b = await instance();
      expect(await b.get('k', up.loader, opts)).toMatchObject({ value: 'booked', source: 'l2' });
      expect(up.calls()).toBe(2);
    });

    it("another instance's invalidation, heard on the bus during the load", async () => {
      redis = await createTestRedis('flightinv');
      closers.push(() => redis.cleanup());
      const events: CacheEvent[] = [];
      const a = await instance(events);
      const b = await instance();
      const up = upstream('free');
      const first = a.get('k', up.loader, opts);
      await waitFor(() => up.calls() === 1, { timeoutMs: 5_000 });
      up.set('booked');
      expect(await b.invalidateTags([TAGS[0] ?? ''])).toBe(true); // the webhook reached b
      await waitFor(() => events.some((e) => e.type === 'cache:invalidated' && e.remote), {
        timeoutMs: 5_000,
      });
      const second = a.get('k', up.loader, opts);
      await waitFor(() => up.calls() === 2, { timeoutMs: 5_000 });
      up.release(0); // the stale load ends first here
      expect((await first).value).toBe('free');
      up.release(1);
      expect((await second).value).toBe('booked');
      expect((await a.get('k', up.loader, opts)).value).toBe('booked');
      expect((await b.get('k', up.loader, opts)).value).toBe('booked');
      expect(up.calls()).toBe(2);
    });
  });
});
