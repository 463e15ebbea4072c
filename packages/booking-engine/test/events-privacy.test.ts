// Events are figures only: whatever a call says or books, no name, number or e-mail reaches an
// event (slo-metrics and logs take them as they are).
import { afterEach, describe, expect, it } from 'vitest';
import { at, caller, startWorld, type World } from './engine-fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('events', () => {
  it('carry no caller number, name or e-mail, and no staff name, through a whole call', async () => {
    const w = (world = await startWorld());
    const phone = caller(7);
    const ctx = await w.engine.resolveCall({
      callId: 'privacy-1',
      toNumber: '+4930123456',
      fromNumber: phone,
    });
    await w.engine.resolveService(ctx, 'Haarschnitt');
    await w.engine.resolveStaff(ctx, 'Frau Schmidt');
    await w.engine.checkAvailability(ctx, { serviceId: 'cut', start: at('11:00') });
    const booked = await w.engine.book(ctx, {
      serviceId: 'cut',
      start: at('11:00'),
      customerName: 'Zoë Quastenberg',
      email: 'zoe.quastenberg@example.org',
    });
    expect(booked.status).toBe('booked');
    // The same slot again from another caller: unavailable, with alternatives.
    const other = await w.engine.resolveCall({
      callId: 'privacy-2',
      toNumber: '+4930123456',
      fromNumber: caller(8),
    });
    expect((await w.engine.book(other, { serviceId: 'cut', start: at('11:00') })).status).toBe(
      'unavailable',
    );
    if (booked.status !== 'booked') return;
    const moved = await w.engine.reschedule(ctx, {
      appointmentId: booked.appointment.id,
      start: at('14:00'),
    });
    expect(moved.status).toBe('rescheduled');
    if (moved.status === 'rescheduled') {
      await w.engine.cancel(ctx, { appointmentId: moved.appointment.id, reason: 'Zoë ist krank' });
    }
    const types = new Set(w.events.map((e) => e.type));
    for (const t of [
      'booking:done',
      'availability:checked',
      'appointment:changed',
      'name:resolved',
    ])
      expect(types).toContain(t);
    const text = JSON.stringify(w.events);
    for (const secret of [
      phone,
      phone.slice(3), // national digits
      caller(8),
      'Quastenberg',
      'Zoë',
      'zoe.quastenberg',
      'Schmidt',
      'Anna',
      'krank',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
