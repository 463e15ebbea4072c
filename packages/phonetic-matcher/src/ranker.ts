/**
 * Candidate generation and scoring. Blocking is on what is rare in the query: each query token
 * reaches the distinct indexed tokens sharing a phonetic key with it; the entries of the rarest
 * query token are checked for the other tokens' hits (an intersection of postings, by
 * pigeonhole widened one token at a time only when no entry is hit by every part); candidates
 * are then visited best upper bound first and scoring stops once the bound cannot beat the
 * results already held.
 *
 * @internal
 */
import { blockingKeys } from './normalize.js';
import type { KeyedToken, ParsedQuery } from './normalize.js';
import type { Slot, Tok, TokenStore, Variant } from './store.js';
import { jaroWinkler } from './talisman.js';

/** Query tokens are at most this many (`MAX_QUERY_TOKENS` plus headroom). */
const MAXQ = 8;
/** Upper bound assumed for a query part no token of the entry shares a phonetic key with. */
const UNHIT_BOUND = 0.9;
/** Entries scored at most when every part of the query hits some entry. */
const CAP_FULL = 400;
/** Entries scored at most when no entry is hit by every part (a part was misheard or foreign). */
const CAP_PARTIAL = 48;
const BINS = 128;

/** Per-token similarity: Jaro-Winkler on letters and on sound spellings, phonetic-key agreement. */
export function tokenSim(q: KeyedToken, e: KeyedToken): { s: number; phonetic: boolean } {
  if (q.t === e.t) return { s: 1, phonetic: false };
  const kc = q.c !== '' && q.c === e.c;
  // Double Metaphone codes are cut at four letters: two cut codes agreeing is only a prefix.
  const km =
    q.m1 !== '' &&
    (q.m1.length < 4 || e.m1.length < 4) &&
    (q.m1 === e.m1 || q.m1 === e.m2 || q.m2 === e.m1);
  const kn = q.n !== '' && q.n === e.n;
  const agree = (kc ? 1 : 0) + (km ? 1 : 0) + (kn ? 1 : 0);
  if (q.s === e.s) return { s: 0.96 + 0.01 * agree, phonetic: true };
  const jw = jaroWinkler(q.t, e.t);
  const sk = jaroWinkler(q.s, e.s);
  const best = Math.max(jw, sk);
  // Close spellings of one sound are near-equal (Hohenberger/Hoenberger, Markowski/Markovski).
  // Capped below the same sound (0.96): Ferda is Verda before it is Freda.
  if (agree >= 1 && jw >= 0.9) {
    return { s: Math.min(0.959, Math.max(best, 0.9 + 0.09 * jw)), phonetic: true };
  }
  if (agree >= 2) return { s: best, phonetic: true };
  if (agree === 1) return { s: best - 0.03, phonetic: true };
  // No phonetic agreement: weaker evidence, so moderate similarities count for less.
  return { s: best >= 0.94 ? best : best - 0.1, phonetic: false };
}

/** Whether `a` and `b` differ by at most one inserted, deleted or substituted letter. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A sound spelling without an English silent e before a final s (Hynes → hAns). */
function silentE(sound: string): string {
  return sound.length > 3 ? sound.replace(/([^aEIOUAWY])Es$/, '$1s') : sound;
}

/** Syllables of a sound spelling: its vowel groups. */
export function syllables(sound: string): number {
  const m = sound.match(/[aEIOUAWY]+/g);
  return m ? m.length : 0;
}

/**
 * How surely a query part names an indexed token: 2 = the same spelling or the same sound
 * spelling (every ASR confusion that keeps the sound: Meier/Meyer, Mülla/Müller, Shnyder/
 * Schneider); 1 = as many syllables and one sound apart (Shnider/Schneider, Jasmin/Jazmin,
 * an English ASR's Hynes for Heinz, its silent e not counted); 0 = only similar (Bruno/Braun, Martínez/Martin,
 * Georgiou/Georg: a syllable more or less is another name).
 */
export function partEvidence(q: KeyedToken, e: KeyedToken): 0 | 1 | 2 {
  if (q.t === e.t || q.s === e.s) return 2;
  const a = silentE(q.s);
  const b = silentE(e.s);
  if (a.length < 4 || b.length < 4 || syllables(a) !== syllables(b)) return 0;
  return withinOneEdit(a, b) ? 1 : 0;
}

/**
 * Salutation and title hints prefer, never invent: they only lower the score of entries that
 * contradict them (a known other gender, no title), so a name the spelling does not support
 * cannot be promoted above `minScore` by a hint.
 */
export function adjustForHints(score: number, slot: Slot, parsed: ParsedQuery): number {
  let s = score;
  if (parsed.gender !== undefined && slot.gender !== undefined && slot.gender !== parsed.gender) {
    s *= 0.93;
  }
  if (parsed.title !== undefined && slot.title !== parsed.title) s *= 0.9;
  return s;
}

/** An entry scored against a query, before it becomes a candidate. */
export interface Scored {
  slot: Slot;
  variant: Variant;
  score: number;
  phonetic: boolean;
  partial: boolean;
  weakest: number;
  /** {@link combineEvidence} of the query parts aligned to the variant. */
  evidence: number;
}

function popcount(m: number): number {
  let c = 0;
  for (let x = m; x !== 0; x &= x - 1) c++;
  return c;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** Per-index ranking state: scratch arrays indexed by token id, stamped with a query epoch. */
export class Ranker {
  readonly #store: TokenStore;
  #epoch = 0;
  #simE = new Int32Array(0);
  #sim = new Float64Array(0);
  #ph = new Uint8Array(0);
  #tokE = new Int32Array(0);
  #tokM = new Uint8Array(0);
  #used = new Uint8Array(16);
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

  #simOf(qi: number, q: KeyedToken, tok: Tok): number {
    const i = tok.id * MAXQ + qi;
    if (this.#simE[i] !== this.#epoch) {
      const r = tokenSim(q, tok);
      this.#sim[i] = r.s;
      this.#ph[i] = r.phonetic ? 1 : 0;
      this.#simE[i] = this.#epoch;
    }
    return this.#sim[i] ?? 0;
  }

  /**
   * The best `keep` entries for the query tokens `q` scoring at least `floor`, best first.
   * Returns them and how many entries were scored.
   */
  rank(q: KeyedToken[], parsed: ParsedQuery, keep: number, floor: number): Scored[] {
    this.lastScored = 0;
    const n = Math.min(q.length, MAXQ);
    if (n === 0) return [];
    this.#ensure();
    const E = ++this.#epoch;
    const tokE = this.#tokE;
    const tokM = this.#tokM;
    // 1. Each query token's distinct indexed tokens, and how many entries they carry.
    const hits: Tok[][] = [];
    const weight: number[] = [];
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
          if (((tokM[tok.id] ?? 0) & bit) === 0) {
            tokM[tok.id] = (tokM[tok.id] ?? 0) | bit;
            list.push(tok);
            w += tok.slots.length;
          }
        }
      }
      hits.push(list);
      weight.push(w);
    }
    // 2. Rarest part first: entries hit by every part all carry the rarest part.
    const order = [...Array(n).keys()].sort((a, b) => (weight[a] ?? 0) - (weight[b] ?? 0));
    const visited: Slot[] = [];
    let cands: Slot[] = [];
    let level = n;
    for (; level >= 1; level--) {
      for (const tok of hits[order[n - level] ?? 0] ?? []) {
        for (const slot of tok.slots) {
          if (slot.mark === E) continue;
          slot.mark = E;
          let m = 0;
          for (const t of slot.toks) if (tokE[t.id] === E) m |= tokM[t.id] ?? 0;
          slot.mask = m;
          visited.push(slot);
        }
      }
      cands = visited.filter((s) => popcount(s.mask) >= level);
      if (cands.length > 0) break;
    }
    this.stats = {
      toks: hits.reduce((a, h) => a + h.length, 0),
      visited: visited.length,
      cands: cands.length,
    };
    if (cands.length === 0) return [];
    // 3. Upper bound per candidate: best similarity per part, partial-name penalty, hints.
    const bounds = new Float64Array(cands.length);
    for (let c = 0; c < cands.length; c++) {
      const slot = cands[c] as Slot;
      let b = 0;
      for (let i = 0; i < n; i++) {
        const bit = 1 << i;
        if ((slot.mask & bit) === 0) {
          b += UNHIT_BOUND;
          continue;
        }
        let best = 0;
        for (const t of slot.toks) {
          if (tokE[t.id] === E && ((tokM[t.id] ?? 0) & bit) !== 0) {
            const s = this.#simOf(i, q[i] as KeyedToken, t);
            if (s > best) best = s;
          }
        }
        b += best;
      }
      b /= q.length;
      const missing = slot.minLen - q.length;
      if (missing > 0) b *= 1 - Math.min(0.12, 0.05 * missing);
      bounds[c] = adjustForHints(b, slot, parsed);
    }
    // 4. Visit by bound (counting sort into bins), stop once the bound cannot beat the kept.
    const binOf = (b: number): number => Math.min(BINS - 1, Math.max(0, Math.floor(b * BINS)));
    const counts = new Int32Array(BINS + 1);
    for (const b of bounds) {
      const at = BINS - binOf(b);
      counts[at] = (counts[at] ?? 0) + 1;
    }
    for (let i = 1; i <= BINS; i++) counts[i] = (counts[i] ?? 0) + (counts[i - 1] ?? 0);
    const byBound = new Int32Array(cands.length);
    for (let c = 0; c < cands.length; c++) {
      const bin = BINS - 1 - binOf(bounds[c] ?? 0);
      byBound[counts[bin] ?? 0] = c;
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    const cap = level === n ? CAP_FULL : CAP_PARTIAL;
    const out: Scored[] = [];
    const top: number[] = []; // best `keep` scores, descending
    for (const c of byBound) {
      const bound = bounds[c] ?? 0;
      const full = top.length >= keep;
      const kth = full ? (top[keep - 1] ?? 0) : -1;
      // bins are 1/BINS wide and visited best first: stop once a whole bin cannot matter
      const upper = (binOf(bound) + 1) / BINS;
      if (this.lastScored >= cap || upper < floor || (full && upper <= kth)) break;
      if (bound < floor || (full && bound <= kth)) continue;
      const scored = this.scoreSlot(cands[c] as Slot, q, parsed);
      this.lastScored++;
      if (scored === undefined || scored.score < floor) continue;
      out.push(scored);
      let at = top.length;
      while (at > 0 && (top[at - 1] ?? 0) < scored.score) at--;
      top.splice(at, 0, scored.score);
      if (top.length > keep) top.length = keep;
    }
    out.sort((a, b) => b.score - a.score || a.slot.entry.name.localeCompare(b.slot.entry.name));
    return out.slice(0, keep);
  }

  /** Score one entry: its best variant, the hints applied. */
  scoreSlot(slot: Slot, q: KeyedToken[], parsed: ParsedQuery): Scored | undefined {
    let best = -1;
    let bestV: Variant | undefined;
    let bestP = false;
    let bestPartial = false;
    let bestWeak = 0;
    let bestEv = 0;
    for (const v of slot.variants) {
      const r = this.#scoreVariant(q, v);
      let s = r.score;
      if (v.kind === 'nickname') s *= 0.97;
      else if (v.kind === 'alias') s *= 0.99;
      if (s > best) {
        best = s;
        bestV = v;
        bestP = r.phonetic;
        bestPartial = r.partial;
        bestWeak = r.weakest;
        bestEv = r.evidence;
      }
    }
    if (!bestV) return undefined;
    best = adjustForHints(best, slot, parsed);
    return {
      slot,
      variant: bestV,
      score: round(Math.max(0, Math.min(1, best))),
      phonetic: bestP,
      partial: bestPartial,
      weakest: bestWeak,
      evidence: bestEv,
    };
  }

  /** Greedy order-free token alignment of the query against one variant. */
  #scoreVariant(
    q: KeyedToken[],
    v: Variant,
  ): { score: number; phonetic: boolean; partial: boolean; weakest: number; evidence: number } {
    const n = v.tokens.length;
    if (this.#used.length < n) this.#used = new Uint8Array(n);
    const used = this.#used;
    used.fill(0, 0, n);
    let sum = 0;
    let weakest = 1;
    let phonetic = false;
    let matched = 0;
    let zeros = 0;
    let ones = 0;
    let lastI = -1;
    let inOrder = true;
    for (let qi = 0; qi < q.length && qi < MAXQ; qi++) {
      const qt = q[qi] as KeyedToken;
      let best = 0;
      let bestI = -1;
      let bestP = false;
      for (let i = 0; i < n; i++) {
        if (used[i] === 1) continue;
        const et = v.tokens[i] as Tok;
        const s = this.#simOf(qi, qt, et);
        if (s > best) {
          best = s;
          bestI = i;
          bestP = this.#ph[et.id * MAXQ + qi] === 1;
        }
      }
      if (bestI >= 0) {
        used[bestI] = 1;
        matched++;
        if (bestI < lastI) inOrder = false;
        lastI = bestI;
        const ev = partEvidence(qt, v.tokens[bestI] as Tok);
        if (ev === 0) zeros++;
        else if (ev === 1) ones++;
      } else zeros++;
      if (bestP) phonetic = true;
      sum += best;
      if (best < weakest) weakest = best;
    }
    let score = sum / q.length;
    const missing = n - matched;
    // A query naming only part of the entry (first-name-only, last-name-only) scores a little lower.
    if (missing > 0) score *= 1 - Math.min(0.12, 0.05 * missing);
    // one part a sound off is allowed in the order of the entry, not in another order as well
    const evidence = zeros > 0 || ones > 1 || (ones === 1 && !inOrder) ? 0 : ones === 1 ? 1 : 2;
    return { score, phonetic, partial: missing > 0, weakest, evidence };
  }
}
