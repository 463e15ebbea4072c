import { createCalcomClient } from '@voicebook/calcom-client';
import type { CalcomMock } from '@voicebook/calcom-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBookingEngineError } from '../errors.js';
import { CalendarError, type CalendarBookingInput } from '../ports/calendar-provider.js';
import type { Tenant } from '../types.js';
import { salonTenant, slotRequests, startSalon } from '../../test/availability/salon.js';
import { createCalcomCalendarProvider } from './calcom-calendar-provider.js';

let mock: CalcomMock;
let tenant: Tenant;
beforeEach(async () => {
  mock = await startSalon();
  tenant = salonTenant(mock);
});
afterEach(async () => {
  await mock.close();
});

// Thursday 2026-11-26 in Berlin; the fixture holds a haircut at 10:00.
const DAY = '2026-11-26';
const booking = (start: string, key = `call-1:cut:${start}`): CalendarBookingInput => ({
  eventTypeId: 1001,
  start,
  attendee: {
    name: 'Erika Muster',
    phone: '+491711234567',
    timeZone: 'Europe/Berlin',
    language: 'de',
  },
  idempotencyKey: key,
});

const rejection = async (p: Promise<unknown>): Promise<CalendarError> => {
  const error: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CalendarError);
  return error as CalendarError;
};

const calcomCode = (error: CalendarError): unknown => (error.cause as { code?: unknown }).code;

describe('createCalcomCalendarProvider', () => {
  it('finds the free slots of a range in one request, by local date', async () => {
    const calendar = createCalcomCalendarProvider();
    const { byDate, stale } = await calendar.findSlots(tenant, {
      eventTypeId: 1001,
      startDate: DAY,
      endDate: '2026-11-27',
      zone: 'Europe/Berlin',
    });
    expect(stale).toBe(false);
    expect(Object.keys(byDate)).toEqual([DAY, '2026-11-27']);
    const thursday = byDate[DAY]?.map((s) => s.start) ?? [];
    expect(thursday[0]).toBe('2026-11-26T09:00:00.000+01:00');
    expect(thursday).not.toContain('2026-11-26T10:00:00.000+01:00');
    expect(slotRequests(mock)).toBe(1);
  });

  it("books with the caller's phone number and no invented e-mail", async () => {
    const calendar = createCalcomCalendarProvider();
    const made = await calendar.createBooking(tenant, booking('2026-11-26T11:00:00.000+01:00'));
    expect(made).toMatchObject({
      start: '2026-11-26T10:00:00.000Z',
      end: '2026-11-26T10:30:00.000Z',
      eventTypeId: 1001,
      status: 'accepted',
    });
    const stored = mock.bookings().find((b) => b.uid === made.uid);
    expect(stored?.attendees[0]).toMatchObject({ phoneNumber: '+491711234567', email: '' });
    expect(stored?.metadata).toMatchObject({
      voicebook_idempotency_key: 'call-1:cut:2026-11-26T11:00:00.000+01:00',
    });
  });

  it("answers 'slot-unavailable' for a taken slot", async () => {
    const calendar = createCalcomCalendarProvider();
    const error = await rejection(
      calendar.createBooking(tenant, booking('2026-11-26T10:00:00.000+01:00')),
    );
    expect(error.kind).toBe('slot-unavailable');
    expect(error.retryable).toBe(false);
    expect(calcomCode(error)).toBe('E_SLOT_UNAVAILABLE');
  });

  it("answers 'unavailable' while the stand-in fails", async () => {
    const calendar = createCalcomCalendarProvider({
      clientOptions: { retry: { initialDelayMs: 1, maxDelayMs: 2 } },
    });
    mock.failNext('slots.find', { status: 503, count: 5 });
    const error = await rejection(
      calendar.findSlots(tenant, { eventTypeId: 1001, startDate: DAY, endDate: DAY, zone: 'UTC' }),
    );
    expect(error.kind).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(calcomCode(error)).toBe('E_CALCOM_UPSTREAM');
  });

  it('blocks writes once the write breaker opens, without a request', async () => {
    const calendar = createCalcomCalendarProvider({
      clientOptions: { breaker: { failureThreshold: 1 }, retry: { initialDelayMs: 1 } },
    });
    expect(calendar.writesBlocked(tenant)).toBe(false);
    mock.failNext('bookings.create', { status: 500, count: 5 });
    const first = await rejection(
      calendar.createBooking(tenant, booking('2026-11-26T11:00:00.000+01:00')),
    );
    expect(first.retryable).toBe(true);
    expect(calendar.writesBlocked(tenant)).toBe(true);
    expect(calendar.writesBlocked(salonTenant(mock, { id: 'other', apiKey: 'cal_other' }))).toBe(
      false,
    );
    const creates = mock.requests.filter((r) => r.operation === 'bookings.create').length;
    const second = await rejection(
      calendar.createBooking(tenant, booking('2026-11-26T11:30:00.000+01:00')),
    );
    expect(second.kind).toBe('unavailable');
    expect(calcomCode(second)).toBe('E_CIRCUIT_OPEN');
    expect(mock.requests.filter((r) => r.operation === 'bookings.create').length).toBe(creates);
  });

  it('reconciles a lost create answer into exactly one booking', async () => {
    const calendar = createCalcomCalendarProvider();
    mock.loseNextResponse('bookings.create', { delayMs: 20 });
    const made = await calendar.createBooking(tenant, booking('2026-11-26T11:00:00.000+01:00'));
    const live = mock
      .bookings()
      .filter((b) => b.status === 'accepted' && b.start === '2026-11-26T10:00:00.000Z');
    expect(live.map((b) => b.uid)).toEqual([made.uid]);
  });

  it('finds a booking by its idempotency key, and nothing for another key', async () => {
    const calendar = createCalcomCalendarProvider();
    const start = '2026-11-26T11:00:00.000+01:00';
    const made = await calendar.createBooking(tenant, booking(start, 'idem-key-a'));
    const where = { eventTypeId: 1001, start };
    await expect(
      calendar.findBookingByIdempotencyKey(tenant, 'idem-key-a', where),
    ).resolves.toEqual(made);
    await expect(
      calendar.findBookingByIdempotencyKey(tenant, 'idem-key-b', where),
    ).resolves.toBeUndefined();
  });

  it('cancels, and cancelling again succeeds', async () => {
    const calendar = createCalcomCalendarProvider();
    const made = await calendar.createBooking(tenant, booking('2026-11-26T11:00:00.000+01:00'));
    const cancelled = await calendar.cancelBooking(tenant, made.uid, 'Termin passt nicht');
    expect(cancelled).toMatchObject({ uid: made.uid, status: 'cancelled' });
    await expect(calendar.cancelBooking(tenant, made.uid)).resolves.toMatchObject({
      uid: made.uid,
      status: 'cancelled',
    });
    const unknown = await rejection(calendar.cancelBooking(tenant, 'no-such-booking'));
    expect(unknown.kind).toBe('not-found');
  });

  it('reschedules to a new booking; repeating the same move answers with it', async () => {
    const calendar = createCalcomCalendarProvider();
    const made = await calendar.createBooking(tenant, booking('2026-11-26T11:00:00.000+01:00'));
    const moved = await calendar.rescheduleBooking(
      tenant,
      made.uid,
      '2026-11-26T15:00:00.000+01:00',
    );
    expect(moved.uid).not.toBe(made.uid);
    expect(moved).toMatchObject({ start: '2026-11-26T14:00:00.000Z', status: 'accepted' });
    expect(mock.bookings().find((b) => b.uid === made.uid)?.status).toBe('cancelled');
    await expect(
      calendar.rescheduleBooking(tenant, made.uid, '2026-11-26T15:00:00.000+01:00'),
    ).resolves.toEqual(moved);
    const elsewhere = await rejection(
      calendar.rescheduleBooking(tenant, made.uid, '2026-11-26T16:00:00.000+01:00'),
    );
    expect(elsewhere.kind).toBe('state');
  });

  it("answers 'invalid' for an API key Cal.com refuses", async () => {
    const calendar = createCalcomCalendarProvider();
    const error = await rejection(
      calendar.findSlots(salonTenant(mock, { apiKey: 'cal_wrong' }), {
        eventTypeId: 1001,
        startDate: DAY,
        endDate: DAY,
        zone: 'UTC',
      }),
    );
    expect(error.kind).toBe('invalid');
    expect(calcomCode(error)).toBe('E_CALCOM_UNAUTHORIZED');
  });

  it('shares one client (and its cache) between tenants with the same credentials', async () => {
    const calendar = createCalcomCalendarProvider();
    const query = { eventTypeId: 1001, startDate: DAY, endDate: DAY, zone: 'Europe/Berlin' };
    await calendar.findSlots(tenant, query);
    await calendar.findSlots(salonTenant(mock, { id: 'branch' }), query);
    expect(slotRequests(mock)).toBe(1);
    await calendar
      .findSlots(salonTenant(mock, { id: 'x', apiKey: 'cal_wrong' }), query)
      .catch(() => undefined);
    expect(slotRequests(mock)).toBe(2);
  });

  it('uses the client clientFor gives', async () => {
    const calls: string[] = [];
    const client = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url });
    const calendar = createCalcomCalendarProvider({
      clientFor: (t) => {
        calls.push(t.id);
        return client;
      },
    });
    await calendar.findSlots(tenant, {
      eventTypeId: 1001,
      startDate: DAY,
      endDate: DAY,
      zone: 'UTC',
    });
    expect(calendar.writesBlocked(tenant)).toBe(false);
    expect(calls).toEqual(['salon', 'salon']);
  });

  it('refuses clientFor together with clientOptions', () => {
    let error: unknown;
    try {
      createCalcomCalendarProvider({ clientOptions: {}, clientFor: () => ({}) as never });
    } catch (e) {
      error = e;
    }
    expect(isBookingEngineError(error) && error.code).toBe('E_CONFIG_INVALID');
  });
});
