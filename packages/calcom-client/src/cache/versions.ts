import { LRUCache } from 'lru-cache';
import type { CacheEntry } from './types.js';

/**
 * What one cache instance knows about tag invalidations: the highest version of each tag seen
 * (from L2 or the bus), tags invalidated by time (while L2 could not move versions), and tags
 * whose L2 counter went back (L2 lost its state). Decides whether an entry is invalidated.
 * @internal
 */
export class TagVersions {
  readonly #known = new LRUCache<string, number>({ max: 100_000 });
  /** Tags invalidated while no shared version could be bumped: tag → ms. */
  readonly #byTime = new LRUCache<string, number>({ max: 100_000 });
  /**
   * Tags whose L2 counter was found restarted below the known version (Redis restarted empty,
   * flushed, evicted): tag → ms. Entries of the tag filled before it are invalidated.
   */
  readonly #lostAt = new LRUCache<string, number>({ max: 100_000 });

  /** The highest version of `tag` known here (0 when none). */
  known(tag: string): number {
    return this.#known.get(tag) ?? 0;
  }

  /**
   * Records a version read from L2 or received on the bus. A higher one moves the known
   * version; a lower one means L2 lost its counters (or, rarely, a message overtaken by a
   * newer read), see {@link TagVersions.lost}.
   */
  note(tag: string, version: number): void {
    const known = this.known(tag);
    if (version > known) this.#known.set(tag, version);
    else if (version < known) this.lost(tag, version);
  }

  /**
   * Records the version a bump of `tag` answered. A bump answers a version nobody has seen; one
   * not above the known version means L2 lost its counters: invalidate by time as well.
   */
  bumped(tag: string, version: number): void {
    if (version > this.known(tag)) {
      this.#known.set(tag, version);
      return;
    }
    this.lost(tag, version);
    this.invalidateByTime(tag, Date.now());
  }

  /**
   * L2's counter of `tag` restarted below what this instance knows: versions no longer order
   * entries. Everything filled before now under `tag` is treated as invalidated, and the known
   * version follows L2 again so new entries can be fresh. Answers the time it noted.
   */
  lost(tag: string, version: number): number {
    const now = Date.now();
    this.#known.set(tag, version);
    this.#lostAt.set(tag, now);
    return now;
  }

  /** Invalidates every entry of `tag` whose fill started at or before `at`. */
  invalidateByTime(tag: string, at: number): void {
    this.#byTime.set(tag, at);
  }

  /** Whether one of the entry's tags was invalidated after its fill started. */
  invalidates(e: CacheEntry): boolean {
    const started = e.startedAt ?? e.createdAt;
    for (const [tag, v] of Object.entries(e.tags)) {
      if (
        this.known(tag) > v ||
        (this.#byTime.get(tag) ?? -1) >= started ||
        (this.#lostAt.get(tag) ?? -1) > started
      ) {
        return true;
      }
    }
    return false;
  }
}
