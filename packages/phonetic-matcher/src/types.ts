/**
 * Gender of an entry, as used by salutations: `m` (Herr/Mr), `f` (Frau/Mrs/Ms), `x` (neither).
 *
 * @example
 * ```ts
 * const g: EntryGender = 'f';
 * ```
 */
export type EntryGender = 'm' | 'f' | 'x';

/**
 * One thing a caller may name: a staff member, a customer, a service. Only `id` and `name` are
 * required; the rest helps resolve sound-alikes.
 *
 * @example
 * ```ts
 * const entry: NameEntry = {
 *   id: 'staff-1',
 *   name: 'Dr. Stefan Schmidt',
 *   firstName: 'Stefan',
 *   lastName: 'Schmidt',
 *   title: 'Dr.',
 *   gender: 'm',
 *   role: 'staff',
 *   aliases: ['Steff'],
 * };
 * ```
 */
export interface NameEntry {
  /** Stable id, unique within one index. Returned in every candidate. */
  id: string;
  /** Display name as the agent should say it, e.g. `Dr. Stefan Schmidt` or `Haarschnitt`. */
  name: string;
  /** Other names the entry answers to (nicknames, maiden names, service synonyms). */
  aliases?: readonly string[] | undefined;
  /** Given name, if known separately; improves first-name-only and nickname matching. */
  firstName?: string | undefined;
  /** Family name, if known separately. */
  lastName?: string | undefined;
  /** Academic title such as `Dr.` or `Prof.`; "Doktor Meyer" prefers entries with one. */
  title?: string | undefined;
  /** Gender used by salutations: "Herr" prefers `m`, "Frau" prefers `f`. */
  gender?: EntryGender | undefined;
  /** Free-form role such as `staff`, `customer` or a job word (`Arzt`); "den Arzt" matches it. */
  role?: string | undefined;
}

/**
 * Verdict of a match: `match` (one confident candidate), `ambiguous` (two or more close), `none`.
 *
 * @example
 * ```ts
 * if (index.match('Meier').verdict === 'ambiguous') ask();
 * ```
 */
export type MatchVerdict = 'match' | 'ambiguous' | 'none';

/**
 * Why a candidate matched: `exact` (same normalised name), `alias`, `nickname` (hypocorism table),
 * `phonetic` (same phonetic key, different spelling), `fuzzy` (string similarity only),
 * `partial` (first-name-only or last-name-only query), `refined` (kept by a caller's answer).
 *
 * @example
 * ```ts
 * index.match('Frau Maier').best?.reason; // 'phonetic'
 * ```
 */
export type MatchReason =
  'exact' | 'alias' | 'nickname' | 'phonetic' | 'fuzzy' | 'partial' | 'refined';

/**
 * One ranked candidate. Plain JSON.
 *
 * @example
 * ```ts
 * // { id: 'st', name: 'Dr. Stefan Schmidt', score: 0.95, reason: 'partial', matched: 'Dr. Stefan Schmidt', … }
 * const c: MatchCandidate | undefined = index.match('Herr Schmidt').best;
 * ```
 */
export interface MatchCandidate {
  /** The entry's id. */
  id: string;
  /** The entry's display name. */
  name: string;
  /** Similarity in [0, 1]; 1 is an exact match of the normalised name. */
  score: number;
  /** Why it matched. */
  reason: MatchReason;
  /** Which of the entry's names matched (the name itself, an alias or a nickname form). */
  matched: string;
  /** The entry's title, gender and role, copied so a later turn needs no index look-up. */
  title?: string | undefined;
  /** The entry's gender, for the salutation in a clarifying question. */
  gender?: EntryGender | undefined;
  /** The entry's role (`staff`, `Arzt`), to tell two people of one name apart. */
  role?: string | undefined;
  /** The entry's given name, when it has one. */
  firstName?: string | undefined;
  /** The entry's family name (or its only name). */
  lastName?: string | undefined;
}

/**
 * Ready-to-say question that tells ambiguous candidates apart, in German and English.
 *
 * @example
 * ```ts
 * // { de: 'Meinen Sie Dr. Stefan Schmidt oder Sandra Schmitt?', en: 'Do you mean …?',
 * //   spellingDe: 'Schmidt mit d-t oder Schmitt mit zwei t?', spellingEn: '…' }
 * ```
 */
export interface Clarification {
  /** German question naming the candidates. */
  de: string;
  /** English question naming the candidates. */
  en: string;
  /** German question about the spelling, when the candidates differ only in spelling. */
  spellingDe?: string | undefined;
  /** English question about the spelling. */
  spellingEn?: string | undefined;
  /** What tells each candidate apart (title, first name, gender, spelling difference). */
  differences: CandidateDifference[];
}

/**
 * What tells one ambiguous candidate apart from the others.
 *
 * @example
 * ```ts
 * // { id: 'st', label: 'Dr. Stefan Schmidt', spelling: 'dt' }
 * index.match('Schmidt').clarification?.differences[0];
 * ```
 */
export interface CandidateDifference {
  /** Candidate id. */
  id: string;
  /** Short spoken label, e.g. `Dr. Stefan Schmidt`. */
  label: string;
  /** The letters in which its spelling differs, e.g. `dt` for Schmidt vs `tt` for Schmitt. */
  spelling?: string | undefined;
}

/**
 * Result of {@link NameIndex.match} or {@link NameIndex.refine}. Plain JSON: it can be stored
 * between the turns of a call and passed back to `refine`.
 *
 * @example
 * ```ts
 * const r: MatchResult = index.match('Schmidt');
 * const stored = JSON.stringify(r); // carry across turns
 * index.refine(JSON.parse(stored) as MatchResult, 'mit d-t');
 * ```
 */
export interface MatchResult {
  /** Confident match, ambiguous, or none. */
  verdict: MatchVerdict;
  /** The best candidate when `verdict` is `match`. */
  best?: MatchCandidate | undefined;
  /** Ranked candidates, best first, at most `limit`. */
  candidates: MatchCandidate[];
  /** The (possibly truncated) query text. */
  query: string;
  /** True if the query was longer than `maxInputChars` and was cut. */
  truncated: boolean;
  /** Hints read from the query: salutation gender and title. */
  hints: {
    /** `f` after `Frau`/`Mrs`, `m` after `Herr`/`Mr`; missing without a salutation. */
    gender?: 'm' | 'f' | undefined;
    /** A title said before the name (`Dr.`). */
    title?: string | undefined;
  };
  /** When ambiguous: what to ask the caller. */
  clarification?: Clarification | undefined;
}

/**
 * Per-call options of {@link NameIndex.match}.
 *
 * @example
 * ```ts
 * index.match('Meyer', { limit: 3, minScore: 0.9 });
 * ```
 */
export interface MatchOptions {
  /**
   * Maximum number of candidates returned.
   * @default the index's `limit` (5)
   */
  limit?: number | undefined;
  /**
   * Minimum score for a candidate to be returned and for a `match` verdict.
   * @default the index's `minScore` (0.82)
   */
  minScore?: number | undefined;
  /**
   * Longer queries are truncated to this many characters before matching (spoken names are
   * short; this bounds the work for any input). `truncated` tells when it happened.
   * @default the index's `maxInputChars` (200)
   */
  maxInputChars?: number | undefined;
}
