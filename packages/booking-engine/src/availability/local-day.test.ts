import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay } from './window.js';

const ZONES = [
  'Europe/Berlin',
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // +10:30 / +11:00 (a 30-minute DST shift)
  'America/St_Johns', // -03:30 / -02:30
  'Pacific/Chatham', // +12:45 / +13:45
  'Europe/Amsterdam', // +00:19:32 before 1937
  'UTC',
];

const direct = (ms: number, zone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);

describe('localDay', () => {
  it('answers what Intl answers for every instant and zone, memoised or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1920, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: -2, max: 2 }),
        (ms, zone, ulp) => {
          // Twice (the second from the memo), and next to a local midnight (ulp ms off it).
          const nearMidnight = Date.parse(`${direct(ms, zone)}T00:00:00Z`) + ulp;
          for (const t of [ms, ms, nearMidnight, nearMidnight]) {
            expect(localDay(t, zone)).toBe(direct(t, zone));
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps the day exact on both sides of a local midnight', () => {
    // Midnight in Berlin on 2026-12-07 is 2026-12-06T23:00Z.
    const midnight = Date.UTC(2026, 11, 6, 23, 0, 0);
    expect(localDay(midnight - 1, 'Europe/Berlin')).toBe('2026-12-06');
    expect(localDay(midnight, 'Europe/Berlin')).toBe('2026-12-07');
    // Kathmandu (+05:45): midnight is 18:15Z.
    const k = Date.UTC(2026, 11, 6, 18, 15, 0);
    expect(localDay(k - 1, 'Asia/Kathmandu')).toBe('2026-12-06');
    expect(localDay(k, 'Asia/Kathmandu')).toBe('2026-12-07');
  });
});
