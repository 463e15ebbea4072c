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

/**
 * `text` without the given `values` (each trimmed, case-insensitive, wherever it appears; values
 * shorter than 2 characters are ignored), then without e-mail addresses and phone numbers
 * ({@link PHONE}): each replaced by `[redacted]`.
 */
export function redact(text: string, values: readonly string[] = []): string {
  let out = text;
  // Longest first: a value that contains another is removed whole.
  const sorted = values
    .map((v) => v.trim())
    .filter((v) => v.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const v of sorted) out = out.replace(new RegExp(escapeRegExp(v), 'gi'), REDACTED);
  return out.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}
