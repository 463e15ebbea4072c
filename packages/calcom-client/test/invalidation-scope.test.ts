import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import {
  createTestRedis,
  startWebhookReceiver,
  waitFor,
  type ReceivedWebhook,
  type TestRedis,
  type WebhookReceiver,
} from '@voicebook/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCalcomClient,
  CalcomConfigError,
  createTieredCache,
  invalidationForWebhook,
  verifyCalcomWebhook,
  type CacheEvent,
  type CalcomClient,
  type CalcomWebhookEvent,
  type InvalidationScope,
  type TieredCache,
} from '../src/index.js';
import { RedisCacheStore, RedisInvalidationBus } from '../src/redis/index.js';

// In the stand-in every event type is hosted by the same user, as haircut (1001) and colouring
// (1002) by the same stylists: a haircut booking removes the overlapping colouring slots.
const TZ = 'Europe/Berlin';
const HAIRCUT = 1001;
const COLOUR = 1002;
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
function weekdays(minOffset: number, n: number): string[] {
  const out: string[] = [];
  for (let i = minOffset; out.length < n; i++) {
    const d = new Date(`${day(i)}T12:00:00Z`).getUTCDay();
    if (d >= 1 && d <= 5) out.push(day(i));
  }
  return out;
}

let mock: CalcomMock;
let redis: TestRedis;
let caches: TieredCache[];
let receivers: WebhookReceiver[];

beforeEach(async () => {
  mock = await startCalcomMock({ port: 0 });
  redis = await createTestRedis('scope');
  caches = [];
  receivers = [];
});
afterEach(async () => {
  // close() rejects with anything a receiver's handler threw (applyWebhook included).
  for (const r of receivers) await r.close();
  for (const c of caches) await c.close();
  await mock.close();
  await redis.cleanup();
});

async function instance(
  scope?: InvalidationScope,
  onEvent?: (e: CacheEvent) => void,
): Promise<CalcomClient> {
  const client = redis.connect();
  await client.ping();
  const cache = await createTieredCache({
    store: new RedisCacheStore({ client, prefix: redis.prefix }),
    bus: new RedisInvalidationBus({ client, prefix: redis.prefix }),
    staleIfErrorMs: 600_000,
    ...(onEvent ? { onEvent } : {}),
  });
  caches.push(cache);
  return createCalcomClient({
    apiKey: mock.apiKey,
    baseUrl: mock.url,
    cache,
    ...(scope ? { invalidation: { scope } } : {}),
  });
}

const find = async (c: CalcomClient, eventTypeId: number, date: string) => {
  const r = await c.slots.find({ eventTypeId, start: date, end: date, timeZone: TZ });
  return { starts: (r.slots[date] ?? []).map((s) => s.start), source: r.source, stale: r.stale };
};

/** A colouring slot whose start is also a free haircut slot: booking that haircut takes it. */
async function overlapping(c: CalcomClient, date: string): Promise<string> {
  const colour = await find(c, COLOUR, date);
  const haircut = await find(c, HAIRCUT, date);
  const start = colour.starts.find((s) => haircut.starts.includes(s));
  if (!start) throw new Error(`no common slot on ${date}`);
  return start;
}

const attendee = { name: 'Erika Muster', email: 'erika@example.com', timeZone: TZ };

describe('a booking of one event type invalidates the other event types of its day', () => {
  it('own write on instance A: instance B (and A) no longer offer the colouring slot', async () => {
    const [a, b] = [await instance(), await instance()];
    // Not the next day: a local Berlin day touches the UTC day before it (from 23:00Z).
    const [date, , other] = weekdays(2, 3) as [string, string, string];
    const start = await overlapping(a, date);
    // Both instances have the colouring day (and another day) cached.
    expect((await find(b, COLOUR, date)).starts).toContain(start);
    expect((await find(b, COLOUR, date)).source).toBe('l1');
    await find(b, COLOUR, other);
    const calls = () => mock.requests.filter((r) => r.operation === 'slots.find').length;

    const booking = await a.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    expect(Date.parse(booking.start)).toBe(Date.parse(start));

    // The next read of the *other* event type, on either instance, shows the slot as gone.
    await waitFor(async () => !(await find(b, COLOUR, date)).starts.includes(start), {
      message: 'colouring slot gone on instance B',
      timeoutMs: 10_000,
    });
    const before = calls();
    const onB = await find(b, COLOUR, date);
    expect(onB.starts).not.toContain(start);
    expect(onB.stale).toBe(false);
    const onA = await find(a, COLOUR, date);
    expect(onA.starts).not.toContain(start);
    expect(onA.stale).toBe(false);
    // Only that date was invalidated: the other day is still answered from the cache.
    expect((await find(b, COLOUR, other)).source).toBe('l1');
    expect((await find(a, COLOUR, other)).source).not.toBe('network');
    expect(calls() - before).toBeLessThanOrEqual(1); // A refilled at most the shared L2 entry
  });

  it('webhook of a booking made elsewhere: applyWebhook on B reaches A', async () => {
    const [a, b] = [await instance(), await instance()];
    const secret = 'whsec-test';
    const hook = await webhookReceiver(b, secret);
    mock.addWebhook({ url: hook, secret, triggers: ['BOOKING_CREATED'] });
    const [date] = weekdays(3, 1) as [string];
    const start = await overlapping(a, date);
    expect((await find(a, COLOUR, date)).source).toBe('l1');

    // The booking page (a client without our cache) books the haircut.
    const elsewhere = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false });
    await elsewhere.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    await mock.flushWebhooks();

    await waitFor(async () => !(await find(a, COLOUR, date)).starts.includes(start), {
      message: 'colouring slot gone on instance A',
      timeoutMs: 10_000,
    });
    expect((await find(a, COLOUR, date)).stale).toBe(false);
  });

  it("scope 'event-type' leaves the other event type cached (for hosts that never overlap)", async () => {
    const [a, b] = [await instance(), await instance()];
    const secret = 'whsec-test';
    mock.addWebhook({
      url: await webhookReceiver(b, secret, 'event-type'),
      secret,
      triggers: ['BOOKING_CREATED'],
    });
    const [date] = weekdays(4, 1) as [string];
    const start = await overlapping(a, date);
    const elsewhere = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false });
    await elsewhere.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    await mock.flushWebhooks();
    await waitFor(async () => !(await find(a, HAIRCUT, date)).starts.includes(start), {
      message: 'haircut slot gone on instance A',
      timeoutMs: 10_000,
    });
    // Colouring was not invalidated: still served from A's L1, still offering the slot.
    const colour = await find(a, COLOUR, date);
    expect(colour.source).toBe('l1');
    expect(colour.starts).toContain(start);
  });
});

describe('the invalidation option of the client', () => {
  it("scope 'event-type': own writes leave other event types cached", async () => {
    const [a, b] = [await instance('event-type'), await instance('event-type')];
    const [date] = weekdays(2, 1) as [string];
    const start = await overlapping(a, date);
    await find(b, COLOUR, date);
    await a.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    await waitFor(async () => !(await find(b, HAIRCUT, date)).starts.includes(start), {
      message: 'haircut slot gone on instance B',
      timeoutMs: 10_000,
    });
    const colour = await find(b, COLOUR, date);
    expect(colour.source).toBe('l1');
    expect(colour.starts).toContain(start); // stale by choice: the adopter said hosts differ
  });

  it('a function scope invalidates the related event types only', async () => {
    const related: InvalidationScope = (id) => (id === HAIRCUT ? [COLOUR] : []);
    const [a, b] = [await instance(related), await instance(related)];
    const [date] = weekdays(3, 1) as [string];
    const start = await overlapping(a, date);
    await find(b, COLOUR, date);
    await find(b, 1003, date);
    await a.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    await waitFor(async () => !(await find(b, COLOUR, date)).starts.includes(start), {
      message: 'colouring slot gone on instance B',
      timeoutMs: 10_000,
    });
    expect((await find(b, 1003, date)).source).toBe('l1');
  });

  it('rejects an unknown scope', () => {
    expect(() =>
      createCalcomClient({
        apiKey: 'k',
        invalidation: { scope: 'team' as unknown as InvalidationScope },
      }),
    ).toThrow(CalcomConfigError);
  });
});

describe('the webhook of our own write', () => {
  it('is skipped on the instance that wrote (its invalidation already reached every instance)', async () => {
    const events: CacheEvent[] = [];
    const a = await instance(undefined, (e) => events.push(e));
    const b = await instance();
    const inbox = await webhookInbox();
    mock.addWebhook({ url: inbox.url, secret: inbox.secret });
    const [date] = weekdays(2, 1) as [string];
    const start = await overlapping(a, date);
    await find(b, COLOUR, date);
    const invalidations = () => events.filter((e) => e.type === 'cache:invalidated').length;

    const booking = await a.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    expect(invalidations()).toBe(1); // the write's own
    // Cal.com's webhook arrives after the answer (seconds later in production).
    expect(await inbox.applyAll(a)).toEqual([0]); // BOOKING_CREATED of our own create: skipped
    expect(invalidations()).toBe(1);
    // ...and the write's own invalidation did reach instance B.
    await waitFor(async () => !(await find(b, COLOUR, date)).starts.includes(start), {
      message: 'slot gone on B',
      timeoutMs: 10_000,
    });

    // Our own cancel: its BOOKING_CANCELLED is skipped too; a second delivery is applied.
    await a.bookings.cancel(booking.uid, { cancellationReason: 'test' });
    const [cancelled] = inbox.events;
    expect(await inbox.applyAll(a)).toEqual([0]);
    expect(invalidations()).toBe(2);
    await waitFor(async () => (await find(b, COLOUR, date)).starts.includes(start), {
      message: 'slot free again on B (pub/sub is asynchronous)',
      timeoutMs: 10_000,
    });
    expect(await a.applyWebhook(cancelled as CalcomWebhookEvent)).toBeGreaterThan(0);

    // A booking of the same slot made elsewhere, then cancelled elsewhere: never skipped.
    const elsewhere = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false });
    const other = await elsewhere.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    await elsewhere.bookings.cancel(other.uid, { cancellationReason: 'test' });
    const applied = await inbox.applyAll(a);
    expect(applied).toHaveLength(2);
    expect(applied.every((n) => n > 0)).toBe(true);
  });

  it('a cancel made elsewhere of a booking we created is not skipped', async () => {
    const a = await instance();
    const inbox = await webhookInbox();
    mock.addWebhook({ url: inbox.url, secret: inbox.secret });
    const [date] = weekdays(3, 1) as [string];
    const start = await overlapping(a, date);
    const booking = await a.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    const elsewhere = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false });
    await elsewhere.bookings.cancel(booking.uid, { cancellationReason: 'front desk' });
    const applied = await inbox.applyAll(a);
    expect(applied[0]).toBe(0);
    expect(applied[1]).toBeGreaterThan(0);
    expect((await find(a, COLOUR, date)).starts).toContain(start);
  });

  it('our own reschedule: BOOKING_RESCHEDULED (new uid, both times) is skipped', async () => {
    const a = await instance();
    const inbox = await webhookInbox();
    mock.addWebhook({ url: inbox.url, secret: inbox.secret });
    const [date, , later] = weekdays(2, 3) as [string, string, string];
    const start = await overlapping(a, date);
    const booking = await a.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    const to = (await find(a, HAIRCUT, later)).starts[0] ?? '';
    await a.bookings.reschedule(booking.uid, { start: to });
    const triggers = inbox.events.map((e) => e.triggerEvent);
    expect(triggers).toEqual(['BOOKING_CREATED', 'BOOKING_RESCHEDULED']);
    expect(await inbox.applyAll(a)).toEqual([0, 0]);
    expect((await find(a, COLOUR, date)).starts).toContain(start);
    expect((await find(a, COLOUR, later)).starts).not.toContain(to);
  });

  it('is applied when it overtakes the answer, or when our invalidation stayed local', async () => {
    const cache = await createTieredCache({
      bus: {
        publish: () => Promise.reject(new Error('bus down')),
        subscribe: () => Promise.resolve(() => Promise.resolve()),
      },
    });
    caches.push(cache);
    const local = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache });
    const inbox = await webhookInbox();
    mock.addWebhook({ url: inbox.url, secret: inbox.secret });
    const [date] = weekdays(2, 1) as [string];
    const start = await overlapping(local, date);
    await local.bookings.create({ eventTypeId: HAIRCUT, start, attendee });
    const applied = await inbox.applyAll(local);
    expect(applied).toHaveLength(1);
    expect(applied[0]).toBeGreaterThan(0);

    // Delivered while the create is still being answered: not known yet, so applied.
    const a = await instance();
    const early: number[] = [];
    const url = await webhookReceiver(a, 'whsec-early', undefined, early);
    mock.addWebhook({ url, secret: 'whsec-early' });
    const [day2] = weekdays(3, 1) as [string];
    const start2 = await overlapping(a, day2);
    const slow = createCalcomClient({
      apiKey: mock.apiKey,
      baseUrl: mock.url,
      cache: a.cache ?? false,
      fetch: async (input, init) => {
        const r = await fetch(input, init);
        const method = input instanceof Request ? input.method : init?.method;
        if (method === 'POST') await mock.flushWebhooks(); // the webhook lands first
        return r;
      },
    });
    await slow.bookings.create({ eventTypeId: HAIRCUT, start: start2, attendee });
    expect(early).toHaveLength(1);
    expect(early[0]).toBeGreaterThan(0);
  });
});

/** The verified event of a delivery, or `undefined` when its signature is not `secret`'s. */
function verified(request: ReceivedWebhook, secret: string): CalcomWebhookEvent | undefined {
  try {
    return verifyCalcomWebhook({
      rawBody: request.body,
      signature: request.headers['x-cal-signature-256'],
      secret,
    });
  } catch {
    return undefined;
  }
}

/** Collects verified webhooks, to be applied when the test says (i.e. after the write answered). */
async function webhookInbox(): Promise<{
  url: string;
  secret: string;
  events: CalcomWebhookEvent[];
  applyAll(client: CalcomClient): Promise<number[]>;
}> {
  const secret = 'whsec-inbox';
  const events: CalcomWebhookEvent[] = [];
  const receiver = await startWebhookReceiver({
    onBody: (request) => {
      const event = verified(request, secret);
      if (!event) return 400;
      events.push(event);
      return 200;
    },
  });
  receivers.push(receiver);
  return {
    url: receiver.url,
    secret,
    events,
    async applyAll(client) {
      await mock.flushWebhooks();
      const out: number[] = [];
      for (const e of events.splice(0)) out.push(await client.applyWebhook(e));
      return out;
    },
  };
}

/**
 * A webhook endpoint that verifies the signature (400 when it is wrong) and applies the
 * invalidation on `client`; a failing applyWebhook answers 500 and fails the test in afterEach.
 */
async function webhookReceiver(
  client: CalcomClient,
  secret: string,
  scope?: InvalidationScope,
  applied?: number[],
): Promise<string> {
  const receiver = await startWebhookReceiver({
    onBody: async (request) => {
      const event = verified(request, secret);
      if (!event) return 400;
      if (scope === undefined) {
        const n = await client.applyWebhook(event);
        applied?.push(n);
      } else await client.cache?.invalidateTags(invalidationForWebhook(event, { scope }));
      return 200;
    },
  });
  receivers.push(receiver);
  return receiver.url;
}
