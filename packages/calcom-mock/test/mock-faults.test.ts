import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createContractValidator,
  defaultContractMode,
  defaultFixture,
  parseFixture,
  startCalcomMock,
  type CalcomMock,
  type CalcomMockOptions,
} from '../src/index.js';

const NOW = new Date('2026-11-25T08:00:00.000Z'); // a Wednesday
const V_SLOTS = { 'cal-api-version': '2024-09-04', 'content-type': 'application/json' };
const V_BOOKINGS = { 'cal-api-version': '2024-08-13', 'content-type': 'application/json' };
const attendee = { name: 'Test Caller', email: 'caller@example.com', timeZone: 'Europe/Berlin' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
type Json = any;

const mocks: CalcomMock[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const m of mocks.splice(0)) {
    expect(m.contractViolations).toEqual([]);
    await m.close();
  }
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function start(options: CalcomMockOptions = {}): Promise<CalcomMock> {
  let clock = NOW.getTime();
  const m = await startCalcomMock({
    port: 0,
    now: () => new Date(clock),
    contract: 'record',
    ...options,
  });
  mocks.push(m);
  Object.assign(m, { advance: (ms: number) => (clock += ms) });
  return m;
}
const advance = (m: CalcomMock, ms: number) =>
  (m as unknown as { advance(ms: number): void }).advance(ms);

async function call(
  m: CalcomMock,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${m.url}${path}`, init);
  return { status: res.status, body: await res.json(), headers: res.headers };
}
async function slotStarts(m: CalcomMock, day = '2026-11-26'): Promise<string[]> {
  const r = await call(m, `/v2/slots?eventTypeId=1001&start=${day}&end=${day}`, {
    headers: V_SLOTS,
  });
  const list = (r.body.data[day] ?? []) as Array<{ start: string }>;
  return list.map((s) => s.start);
}
const reserve = (m: CalcomMock, body: unknown, headers: Record<string, string> = V_SLOTS) =>
  call(m, '/v2/slots/reservations', { method: 'POST', headers, body: JSON.stringify(body) });
const book = (m: CalcomMock, start: string) =>
  call(m, '/v2/bookings', {
    method: 'POST',
    headers: V_BOOKINGS,
    body: JSON.stringify({ start, eventTypeId: 1001, attendee }),
  });

describe('slot reservations', () => {
  it('holds a slot: hidden from availability, not bookable, a second hold is 422', async () => {
    const m = await start();
    const slot = '2026-11-26T08:00:00.000Z';
    expect(await slotStarts(m)).toContain(slot);
    const r = await reserve(m, { eventTypeId: 1001, slotStart: '2026-11-26T08:00:00Z' });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      eventTypeId: 1001,
      slotStart: slot,
      slotEnd: '2026-11-26T08:30:00.000Z',
      slotDuration: 30,
      reservationDuration: 5,
      reservationUntil: '2026-11-25T08:05:00.000Z',
    });
    expect(await slotStarts(m)).not.toContain(slot);
    expect((await book(m, slot)).body.error.message).toBe(
      'User either already has booking at this time or is not available',
    );
    const second = await reserve(m, { eventTypeId: 1001, slotStart: slot });
    expect(second.status).toBe(422);
    expect(second.body.error.message).toMatch(/already reserved by another user/);
    const got = await call(m, `/v2/slots/reservations/${r.body.data.reservationUid}`, {
      headers: V_SLOTS,
    });
    expect(got.body.data.reservationUid).toBe(r.body.data.reservationUid);
  });

  it('frees the slot on delete and on expiry; unknown uids answer null / 404', async () => {
    const m = await start();
    const slot = '2026-11-26T11:00:00.000Z';
    const a = await reserve(m, { eventTypeId: 1001, slotStart: slot });
    expect(a.status).toBe(201);
    const del = await call(m, `/v2/slots/reservations/${a.body.data.reservationUid}`, {
      method: 'DELETE',
      headers: V_SLOTS,
    });
    expect(del).toMatchObject({ status: 200, body: { status: 'success' } });
    expect(await slotStarts(m)).toContain(slot);
    await reserve(m, { eventTypeId: 1001, slotStart: slot });
    advance(m, 5 * 60_000);
    expect(await slotStarts(m)).toContain(slot);
    expect((await book(m, slot)).status).toBe(201);
    const none = await call(m, '/v2/slots/reservations/nope', { headers: V_SLOTS });
    expect(none).toMatchObject({ status: 200, body: { data: null } });
    const patch = await call(m, '/v2/slots/reservations/nope', {
      method: 'PATCH',
      headers: V_SLOTS,
      body: JSON.stringify({ eventTypeId: 1001, slotStart: slot }),
    });
    expect(patch.status).toBe(404);
  });

  it('refuses to hold a booked slot and a custom duration without auth', async () => {
    const m = await start();
    const booked = await reserve(m, { eventTypeId: 1001, slotStart: '2026-11-26T09:00:00Z' }); // fixture: 10:00 Berlin
    expect(booked.status).toBe(422);
    expect(booked.body.error.message).toBe("Can't reserve a slot if the event is already booked.");
    const custom = await reserve(m, {
      eventTypeId: 1001,
      slotStart: '2026-11-26T11:00:00Z',
      reservationDuration: 15,
    });
    expect(custom.status).toBe(401);
    const authed = await reserve(
      m,
      { eventTypeId: 1001, slotStart: '2026-11-26T11:00:00Z', reservationDuration: 15 },
      { ...V_SLOTS, authorization: `Bearer ${m.apiKey}` },
    );
    expect(authed.body.data.reservationDuration).toBe(15);
  });
});

describe('cancel rules', () => {
  it('refuses to cancel a booking that has already ended', async () => {
    const m = await start();
    const b = (await book(m, '2026-11-26T08:00:00.000Z')).body.data;
    advance(m, 2 * 86_400_000);
    const r = await call(m, `/v2/bookings/${b.uid}/cancel`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: '{}',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('Cannot cancel a booking that has already ended');
    expect(m.bookings().find((x) => x.uid === b.uid)?.status).toBe('accepted');
  });
});

describe('seeded latency and error rates', () => {
  async function delays(seed: number): Promise<{ drawn: number[]; waited: number[] }> {
    const m = await start({ seed, latency: { '*': { minMs: 5, maxMs: 60 } } });
    const waited: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      await slotStarts(m);
      waited.push(performance.now() - t);
    }
    return { drawn: m.requests.map((r) => r.delayMs), waited };
  }

  it('delays answers from a seeded distribution: the same seed gives the same run', async () => {
    const [a, b, c] = [await delays(7), await delays(7), await delays(8)];
    // Same seed: the same draws; another seed: other draws.
    expect(a.drawn).toEqual(b.drawn);
    expect(a.drawn).not.toEqual(c.drawn);
    for (const d of [...a.drawn, ...c.drawn]) {
      expect(d).toBeGreaterThanOrEqual(5);
      expect(d).toBeLessThanOrEqual(60);
    }
    expect(new Set(a.drawn).size).toBeGreaterThan(4);
    // And each answer really waited its draw.
    a.waited.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual((a.drawn[i] ?? 0) - 1);
    });
  });

  it('hangs like the real service; a client signal cuts the hang', async () => {
    const m = await start({
      latency: { 'slots.find': { minMs: 0, maxMs: 0, hangProbability: 1, hangMs: 19_000 } },
    });
    const t = performance.now();
    await expect(
      fetch(`${m.url}/v2/slots?eventTypeId=1001&start=2026-11-26&end=2026-11-26`, {
        headers: V_SLOTS,
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
    expect(performance.now() - t).toBeLessThan(1_000);
    m.setLatency('slots.find', 'none');
    expect((await slotStarts(m)).length).toBeGreaterThan(0);
  });

  it('fails a seeded share of requests with 5xx and 429, reproducibly, without side effects', async () => {
    const run = async () => {
      const m = await start({ seed: 42 });
      m.setErrorRate('bookings.create', { rate: 0.5 });
      const statuses: number[] = [];
      for (let h = 8; h < 16; h++)
        statuses.push(
          (await book(m, `2026-11-30T${String(h).padStart(2, '0')}:00:00.000Z`)).status,
        );
      return { statuses, stored: m.bookings().length - 2, m };
    };
    const one = await run();
    const two = await run();
    expect(one.statuses).toEqual(two.statuses);
    const failed = one.statuses.filter((s) => s !== 201);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(8);
    expect(failed.filter((s) => ![500, 502, 503, 429].includes(s))).toEqual([]);
    expect(one.stored).toBe(8 - failed.length);
    one.m.setErrorRate('bookings.create', { rate: 0 });
    expect((await book(one.m, '2026-11-30T16:00:00.000Z')).status).toBe(201);
  });
});

describe('error bursts', () => {
  it('fails in seeded bursts of the same status, reproducibly', async () => {
    const run = async () => {
      const m = await start({ seed: 5 });
      m.setErrorRate('slots.find', { rate: 0.15, statuses: [503, 429], burst: 4 });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        const r = await fetch(
          `${m.url}/v2/slots?eventTypeId=1001&start=2026-11-26&end=2026-11-26`,
          {
            headers: V_SLOTS,
          },
        );
        await r.arrayBuffer();
        statuses.push(r.status);
      }
      return statuses;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    // Cut into runs of equal status: every failure run (but one cut off by the end) is made of
    // whole bursts of 4.
    const runs: Array<{ status: number; length: number; end: number }> = [];
    a.forEach((st, i) => {
      const last = runs.at(-1);
      if (last?.status === st) {
        last.length += 1;
        last.end = i;
      } else runs.push({ status: st, length: 1, end: i });
    });
    const failures = runs.filter((r) => r.status !== 200);
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const f of failures) {
      expect([503, 429]).toContain(f.status);
      if (f.end < a.length - 1) expect(f.length % 4).toBe(0);
    }
    expect(a.filter((st) => st === 200).length).toBeGreaterThan(20);
  });
});

describe('realistic latency', () => {
  it('draws slots 300–800 ms, create 500–2000 ms, others 100–400 ms, and hangs about 1 % for 19 s', async () => {
    const m = await start({ latency: 'realistic', seed: 11 });
    const timed = async (path: string, init: RequestInit, cutMs: number) => {
      const t = performance.now();
      try {
        const res = await fetch(`${m.url}${path}`, { ...init, signal: AbortSignal.timeout(cutMs) });
        await res.arrayBuffer();
        return { ms: performance.now() - t, status: res.status };
      } catch {
        return { ms: performance.now() - t, status: 'hung' as const };
      }
    };
    // Answers are cut at 4 s: far above any drawn delay plus a loaded machine, far below a hang.
    // 300 concurrent slot lookups: every one draws from the same seeded sequence, so the number
    // of hangs is fixed by the seed whatever order they arrive in.
    const lookups = await Promise.all(
      Array.from({ length: 300 }, () =>
        timed(
          '/v2/slots?eventTypeId=1001&start=2026-11-26&end=2026-11-26',
          { headers: V_SLOTS },
          4_000,
        ),
      ),
    );
    // What the stand-in drew, per request (the wall clock under a loaded test run is too noisy
    // for upper bounds); a hang is exactly 19 s.
    const drawn = (op: string) =>
      m.requests.filter((r) => r.operation === op).map((r) => r.delayMs);
    const slotDelays = drawn('slots.find');
    expect(slotDelays).toHaveLength(300);
    const hangs = slotDelays.filter((d) => d === 19_000);
    expect(hangs.length).toBeGreaterThanOrEqual(1);
    expect(hangs.length).toBeLessThanOrEqual(10);
    const normal = slotDelays.filter((d) => d !== 19_000);
    expect(Math.min(...normal)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...normal)).toBeLessThanOrEqual(800);
    expect(Math.max(...normal) - Math.min(...normal)).toBeGreaterThan(400); // spread, not fixed
    // The answers really waited that long, and the hung ones never came.
    const answered = lookups.filter((r) => r.status === 200).map((r) => r.ms);
    expect(answered).toHaveLength(300 - hangs.length);
    expect(Math.min(...answered)).toBeGreaterThanOrEqual(295);

    const creates = await Promise.all(
      ['08', '09', '10', '11'].map((h) =>
        timed(
          '/v2/bookings',
          {
            method: 'POST',
            headers: V_BOOKINGS,
            body: JSON.stringify({ start: `2026-11-30T${h}:00:00Z`, eventTypeId: 1001, attendee }),
          },
          4_000,
        ),
      ),
    );
    for (const c of creates.filter((r) => r.status !== 'hung')) {
      expect(c.status).toBe(201);
      expect(c.ms).toBeGreaterThanOrEqual(495);
    }
    for (const d of drawn('bookings.create')) {
      expect.soft(d === 19_000 || (d >= 500 && d <= 2_000), String(d)).toBe(true);
    }
    // The side effect comes first, then the wait: even a hung create is stored.
    expect(m.bookings()).toHaveLength(2 + 4);
    const other = await timed(
      '/v2/event-types?username=salon-demo',
      { headers: { 'cal-api-version': '2024-06-14' } },
      4_000,
    );
    const [otherDelay] = drawn('eventTypes.list');
    expect(otherDelay === 19_000 || (otherDelay! >= 100 && otherDelay! <= 400)).toBe(true);
    if (other.status !== 'hung') expect(other.ms).toBeGreaterThanOrEqual(95);
  });
});

describe('rate limiter', () => {
  it("defaults to Cal.com's 120 requests per 60 s per key, then 429 for 60 s", async () => {
    const m = await start({ rateLimit: {} });
    const h = { ...V_SLOTS, authorization: `Bearer ${m.apiKey}` };
    const path = '/v2/event-types?username=salon-demo';
    const v = { ...h, 'cal-api-version': '2024-06-14' };
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 120; i++) {
      const r = await call(m, path, { headers: v });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit-default')).toBe('120');
      remaining.push(r.headers.get('x-ratelimit-remaining-default'));
    }
    expect(remaining.slice(0, 2)).toEqual(['119', '118']);
    expect(remaining.at(-1)).toBe('0');
    const over = await call(m, path, { headers: v });
    expect(over.status).toBe(429);
    expect(over.headers.get('x-ratelimit-reset-default')).toBe('60');
    advance(m, 59_000);
    expect((await call(m, path, { headers: v })).status).toBe(429);
    advance(m, 1_000);
    expect((await call(m, path, { headers: v })).status).toBe(200);
  });

  it('counts per key, sends the headers on every answer, and 429s past the limit until reset', async () => {
    const m = await start({ rateLimit: { limit: 3, windowMs: 60_000, blockMs: 60_000 } });
    const h = { ...V_SLOTS, authorization: `Bearer ${m.apiKey}` };
    const path = '/v2/slots?eventTypeId=1001&start=2026-11-26&end=2026-11-26';
    const seen: Array<[number, string | null, string | null]> = [];
    for (let i = 0; i < 4; i++) {
      const r = await call(m, path, { headers: h });
      seen.push([
        r.status,
        r.headers.get('x-ratelimit-remaining-default'),
        r.headers.get('x-ratelimit-reset-default'),
      ]);
      if (i === 3) {
        expect(r.body.error).toMatchObject({
          code: 'ThrottlerException',
          message: 'CustomThrottlerGuard - Too many requests. Please try again later.',
        });
        expect(r.headers.get('retry-after')).toBeNull();
      }
    }
    expect(seen).toEqual([
      [200, '2', '60'],
      [200, '1', '60'],
      [200, '0', '60'],
      [429, '0', '60'],
    ]);
    // Another key (here: no key, by address) has its own budget.
    expect((await call(m, path, { headers: V_SLOTS })).status).toBe(200);
    advance(m, 30_000);
    expect((await call(m, path, { headers: h })).headers.get('x-ratelimit-reset-default')).toBe(
      '30',
    );
    advance(m, 30_000);
    expect((await call(m, path, { headers: h })).status).toBe(200);
  });
});

describe('outgoing webhooks', () => {
  async function receiver(): Promise<{
    url: string;
    got: Array<{ headers: Record<string, unknown>; body: string }>;
  }> {
    const got: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return { url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`, got };
  }
  const valid = (body: string, sig: unknown, secret: string) => {
    const expected = createHmac('sha256', secret).update(body).digest();
    const given = Buffer.from(String(sig), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  it('sends signed BOOKING_CREATED, CANCELLED and RESCHEDULED with Cal.com payloads', async () => {
    const hook = await receiver();
    const m = await start({ webhooks: [{ url: hook.url, secret: 'whsec' }] });
    const created = (await book(m, '2026-11-26T08:00:00.000Z')).body.data;
    const moved = (
      await call(m, `/v2/bookings/${created.uid}/reschedule`, {
        method: 'POST',
        headers: V_BOOKINGS,
        body: JSON.stringify({ start: '2026-11-26T12:00:00Z' }),
      })
    ).body.data;
    await call(m, `/v2/bookings/${moved.uid}/cancel`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: JSON.stringify({ cancellationReason: 'ill' }),
    });
    await m.flushWebhooks();
    expect(hook.got).toHaveLength(3);
    for (const g of hook.got) {
      expect(valid(g.body, g.headers['x-cal-signature-256'], 'whsec')).toBe(true);
      expect(g.headers['content-type']).toBe('application/json');
      expect(g.headers['x-cal-webhook-version']).toBe('2021-10-20');
    }
    const [c, r, x] = hook.got.map((g): unknown => JSON.parse(g.body));
    expect(c).toMatchObject({
      triggerEvent: 'BOOKING_CREATED',
      payload: {
        uid: created.uid,
        eventTypeId: 1001,
        startTime: created.start,
        endTime: created.end,
        status: 'ACCEPTED',
        type: 'haarschnitt',
        length: 30,
      },
    });
    expect(r).toMatchObject({
      triggerEvent: 'BOOKING_RESCHEDULED',
      payload: {
        uid: moved.uid,
        rescheduleUid: created.uid,
        rescheduleStartTime: created.start,
        startTime: '2026-11-26T12:00:00.000Z',
      },
    });
    expect(x).toMatchObject({
      triggerEvent: 'BOOKING_CANCELLED',
      payload: { uid: moved.uid, status: 'CANCELLED', cancellationReason: 'ill' },
    });
    expect(m.webhookDeliveries().map((d) => [d.trigger, d.status])).toEqual([
      ['BOOKING_CREATED', 200],
      ['BOOKING_RESCHEDULED', 200],
      ['BOOKING_CANCELLED', 200],
    ]);
  });

  it('filters by trigger, says no-secret-provided without a secret, records unreachable subscribers', async () => {
    const hook = await receiver();
    const m = await start();
    m.addWebhook({ url: hook.url, triggers: ['BOOKING_CANCELLED'] });
    m.addWebhook({ url: 'http://127.0.0.1:1/unreachable' });
    const b = m.bookElsewhere({ eventTypeId: 1001, start: '2026-11-26T08:00:00.000Z', attendee });
    expect(b.status).toBe('accepted');
    expect(() =>
      m.bookElsewhere({ eventTypeId: 1001, start: '2026-11-26T08:00:00.000Z', attendee }),
    ).toThrow(/already has booking/);
    await call(m, `/v2/bookings/${b.uid}/cancel`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: '{}',
    });
    await m.flushWebhooks();
    expect(
      hook.got.map((g) => (JSON.parse(g.body) as { triggerEvent: string }).triggerEvent),
    ).toEqual(['BOOKING_CANCELLED']);
    expect(hook.got[0]?.headers['x-cal-signature-256']).toBe('no-secret-provided');
    expect(m.webhookDeliveries().filter((d) => d.status === 'error')).toHaveLength(2);
  });
});

describe('contract check', () => {
  it('finds answers that break the OpenAPI document', () => {
    const contract = createContractValidator();
    expect(
      contract.validate('bookings.get', 200, { status: 'success', data: { uid: 7 } }),
    ).toContain("/data must have required property 'id'");
    expect(
      contract.validate('slots.find', 200, {
        status: 'success',
        data: { '2026-11-26': [{ start: 5 }] },
      }),
    ).not.toEqual([]);
    // Error answers are held to Cal.com's error bodies, and a status the document does not list
    // for the operation is a problem too.
    expect(contract.validate('bookings.get', 404, { whatever: true })).not.toEqual([]);
    expect(
      contract.validate('bookings.get', 404, {
        status: 'error',
        timestamp: '2026-11-25T08:00:00.000Z',
        path: '/v2/bookings/x',
        error: { code: 'NotFoundException', message: 'Booking with uid=x was not found' },
      }),
    ).toEqual([]);
    expect(contract.validate(undefined, 500, { statusCode: 500, message: 'x' })).toEqual([]);
    expect(contract.validate('bookings.create', 200, { status: 'success', data: {} })).toEqual([
      '(status) 200 is not a documented answer of bookings.create',
    ]);
  });

  it('is on by default inside a test run: a broken answer becomes a 500 and close() rejects', async () => {
    expect(defaultContractMode({ VITEST: 'true' })).toBe('throw');
    expect(defaultContractMode({})).toBe('off');
    expect(defaultContractMode({ VITEST: 'true', CALCOM_MOCK_CONTRACT: 'record' })).toBe('record');
    // An event type without a slug breaks EventTypeOutput_2024_06_14.
    const broken = structuredClone(defaultFixture);
    delete (broken.eventTypes[0] as Partial<(typeof broken.eventTypes)[0]>).slug;
    const m = await startCalcomMock({ port: 0, now: () => NOW, fixture: broken });
    const r = await call(m, '/v2/event-types?username=salon-demo', {
      headers: { 'cal-api-version': '2024-06-14' },
    });
    expect(r.status).toBe(500);
    expect(r.body.error.message).toBe('Stand-in answer breaks the OpenAPI contract');
    expect(m.contractViolations).toEqual([
      {
        operation: 'eventTypes.list',
        status: 200,
        errors: expect.arrayContaining(["/data/0 must have required property 'slug'"]) as unknown,
      },
    ]);
    await expect(m.close()).rejects.toThrow(/eventTypes\.list 200: .*slug/);
  });

  it('checks error answers too, including paths it does not serve', async () => {
    // Not in `mocks`: this one is meant to end with a violation.
    const m = await startCalcomMock({ port: 0, now: () => NOW, contract: 'throw' });
    // Conforming error answers, of a served operation and of a path it does not serve: none.
    expect((await call(m, '/v2/nowhere', { headers: V_SLOTS })).status).toBe(404);
    expect((await call(m, '/v2/bookings/nope', { headers: V_BOOKINGS })).status).toBe(404);
    expect(m.contractViolations).toEqual([]);
    // A malformed error answer (no envelope, no message) is caught, sent as it is.
    m.failNext('bookings.get', { status: 404, body: { error: 'gone' } });
    const r = await call(m, '/v2/bookings/nope', { headers: V_BOOKINGS });
    expect(r).toMatchObject({ status: 404, body: { error: 'gone' } });
    expect(m.contractViolations).toEqual([
      {
        operation: 'bookings.get',
        status: 404,
        errors: expect.arrayContaining([expect.stringContaining('required')]) as unknown,
      },
    ]);
    // The next error answer is the stand-in's own again and conforms: still exactly one.
    expect((await call(m, '/v2/bookings/nope', { headers: V_BOOKINGS })).status).toBe(404);
    expect(m.contractViolations).toHaveLength(1);
    await expect(m.close()).rejects.toThrow(/bookings\.get 404: /);
  });
});

describe('JSON fixture', () => {
  it('serves the calendar of a JSON file, and names the bad field of a broken one', async () => {
    const custom = structuredClone(defaultFixture);
    custom.user.username = 'barber-42';
    custom.eventTypes = [{ id: 7, slug: 'rasur', title: 'Rasur', lengthInMinutes: 20 }];
    custom.hours = [{ day: 4, from: '10:00', to: '11:00' }]; // Thursdays only
    custom.bookings = [];
    const m = await start({ fixture: parseFixture(JSON.parse(JSON.stringify(custom))) });
    const r = await call(m, '/v2/slots?eventTypeId=7&start=2026-11-26&end=2026-11-27', {
      headers: V_SLOTS,
    });
    expect(r.body.data).toEqual({
      '2026-11-26': [
        { start: '2026-11-26T09:00:00.000Z' },
        { start: '2026-11-26T09:20:00.000Z' },
        { start: '2026-11-26T09:40:00.000Z' },
      ],
    });
    expect(() =>
      parseFixture({ ...custom, bookings: [{ ...attendeeBooking, time: '9' }] }),
    ).toThrow('Invalid calcom-mock fixture: bookings.0.time must be HH:MM');
    expect(() =>
      parseFixture({ ...custom, bookings: [{ ...attendeeBooking, eventTypeId: 99 }] }),
    ).toThrow('bookings.0.eventTypeId unknown event type 99');
    expect(() =>
      parseFixture({ ...custom, hours: [{ day: 7, from: '09:00', to: '10:00' }] }),
    ).toThrow(/hours\.0\.day/);
  });
});

const attendeeBooking = { eventTypeId: 7, daysFromToday: 1, time: '10:00', attendee };

describe('CLI', () => {
  it('starts with the fault flags and serves until SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const child = spawn(
      `${root}/node_modules/.bin/tsx`,
      [
        '--conditions=@voicebook/source',
        fileURLToPath(new URL('../src/cli.ts', import.meta.url)),
        '--port',
        '0',
        '--rate-limit',
        '--seed',
        '3',
        '--contract',
        'throw',
        '--fixture',
        fileURLToPath(new URL('../fixtures/salon-demo.json', import.meta.url)),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /listening on (http:\/\/[^ ]+)/.exec(d.toString());
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => {
          reject(new Error(`exited ${String(code)}`));
        });
      });
      const res = await fetch(`${url}/v2/event-types?username=salon-demo`, {
        headers: { 'cal-api-version': '2024-06-14' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit-default')).toBe('120');
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses bad flags with exit code 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const r = spawnSync(
      `${root}/node_modules/.bin/tsx`,
      [fileURLToPath(new URL('../src/cli.ts', import.meta.url)), '--latency', 'slow'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--latency must be none or realistic');
    const bad = spawnSync(
      `${root}/node_modules/.bin/tsx`,
      [fileURLToPath(new URL('../src/cli.ts', import.meta.url)), '--fixture', '/nonexistent.json'],
      { encoding: 'utf8' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--fixture /nonexistent.json');
    const rate = spawnSync(
      `${root}/node_modules/.bin/tsx`,
      [fileURLToPath(new URL('../src/cli.ts', import.meta.url)), '--error-rate', '2'],
      { encoding: 'utf8' },
    );
    expect(rate.status).toBe(2);
    expect(rate.stderr).toContain('--error-rate must be between 0 and 1');
  });
});
