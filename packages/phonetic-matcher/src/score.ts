/**
 * Scoring one entry against the query: the greedy order-free alignment of the query parts to
 * each variant, the partial-name and variant-kind factors, the hints, and the evidence of the
 * weakest part.
 *
 * @internal
 */
import type { KeyedToken, ParsedQuery } from './normalize.js';
import type { Slot, Tok, Variant } from './store.js';
import { partEvidence } from './similarity.js';

/** Query tokens are at most this many (`MAX_QUERY_TOKENS` plus headroom). */
export const MAXQ = 8;

/** Per-query similarities of query parts to indexed tokens (the ranker's table). */
export interface PairSims {
  simOf(qi: number, q: KeyedToken, tok: Tok): number;
  phoneticOf(qi: number, tok: Tok): boolean;
}

/** Scratch: which tokens of a variant are aligned already. */
let used = new Uint8Array(16);

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

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** Score one entry: its best variant, the hints applied. */
export function scoreSlot(
  slot: Slot,
  q: KeyedToken[],
  parsed: ParsedQuery,
  sims: PairSims,
): Scored | undefined {
  let best = -1;
  let bestV: Variant | undefined;
  let bestP = false;
  let bestPartial = false;
  let bestWeak = 0;
  let bestEv = 0;
  for (const v of slot.variants) {
    const r = scoreVariant(q, v, sims);
    let s = r.score;
    if (v.kind === 'nickname') s *= 0.97;
    else if (v.kind === 'alias') s *= 0.99;
    if (s > best) {
      best = s;
      bestV = v;
      bestP = r.phonetic;
      bestPartial = r.partial;
      bestWeak = r.weakest;
      // a nickname form said in another order is two steps from the entry: asked, not taken
      bestEv = v.kind === 'nickname' && !r.inOrder ? 0 : r.evidence;
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
function scoreVariant(
  q: KeyedToken[],
  v: Variant,
  sims: PairSims,
): {
  score: number;
  phonetic: boolean;
  partial: boolean;
  weakest: number;
  evidence: number;
  inOrder: boolean;
} {
  const n = v.tokens.length;
  if (used.length < n) used = new Uint8Array(n);
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
      const s = sims.simOf(qi, qt, et);
      if (s > best) {
        best = s;
        bestI = i;
        bestP = sims.phoneticOf(qi, et);
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
  return { score, phonetic, partial: missing > 0, weakest, evidence, inOrder };
}
