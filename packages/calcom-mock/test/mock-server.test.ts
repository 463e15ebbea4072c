import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { startCalcomMock, type CalcomMock } from '../src/index.js';

const NOW = new Date('2026-11-25T08:00:00.000Z'); // a Wednesday
const V_SLOTS = { 'cal-api-version': '2024-09-04' };
const V_BOOKINGS = { 'cal-api-version': '2024-08-13', 'content-type': 'application/json' };

const envelope = z.object({
  status: z.literal('error'),
  timestamp: z.string(),
  path: z.string(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

let mock: CalcomMock;
beforeEach(async () => {
  mock = await startCalcomMock({ port: 0, now: () => NOW, contract: 'record' });
});
afterEach(async () => {
  // Every 2xx answer of this suite was checked against Cal.com's OpenAPI document.
  expect(mock.contractViolations).toEqual([]);
  await mock.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
type Json = any;
async function call(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Json; requestId: string | null }> {
  const res = await fetch(`${mock.url}${path}`, init);
  return { status: res.status, body: await res.json(), requestId: res.headers.get('x-request-id') };
}

const slots = (q: string) => call(`/v2/slots?${q}`, { headers: V_SLOTS });
const book = (body: unknown, headers: Record<string, string> = V_BOOKINGS) =>
  call('/v2/bookings', { method: 'POST', headers, body: JSON.stringify(body) });
const SLOT_TAKEN = 'User either already has booking at this time or is not available';
const attendee = { name: 'Test Caller', email: 'caller@example.com', timeZone: 'Europe/Berlin' };

describe('calcom-mock', () => {
  it('offers slots grouped by local date with the zone offset, inside business hours', async () => {
    const { status, body } = await slots(
      'eventTypeId=1001&start=2026-11-26&end=2026-11-26&timeZone=Europe/Berlin',
    );
    expect(status).toBe(200);
    const day = body.data['2026-11-26'] as Array<{ start: string }>;
    expect(day[0]?.start).toBe('2026-11-26T09:00:00.000+01:00');
    expect(day.at(-1)?.start).toBe('2026-11-26T17:30:00.000+01:00');
    // the fixture books 10:00 tomorrow: that slot is not offered
    expect(day.map((s) => s.start)).not.toContain('2026-11-26T10:00:00.000+01:00');
  });

  it('answers range format with end = start + length, and UTC without timeZone', async () => {
    const { body } = await slots('eventTypeId=1003&start=2026-11-27&end=2026-11-27&format=range');
    const first = body.data['2026-11-27'][0];
    expect(first).toEqual({ start: '2026-11-27T08:00:00.000Z', end: '2026-11-27T09:00:00.000Z' });
  });

  it('routes a missing or wrong cal-api-version to the legacy 404', async () => {
    const r = await call('/v2/slots?eventTypeId=1001&start=2026-11-26&end=2026-11-26');
    expect(r.status).toBe(404);
    expect(envelope.parse(r.body).error.code).toBe('NotFoundException');
    const b = await book(
      { start: '2026-11-26T08:00:00Z', eventTypeId: 1001, attendee },
      {
        ...V_BOOKINGS,
        'cal-api-version': '2024-09-04',
      },
    );
    expect(b.status).toBe(404);
  });

  it('books a free slot, stops offering it and refuses the same slot with the real 400', async () => {
    const start = '2026-11-26T08:00:00.000Z'; // 09:00 Berlin
    const first = await book({ start, eventTypeId: 1001, attendee, metadata: { k: 'v' } });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      start,
      status: 'accepted',
      duration: 30,
      metadata: { k: 'v' },
    });
    expect(first.body.data.uid).toMatch(/^[0-9A-Za-z]{22}$/);

    const after = await slots(
      'eventTypeId=1001&start=2026-11-26&end=2026-11-26&timeZone=Europe/Berlin',
    );
    expect(after.body.data['2026-11-26'][0].start).toBe('2026-11-26T09:30:00.000+01:00');

    const second = await book({ start, eventTypeId: 1001, attendee });
    expect(second.status).toBe(400);
    expect(envelope.parse(second.body).error.message).toBe(
      'User either already has booking at this time or is not available',
    );
    // a 90-minute service overlapping the booked half hour is refused too
    const overlap = await book({ start: '2026-11-26T07:30:00.000Z', eventTypeId: 1002, attendee });
    expect(overlap.status).toBe(400);
  });

  it('takes a location object, and refuses a plain string like Cal.com', async () => {
    const at = await book({
      start: '2026-11-26T08:00:00Z',
      eventTypeId: 1001,
      attendee,
      location: { type: 'address', address: 'Hauptstr. 1, Berlin' },
    });
    expect(at.status).toBe(201);
    expect(at.body.data.location).toBe('Hauptstr. 1, Berlin');
    const meet = await book({
      start: '2026-11-26T08:30:00Z',
      eventTypeId: 1001,
      attendee,
      location: { type: 'integration', integration: 'google-meet' },
    });
    expect(meet.body.data.location).toBe('integrations:google-meet');
    for (const location of ['Hauptstr. 1', { type: 'carrier-pigeon' }]) {
      const r = await book({
        start: '2026-11-26T09:30:00Z',
        eventTypeId: 1001,
        attendee,
        location,
      });
      expect(r.status).toBe(400);
    }
  });

  it('tells a taken slot apart from a start outside the bookable hours', async () => {
    const night = await book({ start: '2026-11-26T02:00:00.000Z', eventTypeId: 1001, attendee });
    expect(night.status).toBe(400);
    expect(envelope.parse(night.body).error.message).toMatch(
      /^The event type can't be booked at the "start" time provided/,
    );
    // the fixture holds 10:00 Berlin tomorrow
    const taken = await book({ start: '2026-11-26T09:00:00.000Z', eventTypeId: 1001, attendee });
    expect(envelope.parse(taken.body).error.message).toBe(
      'User either already has booking at this time or is not available',
    );
  });

  it('validates bodies like Cal.com: unknown properties, no email or phone, bad zone', async () => {
    const cases = [
      { start: '2026-11-26T08:00:00Z', eventTypeId: 1001, attendee, extra: 1 },
      {
        start: '2026-11-26T08:00:00Z',
        eventTypeId: 1001,
        attendee: { name: 'A', timeZone: 'Europe/Berlin' },
      },
      {
        start: '2026-11-26T08:00:00Z',
        eventTypeId: 1001,
        attendee: { ...attendee, timeZone: 'Mars/Base' },
      },
      { start: '2026-11-26T09:00:00+01:00', eventTypeId: 1001, attendee },
    ];
    for (const c of cases) {
      const r = await book(c);
      expect(r.status).toBe(400);
      expect(envelope.parse(r.body).error.code).toBe('BadRequestException');
    }
    expect(mock.bookings()).toHaveLength(2); // only the fixture's
  });

  it('cancels once, then answers the real 400; unknown uid is the real 404', async () => {
    const uid = mock.bookings()[0]!.uid;
    const c = await call(`/v2/bookings/${uid}/cancel`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: '{}',
    });
    expect(c.status).toBe(200);
    expect(c.body.data.status).toBe('cancelled');
    const again = await call(`/v2/bookings/${uid}/cancel`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: '{}',
    });
    expect(again.body.error.message).toBe('This booking has already been cancelled.');
    const missing = await call('/v2/bookings/nope', { headers: V_BOOKINGS });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Booking with uid=nope was not found in the database');
  });

  it('reschedules into a new booking and cancels the old one, freeing its slot', async () => {
    const old = mock.bookings()[0]!; // tomorrow 10:00 Berlin
    const r = await call(`/v2/bookings/${old.uid}/reschedule`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: JSON.stringify({ start: '2026-11-26T13:00:00.000Z' }),
    });
    expect(r.status).toBe(201);
    expect(r.body.data.rescheduledFromUid).toBe(old.uid);
    const stored = mock.bookings().find((b) => b.uid === old.uid)!;
    expect(stored).toMatchObject({ status: 'cancelled', rescheduledToUid: r.body.data.uid });
    const day = await slots(
      'eventTypeId=1001&start=2026-11-26&end=2026-11-26&timeZone=Europe/Berlin',
    );
    expect((day.body.data['2026-11-26'] as Array<{ start: string }>).map((s) => s.start)).toContain(
      '2026-11-26T10:00:00.000+01:00',
    );
  });

  it('requires auth to list bookings and rejects unknown keys as the throttler does', async () => {
    expect((await call('/v2/bookings', { headers: V_BOOKINGS })).status).toBe(401);
    const bad = await call('/v2/bookings', {
      headers: { ...V_BOOKINGS, authorization: 'Bearer cal_wrong' },
    });
    expect(bad.body.error.message).toBe('CustomThrottlerGuard - Invalid API Key');
    const ok = await call('/v2/bookings?eventTypeId=1003', {
      headers: { ...V_BOOKINGS, authorization: `Bearer ${mock.apiKey}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toHaveLength(1);
    expect(ok.body.pagination).toMatchObject({
      totalItems: 1,
      returnedItems: 1,
      hasNextPage: false,
    });
  });

  it('filters, sorts and validates the bookings list like GetBookingsInput_2024_08_13', async () => {
    const auth = { ...V_BOOKINGS, authorization: `Bearer ${mock.apiKey}` };
    const list = async (q: string) => call(`/v2/bookings?${q}`, { headers: auth });
    const uids = async (q: string) =>
      ((await list(q)).body.data as Array<{ uid: string }>).map((b) => b.uid);
    const [erika, max] = mock.bookings(); // tomorrow 10:00 (1001), in two days 14:00 (1003)
    const third = await book({
      start: '2026-11-26T13:00:00Z',
      eventTypeId: 1002,
      attendee: { ...attendee, name: 'Ida Dritte', email: 'ida@example.com' },
    });
    expect(third.status).toBe(201);
    await call(`/v2/bookings/${max!.uid}/cancel`, { method: 'POST', headers: auth, body: '{}' });

    expect(await uids('status=upcoming')).toEqual([erika!.uid, third.body.data.uid]);
    expect(await uids('status=cancelled')).toEqual([max!.uid]);
    expect(await uids('status=past')).toEqual([]);
    expect(await uids('attendeeName=ida')).toEqual([third.body.data.uid]);
    expect(await uids('attendeeEmail=MAX@example.com')).toEqual([max!.uid]);
    expect(await uids(`bookingUid=${erika!.uid}`)).toEqual([erika!.uid]);
    expect(await uids('eventTypeIds=1002,1003')).toEqual([max!.uid, third.body.data.uid]);
    expect(await uids('teamId=5')).toEqual([]);
    expect(await uids('sortStart=desc')).toEqual([max!.uid, third.body.data.uid, erika!.uid]);
    expect(await uids('afterStart=2026-11-26T12:00:00Z&beforeEnd=2026-11-27T00:00:00Z')).toEqual([
      third.body.data.uid,
    ]);
    for (const bad of ['colour=red', 'take=251', 'take=0', 'status=soon', 'eventTypeIds=a,b']) {
      const r = await list(bad);
      expect.soft(r.status, bad).toBe(400);
      expect(envelope.parse(r.body).error.code).toBe('BadRequestException');
    }
  });

  it('sends a missing or 2024-04-15 version on bookings to the legacy controller: a bare 500', async () => {
    for (const headers of [
      { 'content-type': 'application/json' } as Record<string, string>,
      { 'content-type': 'application/json', 'cal-api-version': '2024-04-15' },
      { 'content-type': 'application/json', 'cal-api-version': 'latest' },
    ]) {
      const r = await book({ start: '2026-11-26T08:00:00Z', eventTypeId: 1001, attendee }, headers);
      expect(r).toMatchObject({
        status: 500,
        body: { statusCode: 500, message: 'Internal server error' },
      });
      expect(r.body.status).toBeUndefined();
      expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(mock.bookings()).toHaveLength(2);
    // A known version without a controller for the route is a 404, on every route.
    const et = await call('/v2/event-types?username=salon-demo', {
      headers: { 'cal-api-version': '2024-08-13' },
    });
    expect(et.status).toBe(404);
    const uid = mock.bookings()[0]!.uid;
    const get = await call(`/v2/bookings/${uid}`, { headers: { 'cal-api-version': '2024-09-04' } });
    expect(get.status).toBe(404);
  });

  it('finds the event type by id, slug + username, and answers Cal.com 404s otherwise', async () => {
    const day = 'start=2026-11-26&end=2026-11-26';
    const byId = await slots(`eventTypeId=1003&${day}`);
    const bySlug = await slots(`eventTypeSlug=beratung&username=salon-demo&${day}`);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body.data).toEqual(byId.body.data);
    const cases: Array<[string, number, string]> = [
      [`eventTypeId=4242&${day}`, 404, 'Event Type not found'],
      [`eventTypeSlug=nope&username=salon-demo&${day}`, 404, 'Event Type not found'],
      [`eventTypeSlug=beratung&username=bob&${day}`, 404, 'User with username bob not found'],
      [`eventTypeSlug=beratung&teamSlug=crew&${day}`, 404, 'Team with slug crew not found'],
      [`usernames=salon-demo,eve&${day}`, 404, 'User with username eve not found'],
      [day, 400, 'Provide eventTypeId, eventTypeSlug with username or teamSlug, or usernames'],
    ];
    for (const [q, status, message] of cases) {
      const r = await slots(q);
      expect.soft([r.status, envelope.parse(r.body).error.message], q).toEqual([status, message]);
    }
  });

  it('groups slots by the date in the requested zone, also across midnight', async () => {
    // 26 Nov 09:00–18:00 Berlin is 21:00 on the 26th to 06:00 on the 27th in Auckland (UTC+13).
    const res = await slots(
      'eventTypeId=1003&start=2026-11-26&end=2026-11-26&timeZone=Pacific/Auckland',
    );
    const data = res.body.data as Record<string, Array<{ start: string }>>;
    expect(Object.keys(data)).toEqual(['2026-11-26', '2026-11-27']);
    expect(data['2026-11-26']?.map((x) => x.start)).toEqual([
      '2026-11-26T21:00:00.000+13:00',
      // 22:00 here is 10:00 Berlin, where the fixture's 30-minute booking keeps the host busy
      '2026-11-26T23:00:00.000+13:00',
    ]);
    expect(data['2026-11-27']?.[0]?.start).toBe('2026-11-27T00:00:00.000+13:00');
    expect(data['2026-11-27']?.at(-1)?.start).toBe('2026-11-27T05:00:00.000+13:00'); // 17:00 Berlin
  });

  it('keeps the reason and who moved it on a reschedule, and refuses like create does', async () => {
    const old = mock.bookings()[0]!;
    const post = (b: unknown) =>
      call(`/v2/bookings/${old.uid}/reschedule`, {
        method: 'POST',
        headers: V_BOOKINGS,
        body: JSON.stringify(b),
      });
    const night = await post({ start: '2026-11-26T02:00:00Z' });
    expect(night.body.error.message).toMatch(/^The event type can't be booked at the "start"/);
    const past = await post({ start: '2026-11-20T09:00:00Z' });
    expect(past.body.error.message).toBe('Attempting to book a meeting in the past.');
    const taken = await post({ start: '2026-11-27T13:00:00Z' }); // Max's Beratung 14:00 Berlin
    expect(taken.body.error.message).toBe(SLOT_TAKEN);
    const moved = await post({
      start: '2026-11-26T12:00:00Z',
      reschedulingReason: 'later',
      rescheduledBy: 'owner@salon-demo.example',
    });
    expect(moved.status).toBe(201);
    expect(moved.body.data).toMatchObject({
      reschedulingReason: 'later',
      rescheduledByEmail: 'owner@salon-demo.example',
      rescheduledFromUid: old.uid,
    });
  });

  it('lists event types by username and nothing without one', async () => {
    const h = { 'cal-api-version': '2024-06-14' };
    const r = await call('/v2/event-types?username=salon-demo', { headers: h });
    expect((r.body.data as Array<{ slug: string }>).map((e) => e.slug)).toEqual([
      'haarschnitt',
      'faerben',
      'beratung',
    ]);
    expect((await call('/v2/event-types', { headers: h })).body.data).toEqual([]);
    const one = await call('/v2/event-types?username=salon-demo&eventSlug=faerben', { headers: h });
    expect((one.body.data as Array<{ id: number }>).map((e) => e.id)).toEqual([1002]);
    for (const bad of ['eventSlug=faerben', 'username=salon-demo&colour=red', 'orgId=x']) {
      const r = await call(`/v2/event-types?${bad}`, { headers: h });
      expect.soft(r.status, bad).toBe(400);
      expect(envelope.parse(r.body).error.code).toBe('BadRequestException');
    }
  });

  it('injects failures without side effects and logs requests', async () => {
    mock.failNext('bookings.create', { status: 503, count: 2 });
    const body = { start: '2026-11-26T08:00:00Z', eventTypeId: 1001, attendee };
    expect((await book(body)).status).toBe(503);
    expect((await book(body)).status).toBe(503);
    expect(mock.bookings()).toHaveLength(2);
    expect((await book(body)).status).toBe(201);
    expect(
      mock.requests.filter((r) => r.operation === 'bookings.create').map((r) => r.status),
    ).toEqual([503, 503, 201]);
  });

  it('stores a booking whose response it then loses', async () => {
    mock.loseNextResponse('bookings.create', { delayMs: 50 });
    await expect(
      book({ start: '2026-11-26T08:00:00Z', eventTypeId: 1001, attendee }),
    ).rejects.toThrow();
    expect(mock.bookings().filter((b) => b.start === '2026-11-26T08:00:00.000Z')).toHaveLength(1);
  });

  it('never answers garbage queries with a 5xx', async () => {
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 })),
        async (q) => {
          const r = await fetch(`${mock.url}/v2/slots?${new URLSearchParams(q).toString()}`, {
            headers: V_SLOTS,
          });
          await r.arrayBuffer();
          statuses.push(r.status);
          return r.status < 500;
        },
      ),
      { numRuns: 100 },
    );
    expect(statuses).toHaveLength(100);
    expect(statuses.every((s) => s === 200 || s === 400 || s === 404)).toBe(true);
  });
});
