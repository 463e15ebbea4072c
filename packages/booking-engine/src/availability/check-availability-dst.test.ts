import { defaultFixture, type CalcomMock } from '@voicebook/calcom-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalcomCalendarProvider } from '../calcom/calcom-calendar-provider.js';
import type { Tenant } from '../types.js';
import { salonTenant, startSalon } from '../../test/availability/salon.js';
import { checkAvailability } from './check-availability.js';

// Thursday 2026-03-26 in Berlin; Sunday 2026-03-29 clocks jump from 02:00 to 03:00.
const NOW = Date.parse('2026-03-26T08:00:00.000Z');

let mock: CalcomMock;
let tenant: Tenant;
beforeEach(async () => {
  // An early Sunday shift across the jump, in Cal.com and in the tenant's hours.
  mock = await startSalon(NOW, {
    fixture: {
      ...defaultFixture,
      hours: [...defaultFixture.hours, { day: 0, from: '01:00', to: '05:00' }],
    },
  });
  const base = salonTenant(mock);
  tenant = {
    ...base,
    policies: {
      ...base.policies,
      businessHours: { ...base.policies.businessHours, 7: [{ open: '01:00', close: '05:00' }] },
    },
  };
});
afterEach(async () => {
  await mock.close();
});

const check = (request: { start?: string; date?: string }) =>
  checkAvailability({
    tenant,
    service: tenant.services[0]!,
    request,
    calendar: createCalcomCalendarProvider({ clientOptions: { cache: false } }),
    now: NOW,
  });

describe('checkAvailability on the spring DST day (Europe/Berlin 2026-03-29)', () => {
  it('offers the starts around the jump with the right offsets', async () => {
    const r = await check({ date: '2026-03-29' });
    expect(r.alternatives).toEqual([
      '2026-03-29T01:00:00.000+01:00',
      '2026-03-29T01:30:00.000+01:00',
      '2026-03-29T03:00:00.000+02:00',
    ]);
    expect(r.say.de).toBe('Am Sonntag hätte ich 1:00 Uhr, 1:30 Uhr oder 3:00 Uhr frei.');
  });

  it('ends the opening hours at 05:00 summer time, not an hour later', async () => {
    const r = await check({ start: '2026-03-29T04:30:00.000+02:00' });
    expect(r.available).toBe(true);
    const late = await check({ start: '2026-03-29T05:00:00.000+02:00' });
    expect(late).toMatchObject({ available: false, policy: 'business-hours' });
    expect(late.alternatives).toEqual([
      '2026-03-29T04:30:00.000+02:00',
      '2026-03-29T04:00:00.000+02:00',
      '2026-03-29T03:30:00.000+02:00',
    ]);
  });

  it('keeps winter time on the Saturday before the jump', async () => {
    mock.bookElsewhere({
      eventTypeId: 1001,
      start: '2026-03-28T12:30:00.000Z',
      attendee: { name: 'Walk In', email: 'walkin@example.com', timeZone: 'Europe/Berlin' },
    });
    const r = await check({ start: '2026-03-28T13:30:00.000+01:00' });
    expect(r.alternatives[0]).toBe('2026-03-28T13:00:00.000+01:00');
    expect(r.alternatives.every((a) => a.startsWith('2026-03-28') && a.endsWith('+01:00'))).toBe(
      true,
    );
    expect(r.say.de).toMatch(/^Um 13:30 Uhr ist leider schon belegt\. Ich hätte 13:00 Uhr/);
  });
});
