/**
 * TTL policy as data. `slots` entries get `normalMs`, or `emptyMs` when the answer has no slot,
 * or `farFutureMs` when the range starts more than `farFutureAfterDays` days ahead.
 */
export interface TtlPolicy {
  /** TTLs of availability (slots) answers. */
  readonly slots: {
    /** TTL of an answer with slots, ms. @default 60000 */
    readonly normalMs: number;
    /** TTL of an answer without any slot, ms (shorter: a cancellation frees one). @default 30000 */
    readonly emptyMs: number;
    /** TTL of a range far ahead, ms (it changes rarely). @default 300000 */
    readonly farFutureMs: number;
    /** Days ahead from which a range counts as far. @default 14 */
    readonly farFutureAfterDays: number;
  };
  /** TTL of event-type answers. @default 3600000 */
  readonly eventTypesMs: number;
  /** TTL of any other key group. @default 60000 */
  readonly defaultMs: number;
}

/**
 * The default {@link TtlPolicy}.
 *
 * @example
 * ```ts
 * createTieredCache({ ttlPolicy: { ...DEFAULT_TTL_POLICY, eventTypesMs: 600_000 } });
 * ```
 */
export const DEFAULT_TTL_POLICY: TtlPolicy = {
  slots: { normalMs: 300_000, emptyMs: 150_000, farFutureMs: 1_500_000, farFutureAfterDays: 14 },
  eventTypesMs: 3_600_000,
  defaultMs: 60_000,
};

/** Per-call hints that select the TTL of a `slots` answer. */
export interface SlotsPolicyHint<T = unknown> {
  /** Start of the requested range (ISO string, epoch ms or Date). */
  readonly startsAt?: string | number | Date;
  /** Whether the answer holds no slot. @default {@link isEmptySlots} */
  readonly isEmpty?: (value: T) => boolean;
}

/**
 * `true` for an empty array, or an object whose values are all empty arrays (Cal.com v2
 * `{ "2026-11-26": [] }`), also when wrapped in `{ data: … }`.
 *
 * @param value - a slots answer (or its `data`).
 * @returns whether it offers no slot at all.
 * @example
 * ```ts
 * isEmptySlots({ data: { '2026-11-26': [] } }); // true
 * ```
 */
export function isEmptySlots(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== 'object' || value === null) return value == null;
  const obj = value as Record<string, unknown>;
  if ('data' in obj && typeof obj.data === 'object' && obj.data !== null) {
    return isEmptySlots(obj.data);
  }
  return Object.values(obj).every((v) => Array.isArray(v) && v.length === 0);
}

/**
 * Resolves the TTL of a value under `policy`.
 *
 * @param policy - the TTL policy.
 * @param keyGroup - the entry's key group (`slots`, `eventTypes`, …).
 * @param value - the value about to be cached.
 * @param hint - for `slots`: how to tell an empty answer and the range's start.
 * @param now - the clock, epoch ms.
 * @returns the TTL in ms.
 * @example
 * ```ts
 * resolveTtlMs(DEFAULT_TTL_POLICY, 'slots', [], {}, Date.now()); // 30000 (empty)
 * ```
 */
export function resolveTtlMs<T>(
  policy: TtlPolicy,
  keyGroup: string,
  value: T,
  hint: SlotsPolicyHint<T> | undefined,
  now: number,
): number {
  if (keyGroup === 'eventTypes') return policy.eventTypesMs;
  if (keyGroup !== 'slots') return policy.defaultMs;
  if (hint?.startsAt !== undefined) {
    const start = new Date(hint.startsAt).getTime();
    if (start - now > policy.slots.farFutureAfterDays * 86_400_000) return policy.slots.farFutureMs;
  }
  const empty = hint?.isEmpty ? hint.isEmpty(value) : isEmptySlots(value);
  return empty ? policy.slots.emptyMs : policy.slots.normalMs;
}
