import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  instantOf,
  isoInZone,
  spokenClock,
  spokenDay,
  spokenInstant,
  zoneOffset,
} from './instant.js';

// The hand-written hot path must answer exactly what luxon answered before it replaced it.
const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
  'Etc/UTC',
];
const zone = fc.constantFrom(...ZONES);
// 1900–2100, and densely around the 2026 European changes (29 March, 25 October)
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
  fc.integer({ min: Date.UTC(2026, 2, 28), max: Date.UTC(2026, 2, 30) }),
  fc.integer({ min: Date.UTC(2026, 9, 24), max: Date.UTC(2026, 9, 26) }),
);

describe('instant helpers against luxon', () => {
  it('zoneOffset is IANAZone#offset', () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        expect(zoneOffset(z, ms)).toBe(IANAZone.create(z).offset(ms));
      }),
      { numRuns: 2_000 },
    );
  });

  it('an unknown zone answers NaN as luxon does, never throws', () => {
    expect(zoneOffset('Mars/Olympus', 0)).toBeNaN();
    expect(zoneOffset('Europe/Berlin', Number.NaN)).toBeNaN();
  });

  it('isoInZone is toISO in the zone, and instantOf reads it back', () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        const iso = isoInZone(ms, z);
        expect(iso).toBe(DateTime.fromMillis(ms, { zone: z }).toISO());
        // (offsets in seconds, local mean time before ~1920, are written truncated to minutes)
        if (Number.isInteger(zoneOffset(z, ms))) expect(instantOf(iso)).toBe(ms);
      }),
      { numRuns: 1_000 },
    );
  });

  it('instantOf is fromISO(setZone) for written starts, valid or not', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(
        fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(13),
        two(32),
        two(25),
        two(60),
        fc.option(two(61)),
        fc.option(fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'))),
        fc.constantFrom('Z', '+01:00', '-05:00', '+05:45', '+14:00', '-00:30', '+02:75'),
      )
      .map(([y, mo, d, h, mi, s, ms, off]) => {
        const sec = s === null ? '' : `:${s}${ms === null ? '' : `.${ms}`}`;
        return `${y}-${mo}-${d}T${h}:${mi}${sec}${off}`;
      });
    fc.assert(
      fc.property(text, (iso) => {
        const t = DateTime.fromISO(iso, { setZone: true });
        const ms = instantOf(iso);
        if (t.isValid) expect(ms).toBe(t.toMillis());
        else expect(ms).toBeNaN();
      }),
      { numRuns: 3_000 },
    );
  });

  it('spokenInstant reads as luxon formats it in German and English', () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        const t = DateTime.fromMillis(ms, { zone: z });
        expect(spokenInstant(ms, z)).toEqual({
          de: t.setLocale('de').toFormat("cccc, d. MMMM 'um' HH:mm 'Uhr'"),
          en: t.setLocale('en').toFormat("cccc, MMMM d 'at' h:mm a"),
        });
      }),
      { numRuns: 1_000 },
    );
  });

  it('spokenClock and spokenDay read as luxon formats them', () => {
    fc.assert(
      fc.property(zone, instant, fc.constantFrom('de' as const, 'en' as const), (z, ms, lang) => {
        const t = DateTime.fromMillis(ms, { zone: z }).setLocale(lang);
        expect(spokenClock(ms, z, lang)).toBe(
          lang === 'de' ? `${t.toFormat('H:mm')} Uhr` : t.toFormat('h:mm a').toLowerCase(),
        );
        const day = t.toISODate() ?? '';
        const d = DateTime.fromISO(day, { zone: z }).setLocale(lang);
        expect(spokenDay(day, lang, false)).toBe(d.toFormat('cccc'));
        expect(spokenDay(day, lang, true)).toBe(
          d.toFormat(lang === 'de' ? 'cccc, d. LLLL' : 'cccc, LLLL d'),
        );
      }),
      { numRuns: 1_000 },
    );
    expect(spokenDay('2026-02-30', 'de', true)).toBeUndefined();
    expect(spokenDay('morgen', 'en', false)).toBeUndefined();
  });
});
