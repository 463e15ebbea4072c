// A booking run through the engine on PostgreSQL stores, with PostgreSQL restarted in the middle:
// calls in flight fail with a typed retryable error, retries (same call, same wish) succeed once
// the pool has reconnected, and afterwards the ledger, the Cal.com stand-in and the idempotency
// records agree: every confirmed booking is present exactly once.
import {
  createBookingEngine,
  createCalcomCalendarProvider,
  isBookingEngineError,
  MemoryLockManager,
  MemoryTenantDirectory,
  type BookingEngine,
} from '@voicebook/booking-engine';
import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStores, type PostgresStores } from '../src/index.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-pg.js';

const NOW = Date.parse('2026-11-25T08:00:00.000Z'); // Wednesday, 09:00 in Berlin
// The clock starts at NOW and runs: a reservation whose attempt the restart cut (its abandon
// could not reach PostgreSQL) stays in progress until its lease ends, and only a running clock
// ends it. A short slot-lock TTL keeps that lease (TTL + duplicate wait) at 2 s.
const started = Date.now();
const now = (): number => NOW + (Date.now() - started);
const LOCK_TTL_MS = 1_000;

describe('a booking run while PostgreSQL restarts', () => {
  let server: PrivatePostgres;
  let stores: PostgresStores;
  let mock: CalcomMock;
  let engine: BookingEngine;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    stores = createPostgresStores({ connectionString: server.url, now });
    await stores.ready();
    mock = await startCalcomMock({ port: 0, now: () => new Date(NOW) });
    const tenants = new MemoryTenantDirectory([
      {
        id: 'salon',
        companyName: 'Salon Demo',
        zone: 'Europe/Berlin',
        locale: 'de',
        calendar: { apiKey: mock.apiKey, baseUrl: mock.url, username: 'salon-demo' },
        phoneNumbers: ['+4930123456'],
        agentIds: [],
        services: [{ id: 'cut', name: 'Haarschnitt', durationMinutes: 30, eventTypeId: 1001 }],
        staff: [],
        policies: { minNoticeToBookMinutes: 60, maxDaysAhead: 30 },
      },
    ]);
    engine = createBookingEngine({
      tenants,
      calendar: createCalcomCalendarProvider(),
      customers: stores.customers,
      appointments: stores.appointments,
      idempotency: stores.idempotency,
      calls: stores.calls,
      locks: new MemoryLockManager({ now }),
      lockTtlMs: LOCK_TTL_MS,
      now,
    });
  }, 60_000);

  afterAll(async () => {
    await mock.close();
    await stores.close();
    await server.stop();
  });

  it('loses no booking and books none twice', async () => {
    const calendar = createCalcomCalendarProvider();
    const tenant = await engine.resolveCall({ callId: 'probe', toNumber: '+4930123456' });
    const free = await calendar.findSlots(tenant.tenant, {
      eventTypeId: 1001,
      startDate: '2026-11-26',
      endDate: '2026-11-28',
      zone: 'Europe/Berlin',
    });
    const starts = Object.values(free.byDate)
      .flat()
      .map((s) => s.start)
      .slice(0, 24);
    expect(starts.length).toBe(24);

    // Each caller retries their own wish (same call id, same arguments) on a retryable error.
    const bookOne = async (start: string, i: number) => {
      const ctx = await retry(() =>
        engine.resolveCall({
          callId: `call-${i}`,
          toNumber: '+4930123456',
          fromNumber: `+49171000${String(i).padStart(4, '0')}`,
        }),
      );
      return retry(() => engine.book(ctx, { serviceId: 'cut', start, customerName: `Kunde ${i}` }));
    };
    const errors: unknown[] = [];
    // Retries for up to 60 s: the restart, the reconnect and a cut attempt's 2 s lease.
    const retry = async <T>(fn: () => Promise<T>): Promise<T> => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          return await fn();
        } catch (error) {
          if (!isBookingEngineError(error) || !error.retryable || Date.now() > deadline) {
            throw error;
          }
          errors.push(error);
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    };
    const run = Promise.all(starts.map((start, i) => bookOne(start, i)));
    await new Promise((r) => setTimeout(r, 50));
    await server.restart();
    const results = await run;

    expect(results.every((r) => r.status === 'booked')).toBe(true);
    // The restart hit calls in flight, and each of them failed typed and retryable.
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(isBookingEngineError(e) && e.retryable).toBe(true);
    }
    await engine.reconcile();

    // The stand-in holds exactly one live booking per wished start.
    const wished = new Set(starts.map((s) => Date.parse(s)));
    const inCalendar = mock
      .bookings()
      .filter((b) => b.status === 'accepted' && wished.has(Date.parse(b.start)));
    expect(inCalendar).toHaveLength(starts.length);
    expect(new Set(inCalendar.map((b) => Date.parse(b.start))).size).toBe(starts.length);
    const { rows: ledger } = await stores.pool.query<{
      booking_uid: string | null;
      status: string;
    }>(`SELECT booking_uid, status FROM voicebook.appointments WHERE tenant_id = 'salon'`);
    const confirmed = ledger.filter((r) => r.status === 'confirmed').map((r) => r.booking_uid);
    expect(confirmed).toHaveLength(starts.length);
    expect(ledger.filter((r) => r.status === 'requested')).toEqual([]);
    expect(inCalendar.map((b) => b.uid).sort()).toEqual([...confirmed].sort());
    const { rows: open } = await stores.pool.query(
      `SELECT key FROM voicebook.idempotency_keys WHERE status = 'in-progress'`,
    );
    expect(open).toEqual([]);
  }, 120_000);
});
