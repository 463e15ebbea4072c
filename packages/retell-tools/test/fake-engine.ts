// A small BookingEngine for handler unit tests: the real tenant directory, call store, date parser
// and service listing of @voicebook/booking-engine, with a calendar the test controls (a gate to
// make it slow, a count of bookings). Through-the-engine tests use createBookingEngine instead.
import {
  BookingEngineError,
  DEMO_TENANT,
  MemoryCallStore,
  MemoryTenantDirectory,
  listServices,
  parseSpokenDateTime,
  type Appointment,
  type BookingEngine,
  type CallContext,
  type Customer,
} from '@voicebook/booking-engine';

export const DEMO_NUMBER = '+4930123456';
export const CALLER = '+491711234567';

export interface FakeEngine extends BookingEngine {
  /** While set, calendar calls wait for it. */
  gate: Promise<void> | undefined;
  /** Real calendar writes done (idempotent replays not counted). */
  readonly writes: { count: number };
  appointments: Appointment[];
  /** Make the next calendar call throw this. */
  failWith: Error | undefined;
}

export async function createFakeEngine(now: () => number): Promise<FakeEngine> {
  const tenants = new MemoryTenantDirectory([DEMO_TENANT]);
  const calls = new MemoryCallStore();
  const tenant = await tenants.get(DEMO_TENANT.id);
  if (!tenant) throw new Error('demo tenant missing');
  const customer: Customer = {
    id: 'cust-1',
    tenantId: tenant.id,
    phone: CALLER,
    name: 'Erika Muster',
    createdAt: 0,
    updatedAt: 0,
  };
  const booked = new Map<string, Appointment>();
  const calendar = async () => {
    if (engine.failWith) {
      const error = engine.failWith;
      engine.failWith = undefined;
      throw error;
    }
    await engine.gate;
  };
  const engine: FakeEngine = {
    tenants,
    calls,
    now,
    gate: undefined,
    failWith: undefined,
    writes: { count: 0 },
    appointments: [],
    async resolveCall(identity) {
      const found =
        (identity.tenantId !== undefined ? await tenants.get(identity.tenantId) : undefined) ??
        (identity.toNumber !== undefined
          ? await tenants.findByPhoneNumber(identity.toNumber)
          : undefined) ??
        (identity.agentId !== undefined
          ? await tenants.findByAgentId(identity.agentId)
          : undefined);
      if (!found) throw new BookingEngineError('E_TENANT_UNKNOWN', 'No tenant for the call', false);
      const known = identity.fromNumber === CALLER;
      return {
        callId: identity.callId,
        tenant: found,
        callerPhone: identity.fromNumber,
        customer: known ? customer : undefined,
      } satisfies CallContext;
    },
    parseDateTime: (ctx, input, locale) =>
      parseSpokenDateTime(input, {
        now: new Date(now()),
        zone: ctx.tenant.zone,
        locale: locale ?? ctx.tenant.locale,
      }),
    listServices: (ctx, options) => Promise.resolve(listServices(ctx.tenant, options)),
    resolveService(ctx, spoken) {
      const s = spoken.toLowerCase();
      const found = ctx.tenant.services.find(
        (x) => x.name.toLowerCase() === s || x.synonyms.some((y) => y.toLowerCase() === s),
      );
      return Promise.resolve(
        found
          ? { verdict: 'match', value: found, state: [spoken] }
          : { verdict: 'none', say: { de: 'Welche Leistung?', en: 'Which service?' }, state: [] },
      );
    },
    resolveStaff(ctx, spoken, state = []) {
      const turns = [...state, spoken];
      const words = turns.join(' ').toLowerCase();
      const fits = ctx.tenant.staff.filter((m) =>
        words.includes(m.lastName.toLowerCase().slice(0, 4)),
      );
      const exact = fits.filter((m) => m.firstName && words.includes(m.firstName.toLowerCase()));
      const [only] = exact.length === 1 ? exact : fits;
      if (only && (fits.length === 1 || exact.length === 1)) {
        return Promise.resolve({ verdict: 'match', value: only, state: turns });
      }
      if (fits.length > 1) {
        return Promise.resolve({
          verdict: 'ambiguous',
          candidates: fits,
          say: { de: 'Meinen Sie Anna oder Stefan?', en: 'Do you mean Anna or Stefan?' },
          state: turns,
        });
      }
      return Promise.resolve({ verdict: 'none', say: { de: 'Wen?', en: 'Who?' }, state: turns });
    },
    async checkAvailability(_ctx, request) {
      await calendar();
      const start = request.start;
      const free = start !== undefined && !engine.appointments.some((a) => a.start === start);
      return {
        available: free,
        start: free ? start : undefined,
        alternatives: free ? [] : ['2026-11-26T10:00:00.000+01:00'],
        stale: false,
        say: free
          ? { de: 'Der Termin ist frei.', en: 'That time is free.' }
          : { de: 'Leider belegt.', en: 'Sorry, taken.' },
      };
    },
    prefetch: () => Promise.resolve(),
    async book(ctx, request) {
      const key = `${ctx.callId}|${request.serviceId}|${request.start}`;
      const before = booked.get(key);
      if (before) return { status: 'booked', appointment: before, replayed: true, say: sayBooked };
      await calendar();
      engine.writes.count += 1;
      const appointment = makeAppointment(ctx, request.serviceId, request.start, now());
      booked.set(key, appointment);
      engine.appointments.push(appointment);
      return { status: 'booked', appointment, replayed: false, say: sayBooked };
    },
    getCustomerAppointments: (ctx) =>
      Promise.resolve(
        ctx.customer ? engine.appointments.filter((a) => a.status !== 'cancelled') : [],
      ),
    async cancel(_ctx, request) {
      const found = engine.appointments.find((a) => a.id === request.appointmentId);
      if (!found) throw new BookingEngineError('E_APPOINTMENT_NOT_FOUND', 'Not found', false);
      await calendar();
      const cancelled = { ...found, status: 'cancelled' as const };
      engine.appointments = engine.appointments.map((a) => (a.id === found.id ? cancelled : a));
      return { appointment: cancelled, say: { de: 'Abgesagt.', en: 'Cancelled.' } };
    },
    async reschedule(ctx, request) {
      const found = engine.appointments.find((a) => a.id === request.appointmentId);
      if (!found) throw new BookingEngineError('E_APPOINTMENT_NOT_FOUND', 'Not found', false);
      await calendar();
      const moved = makeAppointment(ctx, found.serviceId, request.start, now());
      engine.appointments = [...engine.appointments.filter((a) => a.id !== found.id), moved];
      return {
        status: 'rescheduled',
        appointment: moved,
        say: { de: 'Verschoben.', en: 'Moved.' },
      };
    },
    reconcile: () =>
      Promise.resolve({ booked: 0, callback: 0, recovered: 0, failed: 0, deferred: 0 }),
  };
  return engine;
}

const sayBooked = { de: 'Ihr Termin ist gebucht.', en: 'You are booked.' };

let sequence = 0;
function makeAppointment(
  ctx: CallContext,
  serviceId: string,
  start: string,
  at: number,
): Appointment {
  sequence += 1;
  return {
    id: `apt-${sequence}`,
    tenantId: ctx.tenant.id,
    customerId: 'cust-1',
    serviceId,
    eventTypeId: 1001,
    start,
    end: start,
    startMs: Date.parse(start),
    status: 'confirmed',
    callId: ctx.callId,
    idempotencyKey: `${ctx.callId}|${serviceId}|${start}`,
    slotKey: start,
    fence: 1,
    createdAt: at,
    updatedAt: at,
  };
}
