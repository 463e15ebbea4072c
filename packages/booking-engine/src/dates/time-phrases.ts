/**
 * Matchers for the time part of a phrase: clock digits, hours with "Uhr" / am / pm, minute
 * words, "halb drei", "Viertel nach zehn", "dreiviertel drei", "half past two", "quarter to
 * three", and day periods ("abends", "in the morning").
 *
 * @internal
 */
import { cardinalAt, isNumberToken } from './numbers.js';
import { setPeriod, setTime } from './state.js';
import type { MatchEnv, Matcher, ParseState } from './state.js';
import { MONTHS, PERIODS, WEEKDAY_MODIFIERS, WEEKDAYS } from './vocabulary.js';

const CLOCK = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/;
const HOUR_DIGITS = /^\d{1,2}\.?$/;
const UHR: ReadonlySet<string> = new Set(['uhr', 'h', 'oclock']);
/** "ein", "eine" … are articles far more often than hours: as an hour they need "Uhr". */
const ARTICLE_ONES: ReadonlySet<string> = new Set(['ein', 'eine', 'einer', 'einem', 'einen']);
const DATE_WORDS: ReadonlySet<string> = new Set(['heute', 'morgen', 'uebermorgen', 'wochenende']);
const MINUTE_WORDS: ReadonlySet<string> = new Set(['minuten', 'minute', 'minutes', 'min']);
const AFTER: ReadonlySet<string> = new Set(['nach', 'past', 'after']);
const BEFORE: ReadonlySet<string> = new Set(['vor', 'to', 'before', 'of', 'till', 'til']);

interface Hour {
  readonly value: number;
  readonly next: number;
  readonly explicit: boolean;
}

function hourAt(t: readonly string[], i: number): Hour | undefined {
  const w = t[i] ?? '';
  if (HOUR_DIGITS.test(w)) {
    const digits = w.endsWith('.') ? w.slice(0, -1) : w;
    const value = Number(digits);
    return { value, next: i + 1, explicit: digits.startsWith('0') || value >= 13 };
  }
  const read = cardinalAt(t, i);
  if (read === undefined || read.value > 24) return undefined;
  return { value: read.value, next: read.next, explicit: read.value >= 13 || read.value === 0 };
}

/** Whether "am" after a time is German "am (Dienstag)" rather than a.m. */
function isGermanAm(next: string | undefined, env: MatchEnv): boolean {
  if (env.locale === 'en' || next === undefined) return false;
  return (
    WEEKDAYS.has(next) ||
    MONTHS.has(next) ||
    WEEKDAY_MODIFIERS.has(next) ||
    DATE_WORDS.has(next) ||
    isNumberToken(next)
  );
}

/** Skips "Uhr" / "o'clock" and reads am / pm after a time. */
function tail(
  t: readonly string[],
  j: number,
  env: MatchEnv,
): { meridiem: 'am' | 'pm' | undefined; next: number } {
  let k = j;
  if (UHR.has(t[k] ?? '')) k++;
  const w = t[k];
  if (w === 'pm') return { meridiem: 'pm', next: k + 1 };
  if (w === 'am' && !isGermanAm(t[k + 1], env)) return { meridiem: 'am', next: k + 1 };
  return { meridiem: undefined, next: k };
}

function record(
  st: ParseState,
  hour: Hour,
  minute: number,
  delta: number,
  end: { meridiem: 'am' | 'pm' | undefined; next: number },
  second = 0,
): number {
  setTime(st, {
    hour: hour.value,
    minute,
    second,
    delta,
    explicit: hour.explicit,
    meridiem: end.meridiem,
  });
  return end.next;
}

/** 13:00, 13.30 Uhr, 10:30 am, 07:45, 14:30:00. */
export const matchClock: Matcher = (t, i, st, env) => {
  const m = CLOCK.exec(t[i] ?? '');
  if (!m) return i;
  const digits = m[1] ?? '';
  const value = Number(digits);
  const hour = { value, next: i + 1, explicit: digits.startsWith('0') || value >= 13 };
  return record(st, hour, Number(m[2]), 0, tail(t, i + 1, env), Number(m[3] ?? 0));
};

/** 13 Uhr, 13 Uhr 30, zehn Uhr dreißig, 4 pm, three o'clock, two thirty, nine oh five, um drei. */
export const matchHour: Matcher = (t, i, st, env) => {
  const hour = hourAt(t, i);
  if (hour === undefined) return i;
  const afterHour = t[hour.next];
  if (afterHour !== undefined && UHR.has(afterHour)) {
    const minute = cardinalAt(t, hour.next + 1);
    if (minute !== undefined && minute.value <= 99 && !MINUTE_WORDS.has(t[minute.next] ?? '')) {
      return record(st, hour, minute.value, 0, tail(t, minute.next, env));
    }
    return record(st, hour, 0, 0, tail(t, hour.next, env));
  }
  if (ARTICLE_ONES.has(t[i] ?? '')) return i;
  if (afterHour === 'oh' || afterHour === 'o') {
    const minute = cardinalAt(t, hour.next + 1);
    if (minute !== undefined && minute.value >= 1 && minute.value <= 9) {
      return record(st, hour, minute.value, 0, tail(t, minute.next, env));
    }
  }
  const minute = cardinalAt(t, hour.next);
  if (
    minute !== undefined &&
    minute.value >= 10 &&
    minute.value <= 99 &&
    !MINUTE_WORDS.has(t[minute.next] ?? '') &&
    !AFTER.has(t[minute.next] ?? '') &&
    !BEFORE.has(t[minute.next] ?? '')
  ) {
    return record(st, hour, minute.value, 0, tail(t, minute.next, env));
  }
  return record(st, hour, 0, 0, tail(t, hour.next, env));
};

/** halb drei, (drei)viertel drei, Viertel nach/vor zehn, fünf vor halb drei, half past two, quarter to three, ten past two. */
export const matchRelativeClock: Matcher = (t, i, st, env) => {
  const w = t[i] ?? '';
  let delta: number | undefined;
  let j = i + 1;
  if (w === 'halb' || w === 'half') {
    delta = w === 'halb' ? -30 : 30;
    if (w === 'half' && AFTER.has(t[j] ?? '')) j++;
  } else if (w === 'viertel' || w === 'quarter') {
    if (AFTER.has(t[j] ?? '')) delta = 15;
    else if (BEFORE.has(t[j] ?? '')) delta = -15;
    if (delta !== undefined) j++;
    else if (w === 'viertel') delta = -45;
  } else if (w === 'dreiviertel') delta = -15;
  else {
    const n = cardinalAt(t, i);
    if (n === undefined) return i;
    j = n.next;
    if (n.value === 3 && t[j] === 'viertel') {
      delta = -15;
      j++;
    } else {
      if (n.value < 1 || n.value > 30) return i;
      if (MINUTE_WORDS.has(t[j] ?? '')) j++;
      const word = t[j] ?? '';
      const sign = AFTER.has(word) ? 1 : BEFORE.has(word) ? -1 : 0;
      if (sign === 0) return i;
      j++;
      // "fünf nach halb drei" = 2:35, "fünf vor halb drei" = 2:25
      const half = t[j] === 'halb' ? -30 : 0;
      if (half !== 0) j++;
      delta = half + sign * n.value;
    }
  }
  if (delta === undefined) return i;
  const hour = hourAt(t, j);
  if (hour === undefined) return i;
  return record(st, hour, 0, delta, tail(t, hour.next, env));
};

/** morgens, früh, vormittags, mittags, nachmittags, abends, nachts, noon, in the evening … */
export const matchPeriod: Matcher = (t, i, st) => {
  const period = PERIODS.get(t[i] ?? '');
  if (period === undefined) return i;
  setPeriod(st, period);
  return i + 1;
};

/** Mitternacht / midnight: start or end of the day? Recorded as a problem, never guessed. */
export const matchMidnight: Matcher = (t, i, st) => {
  if (t[i] !== 'mitternacht' && t[i] !== 'midnight') return i;
  st.problem ??= 'midnight';
  return i + 1;
};
