import type { Locale, Spoken } from '../types.js';

/** What {@link parseSpokenDateTime} reads: a whole phrase, or the date and time fields an LLM filled. */
export type SpokenDateTimeInput =
  | string
  | {
      /** `24.10.`, `morgen`, `nächsten Dienstag`, `2026-10-24` … (German agents: `datum`). */
      readonly date?: string | undefined;
      /** `14:30`, `halb drei`, `4pm` … (German agents: `uhrzeit`). */
      readonly time?: string | undefined;
    };

/** Where and when the phrase was said. */
export interface SpokenDateTimeContext {
  /** The present instant. */
  readonly now: Date;
  /** IANA zone the phrase means, e.g. `Europe/Berlin`. */
  readonly zone: string;
  /** Language of the phrase (`de`: `morgen um drei`, `en`: `tomorrow at three`). */
  readonly locale: Locale;
}

/** Stable codes of a failed parse. */
export type SpokenDateTimeErrorCode =
  | 'empty'
  | 'unrecognised'
  | 'invalid-date'
  | 'invalid-time'
  | 'past'
  | 'nonexistent-time'
  | 'invalid-context';

/** Answer of {@link parseSpokenDateTime}. */
export type SpokenDateTimeResult =
  | {
      /** The phrase named a day (and maybe a time). */
      readonly ok: true;
      /** Local date in the zone, `YYYY-MM-DD`. */
      readonly date: string;
      /** ISO 8601 with milliseconds and the zone's offset, when a time was said. */
      readonly start?: string | undefined;
    }
  | {
      /** The phrase could not be read as a day, or names a past or impossible one. */
      readonly ok: false;
      /** Why; see {@link SpokenDateTimeErrorCode}. */
      readonly code: SpokenDateTimeErrorCode;
      /** A question back to the caller (`Welchen Tag meinen Sie?`). */
      readonly say: Spoken;
    };
