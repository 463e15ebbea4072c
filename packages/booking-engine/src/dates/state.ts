/**
 * What the phrase matchers collect before anything is resolved against the clock.
 *
 * @internal
 */
import type { Locale } from '../types.js';
import type { DayPeriod, WeekdayMode } from './vocabulary.js';

/** A calendar day as said: a full or year-less date, a day of the month, or days from today. */
export type DateSpec =
  | {
      readonly kind: 'ymd';
      readonly year: number | undefined;
      readonly month: number;
      readonly day: number;
    }
  | { readonly kind: 'day'; readonly day: number }
  | { readonly kind: 'offset'; readonly days: number };

/** A weekday as said, with its modifier ("nächsten Dienstag" → next). */
export interface WeekdaySpec {
  readonly weekday: number;
  readonly mode: WeekdayMode;
}

/** A time as said: the spoken hour, minutes, an offset ("halb drei" → hour 3, delta −30). */
export interface TimeSpec {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes added to `hour:minute` after the day period is applied to the spoken hour. */
  readonly delta: number;
  /** Written as a 24-hour time (`07:30`, `13 Uhr`, `0:15`): no afternoon rule. */
  readonly explicit: boolean;
  readonly meridiem: 'am' | 'pm' | undefined;
}

/** Why a phrase could not be read, beyond "an unknown word". */
export type StateProblem = 'conflict' | 'midnight';

/** Everything read from the input so far. */
export interface ParseState {
  date: DateSpec | undefined;
  weekday: WeekdaySpec | undefined;
  /** 0 = this week, 1 = next week, 2 = the week after. */
  week: number | undefined;
  time: TimeSpec | undefined;
  period: DayPeriod | undefined;
  problem: StateProblem | undefined;
}

/** Which field a token came from; decides ambiguous numbers (`10.10`, a bare `3`). */
export type FieldMode = 'phrase' | 'date' | 'time';

/** Per-call settings the matchers read. */
export interface MatchEnv {
  readonly mode: FieldMode;
  readonly locale: Locale;
  /** Slash dates are month first (`10/24`): English in an American zone. */
  readonly monthFirst: boolean;
}

/** Reads tokens at `i`; returns the index after what it consumed, or `i` when nothing matched. */
export type Matcher = (t: readonly string[], i: number, st: ParseState, env: MatchEnv) => number;

/** A fresh, empty state. */
export function emptyState(): ParseState {
  return {
    date: undefined,
    weekday: undefined,
    week: undefined,
    time: undefined,
    period: undefined,
    problem: undefined,
  };
}

function sameDate(a: DateSpec, b: DateSpec): boolean {
  if (a.kind === 'offset' && b.kind === 'offset') return a.days === b.days;
  if (a.kind === 'day' && b.kind === 'day') return a.day === b.day;
  if (a.kind === 'ymd' && b.kind === 'ymd') {
    return a.month === b.month && a.day === b.day && (a.year === b.year || b.year === undefined);
  }
  return false;
}

/**
 * Records a date; `additive` ("in einer Woche" after "heute") adds days to a relative date.
 * A second, different date is a conflict.
 */
export function setDate(st: ParseState, spec: DateSpec, additive = false): void {
  const prev = st.date;
  if (prev === undefined) st.date = spec;
  else if (additive && prev.kind === 'offset' && spec.kind === 'offset') {
    st.date = { kind: 'offset', days: prev.days + spec.days };
  } else if (!sameDate(prev, spec)) st.problem ??= 'conflict';
}

/** Records a weekday; a different second one is a conflict. */
export function setWeekday(st: ParseState, spec: WeekdaySpec): void {
  if (st.weekday === undefined) st.weekday = spec;
  else if (st.weekday.weekday !== spec.weekday || st.weekday.mode !== spec.mode) {
    st.problem ??= 'conflict';
  }
}

/** Records a time; a different second one is a conflict. */
export function setTime(st: ParseState, spec: TimeSpec): void {
  const prev = st.time;
  if (prev === undefined) st.time = spec;
  else if (
    prev.hour !== spec.hour ||
    prev.minute !== spec.minute ||
    prev.second !== spec.second ||
    prev.delta !== spec.delta ||
    prev.meridiem !== spec.meridiem
  ) {
    st.problem ??= 'conflict';
  }
}

/** Records a day period; a different second one is a conflict. */
export function setPeriod(st: ParseState, period: DayPeriod): void {
  if (st.period === undefined) st.period = period;
  else if (st.period !== period) st.problem ??= 'conflict';
}

/** Records a week offset; a different second one is a conflict. */
export function setWeek(st: ParseState, week: number): void {
  if (st.week === undefined) st.week = week;
  else if (st.week !== week) st.problem ??= 'conflict';
}
