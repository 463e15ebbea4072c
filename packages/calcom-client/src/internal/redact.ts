/**
 * The one redactor of personal data in text that leaves the client (error messages, events).
 * @internal
 */

/** What replaces every redacted piece. */
export const REDACTED = '[redacted]';

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An e-mail address: `erika.muster+cal@mail.example.com`. */
export const EMAIL = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)*/g;

// Not inside a word, an id (`uid=…`), a path or a dotted / dashed number (an ISO date's month).
const START = String.raw`(?<![\w.=/+-])`;
/**
 * A phone number: international (`+49 151 1234-5678`, `+4915112345678`), national with a trunk
 * 0 and 8+ digits (`0151 12345678`, `(030) 123 4567`, `030/1234567`, `01.23.45.67.89`), or any
 * other 9+ digits in groups (`(555) 123-4567`, `15112345678`). Dates (`2026-11-26`), times,
 * short numbers (`0800 123`) and IPv4 addresses (`127.0.0.1:6379`) are kept.
 */
export const PHONE = new RegExp(
  [
    String.raw`\+\s*\d(?:[\s().-]*\d){5,}`,
    String.raw`${START}(?:\(\s*)?0(?:[\s()./-]{0,3}\d){7,}`,
    String.raw`${START}(?:\(\s*)?(?!\d{4}-\d\d-\d\d(?!\d))\d(?:[\s()-]{0,3}\d){8,}`,
  ].join('|'),
  'g',
);

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

// One escaped character (or UTF-8 byte run) as it can appear in an echoed body.
const ESCAPE =
  /&#x([0-9a-f]{1,6});?|&#(\d{1,7});?|&(amp|lt|gt|quot|apos|nbsp);|\\u\{([0-9a-f]{1,6})\}|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})|((?:%[0-9a-f]{2})+)/iy;

function fromCodePoint(n: number): string {
  return n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}

function percentDecode(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // Not UTF-8: read the bytes as Latin-1.
    return run.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** One piece of text, lower-cased and without accents (`Müller`, `Mu\u0308ller` → `muller`). */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Text folded for searching, with, for every character of it, the span of the original. */
interface FoldedView {
  folded: string;
  from: number[];
  to: number[];
}

/**
 * `text` {@link fold}ed, with escapes decoded (HTML entities, `\u` / `\x` escapes,
 * percent-encoding) when `decode` is set, and for every character of the result the span of
 * `text` it came from.
 */
function foldedView(text: string, decode: boolean): FoldedView {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    ESCAPE.lastIndex = i;
    const m = decode ? ESCAPE.exec(text) : null;
    let decoded: string;
    let end: number;
    if (m) {
      end = i + m[0].length;
      if (m[1] !== undefined) decoded = fromCodePoint(parseInt(m[1], 16));
      else if (m[2] !== undefined) decoded = fromCodePoint(parseInt(m[2], 10));
      else if (m[3] !== undefined) decoded = NAMED[m[3].toLowerCase()] ?? m[0];
      else if (m[4] !== undefined) decoded = fromCodePoint(parseInt(m[4], 16));
      else if (m[5] !== undefined) decoded = String.fromCharCode(parseInt(m[5], 16));
      else if (m[6] !== undefined) decoded = String.fromCharCode(parseInt(m[6], 16));
      else decoded = percentDecode(m[7] ?? m[0]);
    } else {
      const cp = text.codePointAt(i) ?? 0;
      decoded = String.fromCodePoint(cp);
      end = i + decoded.length;
    }
    const f = fold(decoded);
    for (let k = 0; k < f.length; k++) {
      from.push(i);
      to.push(end);
    }
    folded += f;
    i = end;
  }
  return { folded, from, to };
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * What to look for of the sensitive values: each value itself (`whole`, removed wherever it
 * appears) and its parts (each name of a full name, an e-mail's local part and its pieces, removed
 * as whole words), folded, at least 2 characters long. Longest first, so that a value that
 * contains another is removed whole.
 */
function needles(values: readonly string[]): Array<{ text: string; whole: boolean }> {
  const out = new Map<string, boolean>();
  const add = (s: string, whole: boolean) => {
    const f = fold(s.trim());
    if (f.length >= 2) out.set(f, whole || (out.get(f) ?? false));
  };
  for (const v of values) {
    add(v, true);
    // Of an e-mail address only the local part names the person (not `example`, `com`).
    const at = v.lastIndexOf('@');
    const personal = at > 0 ? v.slice(0, at) : v;
    if (at > 0) add(personal, false);
    for (const part of personal.split(/[^\p{L}\p{N}]+/u)) add(part, false);
  }
  return [...out]
    .map(([text, whole]) => ({ text, whole }))
    .sort((a, b) => b.text.length - a.text.length);
}

/**
 * `text` without the given `values`, then without e-mail addresses and phone numbers
 * ({@link PHONE}): each replaced by `[redacted]`. A value is found whole and by its parts (a
 * first or last name alone, an e-mail's local part), case- and accent-insensitively, also when
 * the text carries it HTML-escaped (`&#69;rika`), `\u`-escaped, percent-encoded (`%40`) or in
 * another Unicode normal form. A part is only removed as a whole word; values and parts shorter
 * than 2 characters are ignored.
 */
export function redact(text: string, values: readonly string[] = []): string {
  const decoded = foldedView(text, true);
  // The text as it is too: decoding can swallow a value (`%AAÜ` decodes `%AA`, not `AAÜ`).
  const views =
    text.includes('%') || text.includes('&') || text.includes('\\')
      ? [decoded, foldedView(text, false)]
      : [decoded];
  const spans: Array<[number, number]> = [];
  const mark = (view: FoldedView, start: number, end: number) => {
    if (end > start) spans.push([view.from[start] ?? 0, view.to[end - 1] ?? text.length]);
  };
  const found = needles(values);
  for (const view of views) {
    const { folded } = view;
    for (const { text: n, whole } of found) {
      for (let at = folded.indexOf(n); at !== -1; at = folded.indexOf(n, at + 1)) {
        const before = folded[at - 1];
        const after = folded[at + n.length];
        if (!whole && ((before && WORD.test(before)) || (after && WORD.test(after)))) continue;
        mark(view, at, at + n.length);
      }
    }
  }
  // Shapes of e-mail addresses and phone numbers: in the text as it is, and decoded (`%40`).
  for (const re of [EMAIL, PHONE]) {
    for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
    for (const m of decoded.folded.matchAll(re)) mark(decoded, m.index, m.index + m[0].length);
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of spans) {
    if (e <= pos) continue;
    if (s >= pos) {
      out += text.slice(pos, s) + REDACTED;
    }
    pos = e;
  }
  return out + text.slice(pos);
}
