/**
 * Calendar arithmetic on plain numbers (days since 1970-01-01, proleptic Gregorian) and the
 * zone's offsets from luxon's `IANAZone`: the hot path needs no `DateTime` objects, which cost
 * more than the whole parse (see bench/dates.bench.ts).
 *
 * @internal
 */

/** What the arithmetic needs of a zone: its offset in minutes at an instant (luxon's `IANAZone` fits). */
export interface ZoneOffsets {
  offset(ms: number): number;
}

/** A calendar day as year, month (1–12) and day of the month. */
export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Days since 1970-01-01 of a real date, or `undefined` (31.02., month 13, year 0). */
export function dayOf(year: number, month: number, day: number): number | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear puts them back
  if (year < 100) d.setUTCFullYear(year);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return undefined;
  return Math.round(d.getTime() / DAY_MS);
}

/** The calendar day of a day number. */
export function ymdOf(dayNumber: number): Ymd {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday, 1 = Monday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD`. */
export function isoDate(dayNumber: number): string {
  const { year, month, day } = ymdOf(dayNumber);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `±HH:MM` for an offset in minutes. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with milliseconds and the given offset: `2026-03-31T14:30:00.000+02:00`. */
export function isoInstant(instantMs: number, offsetMinutes: number): string {
  const local = new Date(instantMs + offsetMinutes * MINUTE_MS);
  const date = isoDate(Math.floor(local.getTime() / DAY_MS));
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}.${pad(local.getUTCMilliseconds(), 3)}${offsetText(offsetMinutes)}`;
}

/** Today in the zone, as a day number. */
export function todayIn(zone: ZoneOffsets, nowMs: number): number {
  return Math.floor((nowMs + zone.offset(nowMs) * MINUTE_MS) / DAY_MS);
}

/** Where a local wall time falls in the zone. */
export type Placement =
  | { readonly kind: 'instant'; readonly ms: number; readonly offset: number }
  | { readonly kind: 'gap'; readonly skippedMinutes: number };

/**
 * Places a local time (`localMs`: the wall clock read as if it were UTC) in the zone: the
 * earlier instant when the autumn change repeats it, a gap when the spring change skips it.
 * Assumes at most one offset change within a day either side, which holds for every IANA zone.
 */
export function placeLocal(zone: ZoneOffsets, localMs: number): Placement {
  const before = zone.offset(localMs - DAY_MS);
  const after = zone.offset(localMs + DAY_MS);
  if (before === after)
    return { kind: 'instant', ms: localMs - before * MINUTE_MS, offset: before };
  let best: { ms: number; offset: number } | undefined;
  for (const offset of [before, after]) {
    const ms = localMs - offset * MINUTE_MS;
    if (zone.offset(ms) === offset && (best === undefined || ms < best.ms)) best = { ms, offset };
  }
  return best === undefined
    ? { kind: 'gap', skippedMinutes: Math.abs(after - before) }
    : { kind: 'instant', ...best };
}
