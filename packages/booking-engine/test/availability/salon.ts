// Shared arrange steps of the availability and Cal.com adapter tests: the stand-in's salon as a
// tenant, and the stand-in itself on a fixed clock.
import { startCalcomMock, type CalcomMock, type CalcomMockOptions } from '@voicebook/calcom-mock';
import type { Tenant, TenantPolicies } from '../../src/types.js';

/** Wednesday 2026-11-25, 09:00 in Berlin. */
export const NOW = Date.parse('2026-11-25T08:00:00.000Z');

/** The salon's own opening hours (the stand-in's fixture: Mon–Fri 09–18, Sat 09–14). */
export const SALON_POLICIES: TenantPolicies = {
  minNoticeToBookMinutes: 60,
  minNoticeToCancelMinutes: 60,
  minNoticeToRescheduleMinutes: 60,
  maxDaysAhead: 30,
  businessHours: {
    1: [{ open: '09:00', close: '18:00' }],
    2: [{ open: '09:00', close: '18:00' }],
    3: [{ open: '09:00', close: '18:00' }],
    4: [{ open: '09:00', close: '18:00' }],
    5: [{ open: '09:00', close: '18:00' }],
    6: [{ open: '09:00', close: '14:00' }],
  },
  whenCalendarDown: 'fail',
};

/** The stand-in's salon (`salon-demo`) as a tenant of `mock`. */
export function salonTenant(
  mock: CalcomMock,
  overrides: { id?: string; apiKey?: string; policies?: Partial<TenantPolicies> } = {},
): Tenant {
  return {
    id: overrides.id ?? 'salon',
    companyName: 'Salon Demo',
    zone: 'Europe/Berlin',
    locale: 'de',
    calendar: {
      apiKey: overrides.apiKey ?? mock.apiKey,
      baseUrl: mock.url,
      username: 'salon-demo',
    },
    phoneNumbers: ['+4930123456'],
    agentIds: ['agent_salon'],
    services: [
      { id: 'cut', name: 'Haarschnitt', synonyms: [], durationMinutes: 30, eventTypeId: 1001 },
      { id: 'colour', name: 'Färben', synonyms: [], durationMinutes: 90, eventTypeId: 1002 },
      { id: 'advice', name: 'Beratung', synonyms: [], durationMinutes: 60, eventTypeId: 1003 },
    ],
    staff: [{ id: 'anna', firstName: 'Anna', lastName: 'Schmidt', eventTypeIds: { cut: 1003 } }],
    policies: { ...SALON_POLICIES, ...overrides.policies },
  };
}

/** The stand-in on a fixed clock (`now`, epoch ms). */
export function startSalon(
  now: number = NOW,
  options: Omit<CalcomMockOptions, 'now'> = {},
): Promise<CalcomMock> {
  return startCalcomMock({ port: 0, now: () => new Date(now), ...options });
}

/** How many slot look-ups reached the stand-in so far. */
export const slotRequests = (mock: CalcomMock): number =>
  mock.requests.filter((r) => r.operation === 'slots.find').length;
