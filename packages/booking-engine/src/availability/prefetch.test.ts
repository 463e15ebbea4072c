import type { CalcomMock } from '@voicebook/calcom-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalcomCalendarProvider } from '../calcom/calcom-calendar-provider.js';
import { NOW, salonTenant, slotRequests, startSalon } from '../../test/availability/salon.js';
import { checkAvailability } from './check-availability.js';
import { prefetch } from './prefetch.js';

let mock: CalcomMock;
beforeEach(async () => {
  mock = await startSalon();
});
afterEach(async () => {
  await mock.close();
});

describe('prefetch', () => {
  it('warms the next days so that checks of those days need no request', async () => {
    const calendar = createCalcomCalendarProvider(); // calcom-client's default in-process cache
    const tenant = salonTenant(mock);
    // Checks share the warmed range when they use the same prefetchDays as prefetch.
    const options = { prefetchDays: 3 };
    const report = await prefetch({ tenant, calendar, now: NOW, options });
    // One range per event type: the three services (Anna's own event type is one of them).
    expect(report).toEqual({ loaded: 3, failed: 0 });
    expect(slotRequests(mock)).toBe(3);
    for (const service of tenant.services) {
      for (const request of [
        { date: '2026-11-25' },
        { start: '2026-11-26T14:30:00.000+01:00' },
        { date: '2026-11-27' },
      ]) {
        const r = await checkAvailability({
          tenant,
          service,
          request,
          calendar,
          now: NOW,
          options,
        });
        expect(r.alternatives.length + (r.available ? 1 : 0)).toBeGreaterThan(0);
      }
    }
    expect(slotRequests(mock)).toBe(3);
    // A day past the warmed ones asks Cal.com again.
    await checkAvailability({
      tenant,
      service: tenant.services[0]!,
      request: { date: '2026-12-01' },
      calendar,
      now: NOW,
      options,
    });
    expect(slotRequests(mock)).toBe(4);
  });

  it('never throws, also while Cal.com fails', async () => {
    const calendar = createCalcomCalendarProvider({
      clientOptions: { cache: false, retry: { initialDelayMs: 1, maxDelayMs: 2 } },
    });
    mock.failNext('slots.find', { status: 500, count: 100 });
    await expect(prefetch({ tenant: salonTenant(mock), calendar, now: NOW })).resolves.toEqual({
      loaded: 0,
      failed: 3,
    });
  });
});
