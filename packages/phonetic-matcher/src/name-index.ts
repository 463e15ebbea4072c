import { LRUCache } from 'lru-cache';
import { EntryError, MatchInputError, SnapshotError } from './errors.js';
import { checkEntry, kindOf, validateOptions } from './entries.js';
import { salutationAgainstSpelling } from './salutation.js';
import type { Config } from './entries.js';
import { clarify } from './clarify.js';
import {
  BOOKING_WORDS,
  MAX_QUERY_TOKENS,
  cachedParser,
  foldText,
  parseQuery,
  soundKey,
} from './normalize.js';
import type { KeyedToken, ParsedQuery } from './normalize.js';
import { Ranker } from './ranker.js';
import type { Scored } from './ranker.js';
import { TokenStore } from './store.js';
import type { Slot, Tok, Variant } from './store.js';
import type { MatchCandidate, MatchOptions, MatchReason, MatchResult, NameEntry } from './types.js';

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
 * @internal Ranked candidates of one query, and the evidence for the weakest name part of the best
 * one: the similarity of the least similar query token of its best variant.
 */
interface Ranked {
  candidates: MatchCandidate[];
  topWeakest: number;
  /** `partEvidence` of the best candidate's weakest part. */
  topEvidence: number;
}

/** Internal state shared by match and refine. */
export interface IndexInternals {
  config: Config;
  slots: Map<string, Slot>;
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
   * @example
   * ```ts
   * const first = index.match('Frau Schmidt'); // ambiguous
   * const second = index.refine(first, 'S C H M I T T'); // match
   * ```
   */
  refine(previous: MatchResult, answer: string): MatchResult;
  /** Add an entry; throws {@link EntryError} if the id exists or the entry is malformed. */
  add(entry: NameEntry): void;
  /** Remove an entry by id; returns false if it was not present. */
  remove(id: string): boolean;
  /** Replace the entry with the same id (adds it if absent). */
  update(entry: NameEntry): void;
  /** Look up an entry by id. */
  get(id: string): NameEntry | undefined;
  /** Plain-JSON snapshot with precomputed keys, for {@link loadNameIndex}. */
  toJSON(): NameIndexSnapshot;
}

/** Shared empty role of entries without one. */
const NO_ROLE: string[] = [];

/** The text of a variant: as given, or its tokens for a nickname form. */
export function textOf(v: Variant): string {
  return v.text ?? v.tokens.map((t) => t.t).join(' ');
}

export { labelOf, sayLetters, spellingSegments } from './clarify.js';

/** Similarity every name part said must reach for a confident `match`. */
const CONFIDENT_PART = 0.82;
/**
 * `partEvidence` every name part said must have for a confident `match`: the same sound,
 * or one sound apart. A part that is only similar (Bruno for Braun, Martínez for Martin) is
 * asked about, never guessed.
 */
const CONFIDENT_EVIDENCE = 1;

/** Builds candidates for slots of the query and applies verdict logic. */
export class NameIndexImpl implements NameIndex {
  readonly #config: Config;
  readonly #slots = new Map<string, Slot>();
  readonly #store = new TokenStore();
  readonly #ranker = new Ranker(this.#store);
  readonly #cache: LRUCache<string, MatchResult> | undefined;
  readonly #nickIndex = new Map<string, string[]>();
  readonly #refine: (index: NameIndexImpl, previous: MatchResult, answer: string) => MatchResult;

  constructor(
    config: Config,
    refine: (index: NameIndexImpl, previous: MatchResult, answer: string) => MatchResult,
  ) {
    this.#config = config;
    this.#refine = refine;
    this.#cache =
      config.cacheSize > 0
        ? new LRUCache<string, MatchResult>({ max: config.cacheSize })
        : undefined;
    for (const group of config.nicknameGroups) {
      for (const n of group) {
        const others = group.filter((o) => o !== n);
        const prev = this.#nickIndex.get(n);
        this.#nickIndex.set(n, prev ? [...new Set([...prev, ...others])] : others);
      }
    }
  }

  /** @internal */
  get config(): Config {
    return this.#config;
  }

  get size(): number {
    return this.#slots.size;
  }

  #emit(event: NameIndexEvent): void {
    if (!this.#config.onEvent) return;
    try {
      this.#config.onEvent(event);
    } catch {
      // listener errors must not break matching
    }
  }

  /** Parser of entry names: memoising while a bulk load runs, plain otherwise. */
  #parseName: (text: string) => ParsedQuery = (text) => parseQuery(text);

  #variantsOf(entry: NameEntry): Variant[] {
    const out: Variant[] = [];
    const parse = this.#parseName;
    const push = (text: string, kind: Variant['kind'], keepText = true): void => {
      const toks = parse(text).tokens;
      if (toks.length === 0) return;
      if (
        out.some(
          (v) => v.tokens.length === toks.length && v.tokens.every((t, i) => t.t === toks[i]),
        )
      ) {
        return;
      }
      const tokens = toks.map((t) => this.#store.intern(t));
      out.push(keepText ? { text, kind, tokens } : { kind, tokens });
    };
    push(entry.name, 'name');
    if (entry.firstName !== undefined && entry.lastName !== undefined) {
      push(`${entry.firstName} ${entry.lastName}`, 'name');
    }
    const firstToks = parse(entry.firstName ?? '').tokens;
    const lastToks = entry.lastName !== undefined ? parse(entry.lastName).tokens : undefined;
    // A compound first name said as one word (Hans-Peter → Hanspeter, Anne Marie → Annemarie).
    if (firstToks.length >= 2) {
      push([firstToks.join(''), ...(lastToks ?? [])].join(' '), 'name');
    }
    for (const a of entry.aliases ?? []) push(a, 'alias');
    // Nickname forms: replace the first name by each of its hypocorisms (their text is the
    // tokens, not stored twice).
    const first =
      entry.firstName !== undefined ? (foldText(entry.firstName).split(' ')[0] ?? '') : '';
    const base = out[0]?.tokens.map((t) => t.t) ?? [];
    const firstTok = first !== '' ? first : base.length > 1 ? (base[0] ?? '') : '';
    const nicks = this.#nickIndex.get(firstTok);
    if (nicks) {
      const last = lastToks ?? base.filter((t) => t !== firstTok);
      for (const n of nicks) push([n, ...last].join(' '), 'nickname', false);
    }
    return out;
  }

  #insert(entry: NameEntry, variants?: Variant[]): void {
    const vs = variants ?? this.#variantsOf(entry);
    const toks: Tok[] = [];
    let minLen = Infinity;
    for (const v of vs) {
      for (const t of v.tokens) if (!toks.includes(t)) toks.push(t);
      minLen = Math.min(minLen, v.tokens.length);
    }
    // exact-length copies: arrays grown by push keep spare capacity (~100 bytes an entry)
    const slot: Slot = {
      entry,
      variants: vs.slice(),
      toks: toks.slice(),
      minLen: Number.isFinite(minLen) ? minLen : 0,
      gender: entry.gender,
      title: this.#titleOf(entry),
      roleTokens:
        entry.role !== undefined ? foldText(entry.role).split(' ').filter(Boolean) : NO_ROLE,
      mark: 0,
      mask: 0,
    };
    this.#slots.set(entry.id, slot);
    this.#store.attach(slot);
  }

  #titleOf(entry: NameEntry): 'dr' | 'prof' | undefined {
    const parse = this.#parseName;
    return parse(entry.title ?? '').title ?? parse(entry.name).title;
  }

  /** @internal Whether some entry carries this exact (folded) token. */
  hasToken(text: string): boolean {
    return this.#store.has(text);
  }

  #changed(): void {
    this.#cache?.clear();
    this.#emit({ type: 'entries-changed', size: this.#slots.size });
  }

  /** @internal bulk insert without per-entry events */
  load(entries: readonly NameEntry[]): void {
    this.#bulk(() => {
      for (const e of entries) {
        const entry = checkEntry(e, this.#parseName);
        if (this.#slots.has(entry.id)) {
          throw new EntryError('E_DUPLICATE_ID', 'id', `duplicate id ${JSON.stringify(entry.id)}`);
        }
        this.#insert(entry);
      }
    });
  }

  /** Run a bulk load with the memoising name parser. */
  #bulk(run: () => void): void {
    this.#parseName = cachedParser();
    try {
      run();
    } finally {
      this.#parseName = (text) => parseQuery(text);
    }
  }

  /** @internal bulk insert from a snapshot (format 2, or 1 as written before) */
  loadSnapshot(snapshot: NameIndexSnapshot | NameIndexSnapshotV1): void {
    this.#bulk(() => {
      if (snapshot.version === 1) {
        for (const item of snapshot.entries) {
          const variants: Variant[] = item.variants.map((v) => ({
            text: v.text,
            kind: kindOf(v.kind),
            tokens: v.tokens.map((k) => this.#internKeyed(k)),
          }));
          this.#insert(checkEntry(item.entry, this.#parseName), variants);
        }
        return;
      }
      const toks = snapshot.tokens.map((k) => this.#internKeyed(k));
      for (const item of snapshot.entries) {
        const variants: Variant[] = item.variants.map((v) => {
          const tokens = v.tokens.map((i) => {
            const t = toks[i];
            if (t === undefined) throw new SnapshotError(`token ${String(i)} is not in the table`);
            return t;
          });
          const kind = kindOf(v.kind);
          return v.text !== undefined ? { text: v.text, kind, tokens } : { kind, tokens };
        });
        this.#insert(checkEntry(item.entry, this.#parseName), variants);
      }
    });
  }

  /** Intern a token with the keys a snapshot stored (the sound key recomputed when absent). */
  #internKeyed(k: readonly string[]): Tok {
    const [t = '', c = '', m1 = '', m2 = '', n = '', s] = k;
    return this.#store.intern(t, () => ({ t, c, m1, m2, n, s: s ?? soundKey(t) }));
  }

  add(entry: NameEntry): void {
    const e = checkEntry(entry);
    if (this.#slots.has(e.id)) {
      throw new EntryError('E_DUPLICATE_ID', 'id', `duplicate id ${JSON.stringify(e.id)}`);
    }
    this.#insert(e);
    this.#changed();
  }

  remove(id: string): boolean {
    const slot = this.#slots.get(id);
    if (!slot) return false;
    this.#store.detach(slot);
    this.#slots.delete(id);
    this.#changed();
    return true;
  }

  update(entry: NameEntry): void {
    const e = checkEntry(entry);
    this.remove(e.id);
    this.#insert(e);
    this.#changed();
  }

  get(id: string): NameEntry | undefined {
    return this.#slots.get(id)?.entry;
  }

  /** @internal */
  slot(id: string): Slot | undefined {
    return this.#slots.get(id);
  }

  toJSON(): NameIndexSnapshot {
    const ids = new Map<Tok, number>();
    const tokens: string[][] = [];
    const idOf = (t: Tok): number => {
      let i = ids.get(t);
      if (i === undefined) {
        i = tokens.length;
        ids.set(t, i);
        tokens.push([t.t, t.c, t.m1, t.m2, t.n, t.s]);
      }
      return i;
    };
    const entries = [...this.#slots.values()].map((s) => ({
      entry: s.entry,
      variants: s.variants.map((v) => ({
        ...(v.text !== undefined ? { text: v.text } : {}),
        kind: v.kind,
        tokens: v.tokens.map(idOf),
      })),
    }));
    return { version: 2, tokens, entries };
  }

  match(spoken: string, options: MatchOptions = {}): MatchResult {
    if (typeof spoken !== 'string') throw new MatchInputError('spoken must be a string');
    const start = performance.now();
    const limit = options.limit ?? this.#config.limit;
    const minScore = options.minScore ?? this.#config.minScore;
    const maxChars = options.maxInputChars ?? this.#config.maxInputChars;
    const truncated = spoken.length > maxChars;
    const query = truncated ? spoken.slice(0, maxChars) : spoken;
    const parsed = this.#parse(query);
    const cacheKey = `${String(limit)}|${String(minScore)}|${parsed.gender ?? ''}|${parsed.title ?? ''}|${parsed.tokens.join(' ')}`;
    const cached = this.#cache?.get(cacheKey);
    if (cached) {
      const result = { ...cached, query, truncated };
      this.#emit({
        type: 'match',
        verdict: result.verdict,
        candidates: result.candidates.length,
        cached: true,
        durationMs: performance.now() - start,
      });
      return result;
    }
    const ranked = this.#rankWithJoins(parsed, minScore, limit);
    let result = this.decide(ranked, minScore, query, truncated, parsed, limit);
    if (parsed.gender !== undefined && parsed.title === undefined) {
      const plain = (): MatchCandidate[] =>
        this.rank({ ...parsed, gender: undefined }, minScore, limit).candidates;
      result = salutationAgainstSpelling(result, parsed, minScore, limit, plain);
    }
    this.#cache?.set(cacheKey, result);
    this.#emit({
      type: 'match',
      verdict: result.verdict,
      candidates: result.candidates.length,
      cached: false,
      durationMs: performance.now() - start,
    });
    return result;
  }

  /** Parse a query; booking words no entry carries ("Termin bei …", "ich möchte zu …") go. */
  #parse(query: string): ParsedQuery {
    const p = parseQuery(query, 4 * MAX_QUERY_TOKENS);
    const kept = p.tokens.filter((t) => !BOOKING_WORDS.has(t) || this.#store.has(t));
    return { ...p, tokens: (kept.length > 0 ? kept : p.tokens).slice(0, MAX_QUERY_TOKENS) };
  }

  /**
   * Rank, and when nothing fits confidently retry with split words joined: "Dauer welle",
   * "Anne Marie" for Annemarie (one pair of neighbours at a time, then all tokens).
   */
  #rankWithJoins(parsed: ParsedQuery, minScore: number, limit: number): Ranked {
    let ranked = this.rank(parsed, minScore, limit);
    const fits = (r: Ranked): number =>
      (r.candidates[0]?.score ?? 0) - (r.topWeakest < minScore ? 0.05 : 0);
    if (parsed.tokens.length < 2 || (fits(ranked) >= minScore && ranked.topWeakest >= minScore)) {
      return ranked;
    }
    const t = parsed.tokens;
    const tries: string[][] = [t.join('')].map((x) => [x]);
    if (t.length >= 3) {
      for (let i = 0; i + 1 < t.length; i++) {
        tries.push([...t.slice(0, i), `${t[i] ?? ''}${t[i + 1] ?? ''}`, ...t.slice(i + 2)]);
      }
    }
    for (const tokens of tries) {
      const alt = this.rank({ ...parsed, tokens }, minScore, limit);
      if (fits(alt) > fits(ranked)) ranked = alt;
    }
    return ranked;
  }

  refine(previous: MatchResult, answer: string): MatchResult {
    const result = this.#refine(this, previous, answer);
    this.#emit({ type: 'refine', verdict: result.verdict, candidates: result.candidates.length });
    return result;
  }

  /** @internal Rank entries for a parsed query. */
  rank(parsed: ParsedQuery, minScore: number, limit: number): Ranked {
    if (parsed.tokens.length === 0) return { candidates: [], topWeakest: 1, topEvidence: 2 };
    const q = parsed.tokens.map((t) => this.#store.keyed(t));
    const out = this.#ranker.rank(q, parsed, Math.max(limit, 2) + 3, minScore - 0.15);
    return {
      candidates: out.map((x) => this.candidateOf(x, q)),
      topWeakest: out[0]?.weakest ?? 1,
      topEvidence: out[0]?.evidence ?? 2,
    };
  }

  /** @internal How many entries the last ranking scored (blocking efficiency, for tests). */
  get lastScored(): number {
    return this.#ranker.lastScored;
  }

  /** @internal */
  get rankStats(): { toks: number; visited: number; cands: number } {
    return this.#ranker.stats;
  }

  /** @internal The public candidate of a scored entry. */
  candidateOf(x: Scored, q: KeyedToken[]): MatchCandidate {
    const v = x.variant;
    const exactTokens = q.every((t) => v.tokens.some((e) => e.t === t.t));
    const reason: MatchReason =
      v.kind === 'alias'
        ? 'alias'
        : v.kind === 'nickname'
          ? 'nickname'
          : x.partial
            ? 'partial'
            : exactTokens
              ? 'exact'
              : x.phonetic
                ? 'phonetic'
                : 'fuzzy';
    const e = x.slot.entry;
    const cand: MatchCandidate = {
      id: e.id,
      name: e.name,
      score: x.score,
      reason,
      matched: textOf(v),
      title: e.title,
      gender: e.gender,
      role: e.role,
      firstName: e.firstName,
      lastName: e.lastName,
    };
    return cand;
  }

  /** @internal Ambiguous result over candidates kept by refine. */
  decideAmbiguous(
    candidates: MatchCandidate[],
    base: Pick<MatchResult, 'query' | 'truncated' | 'hints'>,
  ): MatchResult {
    return { verdict: 'ambiguous', candidates, ...base, clarification: clarify(candidates) };
  }

  /** @internal Verdict from ranked candidates. */
  decide(
    ranked: Ranked,
    minScore: number,
    query: string,
    truncated: boolean,
    parsed: Pick<ParsedQuery, 'gender' | 'title'> & { tokens?: string[] },
    limit: number,
  ): MatchResult {
    const kept = ranked.candidates.filter((c) => c.score >= minScore).slice(0, limit);
    const hints = { gender: parsed.gender, title: parsed.title };
    const top = kept[0];
    if (!top) return { verdict: 'none', candidates: [], query, truncated, hints };
    const close = kept.filter((c) => top.score - c.score < this.#config.ambiguityMargin);
    // A confident match needs every name part said to fit on its own, not just on average: a
    // shared first name must not carry a loosely similar last name ("Lana Vass" is not "Lana
    // Weis"). Such a best candidate is returned for the caller to confirm.
    // Every part must fit closely for a confident answer, and sound like what was said (Bruno is
    // not Braun, Martínez not Martin: asked, not guessed). Two entries that sound alike are
    // always asked about, even when one is spelled exactly as the transcript has it: ASR cannot
    // hear Schmidt from Schmitt, so the spelling it chose decides nothing.
    const weak =
      ranked.topWeakest < Math.max(minScore, CONFIDENT_PART) ||
      ranked.topEvidence < CONFIDENT_EVIDENCE;
    if (close.length >= 2 || weak) {
      return {
        verdict: 'ambiguous',
        candidates: kept,
        query,
        truncated,
        hints,
        clarification: clarify(close),
      };
    }
    return { verdict: 'match', best: top, candidates: kept, query, truncated, hints };
  }
}

/**
 * Build a phonetic name index over staff, customers or services.
 *
 * @throws {@link MatcherConfigError} for invalid options, {@link EntryError} for a malformed entry
 * or a duplicate id.
 * @example
 * ```ts
 * const index = createNameIndex([
 *   { id: 's1', name: 'Petra Meyer' },
 *   { id: 's2', name: 'Haarschnitt', aliases: ['Haare schneiden'] },
 * ]);
 * index.match('Frau Maier').best?.id; // 's1'
 * ```
 */
export function createNameIndexWith(
  entries: readonly NameEntry[],
  options: NameIndexOptions,
  builtinNicknames: readonly (readonly string[])[],
  refine: (index: NameIndexImpl, previous: MatchResult, answer: string) => MatchResult,
): NameIndexImpl {
  const index = new NameIndexImpl(validateOptions(options, builtinNicknames), refine);
  index.load(entries);
  return index;
}
