import { afterEach, describe, expect, it } from 'vitest';
import { createCalcomCalendarProvider } from '../src/calcom/calcom-calendar-provider.js';
import { bookingIdempotencyKey, slotLockKey } from '../src/booking/keys.js';
import type { CalendarProvider } from '../src/ports/index.js';
import type { Appointment } from '../src/types.js';
import { at, caller, liveBookingsAt, startWorld, type World } from './engine-fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const open = async (options: Parameters<typeof startWorld>[0] = {}) => {
  world = await startWorld(options);
  return world;
};

const callOf = (w: World, callId: string, n = 1) =>
  w.engine.resolveCall({ callId, toNumber: '+4930123456', fromNumber: caller(n) });

const calendarDown = (w: World) =>
  w.mock.setErrorRate('bookings.create', { rate: 1, statuses: [503] });
const calendarBack = (w: World) => w.mock.setErrorRate('bookings.create', { rate: 0 });

describe('when Cal.com is down', () => {
  it('asks for consent, then notes the wish as pending; the reconciler books it once Cal.com is back', async () => {
    const w = await open({ policies: { whenCalendarDown: 'accept-pending' } });
    const ctx = await callOf(w, 'call-1');
    calendarDown(w);
    const refused: unknown = await w.engine
      .book(ctx, { serviceId: 'cut', start: at('11:00') })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'E_CALENDAR_UNAVAILABLE', retryable: true });
    expect((refused as { say: { de: string } }).say.de).toMatch(/notieren/);
    const pending = await w.engine.book(ctx, {
      serviceId: 'cut',
      start: at('11:00'),
      acceptPending: true,
    });
    expect(pending.status).toBe('pending');
    expect(pending.say.de).toBe('Ich habe Ihren Wunsch notiert, Sie bekommen eine Bestätigung.');
    // ctx was resolved before the customer existed: the list still finds them by the call's number.
    expect((await w.engine.getCustomerAppointments(ctx)).map((a) => a.status)).toEqual(['pending']);
    const again = await w.engine.resolveCall({
      callId: 'call-2',
      toNumber: '+4930123456',
      fromNumber: caller(1),
    });
    expect((await w.engine.getCustomerAppointments(again)).map((a) => a.status)).toEqual([
      'pending',
    ]);

    expect(await w.engine.reconcile()).toMatchObject({ booked: 0, deferred: 1 });
    calendarBack(w);
    // This instance's write breaker opened during the outage and stays open a while; another
    // instance (a fresh Cal.com client on the same stores) runs the reconciler.
    const other = w.engineWith({ calendar: createCalcomCalendarProvider() });
    expect(await other.reconcile()).toMatchObject({ booked: 1, callback: 0 });
    expect(await other.reconcile()).toMatchObject({ booked: 0, deferred: 0 });
    expect(liveBookingsAt(w.mock, at('11:00'))).toBe(1);
    const [row] = await w.engine.getCustomerAppointments(again);
    expect(row).toMatchObject({ status: 'confirmed', start: at('11:00') });
    expect(w.events).toContainEqual({
      type: 'pending:resolved',
      tenantId: 'salon',
      outcome: 'booked',
    });
  });

  it('fails retryably without a pending policy', async () => {
    const w = await open();
    const ctx = await callOf(w, 'call-1');
    calendarDown(w);
    await expect(
      w.engine.book(ctx, { serviceId: 'cut', start: at('11:00'), acceptPending: true }),
    ).rejects.toMatchObject({ code: 'E_CALENDAR_UNAVAILABLE', retryable: true });
    calendarBack(w);
    // The retry starts afresh (the key was released) and books.
    const retry = await w.engine.book(ctx, { serviceId: 'cut', start: at('11:00') });
    expect(retry.status).toBe('booked');
  });

  it('marks a pending wish whose slot was taken meanwhile for a call back with alternatives', async () => {
    const w = await open({ policies: { whenCalendarDown: 'accept-pending' } });
    const ctx = await callOf(w, 'call-1');
    calendarDown(w);
    const pending = await w.engine.book(ctx, {
      serviceId: 'cut',
      start: at('11:00'),
      acceptPending: true,
    });
    expect(pending.status).toBe('pending');
    calendarBack(w);
    w.mock.bookElsewhere({
      eventTypeId: 1001,
      start: '2026-11-26T10:00:00.000Z',
      attendee: { name: 'Walk In', email: 'walkin@example.com', timeZone: 'Europe/Berlin' },
    });
    expect(await w.engine.reconcile()).toMatchObject({ booked: 0, callback: 1 });
    const [row] = await w.appointments.listByStatus('callback');
    expect(row?.reason).toBe('slot-taken');
    expect(row?.alternatives?.length).toBeGreaterThan(0);
    expect(row?.alternatives).not.toContain(at('11:00'));
    expect(liveBookingsAt(w.mock, at('11:00'))).toBe(1); // the walk-in only
    expect(w.events).toContainEqual({
      type: 'pending:resolved',
      tenantId: 'salon',
      outcome: 'callback',
    });
  });
});

describe('pending requests, in order', () => {
  it('books the earlier of two wishes for one slot, calls the later back, and keeps order while down', async () => {
    const w = await open({ policies: { whenCalendarDown: 'accept-pending' } });
    calendarDown(w);
    const wish = async (callId: string, n: number, start: string) =>
      w.engine.book(await callOf(w, callId, n), {
        serviceId: 'cut',
        start,
        customerName: `Kunde ${n}`,
        acceptPending: true,
      });
    // Noted in this order: 11:00 by caller 1, 12:00 by caller 2, 11:00 again by caller 3.
    expect((await wish('call-a', 1, at('11:00'))).status).toBe('pending');
    w.clock.advance(1_000);
    expect((await wish('call-b', 2, at('12:00'))).status).toBe('pending');
    w.clock.advance(1_000);
    expect((await wish('call-c', 3, at('11:00'))).status).toBe('pending');
    // Still down: a fresh instance's reconciler stops at the first failed write and books none,
    // so nobody overtakes the first caller.
    const other = w.engineWith({ calendar: createCalcomCalendarProvider() });
    expect(await other.reconcile()).toMatchObject({ booked: 0, callback: 0, deferred: 3 });
    expect(liveBookingsAt(w.mock, at('11:00')) + liveBookingsAt(w.mock, at('12:00'))).toBe(0);
    expect(await w.appointments.listByStatus('pending')).toHaveLength(3);

    calendarBack(w);
    const again = w.engineWith({ calendar: createCalcomCalendarProvider() });
    expect(await again.reconcile()).toMatchObject({ booked: 2, callback: 1 });
    const byCaller = async (n: number) =>
      w.engine.getCustomerAppointments(await callOf(w, `look-${n}`, n));
    expect(await byCaller(1)).toMatchObject([{ status: 'confirmed', start: at('11:00') }]);
    expect(await byCaller(2)).toMatchObject([{ status: 'confirmed', start: at('12:00') }]);
    const [late] = await w.appointments.listByStatus('callback');
    expect(late).toMatchObject({ start: at('11:00'), reason: 'slot-taken' });
    expect(late?.alternatives?.length).toBeGreaterThan(0);
    expect(late?.alternatives).not.toContain(at('11:00'));
    expect(liveBookingsAt(w.mock, at('11:00'))).toBe(1);
    expect(liveBookingsAt(w.mock, at('12:00'))).toBe(1);
    // No request lost, none twice: a second run changes nothing.
    expect(await again.reconcile()).toMatchObject({ booked: 0, callback: 0, deferred: 0 });
    expect(w.events.filter((e) => e.type === 'pending:resolved')).toEqual([
      { type: 'pending:resolved', tenantId: 'salon', outcome: 'booked' },
      { type: 'pending:resolved', tenantId: 'salon', outcome: 'booked' },
      { type: 'pending:resolved', tenantId: 'salon', outcome: 'callback' },
    ]);
  });
});

describe('reconcile after an instance died', () => {
  it('confirms a requested row whose booking exists and fails one whose booking does not', async () => {
    const w = await open();
    const store = w.engineWith({});
    const c1 = await store.resolveCall({
      callId: 'seed',
      toNumber: '+4930123456',
      fromNumber: caller(1),
    });
    const seeded = await store.book(c1, { serviceId: 'cut', start: at('15:00') });
    const customerId = seeded.status === 'booked' ? seeded.appointment.customerId : '';
    const row = (start: string, callId: string): Appointment => {
      const startMs = Date.parse(start);
      return {
        id: `row-${callId}`,
        tenantId: 'salon',
        customerId,
        serviceId: 'cut',
        eventTypeId: 1001,
        start,
        end: new Date(startMs + 30 * 60_000).toISOString(),
        startMs,
        status: 'requested',
        callId,
        idempotencyKey: bookingIdempotencyKey(callId, 'cut', undefined, startMs),
        slotKey: slotLockKey('salon', 1001, undefined, startMs),
        fence: 1,
        createdAt: w.clock.now(),
        updatedAt: w.clock.now(),
      };
    };
    const booked = row(at('11:00'), 'dead-1');
    const lost = row(at('12:00'), 'dead-2');
    await w.appointments.insert(booked);
    await w.appointments.insert(lost);
    // The dead instance's create reached Cal.com; its answer never came back.
    await w.calendar.createBooking(w.tenant, {
      eventTypeId: 1001,
      start: '2026-11-26T10:00:00.000Z',
      attendee: { name: 'Erika', phone: caller(1), timeZone: 'Europe/Berlin', language: 'de' },
      idempotencyKey: booked.idempotencyKey,
    });
    // Not before the lock TTL: the holder may still be at work.
    expect(await w.engine.reconcile()).toMatchObject({ recovered: 0, failed: 0 });
    w.clock.advance(25_000);
    expect(await w.engine.reconcile()).toMatchObject({ recovered: 1, failed: 1 });
    expect(await w.appointments.get('salon', booked.id)).toMatchObject({ status: 'confirmed' });
    expect((await w.appointments.get('salon', booked.id))?.bookingUid).toBeDefined();
    expect(await w.appointments.get('salon', lost.id)).toMatchObject({ status: 'failed' });
    expect(liveBookingsAt(w.mock, at('11:00'))).toBe(1);
  });
});

describe('post-booking check', () => {
  it('cancels and reports a booking at another time than asked', async () => {
    // The one place a fake is right: Cal.com itself never books another time than asked.
    const w = await open({
      calendar: (base): CalendarProvider => ({
        findSlots: (t, q, o) => base.findSlots(t, q, o),
        createBooking: (t, input, o) =>
          base.createBooking(
            t,
            { ...input, start: new Date(Date.parse(input.start) + 30 * 60_000).toISOString() },
            o,
          ),
        findBookingByIdempotencyKey: (t, k, where, o) =>
          base.findBookingByIdempotencyKey(t, k, where, o),
        cancelBooking: (t, uid, reason, o) => base.cancelBooking(t, uid, reason, o),
        rescheduleBooking: (t, uid, start, o) => base.rescheduleBooking(t, uid, start, o),
        writesBlocked: (t) => base.writesBlocked(t),
      }),
    });
    const ctx = await callOf(w, 'call-1');
    await expect(
      w.engine.book(ctx, { serviceId: 'cut', start: at('11:00') }),
    ).rejects.toMatchObject({
      code: 'E_BOOKING_MISMATCH',
    });
    expect(w.events).toContainEqual({ type: 'booking:mismatch', tenantId: 'salon' });
    expect(liveBookingsAt(w.mock, at('11:30'))).toBe(0); // the wrong booking was cancelled
    const [row] = await w.appointments.listByStatus('failed');
    expect(row?.reason).toBe('booking-mismatch');
  });
});
