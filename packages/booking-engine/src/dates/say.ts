/**
 * Short sentences, German and English, that a voice agent can say when a date or time could
 * not be used. Each asks for what is missing instead of guessing.
 *
 * @internal
 */
import type { Spoken } from '../types.js';
import { monthName, weekdayName } from './instant.js';

/** A calendar day for a sentence. */
export interface SayDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Why a parse failed, with what a sentence may mention. */
export type Failure =
  | { readonly code: 'empty' }
  | { readonly code: 'unrecognised'; readonly detail?: 'week-without-day' | 'period-only' }
  | {
      readonly code: 'invalid-date';
      readonly weekday?: { said: number; actual: number; date: SayDate };
    }
  | { readonly code: 'invalid-time'; readonly detail?: 'midnight' | 'conflict' }
  | { readonly code: 'past'; readonly dateOnly: boolean }
  | {
      readonly code: 'nonexistent-time';
      readonly date: SayDate;
      readonly time: string;
      readonly next: string;
    }
  | { readonly code: 'invalid-context' };

function deDate(d: SayDate): string {
  return `${d.day}. ${monthName(d.month, 'de')} ${d.year}`;
}

function enDate(d: SayDate): string {
  return `${monthName(d.month, 'en')} ${d.day}, ${d.year}`;
}

const FIXED: Readonly<Record<'empty' | 'invalid-context', Spoken>> = {
  empty: {
    de: 'An welchem Tag und um wie viel Uhr hätten Sie gern den Termin?',
    en: 'Which day and time would you like?',
  },
  'invalid-context': {
    de: 'Ich kann das Datum gerade nicht prüfen. Einen Moment bitte.',
    en: "I can't check the date right now. One moment, please.",
  },
};

function unrecognised(detail: 'week-without-day' | 'period-only' | undefined): Spoken {
  if (detail === 'week-without-day') {
    return { de: 'An welchem Tag in der Woche?', en: 'Which day of that week?' };
  }
  if (detail === 'period-only') {
    return { de: 'An welchem Tag und um wie viel Uhr?', en: 'Which day and what time?' };
  }
  return {
    de: 'Das habe ich nicht verstanden. Nennen Sie bitte Tag und Uhrzeit, zum Beispiel morgen um 15 Uhr.',
    en: "Sorry, I didn't get that. Please tell me the day and time, for example tomorrow at 3 pm.",
  };
}

/**
 * The sentence for a failure.
 *
 * @internal
 */
export function sayFailure(f: Failure): Spoken {
  switch (f.code) {
    case 'empty':
    case 'invalid-context':
      return FIXED[f.code];
    case 'unrecognised':
      return unrecognised(f.detail);
    case 'invalid-date': {
      const w = f.weekday;
      if (w === undefined) {
        return {
          de: 'Dieses Datum gibt es nicht. Welchen Tag meinen Sie?',
          en: "That date doesn't exist. Which day do you mean?",
        };
      }
      return {
        de: `Der ${deDate(w.date)} ist ein ${weekdayName(w.actual, 'de')}, kein ${weekdayName(w.said, 'de')}. Welchen Tag meinen Sie?`,
        en: `${enDate(w.date)} is a ${weekdayName(w.actual, 'en')}, not a ${weekdayName(w.said, 'en')}. Which day do you mean?`,
      };
    }
    case 'invalid-time':
      if (f.detail === 'midnight') {
        return {
          de: 'Meinen Sie Mitternacht am Anfang oder am Ende des Tages? Nennen Sie bitte eine Uhrzeit, etwa 23:30 Uhr.',
          en: 'Do you mean midnight at the start or the end of the day? Please give a time, for example 11:30 pm.',
        };
      }
      return {
        de: 'Diese Uhrzeit gibt es nicht. Um wie viel Uhr genau?',
        en: "That time doesn't exist. What time exactly?",
      };
    case 'past':
      return f.dateOnly
        ? {
            de: 'Dieser Tag liegt in der Vergangenheit. Welcher Tag passt Ihnen?',
            en: 'That day is in the past. Which day suits you?',
          }
        : {
            de: 'Dieser Zeitpunkt ist schon vorbei. Welcher Tag und welche Uhrzeit passen Ihnen?',
            en: 'That time has already passed. Which day and time suit you?',
          };
    case 'nonexistent-time':
      return {
        de: `Am ${deDate(f.date)} gibt es ${f.time} Uhr wegen der Zeitumstellung nicht. Passt Ihnen ${f.next} Uhr?`,
        en: `Because of the clock change, ${f.time} doesn't exist on ${enDate(f.date)}. Would ${f.next} work?`,
      };
  }
}
