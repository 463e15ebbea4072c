/**
 * Text normalisation shared by index and queries.
 *
 * @internal
 */
import { cologne, doubleMetaphone, nysiis } from './talisman.js';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe' };
/**
 * Letters outside German that Unicode does not decompose, folded to their base the way an ASR
 * system writes them in plain Latin letters (Turkish dotless ı, Polish ł, Nordic ø, …). Letters
 * that do decompose (ş ğ ç ś ż č ř å İ) lose their marks in {@link foldText}.
 */
const BASE_LETTERS: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ŀ: 'l',
};

/**
 * Words of a booking request around a name ("Termin bei …", "ich möchte zu …", "beim …"). The
 * index drops them from a query only when no entry carries the word.
 */
export const BOOKING_WORDS: ReadonlySet<string> = new Set(
  (
    'termin termine terminen ich moechte mochte moecht will wollte wuerde wuerden gern gerne ' +
    'haette hatte einen ein eine einem beim bei zum zur am im fuer heute morgen bitte hallo ' +
    'guten tag sprechen buchen vereinbaren ausmachen mal doch noch nochmal und wir kann ' +
    'koennte brauche brauchen mir mich hin gehen komme kommen termins i would like to see ' +
    'an a appointment book want at for with an'
  ).split(' '),
);

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
  s = s.replace(/[ıłøđðþŀ]/g, (c) => BASE_LETTERS[c] ?? c);
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
export function parseQuery(input: string, maxTokens = MAX_QUERY_TOKENS): ParsedQuery {
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
    if (tokens.length < maxTokens) tokens.push(w);
  }
  return { tokens, gender, title };
}

/**
 * A memoising {@link parseQuery} for building an index: names are parsed word by word (split at
 * whitespace, which folding treats as a separator anyway) and each distinct word is folded and
 * classified once, however many entries carry it. Gives exactly what `parseQuery` gives.
 */
export function cachedParser(): (input: string) => ParsedQuery {
  const words = new Map<string, ParsedQuery>();
  return (input) => {
    const tokens: string[] = [];
    let gender: 'm' | 'f' | undefined;
    let title: 'dr' | 'prof' | undefined;
    for (const raw of input.split(/\s+/)) {
      if (raw === '') continue;
      let w = words.get(raw);
      if (w === undefined) {
        w = parseQuery(raw, Infinity);
        words.set(raw, w);
      }
      gender ??= w.gender;
      title ??= w.title;
      for (const t of w.tokens) if (tokens.length < MAX_QUERY_TOKENS) tokens.push(t);
    }
    return { tokens, gender, title };
  };
}

/** Tokens of an entry's name (titles and salutations dropped, fillers kept out). */
export function nameTokens(name: string): string[] {
  return parseQuery(name).tokens;
}

/**
 * Grapheme groups of German and English name spellings and the sound they stand for, longest
 * first at each position. Upper-case letters are sound classes: `S` sch/sh, `K` k/ck/ch/hard c/q,
 * `Z` z/tz/ts/soft c, `F` f/ph/pf/v/w, `T` t/th/dt/final d, `A` the "ai" diphthong
 * (ei/ai/ay/ey/igh/y between consonants), `I` i/ie/ee/ea, `U` u/oo/ue, `O` o/oe, `E` e/ae,
 * `W` au/ow/ou, `Y` eu/aeu/oy/oi, `J` j and y before a vowel (Lutye ≈ Lutje).
 */
const SOUND_RULES: readonly (readonly [string, string])[] = [
  ['tsch', 'ZS'], // Tschunke ≈ Zschunke
  ['sch', 'S'],
  ['aeu', 'Y'],
  ['igh', 'A'],
  ['sh', 'S'],
  ['ch', 'K'],
  ['ck', 'K'],
  ['qu', 'KF'],
  ['ph', 'F'],
  ['pf', 'F'],
  ['th', 'T'],
  ['dt', 'T'],
  ['tz', 'Z'],
  ['ts', 'Z'],
  ['ei', 'A'],
  ['ai', 'A'],
  ['ay', 'A'],
  ['ey', 'A'],
  ['ie', 'I'],
  ['ee', 'I'],
  ['ea', 'I'],
  ['oo', 'U'],
  ['ue', 'U'],
  ['oe', 'O'],
  ['ae', 'E'],
  ['au', 'W'],
  ['ow', 'W'],
  ['ou', 'W'],
  ['eu', 'Y'],
  ['oy', 'Y'],
  ['oi', 'Y'],
];
const SOUND_SINGLE: Record<string, string> = {
  a: 'a',
  e: 'E',
  i: 'I',
  o: 'O',
  u: 'U',
  k: 'K',
  q: 'K',
  z: 'Z',
  f: 'F',
  v: 'F',
  w: 'F',
  t: 'T',
  j: 'J',
  x: 'KZ',
};
const VOWEL = /[aeiouy]/;
/** {@link SOUND_RULES} by first letter (same order). */
const RULES_BY_FIRST = new Map<string, (readonly [string, string])[]>();
for (const rule of SOUND_RULES) {
  const k = rule[0][0] ?? '';
  RULES_BY_FIRST.set(k, [...(RULES_BY_FIRST.get(k) ?? []), rule]);
}

/** The sound at position `i` of `t` and how many letters it spans. */
function soundAt(t: string, i: number): [string, number] {
  const ch = t[i] ?? '';
  const next = t[i + 1] ?? '';
  // German st/sp at the start is sht/shp (Strauß, Shtrauss; Spengler, Shpengler)
  if (i === 0 && ch === 's' && (next === 't' || next === 'p')) return ['S', 1];
  // oj before a consonant or at the end is the oy diphthong (Koj, Koy)
  if (ch === 'o' && next === 'j' && !VOWEL.test(t[i + 2] ?? '')) return ['Y', 2];
  for (const [g, r] of RULES_BY_FIRST.get(ch) ?? []) if (t.startsWith(g, i)) return [r, g.length];
  const prev = t[i - 1] ?? '';
  const last = i === t.length - 1;
  if (ch === 'h') return [i === 0 || !VOWEL.test(prev) ? 'h' : '', 1]; // lengthening h is silent
  if (ch === 'c') return [/[eiy]/.test(next) ? 'Z' : 'K', 1];
  if (ch === 'y') return [VOWEL.test(next) ? 'J' : last ? 'I' : 'A', 1];
  if (ch === 'd' && last) return ['T', 1];
  if (ch === 'g' && last && prev !== 'n') return ['K', 1];
  return [SOUND_SINGLE[ch] ?? ch, 1];
}

/**
 * A sound spelling of one folded token, so that spellings of the same sound compare equal and
 * spellings of near sounds compare close (Jaro-Winkler on this string): Schneider, Shnyder and
 * Schnaider → `SnAdEr`; Nau and Now → `nW`; Leiteritz and Lyteritts → `lATErIZ`; Strauss and
 * Shtrauss → `STrWs`. Unlike Kölner Phonetik and Double Metaphone it keeps vowels and is not
 * truncated.
 */
export function soundKey(word: string): string {
  // doubled consonants are one sound (Leiteritz/Lyteritts, Hoffmann/Hofman)
  const t = word.replace(/([b-df-hj-np-tv-z])\1+/g, '$1');
  let out = '';
  for (let i = 0; i < t.length;) {
    const [rep, len] = soundAt(t, i);
    // repeated sounds collapse (Hoffmann → hOFman)
    if (rep !== '' && !out.endsWith(rep)) out += rep;
    i += len;
  }
  return reduceEnding(out);
}

/**
 * German reductions of an unstressed ending, as ASR writes what it hears: the vocalic r (final
 * -er heard as -a, written -a or -ah: Müller/Mülla, Becker/Becka), -en as -n, a dropped final -e.
 * Applied to a sound spelling (`Er` → `a`, `En` → `n`, final `E` dropped).
 */
function reduceEnding(sound: string): string {
  if (sound.length < 3) return sound;
  if (sound.endsWith('Er')) return `${sound.slice(0, -2)}a`;
  if (sound.endsWith('En')) return `${sound.slice(0, -2)}n`;
  if (sound.endsWith('E')) return sound.slice(0, -1);
  return sound;
}

/** The spelling of a folded token with its ending reduced the same way (for a blocking key). */
function reducedSpelling(t: string): string {
  if (t.length < 4) return t;
  if (t.endsWith('ah')) return `${t.slice(0, -2)}a`;
  if (t.endsWith('er')) return `${t.slice(0, -2)}a`;
  if (t.endsWith('en')) return `${t.slice(0, -2)}n`;
  if (t.endsWith('e')) return t.slice(0, -1);
  return t;
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
  /** {@link soundKey}. */
  s: string;
}

const LETTERS = /[a-z]/;

/** Compute the phonetic keys of one folded token. */
export function keyToken(t: string): KeyedToken {
  if (!LETTERS.test(t)) return { t, c: '', m1: '', m2: '', n: '', s: t };
  const [m1, m2] = doubleMetaphone(t);
  return { t, c: cologne(t), m1, m2, n: nysiis(t), s: soundKey(t) };
}

/** Blocking keys of one keyed token (prefixed by algorithm). */
export function blockingKeys(k: KeyedToken): string[] {
  if (k.c === '' && k.m1 === '') return [`t:${k.t}`];
  const keys = [`c:${k.c}`, `m:${k.m1}`, `n:${k.n}`];
  // the ending as ASR reduces it (Müller/Mülla, Becker/Beckah) shares a key too
  const r = reducedSpelling(k.t);
  keys.push(`r:${r === k.t ? k.c : cologne(r)}`);
  if (k.m2 !== k.m1) keys.push(`m:${k.m2}`);
  return keys;
}
