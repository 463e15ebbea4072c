/**
 * Number words 0–59 (cardinal) and 1–31 (ordinal) in German and English, built once at module
 * load into maps of normalised words (lower case, ä → ae, ö → oe, ü → ue, ß → ss).
 *
 * @internal
 */

const DE_UNITS = ['', 'ein', 'zwei', 'drei', 'vier', 'fuenf', 'sechs', 'sieben', 'acht', 'neun'];
const DE_TEENS = [
  'zehn',
  'elf',
  'zwoelf',
  'dreizehn',
  'vierzehn',
  'fuenfzehn',
  'sechzehn',
  'siebzehn',
  'achtzehn',
  'neunzehn',
];
const DE_TENS = ['', '', 'zwanzig', 'dreissig', 'vierzig', 'fuenfzig'];
const DE_ORD_STEMS = [
  '',
  'erst',
  'zweit',
  'dritt',
  'viert',
  'fuenft',
  'sechst',
  'siebt',
  'acht',
  'neunt',
];
const DE_ORD_ENDINGS = ['e', 'en', 'er', 'es', 'em'];

const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty'];
const EN_ORD_UNITS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
];
const EN_ORD_TEENS = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];

/** Single-token cardinals (German compounds are one word: "einundzwanzig"). */
const CARDINALS = new Map<string, number>();
/** Single-token ordinals ("einunddreissigsten", "first", "twentieth"). */
const ORDINALS = new Map<string, number>();
/** English tens that may be followed by a unit word ("twenty one", "thirty first"). */
const EN_TENS_MAP = new Map<string, number>();
const EN_UNIT_MAP = new Map<string, number>();
const EN_ORD_UNIT_MAP = new Map<string, number>();

function addGermanOrdinal(stem: string, value: number): void {
  for (const ending of DE_ORD_ENDINGS) ORDINALS.set(stem + ending, value);
}

function build(): void {
  CARDINALS.set('null', 0);
  CARDINALS.set('zero', 0);
  for (const w of ['eins', 'ein', 'eine', 'einer', 'einem', 'einen']) CARDINALS.set(w, 1);
  CARDINALS.set('zwo', 2);
  for (let n = 2; n <= 9; n++) CARDINALS.set(DE_UNITS[n] ?? '', n);
  for (let n = 1; n <= 9; n++) {
    addGermanOrdinal(DE_ORD_STEMS[n] ?? '', n);
    CARDINALS.set(EN_UNITS[n] ?? '', n);
    EN_UNIT_MAP.set(EN_UNITS[n] ?? '', n);
    ORDINALS.set(EN_ORD_UNITS[n] ?? '', n);
    EN_ORD_UNIT_MAP.set(EN_ORD_UNITS[n] ?? '', n);
  }
  addGermanOrdinal('siebent', 7);
  for (let n = 10; n <= 19; n++) {
    const de = DE_TEENS[n - 10] ?? '';
    CARDINALS.set(de, n);
    addGermanOrdinal(`${de}t`, n);
    CARDINALS.set(EN_TEENS[n - 10] ?? '', n);
    ORDINALS.set(EN_ORD_TEENS[n - 10] ?? '', n);
  }
  CARDINALS.set('sechszehn', 16);
  for (let tens = 2; tens <= 5; tens++) {
    const de = DE_TENS[tens] ?? '';
    const en = EN_TENS[tens] ?? '';
    CARDINALS.set(de, tens * 10);
    CARDINALS.set(en, tens * 10);
    EN_TENS_MAP.set(en, tens * 10);
    ORDINALS.set(`${en.slice(0, -1)}ieth`, tens * 10);
    addGermanOrdinal(`${de}st`, tens * 10);
    for (let unit = 1; unit <= 9; unit++) {
      const word = `${DE_UNITS[unit] ?? ''}und${de}`;
      CARDINALS.set(word, tens * 10 + unit);
      if (tens * 10 + unit <= 31) addGermanOrdinal(`${word}st`, tens * 10 + unit);
    }
  }
}
build();

const DIGITS = /^\d{1,4}$/;
const DIGIT_ORDINAL = /^(\d{1,2})(?:\.|st|nd|rd|th)$/;

/** A number read from one or two tokens. @internal */
export interface ReadNumber {
  readonly value: number;
  /** Index of the first token after the number. */
  readonly next: number;
}

/**
 * Reads a cardinal at `tokens[i]`: digits, a German word, or an English word or pair
 * ("twenty one"). Returns `undefined` when there is none.
 *
 * @internal
 */
export function cardinalAt(tokens: readonly string[], i: number): ReadNumber | undefined {
  const token = tokens[i];
  if (token === undefined) return undefined;
  if (DIGITS.test(token)) return { value: Number(token), next: i + 1 };
  const tens = EN_TENS_MAP.get(token);
  if (tens !== undefined) {
    const unit = EN_UNIT_MAP.get(tokens[i + 1] ?? '');
    if (unit !== undefined) return { value: tens + unit, next: i + 2 };
  }
  const value = CARDINALS.get(token);
  return value === undefined ? undefined : { value, next: i + 1 };
}

/**
 * Reads an ordinal at `tokens[i]`: `24.`, `2nd`, `vierundzwanzigsten`, `third`,
 * `twenty first`. Returns `undefined` when there is none.
 *
 * @internal
 */
export function ordinalAt(tokens: readonly string[], i: number): ReadNumber | undefined {
  const token = tokens[i];
  if (token === undefined) return undefined;
  const digits = DIGIT_ORDINAL.exec(token);
  if (digits) return { value: Number(digits[1]), next: i + 1 };
  const tens = EN_TENS_MAP.get(token);
  if (tens !== undefined) {
    const unit = EN_ORD_UNIT_MAP.get(tokens[i + 1] ?? '');
    if (unit !== undefined) return { value: tens + unit, next: i + 2 };
  }
  const value = ORDINALS.get(token);
  return value === undefined ? undefined : { value, next: i + 1 };
}

/** Whether `token` is a number word or digits (used to tell "am" = a.m. from German "am"). */
export function isNumberToken(token: string | undefined): boolean {
  if (token === undefined) return false;
  return (
    DIGITS.test(token) || DIGIT_ORDINAL.test(token) || CARDINALS.has(token) || ORDINALS.has(token)
  );
}
