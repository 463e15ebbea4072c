// The client's own-write invalidation keeps the engine's cached availability right: a slot this
// engine booked, moved or cancelled is seen at once by the next check, however warm the cache.
import { afterEach, describe, expect, it } from 'vitest';
import { slotRequests } from './availability/salon.js';
import { at, caller, startWorld, type World } from './engine-fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('cached availability after own writes', () => {
  it('stops offering a booked slot, and offers it again once cancelled', async () => {
    const w = (world = await startWorld());
    const call = (callId: string, n: number) =>
      w.engine.resolveCall({ callId, toNumber: '+4930123456', fromNumber: caller(n) });
    const first = await call('cache-1', 1);
    await w.engine.prefetch(first);
    const check = async (n: number, start: string) =>
      w.engine.checkAvailability(await call(`cache-check-${n}`, n), { serviceId: 'cut', start });
    const warm = slotRequests(w.mock);
    expect(await check(2, at('11:00'))).toMatchObject({ available: true });
    expect(slotRequests(w.mock)).toBe(warm); // served from the prefetched cache

    const booked = await w.engine.book(first, { serviceId: 'cut', start: at('11:00') });
    expect(booked.status).toBe('booked');
    const taken = await check(3, at('11:00'));
    expect(taken.available).toBe(false);
    expect(taken.alternatives.length).toBeGreaterThan(0);
    expect(taken.alternatives).not.toContain(at('11:00'));

    if (booked.status !== 'booked') return;
    const moved = await w.engine.reschedule(first, {
      appointmentId: booked.appointment.id,
      start: at('15:00'),
    });
    expect(moved.status).toBe('rescheduled');
    expect(await check(4, at('11:00'))).toMatchObject({ available: true });
    expect(await check(5, at('15:00'))).toMatchObject({ available: false });

    if (moved.status !== 'rescheduled') return;
    await w.engine.cancel(first, { appointmentId: moved.appointment.id });
    expect(await check(6, at('15:00'))).toMatchObject({ available: true });
  });
});

describe('prefetch with the engine defaults', () => {
  it('covers a check five days out: no slots request reaches the stand-in', async () => {
    const w = (world = await startWorld());
    const ctx = await w.engine.resolveCall({
      callId: 'prefetch-1',
      toNumber: '+4930123456',
      fromNumber: caller(1),
    });
    await w.engine.prefetch(ctx);
    const warm = slotRequests(w.mock);
    expect(warm).toBeGreaterThan(0);
    // Monday 2026-11-30 is five days after the fixture's Wednesday; the next day six.
    for (const start of [at('11:00', '2026-11-30'), at('14:30', '2026-12-01')]) {
      const r = await w.engine.checkAvailability(ctx, { serviceId: 'cut', start });
      expect(r.available || r.alternatives.length > 0).toBe(true);
    }
    expect(
      await w.engine.checkAvailability(ctx, { serviceId: 'cut', date: '2026-11-30' }),
    ).toMatchObject({ stale: false });
    expect(slotRequests(w.mock)).toBe(warm);
  });
});
