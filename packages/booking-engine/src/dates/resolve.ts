/**
 * Turns what the matchers read into a calendar day and, when a time was said, an instant in
 * the zone, by the rules in the README: the afternoon rule, next-not-past dates, weekday
 * modes, the spring gap (`nonexistent-time`) and the autumn overlap (the earlier instant).
 *
 * @internal
 */
import {
  DAY_MS,
  dayOf,
  isoDate,
  placeLocal,
  weekdayOf,
  ymdOf,
  type ZoneOffsets,
} from './calendar.js';
import type { Failure, SayDate } from './say.js';
import type { DateSpec, ParseState, TimeSpec } from './state.js';
import type { DayPeriod } from './vocabulary.js';

/** The present in the zone. */
export interface Clock {
  readonly nowMs: number;
  readonly zone: ZoneOffsets;
  /** Today in the zone, as days since 1970-01-01. */
  readonly today: number;
}

/** A resolved answer, before it is turned into the public result. */
export type Resolved =
  | {
      readonly ok: true;
      readonly date: string;
      readonly start: { readonly ms: number; readonly offset: number } | undefined;
    }
  | { readonly ok: false; readonly failure: Failure };

function fail(failure: Failure): Resolved {
  return { ok: false, failure };
}

/** The next day (from today) that is `day` of its month. */
function dayOfMonth(today: number, day: number): number | undefined {
  const { year, month } = ymdOf(today);
  for (let k = 0; k <= 12; k++) {
    const m = month - 1 + k;
    const candidate = dayOf(year + Math.floor(m / 12), (m % 12) + 1, day);
    if (candidate !== undefined && candidate >= today) return candidate;
  }
  return undefined;
}

function fromSpec(spec: DateSpec, today: number): number | undefined {
  switch (spec.kind) {
    case 'offset':
      return today + spec.days;
    case 'day':
      return dayOfMonth(today, spec.day);
    case 'ymd': {
      if (spec.year !== undefined) return dayOf(spec.year, spec.month, spec.day);
      // a year-less date: the next one that is not past (29.02. waits for a leap year)
      if (dayOf(2024, spec.month, spec.day) === undefined) return undefined;
      const { year } = ymdOf(today);
      for (let k = 0; k <= 8; k++) {
        const d = dayOf(year + k, spec.month, spec.day);
        if (d !== undefined && d >= today) return d;
      }
      return undefined;
    }
  }
}

/** Weekday rules: see the README ("nächsten Dienstag" on a Tuesday is in 7 days). */
function fromWeekday(st: ParseState, today: number): number | undefined {
  const w = st.weekday;
  if (w === undefined) return undefined;
  const todayWeekday = weekdayOf(today);
  if (st.week !== undefined) return today - (todayWeekday - 1) + st.week * 7 + w.weekday - 1;
  const ahead = (w.weekday - todayWeekday + 7) % 7;
  if (w.mode === 'this') return today + ahead;
  const next = today + (ahead === 0 ? 7 : ahead);
  return w.mode === 'after-next' ? next + 7 : next;
}

function resolveDay(st: ParseState, today: number): number | Failure {
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
  const weekday = weekdayOf(day);
  if (st.weekday !== undefined && st.weekday.weekday !== weekday) {
    const date: SayDate = ymdOf(day);
    return { code: 'invalid-date', weekday: { said: st.weekday.weekday, actual: weekday, date } };
  }
  if (st.week !== undefined) {
    const monday = today - (weekdayOf(today) - 1) + st.week * 7;
    if (day < monday || day > monday + 6) return { code: 'invalid-date' };
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

function clockText(totalMinutes: number): string {
  const h = Math.floor(totalMinutes / 60) % 24;
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
  if (typeof day === 'object') return fail(day);
  const minutes = resolveMinutes(st);
  if (typeof minutes === 'object') return fail(minutes);
  const date = isoDate(day);
  if (minutes === undefined) {
    return day < clock.today
      ? fail({ code: 'past', dateOnly: true })
      : { ok: true, date, start: undefined };
  }
  const second = st.time?.second ?? 0;
  const placed = placeLocal(clock.zone, day * DAY_MS + minutes * 60_000 + second * 1000);
  if (placed.kind === 'gap') {
    return fail({
      code: 'nonexistent-time',
      date: ymdOf(day),
      time: clockText(minutes),
      next: clockText(minutes + placed.skippedMinutes),
    });
  }
  if (placed.ms <= clock.nowMs) return fail({ code: 'past', dateOnly: false });
  return { ok: true, date, start: { ms: placed.ms, offset: placed.offset } };
}
