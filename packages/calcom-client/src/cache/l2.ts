import { CacheEntryFormatError, isCacheEntry } from './entry.js';
import type { CacheEntry, CacheEvent, CacheStore } from './types.js';
import type { TagVersions } from './versions.js';
import { safeErrorInfo } from '../internal/safe-error.js';
import { withTimeout } from '../internal/with-timeout.js';

/** An L2 (or bus) call slower than `l2TimeoutMs`. @internal */
export class L2Timeout extends Error {
  constructor(ms: number) {
    super(`L2 call exceeded ${String(ms)} ms`);
    this.name = 'L2Timeout';
  }
}

/** Options of {@link L2Layer}. @internal */
export interface L2LayerOptions {
  readonly store: CacheStore | undefined;
  readonly timeoutMs: number;
  readonly retryAfterMs: number;
  readonly versions: TagVersions;
  readonly emit: (e: CacheEvent) => void;
}

/**
 * The tiered cache's access to its L2 store: every call bounded by the timeout, never
 * throwing, L2 skipped for a while after an error; reads that record the tag versions they
 * see.
 * @internal
 */
export class L2Layer {
  readonly #o: L2LayerOptions;
  #downUntil = 0;

  constructor(options: L2LayerOptions) {
    this.#o = options;
  }

  /** Whether L2 is being skipped after an error. */
  isDown(): boolean {
    return Date.now() < this.#downUntil;
  }

  /** Runs an L2 call with a timeout; never throws (undefined on skip/error). */
  async call<R>(
    kg: string,
    operation: string,
    op: (s: CacheStore) => Promise<R>,
    secrets: readonly string[] = [],
  ): Promise<R | undefined> {
    const store = this.#o.store;
    if (!store || this.isDown()) return undefined;
    try {
      return await withTimeout(
        op(store),
        this.#o.timeoutMs,
        () => new L2Timeout(this.#o.timeoutMs),
      );
    } catch (error) {
      // A malformed value is the key's problem, not L2's: no reason to skip L2.
      if (!(error instanceof CacheEntryFormatError)) {
        this.#downUntil = Date.now() + this.#o.retryAfterMs;
      }
      this.#o.emit({
        type: 'cache:l2-error',
        keyGroup: kg,
        operation,
        error: safeErrorInfo(error, secrets),
      });
      return undefined;
    }
  }

  /**
   * The versions to stamp a new entry of `tags` with: what L2 holds (recorded), never a higher
   * version known here — after L2 lost its counters, a stamp from before the loss would make
   * the next bumps look old. The known versions when L2 does not answer.
   */
  async currentVersions(tags: readonly string[], kg: string): Promise<number[]> {
    if (tags.length === 0) return [];
    const versions = this.#o.versions;
    const remote = await this.call(kg, 'tagVersions', (s) => s.getTagVersions(tags), tags);
    if (!remote) return tags.map((t) => versions.known(t));
    remote.forEach((v, i) => {
      versions.note(tags[i] ?? '', v);
    });
    return remote;
  }

  /**
   * Reads `key` with the current versions of its tags (one round trip when the store has
   * `getWithTagVersions`), records those versions, and answers the entry. A malformed entry
   * is a miss; one stamped above what L2 holds now (filled before L2 lost its counters) comes
   * back invalidated.
   */
  async read(key: string, kg: string): Promise<CacheEntry | undefined> {
    const store = this.#o.store;
    if (!store) return undefined;
    let entry: CacheEntry | undefined;
    let versions: Readonly<Record<string, number>> | undefined;
    const getWith = store.getWithTagVersions?.bind(store);
    if (getWith) {
      const r = await this.call(kg, 'get', () => getWith(key), [key]);
      if (!r) return undefined;
      if (!isCacheEntry(r.entry)) return this.#malformed(kg);
      entry = r.entry;
      versions = r.tagVersions;
    } else {
      const e = await this.call(kg, 'get', (s) => s.get(key), [key]);
      if (e === undefined) return undefined;
      if (!isCacheEntry(e)) return this.#malformed(kg);
      entry = e;
    }
    const tags = Object.keys(entry.tags);
    if (tags.length === 0) return entry;
    const answered = versions;
    if (!answered || tags.some((t) => typeof answered[t] !== 'number')) {
      const remote = await this.call(kg, 'tagVersions', (s) => s.getTagVersions(tags), [
        key,
        ...tags,
      ]);
      if (!remote) return entry;
      const read: Record<string, number> = {};
      tags.forEach((t, i) => (read[t] = remote[i] ?? 0));
      versions = read;
    }
    let lostAt: number | undefined;
    for (const tag of tags) {
      const v = versions?.[tag] ?? 0;
      // Stamped above what L2 holds now: filled before L2 lost its counters.
      if ((entry.tags[tag] ?? 0) > v) lostAt = this.#o.versions.lost(tag, v);
      else this.#o.versions.note(tag, v);
    }
    // Such an entry is invalidated however close its fill came to the loss being noticed.
    if (lostAt !== undefined) {
      return { ...entry, startedAt: Math.min(entry.startedAt ?? entry.createdAt, lostAt - 1) };
    }
    return entry;
  }

  /** An L2 value that is no entry: a miss, reported, and no reason to skip L2. */
  #malformed(kg: string): undefined {
    this.#o.emit({
      type: 'cache:l2-error',
      keyGroup: kg,
      operation: 'get',
      error: safeErrorInfo(new CacheEntryFormatError('L2 value is not a cache entry')),
    });
    return undefined;
  }
}
