// createBookingEngine: parses the options once, wires the ports (memory adapters by default) and
// hands every method to its module (booking/, appointments/, reconcile/, catalogue, availability).
import { cancelAppointment } from './appointments/cancel.js';
import { listOwnAppointments } from './appointments/access.js';
import { rescheduleAppointment } from './appointments/reschedule.js';
import { book } from './booking/book.js';
import {
  checkTenantAvailability,
  listTenantServices,
  parseDateTime,
  prefetchTenant,
  resolveName,
} from './booking/delegates.js';
import type { EngineDeps } from './booking/deps.js';
import { parseEngineOptions } from './booking/options.js';
import { resolveCall } from './booking/resolve-call.js';
import { SlotGate } from './booking/slot-gate.js';
import { TenantNameIndexes } from './catalogue/name-indexes.js';
import type { BookingEngine, BookingEngineEvent, BookingEngineOptions } from './engine-api.js';
import {
  MemoryAppointmentStore,
  MemoryCallStore,
  MemoryCustomerStore,
  MemoryIdempotencyStore,
  MemoryLockManager,
} from './memory/index.js';
import type { Service, StaffMember } from './types.js';
import { reconcile } from './reconcile/reconcile.js';

/**
 * Creates the booking engine: one per process, any number of tenants. Every store defaults to its
 * in-memory adapter (one process only); pass the Redis adapters from
 * `@voicebook/booking-engine/redis` (or the PostgreSQL ones) when several instances share the
 * calendar.
 *
 * @param options - The tenant directory, the calendar and optionally stores, clock and event
 *   sink; see {@link BookingEngineOptions}.
 * @returns The {@link BookingEngine}.
 * @throws {@link BookingEngineError} `E_CONFIG_INVALID` naming the first bad option.
 * @example
 * ```ts
 * import { createBookingEngine, createCalcomCalendarProvider, DEMO_TENANT, MemoryTenantDirectory } from '@voicebook/booking-engine';
 *
 * const engine = createBookingEngine({
 *   tenants: new MemoryTenantDirectory([DEMO_TENANT]),
 *   calendar: createCalcomCalendarProvider(),
 * });
 * const ctx = await engine.resolveCall({ callId: 'call_1', toNumber: '+4930123456', fromNumber: '0171 1234567' });
 * const result = await engine.book(ctx, { serviceId: 'haircut', start: '2026-11-26T10:00:00+01:00' });
 * if (result.status === 'unavailable') console.log(result.alternatives);
 * ```
 */
export function createBookingEngine(options: BookingEngineOptions): BookingEngine {
  const settings = parseEngineOptions(options);
  const now = options.now ?? Date.now;
  const sink = options.onEvent;
  const emit = (event: BookingEngineEvent): void => {
    if (sink === undefined) return;
    try {
      sink(event);
    } catch {
      // A failing listener must never fail a booking.
    }
  };
  const deps: EngineDeps = {
    tenants: options.tenants,
    calendar: options.calendar,
    customers: options.customers ?? new MemoryCustomerStore({ now }),
    appointments: options.appointments ?? new MemoryAppointmentStore({ now }),
    idempotency: options.idempotency ?? new MemoryIdempotencyStore(),
    locks: options.locks ?? new MemoryLockManager({ now }),
    calls: options.calls ?? new MemoryCallStore(),
    now,
    emit,
    settings,
    gate: new SlotGate(),
    availability: (ctx, request, call, takenMs) =>
      checkTenantAvailability(deps, ctx, request, call, takenMs),
  };
  const names = new TenantNameIndexes({ directory: options.tenants });

  return {
    tenants: deps.tenants,
    calls: deps.calls,
    now,
    resolveCall: (identity) => resolveCall(deps, identity),
    parseDateTime: (ctx, input, locale) => parseDateTime(deps, ctx, input, locale),
    listServices: (ctx, listOptions) =>
      Promise.resolve().then(() => listTenantServices(ctx, listOptions?.category)),
    resolveService: (ctx, spoken, state) =>
      Promise.resolve().then(() =>
        resolveName<Service>(deps, names, ctx, 'service', spoken, state),
      ),
    resolveStaff: (ctx, spoken, state) =>
      Promise.resolve().then(() =>
        resolveName<StaffMember>(deps, names, ctx, 'staff', spoken, state),
      ),
    checkAvailability: (ctx, request, call) => checkTenantAvailability(deps, ctx, request, call),
    prefetch: async (ctx, prefetchOptions) => {
      try {
        await prefetchTenant(deps, ctx, prefetchOptions?.days);
      } catch {
        // Warming is best effort; a check asks again.
      }
    },
    book: (ctx, request, call) => book(deps, ctx, request, call),
    getCustomerAppointments: (ctx) => listOwnAppointments(deps, ctx),
    cancel: (ctx, request, call) => cancelAppointment(deps, ctx, request, call),
    reschedule: (ctx, request, call) => rescheduleAppointment(deps, ctx, request, call),
    reconcile: (reconcileOptions) => reconcile(deps, reconcileOptions),
  };
}
