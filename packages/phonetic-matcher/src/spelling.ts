/**
 * Spelled answers: letters one by one ("S C H M I D T", "es ce ha"), the traditional German
 * spelling alphabet (Anton, Berta, Cäsar …), DIN 5009:2022's city alphabet (Aachen, Berlin,
 * Chemnitz …) and "mit d-t" / "mit zwei t" / "mit einem f".
 *
 * @internal
 */

/** Folded word → letters it stands for. Words are folded (ä → ae, ß → ss). */
const ALPHABET: Record<string, string> = {
  // traditional German spelling alphabet (DIN 5009 before 2022)
  anton: 'a',
  aerger: 'ae',
  berta: 'b',
  bertha: 'b',
  caesar: 'c',
  charlotte: 'ch',
  dora: 'd',
  emil: 'e',
  friedrich: 'f',
  gustav: 'g',
  heinrich: 'h',
  ida: 'i',
  julius: 'j',
  kaufmann: 'k',
  konrad: 'k',
  ludwig: 'l',
  martha: 'm',
  marta: 'm',
  nordpol: 'n',
  otto: 'o',
  oekonom: 'oe',
  paula: 'p',
  quelle: 'q',
  richard: 'r',
  samuel: 's',
  siegfried: 's',
  schule: 'sch',
  eszett: 'ss',
  theodor: 't',
  ulrich: 'u',
  uebermut: 'ue',
  viktor: 'v',
  wilhelm: 'w',
  xanthippe: 'x',
  ypsilon: 'y',
  zacharias: 'z',
  zeppelin: 'z',
  // DIN 5009:2022 city alphabet
  aachen: 'a',
  berlin: 'b',
  chemnitz: 'c',
  duesseldorf: 'd',
  essen: 'e',
  frankfurt: 'f',
  goslar: 'g',
  hamburg: 'h',
  ingelheim: 'i',
  jena: 'j',
  koeln: 'k',
  leipzig: 'l',
  muenchen: 'm',
  nuernberg: 'n',
  offenbach: 'o',
  potsdam: 'p',
  quickborn: 'q',
  rostock: 'r',
  salzwedel: 's',
  tuebingen: 't',
  unna: 'u',
  voelklingen: 'v',
  wuppertal: 'w',
  xanten: 'x',
  zwickau: 'z',
  // German letter names as ASR writes them
  be: 'b',
  ce: 'c',
  ze: 'c',
  de: 'd',
  ef: 'f',
  ge: 'g',
  ha: 'h',
  jot: 'j',
  ka: 'k',
  el: 'l',
  em: 'm',
  en: 'n',
  pe: 'p',
  ku: 'q',
  er: 'r',
  es: 's',
  te: 't',
  vau: 'v',
  we: 'w',
  ix: 'x',
  zett: 'z',
  zet: 'z',
  // English letter names
  bee: 'b',
  see: 'c',
  dee: 'd',
  gee: 'g',
  jay: 'j',
  kay: 'k',
  pee: 'p',
  cue: 'q',
  ar: 'r',
  tee: 't',
  vee: 'v',
  ex: 'x',
  zed: 'z',
  zee: 'z',
};

const FILLER = new Set([
  'wie',
  'fuer',
  'as',
  'in',
  'like',
  'for',
  'mit',
  'with',
  'und',
  'and',
  'dann',
]);
const UMLAUT_WORD: Record<string, string> = { a: 'ae', o: 'oe', u: 'ue' };

/**
 * If the (folded) tokens spell a word, return it: "s c h m i d t", "es ce ha em i de te",
 * "Siegfried Cäsar Heinrich …", "Salzwedel Chemnitz Hamburg …". Needs at least three letters
 * and most tokens to be letters, so an ordinary name is not read as spelling.
 */
export function readSpelled(tokens: readonly string[]): string | undefined {
  let out = '';
  let letters = 0;
  let other = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (FILLER.has(t)) continue;
    if (t === 'umlaut' && i + 1 < tokens.length) {
      const next = ALPHABET[tokens[i + 1] ?? ''] ?? tokens[i + 1] ?? '';
      const u = UMLAUT_WORD[next];
      if (u !== undefined) {
        out += u;
        letters++;
        i++;
        continue;
      }
    }
    if ((t === 'doppel' || t === 'double' || t === 'zwei') && i + 1 < tokens.length) {
      const next = tokens[i + 1] ?? '';
      const l = next.length === 1 ? next : ALPHABET[next];
      if (l !== undefined) {
        out += l + l;
        letters += 2;
        i++;
        continue;
      }
    }
    if (t.length === 1 && /[a-z]/.test(t)) {
      out += t;
      letters++;
      continue;
    }
    const l = ALPHABET[t];
    if (l !== undefined) {
      out += l;
      letters++;
      continue;
    }
    other++;
  }
  if (letters >= 3 && other <= letters / 4) return out;
  return undefined;
}

/**
 * "mit d-t", "mit dt", "mit zwei t", "mit doppel-t", "mit einem f", "with a-i": the letters
 * the caller named. Returns the segment and whether it must be a single letter not doubled.
 */
export function readWithLetters(tokens: readonly string[]): string | undefined {
  const at = tokens.findIndex((t) => t === 'mit' || t === 'with');
  if (at < 0) return undefined;
  const rest = tokens.slice(at + 1);
  const [first, second] = rest;
  if (first === undefined) return undefined;
  if ((first === 'zwei' || first === 'doppel' || first === 'double' || first === 'two') && second) {
    const l = second.length === 1 ? second : ALPHABET[second];
    return l === undefined ? undefined : l + l;
  }
  if ((first === 'einem' || first === 'ein' || first === 'one' || first === 'an') && second) {
    const l = second.length === 1 ? second : ALPHABET[second];
    if (l !== undefined && rest.length === 2) return l;
  }
  let seg = '';
  for (const t of rest) {
    if (t.length === 1) seg += t;
    else if (t.length === 2 && /^[a-z]{2}$/.test(t) && ALPHABET[t] === undefined) seg += t;
    else {
      const l = ALPHABET[t];
      if (l === undefined) break;
      seg += l;
    }
  }
  return seg === '' ? undefined : seg;
}
