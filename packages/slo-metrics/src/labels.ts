/**
 * Bounded label values. Every label value the package writes comes from a closed set or an
 * allow-list; anything else becomes `'other'`, so a caller's name, a phone number or a booking
 * id can never create a new time series.
 */

/** The label value used for anything outside a label's allow-list. */
export const OTHER = 'other';

const normalise = (v: string): string => v.toLowerCase().replace(/[^a-z0-9]/g, '');

/** `getSlots`, `get-slots`, `get_slots` → `get_slots`. */
export const toSnakeCase = (v: string): string =>
  v
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * Maps raw values to canonical snake_case label values of an allow-list, tolerant of
 * camelCase / kebab-case / snake_case spellings of the same word; unknown values map to
 * {@link OTHER}.
 * @internal
 */
export class AllowList {
  readonly #canonical = new Map<string, string>();
  // Memo of raw input → label; bounded so hostile input cannot grow it.
  readonly #memo = new Map<string, string>();
  readonly values: readonly string[];

  constructor(values: Iterable<string>) {
    const out = new Set<string>();
    for (const v of values) {
      const canonical = toSnakeCase(v);
      if (canonical === '') continue;
      this.#canonical.set(normalise(v), canonical);
      out.add(canonical);
    }
    out.add(OTHER);
    this.values = [...out];
  }

  map(raw: unknown): string {
    if (typeof raw !== 'string') return OTHER;
    const hit = this.#memo.get(raw);
    if (hit !== undefined) return hit;
    const value = this.#canonical.get(normalise(raw)) ?? OTHER;
    if (this.#memo.size < 1024) this.#memo.set(raw, value);
    return value;
  }
}

/** Maps a closed-set value to itself, anything else to {@link OTHER}. @internal */
export function closed(set: ReadonlySet<string>, raw: unknown): string {
  return typeof raw === 'string' && set.has(raw) ? raw : OTHER;
}

/** HTTP status → `2xx` … `5xx`, anything else `other`. @internal */
export function statusClass(status: unknown): string {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return OTHER;
  return `${Math.floor(status / 100)}xx`;
}

/** Upstream error classes, the closed set of the `class` label of upstream errors. */
export const UPSTREAM_ERROR_CLASSES = [
  'timeout',
  'circuit_open',
  'rate_limited',
  'invalid_response',
  'network',
  'http_4xx',
  'http_5xx',
  'aborted',
  'other',
] as const;

/** One of {@link UPSTREAM_ERROR_CLASSES}. */
export type UpstreamErrorClass = (typeof UPSTREAM_ERROR_CLASSES)[number];

/**
 * Classifies an upstream error code (e.g. `E_CALCOM_TIMEOUT`) and optional HTTP status into a
 * bounded class. @internal
 */
export function errorClass(code: unknown, status?: unknown): UpstreamErrorClass {
  const c = typeof code === 'string' ? code.toUpperCase() : '';
  if (/TIMEOUT|TIMED_OUT|ETIMEDOUT/.test(c)) return 'timeout';
  if (/CIRCUIT|BREAKER/.test(c)) return 'circuit_open';
  if (/RATE_?LIMIT|TOO_MANY/.test(c) || status === 429) return 'rate_limited';
  if (/INVALID|SCHEMA|PARSE|VALIDATION/.test(c)) return 'invalid_response';
  if (/NETWORK|ECONN|SOCKET|ENOTFOUND|EAI_AGAIN|DNS|FETCH/.test(c)) return 'network';
  if (/ABORT|CANCEL/.test(c)) return 'aborted';
  if (typeof status === 'number' && status >= 500 && status <= 599) return 'http_5xx';
  if (typeof status === 'number' && status >= 400 && status <= 499) return 'http_4xx';
  if (/5\d\d/.test(c)) return 'http_5xx';
  if (/4\d\d/.test(c)) return 'http_4xx';
  return 'other';
}
