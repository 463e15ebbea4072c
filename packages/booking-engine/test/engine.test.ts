import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBookingEngine } from '../src/engine.js';
import type { BookResult } from '../src/engine-api.js';
import { isBookingEngineError } from '../src/errors.js';
import { MemoryTenantDirectory } from '../src/tenants/memory-tenant-directory.js';
import { at, caller, liveBookingsAt, startWorld, type World } from './engine-fixture.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  const error: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isBookingEngineError(error) ? error.code : `not an engine error: ${String(error)}`;
};

const callOf = (callId: string, n = 1) =>
  world.engine.resolveCall({ callId, toNumber: '+4930123456', fromNumber: caller(n) });

const booked = (r: BookResult) => {
  if (r.status !== 'booked') throw new Error(`expected booked, got ${r.status}`);
  return r;
};

describe('createBookingEngine options', () => {
  it('names the bad field of invalid options', () => {
    expect(() =>
      createBookingEngine({
        tenants: new MemoryTenantDirectory([]),
        calendar: world.calendar,
        lockTtlMs: -5,
      }),
    ).toThrow(/lockTtlMs/);
    expect(() =>
      createBookingEngine({
        tenants: new MemoryTenantDirectory([]),
        calendar: world.calendar,
        lockWaitMs: 60_000,
      }),
    ).toThrow(/lockWaitMs/);
    let error: unknown;
    try {
      createBookingEngine({ tenants: new MemoryTenantDirectory([]), calendar: {} as never });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringMatching(/calendar/),
    });
  });
});

describe('resolveCall', () => {
  it('finds the tenant by configured id, called number in national form, or agent id', async () => {
    const byId = await world.engine.resolveCall({ callId: 'c1', tenantId: 'salon' });
    const byNumber = await world.engine.resolveCall({ callId: 'c2', toNumber: '030 123456' });
    const byAgent = await world.engine.resolveCall({ callId: 'c3', agentId: 'agent_salon' });
    expect([byId.tenant.id, byNumber.tenant.id, byAgent.tenant.id]).toEqual([
      'salon',
      'salon',
      'salon',
    ]);
    await expect(
      codeOf(world.engine.resolveCall({ callId: 'c4', toNumber: '+4940999999' })),
    ).resolves.toBe('E_TENANT_UNKNOWN');
    // A configured id that is unknown does not fall through to the number.
    await expect(
      codeOf(world.engine.resolveCall({ callId: 'c5', tenantId: 'x', toNumber: '+4930123456' })),
    ).resolves.toBe('E_TENANT_UNKNOWN');
  });

  it('normalises the caller number and finds (never creates) the customer', async () => {
    const first = await world.engine.resolveCall({
      callId: 'c1',
      toNumber: '+4930123456',
      fromNumber: '0171 2000001',
    });
    expect(first.callerPhone).toBe('+491712000001');
    expect(first.customer).toBeUndefined();
    booked(await world.engine.book(first, { serviceId: 'cut', start: at('11:00') }));
    const second = await callOf('c2');
    expect(second.customer?.phone).toBe('+491712000001');
  });
});

describe('book', () => {
  it('books a free slot once: the stand-in holds it and the ledger row is confirmed', async () => {
    const ctx = await callOf('call-1');
    const result = booked(
      await world.engine.book(ctx, {
        serviceId: 'cut',
        start: '2026-11-26T10:00:00Z',
        customerName: 'Erika',
      }),
    );
    expect(result.replayed).toBe(false);
    expect(result.appointment).toMatchObject({
      status: 'confirmed',
      start: at('11:00'),
      end: at('11:30'),
      tenantId: 'salon',
    });
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(1);
    const row = await world.appointments.get('salon', result.appointment.id);
    expect(row?.bookingUid).toBe(result.appointment.bookingUid);
    expect(world.events).toContainEqual(
      expect.objectContaining({ type: 'booking:done', outcome: 'booked' }),
    );
  });

  it('answers a repeat with the first answer and books nothing more', async () => {
    const ctx = await callOf('call-1');
    const first = booked(await world.engine.book(ctx, { serviceId: 'cut', start: at('11:00') }));
    // The same instant written with another offset is the same request.
    const again = booked(
      await world.engine.book(ctx, { serviceId: 'cut', start: '2026-11-26T10:00:00.000Z' }),
    );
    expect(again.replayed).toBe(true);
    expect(again.appointment.id).toBe(first.appointment.id);
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(1);
    expect(world.mock.requests.filter((r) => r.operation === 'bookings.create')).toHaveLength(1);
  });

  it('lets a concurrent duplicate wait for the first answer', async () => {
    const ctx = await callOf('call-1');
    const [a, b] = await Promise.all([
      world.engine.book(ctx, { serviceId: 'cut', start: at('11:00') }),
      world.engine.book(ctx, { serviceId: 'cut', start: at('11:00') }),
    ]);
    expect([booked(a).replayed, booked(b).replayed].sort()).toEqual([false, true]);
    expect(booked(a).appointment.id).toBe(booked(b).appointment.id);
    expect(world.mock.requests.filter((r) => r.operation === 'bookings.create')).toHaveLength(1);
  });

  it('refuses the same key with another payload', async () => {
    const ctx = await callOf('call-1');
    booked(
      await world.engine.book(ctx, { serviceId: 'cut', start: at('11:00'), customerName: 'Erika' }),
    );
    await expect(
      codeOf(world.engine.book(ctx, { serviceId: 'cut', start: at('11:00'), customerName: 'Max' })),
    ).resolves.toBe('E_IDEMPOTENCY_MISMATCH');
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(1);
  });

  it('answers a taken slot with at most 3 alternatives, not an exception', async () => {
    const ctx = await callOf('call-1');
    const result = await world.engine.book(ctx, { serviceId: 'cut', start: at('10:00') });
    expect(result.status).toBe('unavailable');
    if (result.status !== 'unavailable') return;
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.length).toBeLessThanOrEqual(3);
    expect(result.alternatives).not.toContain(at('10:00'));
    expect(result.say.de).toMatch(/vergeben/);
    expect(liveBookingsAt(world.mock, at('10:00'))).toBe(1); // only the fixture's own
    const rows = await world.appointments.listByStatus('failed');
    expect(rows.map((r) => r.reason)).toEqual(['slot-unavailable']);
  });

  it('refuses bad input and broken policies with typed errors and a spoken reason', async () => {
    const ctx = await callOf('call-1');
    await expect(
      codeOf(world.engine.book(ctx, { serviceId: 'nails', start: at('11:00') })),
    ).resolves.toBe('E_INVALID_INPUT');
    await expect(
      codeOf(world.engine.book(ctx, { serviceId: 'cut', start: '2026-11-26T11:00:00' })),
    ).resolves.toBe('E_INVALID_INPUT');
    await expect(
      codeOf(world.engine.book(ctx, { serviceId: 'cut', staffId: 'nobody', start: at('11:00') })),
    ).resolves.toBe('E_INVALID_INPUT');
    // 09:30 today is within the hour of notice; 20:00 is after closing; far ahead is past 30 days.
    for (const start of ['2026-11-25T09:30:00+01:00', at('20:00'), '2027-02-01T10:00:00+01:00']) {
      const error: unknown = await world.engine
        .book(ctx, { serviceId: 'cut', start })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_POLICY', say: { de: expect.any(String) } });
    }
    const anonymous = await world.engine.resolveCall({ callId: 'anon', toNumber: '+4930123456' });
    await expect(
      codeOf(world.engine.book(anonymous, { serviceId: 'cut', start: at('11:00') })),
    ).resolves.toBe('E_CUSTOMER_REQUIRED');
    expect(world.mock.requests.filter((r) => r.operation === 'bookings.create')).toHaveLength(0);
  });
});
