/**
 * Salutation against spelling: when the salutation fits one entry (or several) and the surname as
 * said is another entry's of the other gender, the caller is asked, naming both.
 *
 * @internal
 */
import { clarify } from './clarify.js';
import { nameTokens } from './normalize.js';
import type { ParsedQuery } from './normalize.js';
import type { MatchCandidate, MatchResult } from './types.js';

/**
 * Salutation against spelling: when the salutation picked an entry but the surname as said
 * fits another entry of the other gender better, the caller is asked, naming both.
 */
export function salutationAgainstSpelling(
  result: MatchResult,
  parsed: ParsedQuery,
  minScore: number,
  limit: number,
  plainRank: () => MatchCandidate[],
): MatchResult {
  const lastOf = (c: MatchCandidate): string[] => nameTokens(c.lastName ?? c.name);
  if (result.verdict === 'ambiguous')
    return addSpelledOther(result, parsed, minScore, limit, plainRank);
  const a = result.best;
  if (result.verdict !== 'match' || !a || a.gender !== parsed.gender) return result;
  const plain = plainRank();
  const b = plain[0];
  const aPlain = plain.find((c) => c.id === a.id);
  if (!b || b.id === a.id || b.gender === undefined || b.gender === parsed.gender) return result;
  if (b.score < minScore || (aPlain !== undefined && aPlain.score >= b.score)) return result;
  // only the surname as said: a query word that is B's last name and not A's
  const said = parsed.tokens.some((t) => lastOf(b).includes(t) && !lastOf(a).includes(t));
  if (!said) return result;
  const both = [a, b];
  const rest = result.candidates.filter((c) => c.id !== a.id && c.id !== b.id);
  return {
    query: result.query,
    truncated: result.truncated,
    hints: result.hints,
    verdict: 'ambiguous',
    candidates: [...both, ...rest].slice(0, Math.max(limit, 2)),
    clarification: clarify(both),
  };
}

/**
 * An ambiguous answer among entries the salutation fits ("Herr Schmitt" between Dieter Schmid
 * and Dieter Schmidt) also names the entry of the other gender whose surname is the one said
 * (Renate Schmitt).
 */
function addSpelledOther(
  result: MatchResult,
  parsed: ParsedQuery,
  minScore: number,
  limit: number,
  plainRank: () => MatchCandidate[],
): MatchResult {
  const asked = result.clarification?.differences.map((d) => d.id) ?? [];
  const named = result.candidates.filter((c) => asked.includes(c.id));
  if (named.length === 0 || !named.every((c) => c.gender === parsed.gender)) return result;
  const b = plainRank().find(
    (c) =>
      c.score >= minScore &&
      c.gender !== undefined &&
      c.gender !== parsed.gender &&
      parsed.tokens.some((t) => nameTokens(c.lastName ?? c.name).includes(t)),
  );
  if (!b || asked.includes(b.id)) return result;
  const all = [...named, b];
  const rest = result.candidates.filter((c) => !all.some((x) => x.id === c.id));
  return {
    ...result,
    candidates: [...all, ...rest].slice(0, Math.max(limit, all.length)),
    clarification: clarify(all),
  };
}
