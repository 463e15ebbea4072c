import { afterEach, expect, it } from 'vitest';
import type { CalendarProvider } from '../src/ports/index.js';
import { at, caller, startWorld, type World } from './engine-fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
});

it("cancels when Cal.com's own webhook marked the record cancelled while the cancel ran", async () => {
  let onCancel: (uid: string) => Promise<void> = () => Promise.resolve();
  world = await startWorld({
    // The Cal.com cancellation webhook reaches the server before Cal.com's answer does.
    calendar: (base): CalendarProvider => ({
      ...base,
      findSlots: (...a) => base.findSlots(...a),
      createBooking: (...a) => base.createBooking(...a),
      findBookingByIdempotencyKey: (...a) => base.findBookingByIdempotencyKey(...a),
      rescheduleBooking: (...a) => base.rescheduleBooking(...a),
      writesBlocked: (t) => base.writesBlocked(t),
      cancelBooking: async (tenant, uid, reason, options) => {
        const done = await base.cancelBooking(tenant, uid, reason, options);
        await onCancel(uid);
        return done;
      },
    }),
  });
  const w = world;
  onCancel = async (uid) => {
    const row = await w.appointments.getByBookingUid(w.tenant.id, uid);
    if (row) await w.appointments.transition(w.tenant.id, row.id, ['confirmed'], 'cancelled');
  };
  const ctx = await w.engine.resolveCall({
    callId: 'c1',
    toNumber: '+4930123456',
    fromNumber: caller(1),
  });
  const booked = await w.engine.book(ctx, { serviceId: 'cut', start: at('11:00') });
  if (booked.status !== 'booked') throw new Error(`expected booked, got ${booked.status}`);
  const result = await w.engine.cancel(
    await w.engine.resolveCall({ callId: 'c2', toNumber: '+4930123456', fromNumber: caller(1) }),
    {
      appointmentId: booked.appointment.id,
    },
  );
  expect(result.appointment.status).toBe('cancelled');
  expect(result.say.de).toContain('abgesagt');
});
