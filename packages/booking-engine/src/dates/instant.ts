/**
 * Instants on the booking hot path without luxon `DateTime` objects (each costs tens of µs to
 * build, format and re-zone): an ISO 8601 start with offset parsed by hand, written back in the
 * tenant's zone, and read out for speech from static name tables. Zone offsets come from luxon's
 * cached `IANAZone`. Anything the fast path does not recognise falls back to luxon, so what is
 * accepted and how it is written does not change.
 *
 * @internal
 */
import { DateTime, IANAZone } from 'luxon';
import { dayOf, isoInstant, type ZoneOffsets } from './calendar.js';

const MINUTE_MS = 60_000;

// `2026-03-31T14:30`, `…:00`, `…:00.000`, then `Z` or `±HH:MM`: what the engine itself writes.
const SIMPLE_ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

const offsetFormats = new Map<string, Intl.DateTimeFormat | undefined>();
const WALL = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function offsetFormat(zone: string): Intl.DateTimeFormat | undefined {
  if (offsetFormats.has(zone)) return offsetFormats.get(zone);
  let f: Intl.DateTimeFormat | undefined;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    f = undefined; // not a zone Intl knows: luxon answers (NaN)
  }
  if (offsetFormats.size < 1_000) offsetFormats.set(zone, f);
  return f;
}

/**
 * The offset of `zone` at `ms` in minutes, as luxon's `IANAZone#offset` computes it, from one
 * cached formatter and `format` (about 3× cheaper than luxon's `formatToParts`).
 */
export function zoneOffset(zone: string, ms: number): number {
  const m = Number.isFinite(ms) ? WALL.exec(offsetFormat(zone)?.format(ms) ?? '') : null;
  const year = Number(m?.[3]);
  if (m === null || !(year >= 100)) return IANAZone.create(zone).offset(ms);
  const asUtc = Date.UTC(
    year,
    Number(m[1]) - 1,
    Number(m[2]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  const over = ms % 1000;
  return (asUtc - (ms - (over >= 0 ? over : 1000 + over))) / MINUTE_MS;
}

/**
 * Epoch ms of an ISO 8601 instant with offset, or `NaN` when it is not a real instant (the
 * format itself is checked by the caller). Same answers as luxon's `fromISO`.
 */
export function instantOf(iso: string): number {
  const m = SIMPLE_ISO.exec(iso);
  if (m === null) {
    const t = DateTime.fromISO(iso, { setZone: true });
    return t.isValid ? t.toMillis() : Number.NaN;
  }
  const [, y, mo, d, h, mi, s, ms, z, sign, oh, om] = m;
  const day = dayOf(Number(y), Number(mo), Number(d));
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  // Hour 24 (luxon takes 24:00 as the next midnight) and odd offsets: leave them to luxon.
  if (day === undefined || hour > 23 || minute > 59 || second > 59 || Number(om ?? 0) > 59) {
    const t = DateTime.fromISO(iso, { setZone: true });
    return t.isValid ? t.toMillis() : Number.NaN;
  }
  const offset = z === undefined ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  return (
    day * 86_400_000 +
    hour * 3_600_000 +
    minute * MINUTE_MS +
    second * 1000 +
    (ms === undefined ? 0 : Number(ms)) -
    offset * MINUTE_MS
  );
}

const clocks = new Map<string, ZoneOffsets | undefined>();

/**
 * The offsets of a zone by name (validity checked once: luxon's `isValid` builds an
 * `Intl.DateTimeFormat` every time), or `undefined` for a zone luxon does not know.
 */
export function zoneClock(zone: string): ZoneOffsets | undefined {
  if (clocks.has(zone)) return clocks.get(zone);
  const clock = IANAZone.isValidZone(zone)
    ? { offset: (ms: number) => zoneOffset(zone, ms) }
    : undefined;
  if (clocks.size < 1_000) clocks.set(zone, clock);
  return clock;
}

/** ISO 8601 with milliseconds and the zone's own offset at that instant. */
export function isoInZone(ms: number, zone: string): string {
  const lower = zone.toLowerCase();
  // luxon's fixed UTC zone writes `Z` (an IANA alias such as Etc/UTC writes +00:00)
  if (lower === 'utc' || lower === 'gmt') return new Date(ms).toISOString();
  const offset = zoneOffset(zone, ms);
  // Local mean time before ~1920 has offsets in seconds: luxon's rounding of those
  if (!Number.isInteger(offset)) return DateTime.fromMillis(ms, { zone }).toISO() ?? '';
  return isoInstant(ms, offset);
}

/** The wall clock of an instant in a zone. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

/** The wall clock of `ms` in `zone`. */
export function wallClock(ms: number, zone: string): WallClock {
  const local = new Date(ms + zoneOffset(zone, ms) * MINUTE_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: ((local.getUTCDay() + 6) % 7) + 1,
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const WEEKDAYS = {
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;
const MONTHS = {
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const;

/** The weekday name (1 = Monday). */
export const weekdayName = (weekday: number, lang: 'de' | 'en'): string =>
  WEEKDAYS[lang][weekday - 1] ?? '';

/** The month name (1 = January). */
export const monthName = (month: number, lang: 'de' | 'en'): string =>
  MONTHS[lang][month - 1] ?? '';

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A start read out: "Dienstag, 31. März um 14:30 Uhr" / "Tuesday, March 31 at 2:30 PM" (luxon's
 * `cccc, d. MMMM 'um' HH:mm 'Uhr'` and `cccc, MMMM d 'at' h:mm a`).
 */
export function spokenInstant(ms: number, zone: string): { de: string; en: string } {
  const w = wallClock(ms, zone);
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return {
    de: `${weekdayName(w.weekday, 'de')}, ${w.day}. ${monthName(w.month, 'de')} um ${two(w.hour)}:${two(w.minute)} Uhr`,
    en: `${weekdayName(w.weekday, 'en')}, ${monthName(w.month, 'en')} ${w.day} at ${hour12}:${two(w.minute)} ${w.hour < 12 ? 'AM' : 'PM'}`,
  };
}

/** The time of `ms` in `zone` as an availability answer says it: `14:30 Uhr` / `2:30 pm`. */
export function spokenClock(ms: number, zone: string, lang: 'de' | 'en'): string {
  const w = wallClock(ms, zone);
  if (lang === 'de') return `${w.hour}:${two(w.minute)} Uhr`;
  return `${w.hour % 12 === 0 ? 12 : w.hour % 12}:${two(w.minute)} ${w.hour < 12 ? 'am' : 'pm'}`;
}

/**
 * A calendar day (`YYYY-MM-DD`) as `Freitag` / `Freitag, 4. Dezember` (`Friday` / `Friday,
 * December 4`), or `undefined` when it is not a real day.
 */
export function spokenDay(day: string, lang: 'de' | 'en', withDate: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const n = m === null ? undefined : dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m === null || n === undefined) return undefined;
  const weekday = weekdayName(((((n + 3) % 7) + 7) % 7) + 1, lang);
  if (!withDate) return weekday;
  const month = monthName(Number(m[2]), lang);
  const date = Number(m[3]);
  return lang === 'de' ? `${weekday}, ${date}. ${month}` : `${weekday}, ${month} ${date}`;
}
