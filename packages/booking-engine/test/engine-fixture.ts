// Arrange steps of the engine tests: the stand-in's salon, the Cal.com calendar over HTTP, an
// engine on a clock that starts at the stand-in's fixed "now" and moves with real time (a frozen
// clock would never end a lock wait) and can be jumped ahead.
import type { CalcomMock, CalcomMockOptions } from '@voicebook/calcom-mock';
import { createCalcomCalendarProvider } from '../src/calcom/calcom-calendar-provider.js';
import { createBookingEngine } from '../src/engine.js';
import type { BookingEngine, BookingEngineEvent, BookingEngineOptions } from '../src/engine-api.js';
import { MemoryAppointmentStore, MemoryCustomerStore } from '../src/memory/index.js';
import type { CalendarProvider } from '../src/ports/index.js';
import { MemoryTenantDirectory } from '../src/tenants/memory-tenant-directory.js';
import type { Tenant, TenantPolicies } from '../src/types.js';
import { NOW, salonTenant, startSalon } from './availability/salon.js';

/** Thursday 2026-11-26 in Berlin: the fixture holds a haircut at 10:00. */
export const THURSDAY = '2026-11-26';
export const at = (hhmm: string, day = THURSDAY): string => `${day}T${hhmm}:00.000+01:00`;

/** A clock at the stand-in's "now" that moves with real time; `advance` jumps it ahead. */
export interface TestClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function testClock(start = NOW): TestClock {
  const t0 = performance.now();
  let offset = 0;
  return {
    now: () => Math.floor(start + offset + (performance.now() - t0)),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export interface World {
  readonly mock: CalcomMock;
  readonly tenant: Tenant;
  readonly directory: MemoryTenantDirectory;
  readonly calendar: CalendarProvider;
  readonly appointments: MemoryAppointmentStore;
  readonly clock: TestClock;
  readonly events: BookingEngineEvent[];
  readonly engine: BookingEngine;
  /** Another engine on the same appointment and customer stores (a second instance). */
  engineWith(options: Partial<BookingEngineOptions>): BookingEngine;
  close(): Promise<void>;
}

export async function startWorld(
  options: {
    policies?: Partial<TenantPolicies>;
    tenants?: (mock: CalcomMock) => Tenant[];
    mock?: Omit<CalcomMockOptions, 'now'>;
    calendar?: (base: CalendarProvider) => CalendarProvider;
    engine?: Partial<BookingEngineOptions>;
  } = {},
): Promise<World> {
  const mock = await startSalon(NOW, options.mock);
  const tenant = salonTenant(mock, { policies: options.policies });
  const directory = new MemoryTenantDirectory(options.tenants?.(mock) ?? [tenant]);
  const base = createCalcomCalendarProvider();
  const calendar = options.calendar?.(base) ?? base;
  const clock = testClock();
  const appointments = new MemoryAppointmentStore({ now: clock.now });
  const customers = new MemoryCustomerStore({ now: clock.now });
  const events: BookingEngineEvent[] = [];
  const engineWith = (extra: Partial<BookingEngineOptions>) =>
    createBookingEngine({
      tenants: directory,
      calendar,
      appointments,
      customers,
      now: clock.now,
      onEvent: (e) => events.push(e),
      ...options.engine,
      ...extra,
    });
  return {
    mock,
    tenant: (await directory.get(tenant.id)) ?? tenant,
    directory,
    calendar,
    appointments,
    clock,
    events,
    engine: engineWith({}),
    engineWith,
    close: () => mock.close(),
  };
}

/** Live bookings in the stand-in at `start` (ISO instant comparison). */
export const liveBookingsAt = (mock: CalcomMock, start: string): number =>
  mock
    .bookings()
    .filter((b) => b.status === 'accepted' && Date.parse(b.start) === Date.parse(start)).length;

/** A caller of the salon. */
export const caller = (n: number): string => `+49171${String(2_000_000 + n)}`;
