// The real engine against the Cal.com stand-in, on a fixed Wednesday morning in Berlin.
import {
  DEMO_CALENDAR_FIXTURE,
  DEMO_TENANT,
  MemoryTenantDirectory,
  createBookingEngine,
  createCalcomCalendarProvider,
  type BookingEngine,
} from '@voicebook/booking-engine';
import { parseFixture, startCalcomMock } from '@voicebook/calcom-mock';

export const WEDNESDAY = Date.parse('2026-11-25T08:00:00Z');

export interface EngineUnderTest {
  readonly engine: BookingEngine;
  readonly mock: Awaited<ReturnType<typeof startCalcomMock>>;
  close(): Promise<void>;
}

export async function startEngine(
  mockOptions: Omit<
    Parameters<typeof startCalcomMock>[0] & object,
    'port' | 'fixture' | 'now'
  > = {},
): Promise<EngineUnderTest> {
  const mock = await startCalcomMock({
    port: 0,
    fixture: parseFixture(DEMO_CALENDAR_FIXTURE),
    now: () => new Date(WEDNESDAY),
    ...mockOptions,
  });
  const engine = createBookingEngine({
    tenants: new MemoryTenantDirectory([
      { ...DEMO_TENANT, calendar: { ...DEMO_TENANT.calendar, baseUrl: mock.url } },
    ]),
    calendar: createCalcomCalendarProvider(),
    now: () => WEDNESDAY,
  });
  return { engine, mock, close: () => mock.close() };
}
