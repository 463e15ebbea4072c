// What the agent says about availability, in German and English: short sentences, times in the
// tenant's zone, days relative to today ("morgen", "am Freitag").
import { DateTime } from 'luxon';
import type { Spoken } from '../types.js';
import { spokenClock, spokenDay } from '../dates/instant.js';
import { daysBetween, localDay, type PolicyCode } from './window.js';

/** What {@link sayAvailability} describes. @internal */
export interface SayInput {
  readonly zone: string;
  readonly today: string;
  /** The wished day. */
  readonly day: string;
  /** The wished start (epoch ms), for a `start` wish. */
  readonly startMs?: number | undefined;
  readonly available: boolean;
  /** Alternatives, epoch ms, in the order offered. */
  readonly alternatives: readonly number[];
  readonly policy?: PolicyCode | undefined;
  /** Whether the wished day is a closed day (business hours). */
  readonly closedDay: boolean;
  /** A `min-notice` wish lies in the past (not merely too soon). */
  readonly pastWish: boolean;
  readonly maxDaysAhead: number;
}

type Lang = 'de' | 'en';

// Static name tables and a cached offset (src/dates/instant.ts): luxon cost ~60 µs an answer here.
const time = (ms: number, zone: string, lang: Lang): string => spokenClock(ms, zone, lang);

/** "morgen" / "am Freitag" / "am Freitag, 4. Dezember"; English "tomorrow" / "Friday" / … */
function dayPhrase(day: string, today: string, zone: string, lang: Lang): string {
  const n = daysBetween(today, day);
  const named = (withDate: boolean): string => {
    const fast = spokenDay(day, lang, withDate);
    if (fast !== undefined) return fast;
    const dt = DateTime.fromISO(day, { zone }).setLocale(lang);
    return dt.toFormat(withDate ? (lang === 'de' ? 'cccc, d. LLLL' : 'cccc, LLLL d') : 'cccc');
  };
  if (lang === 'de') {
    if (n === 0) return 'heute';
    if (n === 1) return 'morgen';
    if (n === 2) return 'übermorgen';
    return `am ${named(!(n > 0 && n < 7))}`;
  }
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  return named(!(n > 0 && n < 7));
}

const list = (items: readonly string[], lang: Lang): string => {
  const or = lang === 'de' ? ' oder ' : ' or ';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${or}${items.at(-1) ?? ''}`;
};

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The offer: "15:00 Uhr oder 16:30 Uhr …, oder morgen um 10:00 Uhr" grouped by day in order. */
function offer(input: SayInput, lang: Lang, sameDayBare: boolean): string[] {
  const groups: Array<{ day: string; times: string[] }> = [];
  for (const ms of input.alternatives) {
    const day = localDay(ms, input.zone);
    const last = groups.at(-1);
    if (last?.day === day) last.times.push(time(ms, input.zone, lang));
    else groups.push({ day, times: [time(ms, input.zone, lang)] });
  }
  return groups.map((g) => {
    const times = list(g.times, lang);
    if (sameDayBare && g.day === input.day) return times;
    const d = dayPhrase(g.day, input.today, input.zone, lang);
    return lang === 'de' ? `${d} um ${times}` : `${d} at ${times}`;
  });
}

function lead(input: SayInput, lang: Lang): string | undefined {
  const de = lang === 'de';
  const at = input.startMs === undefined ? undefined : time(input.startMs, input.zone, lang);
  const day = dayPhrase(input.day, input.today, input.zone, lang);
  switch (input.policy) {
    case 'min-notice':
      if (input.pastWish) {
        return de ? 'Dieser Zeitpunkt ist leider schon vorbei.' : 'Sorry, that time has passed.';
      }
      return de ? 'Das ist leider zu kurzfristig.' : 'Sorry, that is too short notice.';
    case 'max-days-ahead':
      return de
        ? `So weit im Voraus kann ich leider nicht buchen, höchstens ${String(input.maxDaysAhead)} Tage.`
        : `Sorry, I can only book up to ${String(input.maxDaysAhead)} days ahead.`;
    case 'business-hours':
      if (input.closedDay) {
        return de
          ? `${capital(day)} haben wir leider geschlossen.`
          : `Sorry, we are closed ${/^[A-Z]/.test(day) ? `on ${day}` : day}.`;
      }
      return de
        ? 'Das liegt leider außerhalb unserer Öffnungszeiten.'
        : 'Sorry, that is outside our opening hours.';
    case undefined:
      break;
  }
  if (at !== undefined) return de ? `Um ${at} ist leider schon belegt.` : `Sorry, ${at} is taken.`;
  return undefined;
}

function sentence(input: SayInput, lang: Lang): string {
  const de = lang === 'de';
  if (input.available && input.startMs !== undefined) {
    const day = dayPhrase(input.day, input.today, input.zone, lang);
    const at = time(input.startMs, input.zone, lang);
    return de ? `${capital(day)} um ${at} ist noch frei.` : `${capital(day)} at ${at} is free.`;
  }
  const first = lead(input, lang);
  const parts: string[] = first === undefined ? [] : [first];
  const dateWish = input.startMs === undefined && input.policy === undefined;
  const onWishedDay =
    input.alternatives.length > 0 && localDay(input.alternatives[0] ?? 0, input.zone) === input.day;
  if (input.alternatives.length === 0) {
    parts.push(
      de
        ? 'Leider ist in den nächsten Tagen nichts frei.'
        : 'Sorry, nothing is free in the coming days.',
    );
    return parts.join(' ');
  }
  if (dateWish && onWishedDay) {
    // "Morgen hätte ich 9:00 Uhr, 9:30 Uhr oder 10:00 Uhr frei."
    const [mine = '', ...rest] = offer(input, lang, true);
    const day = capital(dayPhrase(input.day, input.today, input.zone, lang));
    const more = rest.map((r) => `, ${de ? 'oder' : 'or'} ${r}`).join('');
    parts.push(
      de ? `${day} hätte ich ${mine} frei${more}.` : `${day} I could offer ${mine}${more}.`,
    );
    return parts.join(' ');
  }
  if (dateWish) {
    const day = dayPhrase(input.day, input.today, input.zone, lang);
    parts.push(
      de ? `${capital(day)} ist leider nichts mehr frei.` : `Sorry, ${day} is fully booked.`,
    );
  }
  // A start wish names its own day already: alternatives that day are said as bare times.
  const [head = '', ...rest] = offer(input, lang, input.startMs !== undefined);
  const more = rest.map((r) => `, ${de ? 'oder' : 'or'} ${r}`).join('');
  parts.push(de ? `Ich hätte ${head} frei${more}.` : `I could offer ${head}${more}.`);
  return parts.join(' ');
}

/** The spoken answer of a check, in both languages. @internal */
export function sayAvailability(input: SayInput): Spoken {
  return { de: sentence(input, 'de'), en: sentence(input, 'en') };
}
