import { MatchInputError } from './errors.js';
import { spellingSegments } from './name-index.js';
import type { NameIndexImpl } from './name-index.js';
import { foldText, keyToken, parseQuery } from './normalize.js';
import { readSpelled, readWithLetters } from './spelling.js';
import { jaroWinkler } from './talisman.js';
import type { MatchCandidate, MatchResult } from './types.js';

function isResult(v: unknown): v is MatchResult {
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as { candidates?: unknown }).candidates) &&
    typeof (v as { verdict?: unknown }).verdict === 'string'
  );
}

/** Words confirming or denying the only candidate of a confirmation question. */
const YES = new Set([
  'ja',
  'jawohl',
  'genau',
  'richtig',
  'korrekt',
  'yes',
  'yeah',
  'yep',
  'correct',
]);
const NO = new Set(['nein', 'nee', 'no', 'nope', 'falsch', 'wrong']);

const ROLE_WORDS: Record<string, 'dr'> = { arzt: 'dr', aerztin: 'dr', doctor: 'dr', doktor: 'dr' };
const MALE = new Set(['mann', 'herr', 'herrn', 'er', 'ihn', 'male', 'man', 'him']);
const FEMALE = new Set(['frau', 'sie', 'dame', 'female', 'woman', 'her']);

function namesOf(c: MatchCandidate): string[] {
  return foldText([c.name, c.firstName ?? '', c.lastName ?? ''].join(' '))
    .split(' ')
    .filter(Boolean);
}

type Filter = (c: MatchCandidate, others: readonly MatchCandidate[]) => boolean;

/** Signals read from the answer, each a filter over the previous candidates. */
function filtersFor(text: string, index: NameIndexImpl): Filter[] {
  const folded = foldText(text).split(' ').filter(Boolean);
  const filters: Filter[] = [];
  // "mit d-t", "mit zwei t", "mit a-i"
  const seg = readWithLetters(folded);
  if (seg !== undefined) {
    filters.push((c, others) => {
      const last = namesOf(c).at(-1) ?? '';
      for (const o of others) {
        if (o.id === c.id) continue;
        const ol = namesOf(o).at(-1) ?? '';
        if (ol === last) continue;
        const [mine] = spellingSegments(last, ol);
        if (mine === seg) return true;
      }
      return seg.length > 1 && last.includes(seg);
    });
    return filters;
  }
  // spelled letters / spelling alphabet
  const spelled = readSpelled(folded);
  if (spelled !== undefined) {
    // exact spelling first; a partial spelling (prefix) only narrows what is left
    filters.push((c) => namesOf(c).some((n) => n === spelled));
    filters.push((c) => namesOf(c).some((n) => spelled.length >= 3 && n.startsWith(spelled)));
    return filters;
  }
  const parsed = parseQuery(text);
  const gender =
    parsed.gender ??
    (folded.some((t) => MALE.has(t)) ? 'm' : folded.some((t) => FEMALE.has(t)) ? 'f' : undefined);
  if (gender !== undefined) filters.push((c) => c.gender === gender);
  const title = parsed.title ?? folded.map((t) => ROLE_WORDS[t]).find((t) => t !== undefined);
  if (title !== undefined) {
    filters.push((c) => parseQuery(c.title ?? c.name).title === title || c.role === 'dr');
  }
  const roleWords = folded.filter((t) => ROLE_WORDS[t] === undefined);
  if (roleWords.length > 0) {
    filters.push((c) => {
      const role = foldText(c.role ?? '')
        .split(' ')
        .filter(Boolean);
      return role.some((r) => roleWords.some((w) => jaroWinkler(r, w) >= 0.9));
    });
  }
  // a first name (or any name part) said again
  if (parsed.tokens.length > 0) {
    const q = parsed.tokens.map(keyToken);
    filters.push((c) => {
      const slot = index.slot(c.id);
      if (!slot) return false;
      return q.some((qt) => namesOf(c).some((n) => n === qt.t || jaroWinkler(n, qt.t) >= 0.9));
    });
  }
  return filters;
}

/**
 * Narrow a previous result with the caller's answer. Stateless; only candidates of `previous`
 * can be in the new result.
 */
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
  const prev = previous.candidates.filter(
    (c): c is MatchCandidate =>
      typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string',
  );
  const base = { query: text, truncated, hints: previous.hints };
  if (prev.length === 0) return { verdict: 'none', candidates: [], ...base };
  const words = foldText(text).split(' ').filter(Boolean);
  const yes = words.some((w) => YES.has(w));
  const no = words.some((w) => NO.has(w));
  const filters = filtersFor(words.filter((w) => !YES.has(w) && !NO.has(w)).join(' '), index);
  // Apply filters that keep at least one candidate; a signal matching nobody is ignored.
  let kept = prev;
  let told = false;
  for (const f of filters) {
    const next = kept.filter((c) => f(c, prev));
    if (next.length > 0) {
      kept = next;
      told = true;
    }
  }
  const changed = kept.length < prev.length;
  const candidates = kept.map((c) => (changed ? { ...c, reason: 'refined' as const } : c));
  const top = candidates[0];
  if (candidates.length === 1 && top) {
    // One candidate to confirm ("Meinen Sie Lana Weis?"): only an answer that fits it or a
    // "ja" makes it a match; "nein" or an answer that fits nobody does not.
    if (changed || previous.verdict === 'match' || told || (yes && !no)) {
      return { verdict: 'match', best: top, candidates, ...base };
    }
    if (no) return { verdict: 'none', candidates: [], ...base };
    return index.decideAmbiguous(candidates, base);
  }
  if (previous.verdict === 'match' && previous.best && !changed) {
    return { ...previous, ...base };
  }
  return index.decideAmbiguous(candidates, base);
}
