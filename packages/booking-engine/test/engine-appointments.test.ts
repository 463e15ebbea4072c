import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookResult, CallContext } from '../src/engine-api.js';
import { salonTenant } from './availability/salon.js';
import { at, caller, liveBookingsAt, startWorld, type World } from './engine-fixture.js';

let world: World;
beforeEach(async () => {
  world = await startWorld({
    // Two tenants on the same Cal.com account: their records must still never meet.
    tenants: (mock) => [
      salonTenant(mock),
      {
        ...salonTenant(mock, { id: 'other' }),
        phoneNumbers: ['+4940123456'],
        agentIds: ['agent_other'],
      },
    ],
  });
});
afterEach(async () => {
  await world.close();
});

const call = (callId: string, n: number, toNumber = '+4930123456') =>
  world.engine.resolveCall({ callId, toNumber, fromNumber: caller(n) });

const bookAt = async (ctx: CallContext, start: string) => {
  const r: BookResult = await world.engine.book(ctx, { serviceId: 'cut', start });
  if (r.status !== 'booked') throw new Error(`expected booked, got ${r.status}`);
  return r.appointment;
};

describe('customers and their appointments', () => {
  it('lists the caller own upcoming appointments, earliest first', async () => {
    const ctx = await call('c1', 1);
    const later = await bookAt(ctx, at('15:00'));
    const sooner = await bookAt(ctx, at('11:00'));
    await bookAt(await call('c2', 2), at('12:00'));
    const mine = await world.engine.getCustomerAppointments(await call('c3', 1));
    expect(mine.map((a) => a.id)).toEqual([sooner.id, later.id]);
  });

  it('keeps tenants apart: another tenant sees no customer and cannot touch the appointment', async () => {
    const ctx = await call('c1', 1);
    const appointment = await bookAt(ctx, at('11:00'));
    const elsewhere = await call('c2', 1, '+4940123456');
    expect(elsewhere.tenant.id).toBe('other');
    expect(elsewhere.customer).toBeUndefined();
    expect(await world.engine.getCustomerAppointments(elsewhere)).toEqual([]);
    await expect(
      world.engine.cancel(elsewhere, { appointmentId: appointment.id }),
    ).rejects.toMatchObject({ code: 'E_APPOINTMENT_NOT_FOUND' });
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(1);
  });

  it('lets a caller cancel only their own appointment; another id answers like a missing one', async () => {
    const owner = await call('c1', 1);
    const appointment = await bookAt(owner, at('11:00'));
    const intruder = await call('c2', 2);
    const theirs: unknown = await world.engine
      .cancel(intruder, { appointmentId: appointment.id })
      .catch((e: unknown) => e);
    const missing: unknown = await world.engine
      .cancel(intruder, { appointmentId: 'no-such-id' })
      .catch((e: unknown) => e);
    expect(theirs).toMatchObject({ code: 'E_APPOINTMENT_NOT_FOUND' });
    expect((theirs as Error).message).toBe((missing as Error).message);
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(1);

    const done = await world.engine.cancel(owner, { appointmentId: appointment.id, reason: 'ill' });
    expect(done.appointment.status).toBe('cancelled');
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(0);
    expect(await world.engine.getCustomerAppointments(owner)).toEqual([]);
    expect(world.events).toContainEqual({
      type: 'appointment:changed',
      tenantId: 'salon',
      change: 'cancelled',
    });
  });

  it('refuses a cancel within the notice period', async () => {
    const ctx = await call('c1', 1);
    const appointment = await bookAt(ctx, at('11:00'));
    world.clock.advance(25 * 3_600_000 + 20 * 60_000); // Thursday 10:20, 40 minutes before
    await expect(world.engine.cancel(ctx, { appointmentId: appointment.id })).rejects.toMatchObject(
      {
        code: 'E_POLICY',
        say: { de: expect.stringMatching(/absagen/) },
      },
    );
  });

  it('reschedules: the old record is cancelled with rescheduledTo, the new one links back', async () => {
    const ctx = await call('c1', 1);
    const old = await bookAt(ctx, at('11:00'));
    const moved = await world.engine.reschedule(ctx, { appointmentId: old.id, start: at('14:00') });
    expect(moved.status).toBe('rescheduled');
    if (moved.status !== 'rescheduled') return;
    expect(moved.appointment).toMatchObject({
      status: 'confirmed',
      start: at('14:00'),
      rescheduledFrom: old.id,
    });
    expect(await world.appointments.get('salon', old.id)).toMatchObject({
      status: 'cancelled',
      rescheduledTo: moved.appointment.id,
    });
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(0);
    expect(liveBookingsAt(world.mock, at('14:00'))).toBe(1);
    const other = await call('c2', 2);
    await expect(
      world.engine.reschedule(other, { appointmentId: moved.appointment.id, start: at('16:00') }),
    ).rejects.toMatchObject({ code: 'E_APPOINTMENT_NOT_FOUND' });
  });

  it('answers a reschedule to a taken slot with alternatives and keeps the old appointment', async () => {
    const ctx = await call('c1', 1);
    const old = await bookAt(ctx, at('11:00'));
    const moved = await world.engine.reschedule(ctx, { appointmentId: old.id, start: at('10:00') });
    expect(moved.status).toBe('unavailable');
    if (moved.status !== 'unavailable') return;
    expect(moved.alternatives.length).toBeGreaterThan(0);
    expect(await world.appointments.get('salon', old.id)).toMatchObject({ status: 'confirmed' });
    expect(liveBookingsAt(world.mock, at('11:00'))).toBe(1);
  });
});
