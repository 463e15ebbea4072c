/**
 * Turns what the matchers read into a calendar day and, when a time was said, an instant in
 * the zone, by the rules in the README: the afternoon rule, next-not-past dates, weekday
 * modes, the spring gap (`nonexistent-time`) and the autumn overlap (the earlier instant).
 *
 * @internal
 */
import { DateTime } from 'luxon';
import type { IANAZone } from 'luxon';
import type { Failure, SayDate } from './say.js';
import type { DateSpec, ParseState, TimeSpec } from './state.js';
import type { DayPeriod } from './vocabulary.js';

/** The present in the zone. */
export interface Clock {
  readonly nowMs: number;
  readonly zone: IANAZone;
  /** Today in the zone, as a UTC midnight (calendar arithmetic without DST). */
  readonly today: DateTime;
}

/** A resolved answer, before it is turned into the public result. */
export type Resolved =
  | { readonly ok: true; readonly date: string; readonly startMs: number | undefined }
  | { readonly ok: false; readonly failure: Failure };

const DAY_MS = 86_400_000;

function fail(failure: Failure): Resolved {
  return { ok: false, failure };
}

function sayDate(d: DateTime): SayDate {
  return { year: d.year, month: d.month, day: d.day };
}

/** The next day (from today) that is `day` of its month. */
function dayOfMonth(today: DateTime, day: number): DateTime | undefined {
  if (day < 1 || day > 31) return undefined;
  for (let k = 0; k <= 12; k++) {
    const month = today.plus({ months: k });
    const candidate = DateTime.utc(month.year, month.month, day);
    if (candidate.isValid && candidate >= today) return candidate;
  }
  return undefined;
}

function fromSpec(spec: DateSpec, today: DateTime): DateTime | undefined {
  switch (spec.kind) {
    case 'offset':
      return today.plus({ days: spec.days });
    case 'day':
      return dayOfMonth(today, spec.day);
    case 'ymd': {
      if (spec.year !== undefined) {
        const d = DateTime.utc(spec.year, spec.month, spec.day);
        return d.isValid ? d : undefined;
      }
      // a year-less date: the next one that is not past (29.02. waits for a leap year)
      if (!DateTime.utc(2024, spec.month, spec.day).isValid) return undefined;
      for (let k = 0; k <= 8; k++) {
        const d = DateTime.utc(today.year + k, spec.month, spec.day);
        if (d.isValid && d >= today) return d;
      }
      return undefined;
    }
  }
}

/** Weekday rules: see the README ("nächsten Dienstag" on a Tuesday is in 7 days). */
function fromWeekday(st: ParseState, today: DateTime): DateTime | undefined {
  const w = st.weekday;
  if (w === undefined) return undefined;
  if (st.week !== undefined) {
    const monday = today.minus({ days: today.weekday - 1 });
    return monday.plus({ days: st.week * 7 + w.weekday - 1 });
  }
  const ahead = (w.weekday - today.weekday + 7) % 7;
  if (w.mode === 'this') return today.plus({ days: ahead });
  const next = today.plus({ days: ahead === 0 ? 7 : ahead });
  return w.mode === 'after-next' ? next.plus({ days: 7 }) : next;
}

function resolveDay(st: ParseState, today: DateTime): DateTime | Failure {
  const byWeekday = fromWeekday(st, today);
  if (st.date === undefined) {
    if (byWeekday !== undefined) return byWeekday;
    if (st.week !== undefined) return { code: 'unrecognised', detail: 'week-without-day' };
    if (st.time === undefined && st.period !== 'noon') {
      return st.period === undefined
        ? { code: 'empty' }
        : { code: 'unrecognised', detail: 'period-only' };
    }
    return today;
  }
  const day = fromSpec(st.date, today);
  if (day === undefined) return { code: 'invalid-date' };
  if (st.weekday !== undefined && st.weekday.weekday !== day.weekday) {
    const weekday = { said: st.weekday.weekday, actual: day.weekday, date: sayDate(day) };
    return { code: 'invalid-date', weekday };
  }
  if (st.week !== undefined) {
    const monday = today.minus({ days: today.weekday - 1 }).plus({ days: st.week * 7 });
    if (day < monday || day > monday.plus({ days: 6 })) return { code: 'invalid-date' };
  }
  return day;
}

/** The 24-hour hour for a spoken hour under its meridiem or day period; `undefined` = conflict. */
function hour24(t: TimeSpec, period: DayPeriod | undefined): number | undefined {
  const h = t.hour;
  if (t.meridiem !== undefined) {
    if (t.meridiem === 'am') {
      if (h > 12 || period === 'afternoon' || period === 'evening') return undefined;
      return h === 12 ? 0 : h;
    }
    if (h === 0 || period === 'morning') return undefined;
    return h <= 11 ? h + 12 : h;
  }
  switch (period) {
    case 'morning':
      return h >= 13 ? undefined : h;
    case 'noon':
      return h >= 1 && h <= 6 ? h + 12 : h;
    case 'afternoon':
      return h === 0 ? undefined : h <= 11 ? h + 12 : h;
    case 'evening':
    case 'night':
      if (h === 0) return period === 'night' ? 0 : undefined;
      if (h === 12) return 24;
      if (period === 'night' && h <= 5) return h;
      return h <= 11 ? h + 12 : h;
    case undefined:
      return !t.explicit && h >= 1 && h <= 7 ? h + 12 : h;
  }
}

/** Minutes after local midnight, or the failure. */
function resolveMinutes(st: ParseState): number | undefined | Failure {
  const t = st.time;
  if (t === undefined) return st.period === 'noon' ? 12 * 60 : undefined;
  if (t.hour > 24 || t.minute > 59 || t.second > 59) return { code: 'invalid-time' };
  const h = hour24(t, st.period);
  if (h === undefined) return { code: 'invalid-time', detail: 'conflict' };
  const total = h * 60 + t.minute + t.delta;
  if (total === 24 * 60) return { code: 'invalid-time', detail: 'midnight' };
  if (total < 0 || total > 24 * 60) return { code: 'invalid-time' };
  return total;
}

/**
 * The instant of a local time in the zone: the earlier one when the autumn change repeats the
 * hour, `undefined` when the spring change skips it. Assumes at most one offset change within a
 * day either side, which holds for every IANA zone.
 */
export function localToInstant(zone: IANAZone, local: DateTime): number | undefined {
  const asUtc = local.toMillis();
  let best: number | undefined;
  for (const probe of [asUtc - DAY_MS, asUtc, asUtc + DAY_MS]) {
    const offset = zone.offset(probe);
    const instant = asUtc - offset * 60_000;
    if (zone.offset(instant) === offset && (best === undefined || instant < best)) best = instant;
  }
  return best;
}

function clockText(totalMinutes: number): string {
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}

/**
 * Resolves a state against the clock.
 *
 * @internal
 */
export function resolve(st: ParseState, clock: Clock): Resolved {
  if (st.problem === 'conflict') return fail({ code: 'unrecognised' });
  if (st.problem === 'midnight') return fail({ code: 'invalid-time', detail: 'midnight' });
  const day = resolveDay(st, clock.today);
  if (!(day instanceof DateTime)) return fail(day);
  const minutes = resolveMinutes(st);
  if (typeof minutes === 'object') return fail(minutes);
  const date = day.toISODate() ?? '';
  if (minutes === undefined) {
    return day < clock.today
      ? fail({ code: 'past', dateOnly: true })
      : { ok: true, date, startMs: undefined };
  }
  const second = st.time?.second ?? 0;
  const local = day.plus({ minutes, seconds: second });
  const instant = localToInstant(clock.zone, local);
  if (instant === undefined) {
    const shifted = DateTime.fromObject(
      {
        year: local.year,
        month: local.month,
        day: local.day,
        hour: local.hour,
        minute: local.minute,
      },
      { zone: clock.zone },
    );
    return fail({
      code: 'nonexistent-time',
      date: sayDate(day),
      time: clockText(minutes),
      next: clockText(shifted.hour * 60 + shifted.minute),
    });
  }
  if (instant <= clock.nowMs) return fail({ code: 'past', dateOnly: false });
  return { ok: true, date, startMs: instant };
}
