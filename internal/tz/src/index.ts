/**
 * Time-zone arithmetic on `Intl` alone (no dependency): enough for a calendar that lays out
 * business hours in an IANA zone across DST changes. The one home of this code: the Cal.com
 * stand-in lays out its calendar with it, the client finds the UTC days of a local date range
 * with it. Private; bundled into both packages by tsup.
 * @internal
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of `instantMs` in `timeZone`. */
export function wallClock(instantMs: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `instantMs`, in minutes (e.g. 120 for CEST). */
export function offsetMinutes(instantMs: number, timeZone: string): number {
  const w = wallClock(instantMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` reads the given local time. A local time
 * skipped by a DST jump resolves to the instant just after the gap.
 */
export function zonedToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = guess - offsetMinutes(guess, timeZone) * 60_000;
  // A second pass settles instants near a DST change.
  instant = guess - offsetMinutes(instant, timeZone) * 60_000;
  return instant;
}

/** `YYYY-MM-DD` of `instantMs` in `timeZone`. */
export function localDate(instantMs: number, timeZone: string): string {
  const w = wallClock(instantMs, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** ISO-8601 with the zone's offset and milliseconds, as Cal.com prints slots: `2050-09-05T09:00:00.000+02:00`. */
export function formatInZone(instantMs: number, timeZone: string | undefined): string {
  if (!timeZone || timeZone === 'UTC') return new Date(instantMs).toISOString();
  const w = wallClock(instantMs, timeZone);
  const off = offsetMinutes(instantMs, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const ms = String(((instantMs % 1000) + 1000) % 1000).padStart(3, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${ms}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
