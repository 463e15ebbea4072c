/**
 * Public types of the name index: options, events, the index interface and its snapshot formats.
 */
import type { MatchOptions, MatchResult, NameEntry } from './types.js';

/**
 * Event emitted through {@link NameIndexOptions.onEvent}. Carries no names, only figures.
 *
 * @example
 * ```ts
 * createNameIndex(staff, {
 *   onEvent: (e) => { if (e.type === 'match') histogram.observe(e.durationMs); },
 * });
 * ```
 */
export type NameIndexEvent =
  | {
      /** A `match` call answered. */
      type: 'match';
      /** The answer's verdict. */
      verdict: MatchResult['verdict'];
      /** How many candidates it returned. */
      candidates: number;
      /** Whether it came from the query cache. */
      cached: boolean;
      /** Time the match took, ms. */
      durationMs: number;
    }
  | {
      /** A `refine` call (a clarifying answer) answered. */
      type: 'refine';
      /** The answer's verdict. */
      verdict: MatchResult['verdict'];
      /** How many candidates remain. */
      candidates: number;
    }
  | {
      /** Entries were added, replaced or removed. */
      type: 'entries-changed';
      /** Entries in the index now. */
      size: number;
    };

/**
 * Options of {@link createNameIndex} and {@link loadNameIndex}.
 *
 * @example
 * ```ts
 * createNameIndex(staff, { minScore: 0.85, cacheSize: 500, nicknames: [['Ottokar', 'Okki']] });
 * ```
 */
export interface NameIndexOptions {
  /**
   * Default maximum number of candidates returned by `match`.
   * @default 5
   */
  limit?: number | undefined;
  /**
   * Default minimum score (0..1) for a candidate to be returned and to be a `match`.
   * @default 0.82
   */
  minScore?: number | undefined;
  /**
   * Two candidates whose scores differ by less than this are `ambiguous`.
   * @default 0.04
   */
  ambiguityMargin?: number | undefined;
  /**
   * Entries of recent resolutions kept in the LRU cache; 0 disables the cache. The cache is
   * cleared whenever entries change.
   * @default 1000
   */
  cacheSize?: number | undefined;
  /**
   * Queries are truncated to this many characters.
   * @default 200
   */
  maxInputChars?: number | undefined;
  /**
   * Extra hypocorism groups, e.g. `[['Hansi', 'Johannes', 'Hans']]`; merged with the shipped
   * German/English table. Set {@link NameIndexOptions.builtinNicknames} to false to use only yours.
   * @default []
   */
  nicknames?: readonly (readonly string[])[] | undefined;
  /**
   * Whether the shipped hypocorism table is used.
   * @default true
   */
  builtinNicknames?: boolean | undefined;
  /**
   * Receives figures about matches (never names). Errors thrown by the listener are swallowed.
   * @default undefined
   */
  onEvent?: ((event: NameIndexEvent) => void) | undefined;
}

/**
 * Serialised index written by {@link NameIndex.toJSON}, read by {@link loadNameIndex}.
 *
 * @example
 * ```ts
 * const snap: NameIndexSnapshot = index.toJSON();
 * const copy = loadNameIndex(snap);
 * ```
 */
export interface NameIndexSnapshot {
  /** Snapshot format version. */
  version: 2;
  /**
   * Each distinct word once with its precomputed phonetic keys (loaded as they are): the word,
   * Kölner Phonetik, Double Metaphone primary and secondary, NYSIIS, sound spelling.
   */
  tokens: string[][];
  /** Entries with their indexed forms. */
  entries: {
    /** The entry as given. */
    entry: NameEntry;
    /** Every spoken form of the entry (name, aliases, nickname forms) with its tokens. */
    variants: {
      /** The form as given; absent for a nickname form, whose text is its words. */
      text?: string;
      /** Which name it is: `name`, `alias` or `nickname`. */
      kind: string;
      /** Per word: its index in `tokens`. */
      tokens: number[];
    }[];
  }[];
}

/**
 * The snapshot format written before version 2 (every word's keys repeated per entry); still
 * read by {@link loadNameIndex}.
 *
 * @example
 * ```ts
 * const old = JSON.parse(storedJson) as NameIndexSnapshotV1;
 * const index = loadNameIndex(old);
 * ```
 */
export interface NameIndexSnapshotV1 {
  /** Snapshot format version. */
  version: 1;
  /** Entries with their precomputed tokens and phonetic keys. */
  entries: {
    /** The entry as given. */
    entry: NameEntry;
    /** Every spoken form of the entry with its tokens. */
    variants: {
      /** The form. */
      text: string;
      /** Which name it is: `name`, `alias` or `nickname`. */
      kind: string;
      /** Per word: the word, then its precomputed phonetic keys. */
      tokens: string[][];
    }[];
  }[];
}

/**
 * A phonetic name index. Create it with {@link createNameIndex}; mutate it with
 * `add`/`remove`/`update`; share it with `toJSON` + {@link loadNameIndex}.
 *
 * @example
 * ```ts
 * const index: NameIndex = createNameIndex([{ id: 'a', name: 'Petra Meyer' }]);
 * index.add({ id: 'b', name: 'Paul Maier' });
 * index.match('Meier').verdict; // 'ambiguous'
 * ```
 */
export interface NameIndex {
  /** Number of entries. */
  readonly size: number;
  /**
   * Resolve a spoken or transcribed name. Never throws for a string input; throws
   * {@link MatchInputError} for a non-string.
   *
   * @param spoken - what the caller said, or the ASR transcript of it.
   * @param options - per-call `limit` and `minScore`.
   * @returns the verdict (`match`, `ambiguous`, `none`), the ranked candidates and, when
   *   ambiguous, a question that tells them apart.
   * @example
   * ```ts
   * const r = index.match('Frau Meier');
   * if (r.verdict === 'match') book(r.best!.id);
   * else if (r.verdict === 'ambiguous') say(r.clarification!.de);
   * ```
   */
  match(spoken: string, options?: MatchOptions): MatchResult;
  /**
   * Narrow a previous `ambiguous` (or `match`) result with the caller's answer: a first name, a
   * title or role, spelled letters, spelling-alphabet words, or "mit d-t". Stateless: the
   * previous result goes in, a new one comes out; the result only ever contains candidates of
   * the previous result.
   *
   * @param previous - the result being narrowed.
   * @param answer - the caller's answer to its clarifying question.
   * @returns a new result over the previous candidates.
   * @example
   * ```ts
   * const first = index.match('Frau Schmidt'); // ambiguous
   * const second = index.refine(first, 'S C H M I T T'); // match
   * ```
   */
  refine(previous: MatchResult, answer: string): MatchResult;
  /**
   * Add an entry.
   * @param entry - the new entry; its `id` must be new.
   * @throws {@link EntryError} if the id exists or the entry is malformed.
   */
  add(entry: NameEntry): void;
  /**
   * Remove an entry by id.
   * @param id - the entry's id.
   * @returns `false` if it was not present.
   */
  remove(id: string): boolean;
  /**
   * Replace the entry with the same id (adds it if absent).
   * @param entry - the entry in its new form.
   * @throws {@link EntryError} if the entry is malformed.
   */
  update(entry: NameEntry): void;
  /**
   * Look up an entry by id.
   * @param id - the entry's id.
   * @returns the entry as given, or `undefined`.
   */
  get(id: string): NameEntry | undefined;
  /** Plain-JSON snapshot with precomputed keys, for {@link loadNameIndex}. */
  toJSON(): NameIndexSnapshot;
}
