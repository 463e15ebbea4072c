/**
 * Per-word similarity and evidence: Jaro-Winkler on letters and on sound spellings with
 * phonetic-key agreement ({@link tokenSim}), how surely a query part names an indexed word
 * ({@link partEvidence}), and a cheap key-agreement order ({@link mostAgreeing}).
 *
 * @internal
 */
import type { KeyedToken } from './normalize.js';
import type { Tok } from './store.js';
import { jaroWinkler } from './talisman.js';

/** Tokens compared at most per part when no entry is hit by every part. */
export const PARTIAL_TOKENS = 16;

/** How many phonetic keys two tokens share (a cheap order before any similarity). */
function agreement(q: KeyedToken, e: KeyedToken): number {
  return (
    (q.s === e.s ? 4 : 0) +
    (q.c === e.c ? 2 : 0) +
    (q.m1 === e.m1 || q.m1 === e.m2 || q.m2 === e.m1 ? 1 : 0) +
    (q.n === e.n ? 1 : 0)
  );
}

/** The {@link PARTIAL_TOKENS} tokens of `list` sharing most keys with `q`. */
export function mostAgreeing(q: KeyedToken, list: readonly Tok[]): readonly Tok[] {
  if (list.length <= PARTIAL_TOKENS) return list;
  const a = list.map((t) => agreement(q, t));
  return [...list.keys()]
    .sort((x, y) => (a[y] ?? 0) - (a[x] ?? 0))
    .slice(0, PARTIAL_TOKENS)
    .map((k) => list[k] as Tok);
}

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

const SOUND_VOWELS = 'aEIOUAWY';

/** A sound spelling without an English silent e before a final s (Hynes → hAns). */
function silentE(sound: string): string {
  const n = sound.length;
  if (n <= 3 || sound[n - 1] !== 's' || sound[n - 2] !== 'E') return sound;
  return SOUND_VOWELS.includes(sound[n - 3] ?? 'a') ? sound : `${sound.slice(0, -2)}s`;
}

/** Syllables of a sound spelling: its vowel groups. */
export function syllables(sound: string): number {
  let count = 0;
  let inVowel = false;
  for (const ch of sound) {
    const v = SOUND_VOWELS.includes(ch);
    if (v && !inVowel) count++;
    inVowel = v;
  }
  return count;
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
  if (a.length < 4 || b.length < 4 || !withinOneEdit(a, b)) return 0;
  return syllables(a) === syllables(b) ? 1 : 0;
}
