/**
 * The clarification question of an ambiguous result: labels, and the letters in which two
 * sound-alike last names differ.
 *
 * @internal
 */
import { foldText } from './normalize.js';
import type { CandidateDifference, Clarification, MatchCandidate, MatchResult } from './types.js';

/** Spoken label: title, first and last name when known, else the display name. */
export function labelOf(c: MatchCandidate): string {
  if (c.lastName === undefined) return c.name;
  const t = c.title !== undefined && !c.name.includes(c.title) ? `${c.title} ` : '';
  return c.name.includes(c.lastName)
    ? `${t}${c.name}`
    : `${t}${c.firstName ?? ''} ${c.lastName}`.trim();
}

function lastOf(c: MatchCandidate): string {
  const t = foldText(c.lastName ?? c.name).split(' ');
  return t[t.length - 1] ?? '';
}

/**
 * The letters in which `a` differs from `b` (after the common prefix and suffix), widened by one
 * letter when one side would be empty: Schmidt/Schmitt → `dt`/`tt`, Hoffmann/Hofmann → `ff`/`f`.
 */
export function spellingSegments(a: string, b: string): [string, string] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  let sa = a.slice(p, a.length - q);
  let sb = b.slice(p, b.length - q);
  if ((sa === '' || sb === '') && p > 0) {
    // Hoffmann/Hofmann: "ff" vs "f"
    sa = a.slice(p - 1, a.length - q);
    sb = b.slice(p - 1, b.length - q);
  } else if ((sa.length === 1 || sb.length === 1) && q > 0) {
    // Schmidt/Schmitt: "dt" vs "tt"
    sa = a.slice(p, a.length - q + 1);
    sb = b.slice(p, b.length - q + 1);
  } else if ((sa.length === 1 || sb.length === 1) && p > 0) {
    sa = a.slice(p - 1, a.length - q);
    sb = b.slice(p - 1, b.length - q);
  }
  return [sa, sb];
}

/** How a spelling segment is said: `dt` → `d-t`, `tt` → `zwei t`, `f` → `einem f`. */
export function sayLetters(seg: string, lang: 'de' | 'en'): string {
  if (seg.length === 2 && seg[0] === seg[1])
    return lang === 'de' ? `zwei ${seg[0] ?? ''}` : `double ${seg[0] ?? ''}`;
  if (seg.length === 1) return lang === 'de' ? `einem ${seg}` : `one ${seg}`;
  return seg.split('').join('-');
}

/** Build the clarification question for close candidates. */
export function clarify(close: MatchCandidate[]): MatchResult['clarification'] {
  const labels = close.map(labelOf);
  const list = (items: string[], sep: string): string =>
    items.length <= 2
      ? items.join(sep)
      : `${items.slice(0, -1).join(', ')}${sep}${items.at(-1) ?? ''}`;
  const differences: CandidateDifference[] = close.map((c, i) => ({
    id: c.id,
    label: labels[i] ?? c.name,
  }));
  const out: Clarification = {
    de: `Meinen Sie ${list(labels, ' oder ')}?`,
    en: `Do you mean ${list(labels, ' or ')}?`,
    differences,
  };
  const [a, b] = close;
  if (close.length === 2 && a && b) {
    const la = lastOf(a);
    const lb = lastOf(b);
    if (la !== lb && la !== '' && lb !== '') {
      const [sa, sb] = spellingSegments(la, lb);
      if (sa !== '' && sb !== '') {
        const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
        const nameA = cap(foldText(a.lastName ?? la) === la ? (a.lastName ?? la) : la);
        const nameB = cap(foldText(b.lastName ?? lb) === lb ? (b.lastName ?? lb) : lb);
        out.spellingDe = `${nameA} mit ${sayLetters(sa, 'de')} oder ${nameB} mit ${sayLetters(sb, 'de')}?`;
        out.spellingEn = `${nameA} with ${sayLetters(sa, 'en')} or ${nameB} with ${sayLetters(sb, 'en')}?`;
        differences[0] = { ...differences[0], id: a.id, label: labels[0] ?? a.name, spelling: sa };
        differences[1] = { ...differences[1], id: b.id, label: labels[1] ?? b.name, spelling: sb };
      }
    }
  }
  return out;
}
