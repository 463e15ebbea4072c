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
  /** Counts the invalidations noticed here; {@link TagVersions.changedSince} orders by it. */
  #seq = 0;
  /** Tag → the {@link TagVersions.seq} of its last invalidation noticed here. */
  readonly #changedAt = new LRUCache<string, number>({ max: 100_000 });

  /**
   * A counter that moves with every invalidation this instance notices (own bumps, bus
   * messages, by-time invalidations, lost L2 state, a version moved in L2 by someone else).
   */
  get seq(): number {
    return this.#seq;
  }

  /** Whether one of `tags` was invalidated after {@link TagVersions.seq} was `seq`. */
  changedSince(tags: readonly string[], seq: number): boolean {
    if (seq === this.#seq) return false;
    for (const t of tags) if ((this.#changedAt.get(t) ?? 0) > seq) return true;
    return false;
  }

  #changed(tag: string): void {
    this.#changedAt.set(tag, ++this.#seq);
  }

  /** The highest version of `tag` known here (0 when none). */
  known(tag: string): number {
    return this.#known.get(tag) ?? 0;
  }

  /**
   * Records a version read from L2 or received on the bus. A higher one moves the known
   * version; a lower one means L2 lost its counters (or, rarely, a message overtaken by a
   * newer read), see {@link TagVersions.lost}. A higher version of a tag known here is an
   * invalidation by someone else; the first version learned of a tag is none.
   */
  note(tag: string, version: number): void {
    const known = this.#known.get(tag);
    if (known === undefined || version > known) {
      this.#known.set(tag, version);
      if (known !== undefined) this.#changed(tag);
    } else if (version < known) this.lost(tag, version);
  }

  /** Records a version an invalidation message carried: an invalidation when it is new. */
  heard(tag: string, version: number): void {
    if (version > this.known(tag)) {
      this.#known.set(tag, version);
      this.#changed(tag);
    } else this.note(tag, version);
  }

  /**
   * Records the version a bump of `tag` answered. A bump answers a version nobody has seen; one
   * not above the known version means L2 lost its counters: invalidate by time as well.
   */
  bumped(tag: string, version: number): void {
    if (version > this.known(tag)) {
      this.#known.set(tag, version);
      this.#changed(tag);
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
    this.#changed(tag);
    return now;
  }

  /** Invalidates every entry of `tag` whose fill started at or before `at`. */
  invalidateByTime(tag: string, at: number): void {
    this.#byTime.set(tag, at);
    this.#changed(tag);
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
