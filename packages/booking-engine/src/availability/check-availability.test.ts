import type { CalcomMock } from '@voicebook/calcom-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalcomCalendarProvider } from '../calcom/calcom-calendar-provider.js';
import { isBookingEngineError } from '../errors.js';
import type { CalendarProvider } from '../ports/calendar-provider.js';
import type { Tenant, TenantPolicies } from '../types.js';
import { NOW, salonTenant, slotRequests, startSalon } from '../../test/availability/salon.js';
import { checkAvailability } from './check-availability.js';

let mock: CalcomMock;
let calendar: CalendarProvider;
beforeEach(async () => {
  mock = await startSalon();
  calendar = createCalcomCalendarProvider({ clientOptions: { cache: false } });
});
afterEach(async () => {
  await mock.close();
});

const tenantWith = (policies: Partial<TenantPolicies> = {}): Tenant =>
  salonTenant(mock, { policies });
const cut = (t: Tenant) => t.services[0]!;

const check = (
  request: { start?: string; date?: string },
  tenant = tenantWith(),
  extra: { serviceIndex?: number; now?: number } = {},
) =>
  checkAvailability({
    tenant,
    service: tenant.services[extra.serviceIndex ?? 0]!,
    request,
    calendar,
    now: extra.now ?? NOW,
  });

const engineError = async (p: Promise<unknown>) => {
  const e: unknown = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!isBookingEngineError(e)) throw new Error('expected a BookingEngineError');
  return e;
};

/** Books every haircut half-hour of Thursday 2026-11-26 except `keep` (local HH:MM). */
function fillThursday(keep: readonly string[]): void {
  for (let m = 9 * 60; m < 18 * 60; m += 30) {
    const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 === 0 ? '00' : '30'}`;
    if (keep.includes(hhmm) || hhmm === '10:00') continue;
    mock.bookElsewhere({
      eventTypeId: 1001,
      start: new Date(`2026-11-26T${hhmm}:00+01:00`).toISOString(),
      attendee: { name: 'Walk In', email: 'walkin@example.com', timeZone: 'Europe/Berlin' },
    });
  }
}

describe('checkAvailability', () => {
  it('answers a free wish with its start in the tenant zone', async () => {
    const r = await check({ start: '2026-11-26T13:30:00Z' });
    expect(r).toMatchObject({
      available: true,
      start: '2026-11-26T14:30:00.000+01:00',
      alternatives: [],
      stale: false,
    });
    expect(r.policy).toBeUndefined();
    expect(r.say).toEqual({
      de: 'Morgen um 14:30 Uhr ist noch frei.',
      en: 'Tomorrow at 2:30 pm is free.',
    });
  });

  it('offers the nearest free starts of the same day first, then the following days', async () => {
    fillThursday(['15:00', '16:30']);
    const r = await check({ start: '2026-11-26T14:30:00.000+01:00' });
    expect(r.available).toBe(false);
    expect(r.alternatives).toEqual([
      '2026-11-26T15:00:00.000+01:00',
      '2026-11-26T16:30:00.000+01:00',
      '2026-11-27T09:00:00.000+01:00',
    ]);
    expect(r.say.de).toBe(
      'Um 14:30 Uhr ist leider schon belegt. Ich hätte 15:00 Uhr oder 16:30 Uhr frei, oder übermorgen um 9:00 Uhr.',
    );
    expect(r.say.en).toBe(
      'Sorry, 2:30 pm is taken. I could offer 3:00 pm or 4:30 pm, or Friday at 9:00 am.',
    );
  });

  it('orders same-day alternatives by distance to the wish, earlier first on a tie', async () => {
    const r = await check({ start: '2026-11-26T10:00:00.000+01:00' }); // the fixture's booking
    expect(r.alternatives).toEqual([
      '2026-11-26T09:30:00.000+01:00',
      '2026-11-26T10:30:00.000+01:00',
      '2026-11-26T09:00:00.000+01:00',
    ]);
  });

  it("answers a date-only wish with that day's first three free starts", async () => {
    const r = await check({ date: '2026-11-26' });
    expect(r.available).toBe(false);
    expect(r.alternatives).toEqual([
      '2026-11-26T09:00:00.000+01:00',
      '2026-11-26T09:30:00.000+01:00',
      '2026-11-26T10:30:00.000+01:00',
    ]);
    expect(r.say.de).toBe('Morgen hätte ich 9:00 Uhr, 9:30 Uhr oder 10:30 Uhr frei.');
    expect(r.say.en).toBe('Tomorrow I could offer 9:00 am, 9:30 am or 10:30 am.');
  });

  it('moves a full day on to the next days', async () => {
    fillThursday([]);
    const r = await check({ date: '2026-11-26' });
    expect(r.alternatives[0]).toBe('2026-11-27T09:00:00.000+01:00');
    expect(r.say.de).toMatch(/^Morgen ist leider nichts mehr frei\. Ich hätte übermorgen um 9:00/);
  });

  it('refuses a wish inside the minimum notice and offers starts after it', async () => {
    // now is 09:00 in Berlin; 09:30 is free in Cal.com but closer than 60 minutes.
    const r = await check({ start: '2026-11-25T09:30:00.000+01:00' });
    expect(r).toMatchObject({ available: false, policy: 'min-notice' });
    expect(r.alternatives).toEqual([
      '2026-11-25T10:00:00.000+01:00',
      '2026-11-25T10:30:00.000+01:00',
      '2026-11-25T11:00:00.000+01:00',
    ]);
    expect(r.say.de).toMatch(/^Das ist leider zu kurzfristig\. Ich hätte 10:00 Uhr/);
    const past = await check({ start: '2026-11-24T11:00:00.000+01:00' });
    expect(past.policy).toBe('min-notice');
    expect(past.say.de).toMatch(/^Dieser Zeitpunkt ist leider schon vorbei\./);
    expect(past.alternatives[0]).toBe('2026-11-25T10:00:00.000+01:00');
  });

  it('refuses a wish past the maximum days ahead and offers the latest bookable starts', async () => {
    const tenant = tenantWith({ maxDaysAhead: 5 }); // last day: Monday 2026-11-30
    const r = await check({ start: '2026-12-02T10:00:00.000+01:00' }, tenant);
    expect(r).toMatchObject({ available: false, policy: 'max-days-ahead' });
    expect(r.alternatives).toEqual([
      '2026-11-30T17:30:00.000+01:00',
      '2026-11-30T17:00:00.000+01:00',
      '2026-11-30T16:30:00.000+01:00',
    ]);
    expect(r.say.en).toMatch(/^Sorry, I can only book up to 5 days ahead\./);
  });

  it('keeps the whole appointment inside the business hours', async () => {
    const tenant = tenantWith({
      businessHours: {
        ...tenantWith().policies.businessHours,
        4: [{ open: '09:00', close: '12:00' }],
      },
    });
    const late = await check({ start: '2026-11-26T14:00:00.000+01:00' }, tenant);
    expect(late).toMatchObject({ available: false, policy: 'business-hours' });
    expect(late.alternatives).toEqual([
      '2026-11-26T11:30:00.000+01:00',
      '2026-11-26T11:00:00.000+01:00',
      '2026-11-26T10:30:00.000+01:00',
    ]);
    // Färben lasts 90 minutes: 11:00 would end at 12:30, after closing; 09:00 and 09:30 would
    // overlap the 10:00 haircut, so 10:30 is the only start left that day.
    const colour = await check({ start: '2026-11-26T11:00:00.000+01:00' }, tenant, {
      serviceIndex: 1,
    });
    expect(colour.policy).toBe('business-hours');
    expect(colour.alternatives).toEqual([
      '2026-11-26T10:30:00.000+01:00',
      '2026-11-27T09:00:00.000+01:00',
      '2026-11-27T09:30:00.000+01:00',
    ]);
    const sunday = await check({ date: '2026-11-29' }, tenant);
    expect(sunday.policy).toBe('business-hours');
    expect(sunday.alternatives[0]).toBe('2026-11-30T09:00:00.000+01:00');
    expect(sunday.say.de).toMatch(
      /^Am Sonntag haben wir leider geschlossen\. Ich hätte am Montag um 9:00 Uhr/,
    );
    expect(sunday.say.en).toMatch(
      /^Sorry, we are closed on Sunday\. I could offer Monday at 9:00 am/,
    );
  });

  it('asks the calendar exactly once per check', async () => {
    fillThursday(['15:00']);
    const cases = [
      { start: '2026-11-26T14:30:00.000+01:00' },
      { date: '2026-11-26' },
      { start: '2026-11-25T09:30:00.000+01:00' },
      { start: '2026-12-20T10:00:00.000+01:00' },
    ];
    for (const [i, request] of cases.entries()) {
      await check(request);
      expect(slotRequests(mock)).toBe(i + 1);
    }
  });

  it("uses the staff member's own event type for the service", async () => {
    const urls: string[] = [];
    calendar = createCalcomCalendarProvider({
      clientOptions: {
        cache: false,
        fetch: (input, init) => {
          urls.push(input instanceof Request ? input.url : String(input));
          return fetch(input, init);
        },
      },
    });
    const tenant = tenantWith();
    await checkAvailability({
      tenant,
      service: cut(tenant),
      staff: tenant.staff[0],
      request: { date: '2026-11-26' },
      calendar,
      now: NOW,
    });
    expect(urls).toHaveLength(1);
    expect(new URL(urls[0] ?? '').searchParams.get('eventTypeId')).toBe('1003');
  });

  it('passes a stale answer of the calendar through', async () => {
    const real = calendar;
    const stale: CalendarProvider = {
      ...real,
      findSlots: async (...args) => ({ ...(await real.findSlots(...args)), stale: true }),
    };
    const tenant = tenantWith();
    const r = await checkAvailability({
      tenant,
      service: cut(tenant),
      request: { date: '2026-11-26' },
      calendar: stale,
      now: NOW,
    });
    expect(r.stale).toBe(true);
  });

  it('fails with a retryable E_CALENDAR_UNAVAILABLE while Cal.com is down', async () => {
    calendar = createCalcomCalendarProvider({
      clientOptions: { cache: false, retry: { initialDelayMs: 1, maxDelayMs: 2 } },
    });
    mock.failNext('slots.find', { status: 503, count: 5 });
    const e = await engineError(check({ date: '2026-11-26' }));
    expect(e.code).toBe('E_CALENDAR_UNAVAILABLE');
    expect(e.retryable).toBe(true);
    expect(e.say?.de).toMatch(/Kalender/);
  });

  it('refuses a malformed wish', async () => {
    for (const request of [
      {},
      { start: '2026-11-26T14:30:00' },
      { date: '2026-02-30' },
      { start: '2026-11-26T14:30:00.000+01:00', date: '2026-11-27' },
    ]) {
      const e = await engineError(check(request));
      expect(e.code).toBe('E_INVALID_INPUT');
    }
    expect(slotRequests(mock)).toBe(0);
  });
});
