import { LRUCache } from 'lru-cache';
import { EntryError, MatchInputError } from './errors.js';
import { checkEntry, validateOptions } from './entries.js';
import type { Config } from './entries.js';
import { nicknameIndex, readSnapshot, slotOf, variantsOf, writeSnapshot } from './build.js';
import type { BuildContext } from './build.js';
import type {
  NameIndex,
  NameIndexEvent,
  NameIndexOptions,
  NameIndexSnapshot,
  NameIndexSnapshotV1,
} from './index-types.js';
import { salutationAgainstSpelling } from './salutation.js';
import { BOOKING_WORDS, MAX_QUERY_TOKENS, cachedParser, parseQuery } from './normalize.js';
import type { ParsedQuery } from './normalize.js';
import { Ranker } from './ranker.js';
import { TokenStore } from './store.js';
import type { Slot, Variant } from './store.js';
import type { MatchCandidate, MatchOptions, MatchResult, NameEntry } from './types.js';
import { candidateOf, decide, decideAmbiguous } from './verdict.js';
import type { Ranked } from './verdict.js';

/** Internal state shared by match and refine. */
export interface IndexInternals {
  config: Config;
  slots: Map<string, Slot>;
}

export { spellingSegments } from './clarify.js';

/** Builds candidates for slots of the query and applies verdict logic. */
export class NameIndexImpl implements NameIndex {
  readonly #config: Config;
  readonly #slots = new Map<string, Slot>();
  readonly #store = new TokenStore();
  readonly #ranker = new Ranker(this.#store);
  readonly #cache: LRUCache<string, MatchResult> | undefined;
  /** Build context; its parser memoises while a bulk load runs. */
  readonly #ctx: BuildContext;
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
    this.#ctx = {
      store: this.#store,
      nickIndex: nicknameIndex(config.nicknameGroups),
      parse: (text) => parseQuery(text),
    };
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

  #insert(entry: NameEntry, variants?: Variant[]): void {
    const slot = slotOf(this.#ctx, entry, variants ?? variantsOf(this.#ctx, entry));
    this.#slots.set(entry.id, slot);
    this.#store.attach(slot);
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
        const entry = checkEntry(e, this.#ctx.parse);
        if (this.#slots.has(entry.id)) {
          throw new EntryError('E_DUPLICATE_ID', 'id', `duplicate id ${JSON.stringify(entry.id)}`);
        }
        this.#insert(entry);
      }
    });
  }

  /** Run a bulk load with the memoising name parser. */
  #bulk(run: () => void): void {
    this.#ctx.parse = cachedParser();
    try {
      run();
    } finally {
      this.#ctx.parse = (text) => parseQuery(text);
    }
  }

  /** @internal bulk insert from a snapshot (format 2, or 1 as written before) */
  loadSnapshot(snapshot: NameIndexSnapshot | NameIndexSnapshotV1): void {
    this.#bulk(() => {
      readSnapshot(this.#ctx, snapshot, (entry, variants) => this.#insert(entry, variants));
    });
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
    return writeSnapshot(this.#slots.values());
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
    let result = decide(
      ranked,
      minScore,
      this.#config.ambiguityMargin,
      query,
      truncated,
      parsed,
      limit,
    );
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
      candidates: out.map((x) => candidateOf(x, q)),
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

  /** @internal Ambiguous result over candidates kept by refine. */
  decideAmbiguous(
    candidates: MatchCandidate[],
    base: Pick<MatchResult, 'query' | 'truncated' | 'hints'>,
  ): MatchResult {
    return decideAmbiguous(candidates, base);
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
