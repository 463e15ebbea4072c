/**
 * Text normalisation shared by index and queries.
 *
 * @internal
 */
import { cologne, doubleMetaphone, nysiis } from './talisman.js';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe' };

/** Salutations: the gender they imply. */
export const SALUTATIONS: Record<string, 'm' | 'f'> = {
  herr: 'm',
  herrn: 'm',
  mr: 'm',
  mister: 'm',
  sir: 'm',
  frau: 'f',
  fraeulein: 'f',
  mrs: 'f',
  ms: 'f',
  miss: 'f',
  missis: 'f',
  madam: 'f',
};

/** Title words, mapped to the canonical title. */
export const TITLES: Record<string, 'dr' | 'prof'> = {
  dr: 'dr',
  doktor: 'dr',
  doctor: 'dr',
  doc: 'dr',
  prof: 'prof',
  professor: 'prof',
};

/** Filler words callers put around a name (articles, politeness). */
const FILLERS = new Set([
  'die',
  'der',
  'den',
  'dem',
  'the',
  'bei',
  'mit',
  'zu',
  'bitte',
  'please',
  'med',
  'dent',
  'rer',
  'nat',
  'phil',
]);

/** Lower-case, fold umlauts/ß and strip other diacritics and non-letters. */
export function foldText(input: string): string {
  let s = input.toLowerCase();
  s = s.replace(/[äöüßæœ]/g, (c) => UMLAUTS[c] ?? c);
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return s.replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Parsed query: name tokens plus hints taken from salutations and titles. */
export interface ParsedQuery {
  tokens: string[];
  gender: 'm' | 'f' | undefined;
  title: 'dr' | 'prof' | undefined;
}

/** Maximum number of tokens considered from a query. */
export const MAX_QUERY_TOKENS = 6;

/** Split a (folded) query into name tokens, salutation and title hints. */
export function parseQuery(input: string): ParsedQuery {
  const words = foldText(input).split(' ');
  const tokens: string[] = [];
  let gender: 'm' | 'f' | undefined;
  let title: 'dr' | 'prof' | undefined;
  for (const w of words) {
    if (w === '') continue;
    const g = SALUTATIONS[w];
    if (g !== undefined) {
      gender ??= g;
      continue;
    }
    const t = TITLES[w];
    if (t !== undefined) {
      title ??= t;
      continue;
    }
    if (FILLERS.has(w)) continue;
    if (tokens.length < MAX_QUERY_TOKENS) tokens.push(w);
  }
  return { tokens, gender, title };
}

/** Tokens of an entry's name (titles and salutations dropped, fillers kept out). */
export function nameTokens(name: string): string[] {
  return parseQuery(name).tokens;
}

/** A token with its phonetic keys. */
export interface KeyedToken {
  t: string;
  /** Kölner Phonetik. */
  c: string;
  /** Double Metaphone primary / secondary. */
  m1: string;
  m2: string;
  /** NYSIIS. */
  n: string;
}

const LETTERS = /[a-z]/;

/** Compute the phonetic keys of one folded token. */
export function keyToken(t: string): KeyedToken {
  if (!LETTERS.test(t)) return { t, c: '', m1: '', m2: '', n: '' };
  const [m1, m2] = doubleMetaphone(t);
  return { t, c: cologne(t), m1, m2, n: nysiis(t) };
}

/** Blocking keys of one keyed token (prefixed by algorithm). */
export function blockingKeys(k: KeyedToken): string[] {
  if (k.c === '' && k.m1 === '') return [`t:${k.t}`];
  const keys = [`c:${k.c}`, `m:${k.m1}`, `n:${k.n}`];
  if (k.m2 !== k.m1) keys.push(`m:${k.m2}`);
  return keys;
}
