/**
 * Typed wrapper around the few talisman (CommonJS, untyped) functions we use. talisman stays an
 * external CommonJS dependency: it is loaded with `createRequire` so the package itself is pure
 * ESM with full types.
 *
 * @internal
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function load(id: string): unknown {
  const mod = require(id) as unknown;
  return typeof mod === 'function' ? mod : (mod as { default: unknown }).default;
}

/** Kölner Phonetik (Postel 1969): a digit string, e.g. `Schmidt` → `862`. */
export const cologne: (word: string) => string = load('talisman/phonetics/german/cologne') as never;
/** Double Metaphone (Philips 2000): `[primary, secondary]`. */
export const doubleMetaphone: (word: string) => [string, string] = load(
  'talisman/phonetics/double-metaphone',
) as never;
/** NYSIIS (Taft 1970). */
export const nysiis: (word: string) => string = load('talisman/phonetics/nysiis') as never;
/** Jaro-Winkler similarity in [0, 1]. */
export const jaroWinkler: (a: string, b: string) => number = load(
  'talisman/metrics/jaro-winkler',
) as never;
/** Levenshtein edit distance (used by the naive baseline in the benchmark). */
export const levenshtein: (a: string, b: string) => number = load(
  'talisman/metrics/levenshtein',
) as never;
