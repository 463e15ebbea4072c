/**
 * From scored entries to the public answer: the candidate of a scored entry and the verdict
 * (`match`, `ambiguous` with a question, or `none`).
 *
 * @internal
 */
import { clarify } from './clarify.js';
import type { KeyedToken, ParsedQuery } from './normalize.js';
import type { Scored } from './ranker.js';
import type { Variant } from './store.js';
import type { MatchCandidate, MatchReason, MatchResult } from './types.js';

/**
 * Ranked candidates of one query, and the evidence for the weakest name part of the best
 * one: the similarity of the least similar query token of its best variant.
 */
export interface Ranked {
  candidates: MatchCandidate[];
  topWeakest: number;
  /** `partEvidence` of the best candidate's weakest part. */
  topEvidence: number;
}

/** Similarity every name part said must reach for a confident `match`. */
const CONFIDENT_PART = 0.82;
/**
 * `partEvidence` every name part said must have for a confident `match`: the same sound,
 * or one sound apart. A part that is only similar (Bruno for Braun, Martínez for Martin) is
 * asked about, never guessed.
 */
const CONFIDENT_EVIDENCE = 1;

/** The text of a variant: as given, or its tokens for a nickname form. */
export function textOf(v: Variant): string {
  return v.text ?? v.tokens.map((t) => t.t).join(' ');
}

/** The public candidate of a scored entry. */
export function candidateOf(x: Scored, q: readonly KeyedToken[]): MatchCandidate {
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
  return {
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
}

/** Ambiguous result over candidates kept by refine. */
export function decideAmbiguous(
  candidates: MatchCandidate[],
  base: Pick<MatchResult, 'query' | 'truncated' | 'hints'>,
): MatchResult {
  return { verdict: 'ambiguous', candidates, ...base, clarification: clarify(candidates) };
}

/** Verdict from ranked candidates. */
export function decide(
  ranked: Ranked,
  minScore: number,
  ambiguityMargin: number,
  query: string,
  truncated: boolean,
  parsed: Pick<ParsedQuery, 'gender' | 'title'>,
  limit: number,
): MatchResult {
  const kept = ranked.candidates.filter((c) => c.score >= minScore).slice(0, limit);
  const hints = { gender: parsed.gender, title: parsed.title };
  const top = kept[0];
  if (!top) return { verdict: 'none', candidates: [], query, truncated, hints };
  const close = kept.filter((c) => top.score - c.score < ambiguityMargin);
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
