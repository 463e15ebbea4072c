// Values of the "odd input" tests: what speech, webhooks and LLM tool calls can hand a store.
// Lengths stay within what every adapter accepts (ids ≤ 200 UTF-16 units, names ≤ 300,
// free text ≤ 2000; PostgreSQL's limits), and there is no NUL (PostgreSQL text cannot hold it).

/** A tenant id with separators, a percent escape, umlauts and an emoji. @internal */
export const ODD_TENANT = 'tenant:ü/🙂 %3A\\*';
/** Tenant ids that look like {@link ODD_TENANT} after escaping or splitting, which must stay apart. @internal */
export const LOOKALIKE_TENANTS = [
  encodeURIComponent(ODD_TENANT),
  'tenant',
  'tenant:ü',
  'TENANT:Ü/🙂 %3A\\*',
] as const;

/** An id-like value of `length` UTF-16 units mixing separators, scripts and emoji. @internal */
export function oddId(label: string, length = 150): string {
  const filler = ':/ *?[]{}"\'äß漢字🙂\t';
  let out = `${label}:`;
  while (out.length < length) out += filler;
  out = out.slice(0, length);
  // Never end inside a surrogate pair (an emoji cut in half is not valid text).
  return /[\uD800-\uDBFF]$/.test(out) ? `${out.slice(0, -1)}x` : out;
}

/** Free text of about `length` UTF-16 units, with newlines, quotes, umlauts and emoji. @internal */
export function oddText(length: number): string {
  const words = 'Grüße aus Köln — "Zoë" l\'été 🙂\n\t¿qué? 漢字 ';
  return oddId(words, length);
}
