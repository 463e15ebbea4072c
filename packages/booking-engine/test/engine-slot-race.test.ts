// A caller who loses the race for a slot hears "taken" and alternatives at once, not after the
// winner's whole Cal.com create; a duplicate of the winner's own request still waits for its answer.
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarProvider } from '../src/ports/index.js';
import { at, caller, liveBookingsAt, startWorld, type World } from './engine-fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A world whose Cal.com creates wait until the test lets them through. */
async function heldCreates(engine: Parameters<typeof startWorld>[0] = {}) {
  let entered: () => void = () => undefined;
  const createEntered = new Promise<void>((resolve) => {
    entered = resolve;
  });
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const w = (world = await startWorld({
    ...engine,
    calendar: (base): CalendarProvider => ({
      findSlots: (...a) => base.findSlots(...a),
      findBookingByIdempotencyKey: (...a) => base.findBookingByIdempotencyKey(...a),
      rescheduleBooking: (...a) => base.rescheduleBooking(...a),
      cancelBooking: (...a) => base.cancelBooking(...a),
      writesBlocked: (t) => base.writesBlocked(t),
      createBooking: async (...a) => {
        entered();
        await released;
        return base.createBooking(...a);
      },
    }),
  }));
  const call = (callId: string, n: number) =>
    w.engine.resolveCall({ callId, toNumber: '+4930123456', fromNumber: caller(n) });
  return { w, call, createEntered, release };
}

const creates = (w: World) =>
  w.mock.requests.filter((r) => r.operation === 'bookings.create').length;

describe('two callers race for one slot', () => {
  it('answers the loser as taken while the winner still creates, with alternatives', async () => {
    const { w, call, createEntered, release } = await heldCreates();
    const winnerCtx = await call('race-winner', 1);
    await w.engine.prefetch(winnerCtx);
    let winnerDone = false;
    const winner = w.engine
      .book(winnerCtx, { serviceId: 'cut', start: at('11:00') })
      .finally(() => {
        winnerDone = true;
      });
    await createEntered; // the winner holds the slot lock and waits on Cal.com
    const loser = await w.engine.book(await call('race-loser', 2), {
      serviceId: 'cut',
      start: at('11:00'),
    });
    expect(winnerDone).toBe(false);
    expect(loser.status).toBe('unavailable');
    if (loser.status !== 'unavailable') return;
    // The cached range still lists 11:00 as free; it is offered to nobody while it is contested.
    expect(loser.alternatives.length).toBeGreaterThan(0);
    expect(loser.alternatives.length).toBeLessThanOrEqual(3);
    expect(loser.alternatives).not.toContain(at('11:00'));
    expect(loser.say.de).toMatch(/vergeben/);
    release();
    expect((await winner).status).toBe('booked');
    expect(liveBookingsAt(w.mock, at('11:00'))).toBe(1);
    expect(creates(w)).toBe(1);
  });

  it('lets a duplicate of the winning request wait for its first answer', async () => {
    const { w, call, createEntered, release } = await heldCreates();
    const ctx = await call('race-dup', 1);
    const first = w.engine.book(ctx, { serviceId: 'cut', start: at('11:00') });
    await createEntered;
    const repeat = w.engine.book(ctx, { serviceId: 'cut', start: at('11:00') });
    release();
    const [a, b] = await Promise.all([first, repeat]);
    expect(a).toMatchObject({ status: 'booked', replayed: false });
    expect(b).toMatchObject({ status: 'booked', replayed: true });
    if (a.status !== 'booked' || b.status !== 'booked') return;
    expect(b.appointment.id).toBe(a.appointment.id);
    expect(creates(w)).toBe(1);
  });
});
