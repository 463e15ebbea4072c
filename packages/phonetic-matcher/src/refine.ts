import { MatchInputError } from './errors.js';
import type { NameIndexImpl } from './name-index.js';
import { keyToken, parseQuery } from './normalize.js';
import type { MatchResult } from './types.js';

function isResult(v: unknown): v is MatchResult {
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as { candidates?: unknown }).candidates) &&
    typeof (v as { verdict?: unknown }).verdict === 'string'
  );
}

/** Narrow a previous result with the caller's answer. Only previous candidates can survive. */
export function refineResult(
  index: NameIndexImpl,
  previous: MatchResult,
  answer: string,
): MatchResult {
  if (!isResult(previous)) throw new MatchInputError('previous must be a MatchResult');
  if (typeof answer !== 'string') throw new MatchInputError('answer must be a string');
  const max = index.config.maxInputChars;
  const truncated = answer.length > max;
  const text = truncated ? answer.slice(0, max) : answer;
  const parsed = parseQuery(text);
  const q = parsed.tokens.map(keyToken);
  const scored = [];
  for (const c of previous.candidates) {
    const slot = index.slot(c.id);
    if (!slot) continue;
    const s = q.length > 0 ? index.scoreSlot(slot, q, parsed) : undefined;
    scored.push({ ...c, score: s?.score ?? 0, reason: 'refined' as const });
  }
  scored.sort((a, b) => b.score - a.score);
  return index.decide(scored, index.config.minScore * 0.9, text, truncated, parsed, scored.length);
}
