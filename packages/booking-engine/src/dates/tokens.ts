/**
 * Turns a spoken phrase into normalised tokens: lower case, umlauts spelled out (ä → ae,
 * ß → ss), other accents dropped, punctuation removed, `a.m.` → `am`, `o'clock` → `oclock`,
 * `4pm` → `4 pm`, `twenty-one` → `twenty one`, an ISO `T` split. Every pattern is compiled once.
 *
 * @internal
 */

const UMLAUTS = /[äöüß]/g;
const UMLAUT_SPELLING: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
const MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\x20-\x7e]/;
const MERIDIEM = /(^|[^a-z])([ap])\.? ?m(?![a-z])\.?/g;
const OCLOCK = /\bo ?['’`]? ?clock\b/g;
const PUNCTUATION = /[,;!?()"“”„«»[\]{}…_*#|+<>=~^&%$§]+/g;
const APOSTROPHE = /['’`]/g;
const GLUED_UNIT = /(\d)(am|pm|uhr|h)\b/g;
const ORDINAL_DOT_WORD = /(\d\.)([a-z])/g;
const WORD_HYPHEN = /([a-z])-(?=[a-z\d])|(\d)-(?=[a-z])/g;
const ISO_T = /(\d{4}-\d{1,2}-\d{1,2})t(?=\d)/g;
const SPACES = /\s+/;
const WORD_DOTS = /^([a-z]+)\.+$/;
const H_MINUTES = /^(\d{1,2})h(\d{2})$/;

function spellUmlaut(ch: string): string {
  return UMLAUT_SPELLING[ch] ?? ch;
}

/**
 * Splits a phrase into normalised tokens.
 *
 * @internal
 */
export function tokenize(phrase: string): string[] {
  let s = phrase.toLowerCase();
  if (NON_ASCII.test(s)) s = s.replace(UMLAUTS, spellUmlaut).normalize('NFD').replace(MARKS, '');
  s = s
    .replace(MERIDIEM, '$1 $2m ')
    .replace(OCLOCK, ' oclock ')
    .replace(PUNCTUATION, ' ')
    .replace(ISO_T, '$1 ')
    .replace(GLUED_UNIT, '$1 $2')
    .replace(ORDINAL_DOT_WORD, '$1 $2')
    .replace(WORD_HYPHEN, '$1$2 ')
    .replace(APOSTROPHE, '');
  const out: string[] = [];
  for (const raw of s.split(SPACES)) {
    if (raw === '' || raw === '-' || raw === '.') continue;
    const dotted = WORD_DOTS.exec(raw);
    if (dotted) {
      out.push(dotted[1] ?? raw);
      continue;
    }
    const h = H_MINUTES.exec(raw);
    out.push(h ? `${h[1] ?? ''}:${h[2] ?? ''}` : raw);
  }
  return out;
}
