import { zoneClock } from './instant.js';
import { isoInstant, todayIn } from './calendar.js';
import {
  matchIn,
  matchNumericDate,
  matchRelative,
  matchSpokenDate,
  matchWeek,
  matchWeekday,
} from './date-phrases.js';
import { resolve } from './resolve.js';
import type { Clock } from './resolve.js';
import { sayFailure } from './say.js';
import type { Failure } from './say.js';
import { emptyState } from './state.js';
import type { FieldMode, MatchEnv, Matcher, ParseState } from './state.js';
import {
  matchClock,
  matchHour,
  matchMidnight,
  matchPeriod,
  matchRelativeClock,
} from './time-phrases.js';
import { tokenize } from './tokens.js';
import type { SpokenDateTimeContext, SpokenDateTimeInput, SpokenDateTimeResult } from './types.js';
import { FILLERS } from './vocabulary.js';

/** Tried in this order at every token; the first that consumes something wins. */
const MATCHERS: readonly Matcher[] = [
  matchRelative,
  matchIn,
  matchWeek,
  matchWeekday,
  matchNumericDate,
  matchSpokenDate,
  matchMidnight,
  matchRelativeClock,
  matchClock,
  matchHour,
  matchPeriod,
];
/** Longer input is not a date a caller said; reading it would only cost time. */
const MAX_FIELD_CHARS = 300;
const AMERICAN_ZONE = /^(America|US)\//;

type Field = readonly [text: string, mode: FieldMode];

/** Reads one field into the state; `false` when a word is not understood. */
function readField(text: string, st: ParseState, env: MatchEnv): boolean {
  const t = tokenize(text);
  let i = 0;
  while (i < t.length) {
    let next = i;
    for (const match of MATCHERS) {
      next = match(t, i, st, env);
      if (next !== i) break;
    }
    if (next !== i) i = next;
    else if (FILLERS.has(t[i] ?? '')) i++;
    else return false;
  }
  return true;
}

function fieldText(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The fields of an input; `undefined` for an input of the wrong shape. */
function fieldsOf(input: unknown): Field[] | undefined {
  if (typeof input === 'string') return [[input, 'phrase']];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const o = input as Record<string, unknown>;
  // German agents name the fields datum / uhrzeit
  const date = fieldText(o.date ?? o.datum);
  const time = fieldText(o.time ?? o.uhrzeit);
  if (date === null || time === null) return undefined;
  const fields: Field[] = [];
  if (date !== undefined) fields.push([date, 'date']);
  if (time !== undefined) fields.push([time, 'time']);
  return fields;
}

function clockOf(context: unknown): { clock: Clock; env: Omit<MatchEnv, 'mode'> } | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const { now, zone, locale } = context as Partial<Record<keyof SpokenDateTimeContext, unknown>>;
  if (!(now instanceof Date) || typeof zone !== 'string' || (locale !== 'de' && locale !== 'en')) {
    return undefined;
  }
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) return undefined;
  const iana = zoneClock(zone);
  if (iana === undefined) return undefined;
  return {
    clock: { nowMs, zone: iana, today: todayIn(iana, nowMs) },
    env: { locale, monthFirst: locale === 'en' && AMERICAN_ZONE.test(zone) },
  };
}

function failed(failure: Failure): SpokenDateTimeResult {
  return { ok: false, code: failure.code, say: sayFailure(failure) };
}

function parse(input: unknown, context: unknown): SpokenDateTimeResult {
  const at = clockOf(context);
  if (at === undefined) return failed({ code: 'invalid-context' });
  const fields = fieldsOf(input);
  if (fields === undefined) return failed({ code: 'unrecognised' });
  if (fields.every(([text]) => text.trim() === '')) return failed({ code: 'empty' });
  const st = emptyState();
  for (const [text, mode] of fields) {
    if (text.length > MAX_FIELD_CHARS || !readField(text, st, { ...at.env, mode })) {
      return failed({ code: 'unrecognised' });
    }
  }
  const resolved = resolve(st, at.clock);
  if (!resolved.ok) return failed(resolved.failure);
  if (resolved.start === undefined) return { ok: true, date: resolved.date };
  return {
    ok: true,
    date: resolved.date,
    start: isoInstant(resolved.start.ms, resolved.start.offset),
  };
}

/**
 * Reads a spoken German or English date and time, as a voice agent's caller says it or as an
 * LLM filled the `date` / `time` (`datum` / `uhrzeit`) fields, in the tenant's zone.
 *
 * Rules (see the README, "Spoken dates and times"): a bare hour 1–7 is in the afternoon and
 * 8–12 in the morning unless a word or a 24-hour form says otherwise; a date without a year is
 * the next one that is not past; a weekday is its next occurrence after today ("diesen" /
 * "this" includes today); a past instant, an impossible date or time, and a local time the
 * spring clock change skips answer `ok: false`; the hour the autumn change repeats means the
 * earlier instant.
 *
 * @param input - A phrase (`"nächsten Dienstag um halb drei"`) or `{ date?, time? }`.
 * @param context - The present instant, the IANA zone and the caller's language.
 * @returns `{ ok: true, date, start? }` (`start` only when a time was said), or
 *   `{ ok: false, code, say }` with a stable code and a sentence to speak. Never throws, also
 *   not for a wrongly typed input or context at run time (`invalid-context`, `unrecognised`).
 * @example
 * ```ts
 * const now = new Date('2026-03-30T09:00:00+02:00'); // a Monday
 * parseSpokenDateTime('nächsten Dienstag um halb drei', { now, zone: 'Europe/Berlin', locale: 'de' });
 * // { ok: true, date: '2026-03-31', start: '2026-03-31T14:30:00.000+02:00' }
 * ```
 */
export function parseSpokenDateTime(
  input: SpokenDateTimeInput,
  context: SpokenDateTimeContext,
): SpokenDateTimeResult {
  try {
    return parse(input, context);
  } catch {
    // every path above is total; this only guards against a bug turning into a crash
    return failed({ code: 'unrecognised' });
  }
}
