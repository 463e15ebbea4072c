/**
 * Candidate generation and scoring. Blocking is on what is rare in the query: each query token
 * reaches the distinct indexed tokens sharing a phonetic key with it; the entries of the rarest
 * query token are checked for the other tokens' hits (an intersection of postings, by
 * pigeonhole widened one token at a time only when no entry is hit by every part); candidates
 * are then visited best upper bound first and scoring stops once the bound cannot beat the
 * results already held. Scoring one entry is in `score.ts`,
 * per-word similarity and evidence in `similarity.ts`.
 *
 * @internal
 */
import { blockingKeys } from './normalize.js';
import type { KeyedToken, ParsedQuery } from './normalize.js';
import type { Slot, Tok, TokenStore } from './store.js';
import { Held } from './held.js';
import { MAXQ, adjustForHints, scoreSlot } from './score.js';
import type { Scored } from './score.js';
import { mostAgreeing, tokenSim } from './similarity.js';

export type { Scored } from './score.js';

/** Upper bound assumed for a query part no token of the entry shares a phonetic key with. */
const UNHIT_BOUND = 0.9;
/** Entries scored at most when some entry is hit by every part of the query. */
const CAP_FULL = 64;
/** Entries visited at most when no entry is hit by every part (a part misheard or foreign). */
const VISIT_PARTIAL = 64;
/** Entries scored at most then. */
const CAP_PARTIAL = 6;
/** A part's token less similar than this does not count as a hit (noise sharing a short key). */
const PART_FLOOR = 0.7;
/** Entries more than this below the best are not searched for. */
const REACH = 0.12;

/** Per-index ranking state: scratch arrays indexed by token id, stamped with a query epoch. */
export class Ranker {
  readonly #store: TokenStore;
  #epoch = 0;
  #simE = new Int32Array(0);
  #sim = new Float64Array(0);
  #ph = new Uint8Array(0);
  #tokE = new Int32Array(0);
  #tokM = new Uint8Array(0);
  /** How many entries the last `rank` call scored (for tests and the bench). */
  lastScored = 0;
  /** @internal work counters of the last call (distinct tokens reached, entries visited, candidates). */
  stats = { toks: 0, visited: 0, cands: 0 };

  constructor(store: TokenStore) {
    this.#store = store;
  }

  #ensure(): void {
    const n = this.#store.capacity;
    if (this.#tokE.length >= n) return;
    const cap = Math.max(n, this.#tokE.length * 2, 1024);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, size: number): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old);
      return next;
    };
    this.#tokE = grow(this.#tokE, cap);
    this.#tokM = grow(this.#tokM, cap);
    this.#simE = grow(this.#simE, cap * MAXQ);
    this.#sim = grow(this.#sim, cap * MAXQ);
    this.#ph = grow(this.#ph, cap * MAXQ);
  }

  /** Similarity of query part `qi` to an indexed token, computed once per query. */
  simOf(qi: number, q: KeyedToken, tok: Tok): number {
    const i = tok.id * MAXQ + qi;
    if (this.#simE[i] !== this.#epoch) {
      const r = tokenSim(q, tok);
      this.#sim[i] = r.s;
      this.#ph[i] = r.phonetic ? 1 : 0;
      this.#simE[i] = this.#epoch;
    }
    return this.#sim[i] ?? 0;
  }

  /** Whether the similarity {@link simOf} last computed for this pair was phonetic. */
  phoneticOf(qi: number, tok: Tok): boolean {
    return this.#ph[tok.id * MAXQ + qi] === 1;
  }

  /**
   * The best `keep` entries for the query tokens `q` scoring at least `floor`, best first.
   *
   * 1. Each part reaches its distinct indexed tokens by key; each token's similarity is computed
   *    once and the part's tokens are ordered by it. A token that cannot lift an entry to
   *    `floor` even with the best of every other part is dropped.
   * 2. Entries hit by every part all carry a token of the rarest part: its tokens are visited
   *    best first, each entry hit by every part is scored at once, and the visit stops once the
   *    next token's bound cannot beat the `keep`-th score held or lies more than
   *    {@link REACH} below the best (capped at {@link CAP_FULL} scored).
   * 3. When no entry is hit by every part (a part misheard or foreign), the best tokens of all
   *    parts are visited together, at most {@link VISIT_PARTIAL} entries, and the best
   *    {@link CAP_PARTIAL} of them by bound are scored.
   */
  rank(q: KeyedToken[], parsed: ParsedQuery, keep: number, floor: number): Scored[] {
    this.lastScored = 0;
    const n = Math.min(q.length, MAXQ);
    if (n === 0) return [];
    this.#ensure();
    const E = ++this.#epoch;
    const tokE = this.#tokE;
    const tokM = this.#tokM;
    const hits: Tok[][] = [];
    const weight: number[] = [];
    let toks = 0;
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      const list: Tok[] = [];
      let w = 0;
      for (const key of blockingKeys(q[i] as KeyedToken)) {
        for (const tok of this.#store.postings(key) ?? []) {
          if (tok.slots.length === 0) continue;
          if (tokE[tok.id] !== E) {
            tokE[tok.id] = E;
            tokM[tok.id] = 0;
          }
          if (((tokM[tok.id] ?? 0) & bit) !== 0) continue;
          tokM[tok.id] = (tokM[tok.id] ?? 0) | bit;
          list.push(tok);
          w += tok.slots.length;
        }
      }
      toks += list.length;
      hits.push(list);
      weight.push(w);
    }
    const out = new Held(keep);
    let visited = 0;
    const full = (1 << n) - 1;
    // 2. entries hit by every part, through the rarest part's tokens, best first; the other
    //    parts' similarities are computed only for the entries reached (bound 1 until then)
    let rarest = 0;
    for (let i = 1; i < n; i++) if ((weight[i] ?? 0) < (weight[rarest] ?? 0)) rarest = i;
    const [rl, rs] = this.#bySim(rarest, q[rarest] as KeyedToken, hits[rarest] as Tok[]);
    while (rs.length > 0 && (rs[rs.length - 1] ?? 0) < PART_FLOOR) {
      rs.pop();
      rl.pop();
    }
    const others = q.length - 1;
    let anyFull = false;
    for (let k = 0; k < rl.length; k++) {
      const tokBound = ((rs[k] ?? 0) + others) / q.length;
      if (tokBound < floor || this.lastScored >= CAP_FULL) break;
      if (out.size >= keep && tokBound <= out.kth) break;
      if (out.size > 0 && tokBound < out.top - REACH) break;
      for (const slot of (rl[k] as Tok).slots) {
        if (slot.mark === E) continue;
        slot.mark = E;
        visited++;
        if (this.#maskOf(slot, E) !== full) continue;
        const b = this.#boundOf(slot, q, parsed, E, true);
        if (b < 0) continue;
        anyFull = true;
        if (b < floor || (out.size >= keep && b <= out.kth)) continue;
        this.#consider(slot, q, parsed, floor, out);
      }
    }
    if (!anyFull && n > 1) {
      // only the tokens agreeing on most keys are compared: the pass visits a few entries anyway
      const bySim = hits.map((h, i) =>
        i === rarest
          ? ([rl, rs] as [Tok[], number[]])
          : this.#bySim(i, q[i] as KeyedToken, mostAgreeing(q[i] as KeyedToken, h)),
      );
      visited += this.#partial(
        q,
        parsed,
        floor,
        out,
        bySim.map((x) => x[0]),
        bySim.map((x) => x[1]),
        E,
      );
    }
    this.stats = { toks, visited, cands: out.size };
    return out.sorted();
  }

  /** A part's tokens ordered by their similarity to it, and the similarities. */
  #bySim(qi: number, q: KeyedToken, list: readonly Tok[]): [Tok[], number[]] {
    const s = list.map((t) => this.simOf(qi, q, t));
    const idx = [...list.keys()].sort((x, y) => (s[y] ?? 0) - (s[x] ?? 0));
    return [idx.map((k) => list[k] as Tok), idx.map((k) => s[k] ?? 0)];
  }

  /** Visit the best tokens of all parts together (no entry is hit by every part). */
  #partial(
    q: KeyedToken[],
    parsed: ParsedQuery,
    floor: number,
    out: Held,
    hits: Tok[][],
    sims: number[][],
    E: number,
  ): number {
    const pos = hits.map(() => 0);
    const cands: Slot[] = [];
    const bounds: number[] = [];
    let visited = 0;
    while (visited < VISIT_PARTIAL) {
      let pick = -1;
      for (let i = 0; i < hits.length; i++) {
        const at = pos[i] ?? 0;
        if (at >= (hits[i] as Tok[]).length) continue;
        if (pick < 0 || (sims[i]?.[at] ?? 0) > (sims[pick]?.[pos[pick] ?? 0] ?? 0)) pick = i;
      }
      if (pick < 0) break;
      const tok = (hits[pick] as Tok[])[pos[pick] ?? 0] as Tok;
      pos[pick] = (pos[pick] ?? 0) + 1;
      for (const slot of tok.slots) {
        // a mark of its own: the entries the rarest part reached are candidates here too
        if (slot.mark === -E) continue;
        slot.mark = -E;
        visited++;
        this.#maskOf(slot, E);
        const b = this.#boundOf(slot, q, parsed, E, false);
        if (b < floor) continue;
        cands.push(slot);
        bounds.push(b);
        if (visited >= VISIT_PARTIAL) break;
      }
    }
    const order = [...cands.keys()].sort((x, y) => (bounds[y] ?? 0) - (bounds[x] ?? 0));
    for (const c of order.slice(0, CAP_PARTIAL)) {
      if ((bounds[c] ?? 0) <= out.kth) break;
      this.#consider(cands[c] as Slot, q, parsed, floor, out);
    }
    return visited;
  }

  /** The parts of the query hitting `slot` (a bit per part), stored on the slot. */
  #maskOf(slot: Slot, E: number): number {
    let m = 0;
    for (const t of slot.toks) if (this.#tokE[t.id] === E) m |= this.#tokM[t.id] ?? 0;
    slot.mask = m;
    return m;
  }

  /**
   * Upper bound of a slot's score: over its variants, the best similarity per part (a part
   * counts as hit only with a token reaching {@link PART_FLOOR}), the partial-name penalty and
   * the variant's factor; then the hints. With `requireFull`, -1 when no variant is hit by
   * every part.
   */
  #boundOf(
    slot: Slot,
    q: KeyedToken[],
    parsed: ParsedQuery,
    E: number,
    requireFull: boolean,
  ): number {
    const n = Math.min(q.length, MAXQ);
    let bound = -1;
    for (const v of slot.variants) {
      let b = 0;
      let ok = true;
      for (let i = 0; i < n && ok; i++) {
        const bit = 1 << i;
        let best = -1;
        if ((slot.mask & bit) !== 0) {
          for (const t of v.tokens) {
            if (this.#tokE[t.id] !== E || ((this.#tokM[t.id] ?? 0) & bit) === 0) continue;
            const s = this.simOf(i, q[i] as KeyedToken, t);
            if (s >= PART_FLOOR && s > best) best = s;
          }
        }
        if (best < 0) {
          if (requireFull) ok = false;
          best = UNHIT_BOUND;
        }
        b += best;
      }
      if (!ok) continue;
      b /= q.length;
      const missing = v.tokens.length - q.length;
      if (missing > 0) b *= 1 - Math.min(0.12, 0.05 * missing);
      if (v.kind === 'nickname') b *= 0.97;
      else if (v.kind === 'alias') b *= 0.99;
      if (b > bound) bound = b;
    }
    return bound < 0 ? -1 : adjustForHints(bound, slot, parsed);
  }

  #consider(slot: Slot, q: KeyedToken[], parsed: ParsedQuery, floor: number, out: Held): void {
    const scored = scoreSlot(slot, q, parsed, this);
    this.lastScored++;
    if (scored !== undefined && scored.score >= floor) out.add(scored);
  }
}
