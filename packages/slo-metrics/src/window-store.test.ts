import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingCounter } from './window-store.js';

describe('RingCounter', () => {
  it('sums exactly the buckets inside the window, like a naive event list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.boolean()), { maxLength: 200 }),
        fc.integer({ min: 1, max: 5_000 }),
        (steps, windowMs) => {
          const ring = new RingCounter(100, 2_000);
          const events: { t: number; good: boolean }[] = [];
          let t = 0;
          for (const [dt, good] of steps) {
            t += dt % 700;
            ring.add(t, good ? 1 : 0, good ? 0 : 1);
            events.push({ t, good });
          }
          const w = Math.min(windowMs, 2_000);
          const oldestBucket = Math.floor(t / 100) - Math.ceil(w / 100) + 1;
          const inWindow = events.filter((e) => Math.floor(e.t / 100) >= oldestBucket);
          expect(ring.sum(t, w)).toEqual({
            good: inWindow.filter((e) => e.good).length,
            bad: inWindow.filter((e) => !e.good).length,
          });
        },
      ),
    );
  });

  it('overwrites a reused bucket instead of adding to stale counts', () => {
    const ring = new RingCounter(1_000, 10_000);
    ring.add(500, 5, 5);
    ring.add(10_500, 1, 0); // same slot, ten buckets later
    expect(ring.sum(10_500, 10_000)).toEqual({ good: 1, bad: 0 });
  });
});
