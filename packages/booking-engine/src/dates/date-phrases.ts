/**
 * Matchers for the date part of a phrase: relative days, "in N Tagen", weekdays with their
 * modifiers, numeric dates and spoken dates.
 *
 * @internal
 */
import { cardinalAt, ordinalAt } from './numbers.js';
import { setDate, setPeriod, setWeek, setWeekday } from './state.js';
import type { Matcher } from './state.js';
import {
  DAY_MARKERS,
  HOUR_MARKERS,
  MONTHS,
  PERIODS,
  WEEK_MODIFIERS,
  WEEKDAY_MODIFIERS,
  WEEKDAYS,
} from './vocabulary.js';

const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  ['heute', 0],
  ['today', 0],
  ['tomorrow', 1],
  ['uebermorgen', 2],
  ['gestern', -1],
  ['yesterday', -1],
  ['vorgestern', -2],
]);
const DAY_UNITS: ReadonlyMap<string, number> = new Map([
  ['tag', 1],
  ['tage', 1],
  ['tagen', 1],
  ['day', 1],
  ['days', 1],
  ['woche', 7],
  ['wochen', 7],
  ['week', 7],
  ['weeks', 7],
]);
const ONE_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'one']);
/** After a number these make it a time, not a day ("am 10 Uhr" is not the 10th). */
const TIME_FOLLOWERS: ReadonlySet<string> = new Set(['uhr', 'h', 'oclock', 'am', 'pm']);
const DMY_DOT = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?$/;
const DM_DOT_OPEN = /^(\d{1,2})\.(\d{1,2})$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SLASH = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?$/;
const YEAR = /^\d{4}$/;
const DAY_DIGITS = /^\d{1,2}$/;
const ORDINAL_WORD = /^[a-z]/;

function fullYear(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return raw.length === 2 ? 2000 + n : n;
}

/** heute, morgen, übermorgen, today, tomorrow, the day after tomorrow, tonight, this morning. */
export const matchRelative: Matcher = (t, i, st) => {
  const w = t[i] ?? '';
  const days = RELATIVE_DAYS.get(w);
  if (days !== undefined) {
    setDate(st, { kind: 'offset', days });
    return i + 1;
  }
  if (w === 'morgen') {
    // "heute Morgen", "Dienstag morgen früh": after a day it is the morning
    if (st.date !== undefined || st.weekday !== undefined) setPeriod(st, 'morning');
    else setDate(st, { kind: 'offset', days: 1 });
    return i + 1;
  }
  if (w === 'day' && (t[i + 1] === 'after' || t[i + 1] === 'before')) {
    const dir = t[i + 1] === 'after' ? 1 : -1;
    if (t[i + 2] === 'tomorrow' || t[i + 2] === 'yesterday') {
      setDate(st, { kind: 'offset', days: dir * 2 });
      return i + 3;
    }
  }
  if (w === 'tonight') {
    setDate(st, { kind: 'offset', days: 0 });
    setPeriod(st, 'evening');
    return i + 1;
  }
  if (w === 'this') {
    const period = PERIODS.get(t[i + 1] ?? '');
    if (period !== undefined && period !== 'noon') {
      setDate(st, { kind: 'offset', days: 0 });
      setPeriod(st, period);
      return i + 2;
    }
  }
  return i;
};

/** in drei Tagen, in einer Woche, in 14 Tagen, in 3 days, in a week, in two weeks. */
export const matchIn: Matcher = (t, i, st) => {
  if (t[i] !== 'in') return i;
  let n: number | undefined;
  let j = i + 1;
  if (ONE_WORDS.has(t[j] ?? '')) {
    n = 1;
    j++;
  } else {
    const read = cardinalAt(t, j);
    if (read === undefined) return i;
    n = read.value;
    j = read.next;
  }
  const unit = DAY_UNITS.get(t[j] ?? '');
  if (unit === undefined) return i;
  setDate(st, { kind: 'offset', days: n * unit }, true);
  return j + 1;
};

/** nächste Woche, diese Woche, übernächste Woche, next week, this week, the week after next. */
export const matchWeek: Matcher = (t, i, st) => {
  const w = t[i] ?? '';
  if (w === 'week' && t[i + 1] === 'after' && t[i + 2] === 'next') {
    setWeek(st, 2);
    return i + 3;
  }
  const week = WEEK_MODIFIERS.get(w);
  if (week === undefined) return i;
  const unit = t[i + 1];
  if (unit !== 'woche' && unit !== 'week') return i;
  setWeek(st, week);
  return i + 2;
};

/** Dienstag, nächsten Dienstag, kommenden Freitag, this Monday, next Tuesday, coming Friday. */
export const matchWeekday: Matcher = (t, i, st) => {
  const modifier = WEEKDAY_MODIFIERS.get(t[i] ?? '');
  const at = modifier === undefined ? i : i + 1;
  const weekday = WEEKDAYS.get(t[at] ?? '');
  if (weekday === undefined) return i;
  setWeekday(st, { weekday, mode: modifier ?? 'next' });
  return at + 1;
};

/** 24.10., 24.10.2026, 24.10.26, 2026-10-24, 24/10, 10/24 (month first), and 24.10 in a date. */
export const matchNumericDate: Matcher = (t, i, st, env) => {
  const w = t[i] ?? '';
  let m = DMY_DOT.exec(w);
  if (m) {
    setDate(st, { kind: 'ymd', year: fullYear(m[3]), month: Number(m[2]), day: Number(m[1]) });
    return i + 1;
  }
  m = ISO_DATE.exec(w);
  if (m) {
    setDate(st, { kind: 'ymd', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
    return i + 1;
  }
  m = SLASH.exec(w);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [month, day] = env.monthFirst ? [a, b] : [b, a];
    setDate(st, { kind: 'ymd', year: fullYear(m[3]), month, day });
    return i + 1;
  }
  m = DM_DOT_OPEN.exec(w);
  if (m && isOpenDotDate(t, i, Number(m[1]), Number(m[2]), st.date !== undefined, env.mode)) {
    setDate(st, { kind: 'ymd', year: undefined, month: Number(m[2]), day: Number(m[1]) });
    return i + 1;
  }
  return i;
};

/** `24.10` without the closing dot: a date in the date field, a time in the time field. */
function isOpenDotDate(
  t: readonly string[],
  i: number,
  a: number,
  b: number,
  haveDate: boolean,
  mode: string,
): boolean {
  if (mode === 'time') return false;
  if (TIME_FOLLOWERS.has(t[i + 1] ?? '') || HOUR_MARKERS.has(t[i - 1] ?? '')) return false;
  if (mode === 'date') return true;
  // a phrase: "morgen 10.30" and "10.30" are times; "24.10" and "1.5" are dates
  return !haveDate && a >= 1 && a <= 31 && b >= 1 && b <= 12;
}

function yearAt(t: readonly string[], j: number): { year: number | undefined; next: number } {
  const w = t[j];
  return w !== undefined && YEAR.test(w)
    ? { year: Number(w), next: j + 1 }
    : { year: undefined, next: j };
}

/**
 * Spoken dates: "am ersten April", "24. Oktober 2026", "2 April", "April 2nd", "May the 3rd",
 * "the 3rd of May"; a day alone: "am 24.", "am vierundzwanzigsten", "on the 24th".
 */
export const matchSpokenDate: Matcher = (t, i, st, env) => {
  const w = t[i] ?? '';
  const month = MONTHS.get(w);
  if (month !== undefined) {
    const j = t[i + 1] === 'the' ? i + 2 : i + 1;
    const day = ordinalAt(t, j) ?? cardinalAt(t, j);
    if (day === undefined || day.value > 31 || TIME_FOLLOWERS.has(t[day.next] ?? '')) return i;
    const { year, next } = yearAt(t, day.next);
    setDate(st, { kind: 'ymd', year, month, day: day.value });
    return next;
  }
  if (HOUR_MARKERS.has(t[i - 1] ?? '')) return i;
  const ordinal = ordinalAt(t, i);
  const day = ordinal ?? cardinalAt(t, i);
  if (day === undefined || day.value > 99) return i;
  const j = t[day.next] === 'of' ? day.next + 1 : day.next;
  const named = MONTHS.get(t[j] ?? '');
  if (named !== undefined) {
    const { year, next } = yearAt(t, j + 1);
    setDate(st, { kind: 'ymd', year, month: named, day: day.value });
    return next;
  }
  const dayMarker = DAY_MARKERS.has(t[i - 1] ?? '') || env.mode === 'date';
  if (TIME_FOLLOWERS.has(t[day.next] ?? '')) return i;
  // "24." and "24th" stand alone; a word ("ersten", "second") or bare digits need "am" / "the"
  const digitOrdinal = ordinal !== undefined && !ORDINAL_WORD.test(w);
  if (digitOrdinal || (dayMarker && (ordinal !== undefined || DAY_DIGITS.test(w)))) {
    setDate(st, { kind: 'day', day: day.value });
    return day.next;
  }
  return i;
};
