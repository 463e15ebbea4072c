import { z } from 'zod';
import type { SlotsPolicyHint, TtlPolicy } from './policy.js';
import type { CacheEvent, CacheStore, InvalidationBus } from './types.js';

/** Options of {@link createTieredCache} (all optional: no store = L1 only). */
export interface TieredCacheOptions {
  /** Shared L2 layer, e.g. `RedisCacheStore`. Without it the cache is L1-only. */
  store?: CacheStore;
  /** Carries tag invalidations to other instances, e.g. `RedisInvalidationBus`. */
  bus?: InvalidationBus;
  /** Maximum number of L1 entries. @default 10000 */
  l1MaxEntries?: number;
  /** Timeout of every L2 call; a slower call counts as an L2 error. @default 50 */
  l2TimeoutMs?: number;
  /** After an L2 error, L2 is skipped for this long, then tried again. @default 1000 */
  l2RetryAfterMs?: number;
  /** TTLs per key group. @default {@link DEFAULT_TTL_POLICY} */
  ttlPolicy?: TtlPolicy;
  /**
   * After the TTL, serve the stale value immediately and refresh it in the background for
   * this long. `0` disables it.
   * @default 0
   */
  staleWhileRevalidateMs?: number;
  /** After the TTL, serve the stale value when the loader fails, for this long. @default 0 */
  staleIfErrorMs?: number;
  /** Hard bound: nothing is served later than this after its TTL. @default 3600000 */
  maxStaleMs?: number;
  /**
   * Cross-instance fill lease (`SET NX PX`): on a miss only the lease holder runs the loader;
   * the others poll L2 for its result and take the lease over when the holder is done without
   * one (its load failed) or gone (the lease expired), for up to
   * {@link TieredCacheOptions.fillLeaseWaitMs}, then load themselves. Needs a `store`.
   * Efficiency only, never correctness. `0` disables it. The default covers one attempt of a
   * Cal.com read (3 s timeout); its answers take 300–800 ms.
   * @default 3000
   */
  fillLeaseMs?: number;
  /**
   * How long a non-holder waits for the holder's result at most (its own deadline still
   * applies). @default fillLeaseMs
   */
  fillLeaseWaitMs?: number;
  /** Poll interval while waiting on another instance's fill. @default 20 */
  fillLeasePollMs?: number;
  /** Receives {@link CacheEvent}s. Must not throw. */
  onEvent?: (event: CacheEvent) => void;
}

/** Per-call options of {@link TieredCache.get}. */
export interface CacheGetOptions<T> {
  /** Bounded group name used for the TTL policy and in events (`'slots'`, `'eventTypes'`…). */
  keyGroup: string;
  /** Fixed TTL or a function of the value; overrides the policy. */
  ttlMs?: number | ((value: T) => number);
  /** Hints for the `slots` policy (range start, emptiness). */
  policy?: SlotsPolicyHint<T>;
  /**
   * Tags for invalidation, e.g. from `slotTagsFor()`; or a function giving them, called only
   * when a value is loaded (a hit never needs them).
   */
  tags?: readonly string[] | (() => readonly string[]);
  /**
   * This caller's abort signal (its cancel and deadline). When it aborts, this `get` rejects
   * with its reason at once; a load shared with other callers goes on for them, and is aborted
   * (through the signal the loader receives) only when every caller has left.
   */
  signal?: AbortSignal;
  /**
   * Which errors may be answered with the last good value (within `staleIfErrorMs`, marked
   * `stale`) instead of being thrown: the loader's error, or this caller's `signal` reason when
   * it aborts before the shared load answers. This is the cache's one stale-on-error rule.
   * @default every loader error; never this caller's abort
   */
  staleIfError?: (error: unknown) => boolean;
}

/** @internal */
export const tieredCacheSchema = z.object({
  store: z.custom<CacheStore>((v) => typeof v === 'object' && v !== null).optional(),
  bus: z.custom<InvalidationBus>((v) => typeof v === 'object' && v !== null).optional(),
  l1MaxEntries: z.number().int().min(1).default(10_000),
  l2TimeoutMs: z.number().int().min(1).default(50),
  l2RetryAfterMs: z.number().int().min(0).default(1_000),
  ttlPolicy: z.custom<TtlPolicy>((v) => typeof v === 'object' && v !== null).optional(),
  staleWhileRevalidateMs: z.number().int().min(0).default(0),
  staleIfErrorMs: z.number().int().min(0).default(0),
  maxStaleMs: z.number().int().min(0).default(3_600_000),
  fillLeaseMs: z.number().int().min(0).default(3_000),
  fillLeaseWaitMs: z.number().int().min(0).optional(),
  fillLeasePollMs: z.number().int().min(1).default(20),
  onEvent: z.custom<(e: CacheEvent) => void>((v) => typeof v === 'function').optional(),
});

/** @internal */
export type ResolvedCacheOptions = z.infer<typeof tieredCacheSchema>;
