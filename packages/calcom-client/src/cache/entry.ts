import type { CacheEntry } from './types.js';

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Whether `value` (read from an L2 store, so possibly anything: another version's format, a hand
 * edit) is a {@link CacheEntry} the cache can use. Anything else is treated as a miss.
 * @internal
 */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  if (!('value' in e) || !isTime(e.createdAt) || !isTime(e.freshUntil) || !isTime(e.staleUntil)) {
    return false;
  }
  if (e.startedAt !== undefined && !isTime(e.startedAt)) return false;
  const tags = e.tags;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return false;
  for (const v of Object.values(tags)) if (!isTime(v)) return false;
  return true;
}

/**
 * An L2 value that is not a cache entry. Not an L2 failure: the cache counts it as a miss
 * (and reports it as `cache:l2-error` with operation `get`) without skipping L2 afterwards.
 * @internal
 */
export class CacheEntryFormatError extends Error {
  override name = 'CacheEntryFormatError';
}

/** Parses the JSON of an entry; throws {@link CacheEntryFormatError} (never quoting it). @internal */
export function decodeCacheEntry(raw: string): CacheEntry {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new CacheEntryFormatError('L2 value is not JSON');
  }
  if (!isCacheEntry(value)) throw new CacheEntryFormatError('L2 value is not a cache entry');
  return value;
}
