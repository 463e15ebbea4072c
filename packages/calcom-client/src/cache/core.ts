import type { Flight } from './flight.js';
import type { L2Layer } from './l2.js';
import type { CacheGetOptions, ResolvedCacheOptions } from './options.js';
import type { TtlPolicy } from './policy.js';
import type { CacheEntry, CacheEvent, CacheResult } from './types.js';
import type { TagVersions } from './versions.js';

/**
 * A loader: receives the shared load's signal, aborted once every caller has left.
 * @inline
 */
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

/** How an entry may be used now. @internal */
export type Freshness = 'fresh' | 'revalidate' | 'if-error' | 'dead';

/**
 * The single flight of a key: its tags, and the {@link TagVersions.seq} from which on an
 * invalidation of one of them makes its answer too old for a new caller (and for the cache).
 * @internal
 */
export interface Pending {
  readonly tags: readonly string[];
  since: number;
  flight: Flight<CacheResult<unknown>>;
}

/** What the parts of one {@link TieredCache} share. @internal */
export interface CacheCore {
  readonly o: ResolvedCacheOptions;
  readonly policy: TtlPolicy;
  /** This instance's id: the bus origin and the fill-lease owner. */
  readonly id: string;
  readonly l2: L2Layer;
  readonly versions: TagVersions;
  emit(e: CacheEvent): void;
  /** Puts an entry in L1 (unless L1 is bypassed). */
  l1Set(key: string, entry: CacheEntry): void;
}

/** The tags of a get: the list, or what the function gives. @internal */
export const tagsOf = <T>(options: CacheGetOptions<T>): readonly string[] =>
  (typeof options.tags === 'function' ? options.tags() : options.tags) ?? [];

/** How `e` may be used at `now`. @internal */
export function freshness(core: CacheCore, e: CacheEntry, now: number): Freshness {
  if (now >= e.staleUntil) return 'dead';
  const o = core.o;
  if (!core.versions.invalidates(e)) {
    if (now < e.freshUntil) return 'fresh';
    if (now < e.freshUntil + o.staleWhileRevalidateMs) return 'revalidate';
    if (now < e.freshUntil + o.staleIfErrorMs) return 'if-error';
    return 'dead';
  }
  // Invalidated by a tag: never fresh again, only a stale-if-error fallback.
  return o.staleIfErrorMs > 0 ? 'if-error' : 'dead';
}

/**
 * The one stale-on-error decision: whether `error` (a loader's, or with `ownAbort` this
 * caller's abort reason) is answered with `fallback` — the last good value, within
 * `staleIfErrorMs`, invalidated or not — instead of being thrown. See `staleIfError`.
 * @internal
 */
export function staleOnError<T>(
  core: CacheCore,
  error: unknown,
  fallback: CacheEntry | undefined,
  source: 'l1' | 'l2',
  options: CacheGetOptions<T>,
  ownAbort: boolean,
): CacheResult<T> | undefined {
  if (!fallback || core.o.staleIfErrorMs <= 0) return undefined;
  if (freshness(core, fallback, Date.now()) === 'dead') return undefined;
  if (!(options.staleIfError ? options.staleIfError(error) : !ownAbort)) return undefined;
  core.emit({ type: 'cache:stale', keyGroup: options.keyGroup, reason: 'error' });
  return { value: fallback.value as T, stale: true, source };
}
