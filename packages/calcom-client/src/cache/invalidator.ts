import type { CacheCore } from './core.js';
import { L2Timeout } from './l2.js';
import type { InvalidationMessage } from './types.js';
import { safeErrorInfo } from '../internal/safe-error.js';
import { withTimeout } from '../internal/with-timeout.js';

/**
 * Tag invalidation of one {@link TieredCache}: bumping versions (in L2 when present) and
 * publishing them, and applying what other instances publish.
 * @internal
 */
export class Invalidator {
  readonly #c: CacheCore;

  constructor(core: CacheCore) {
    this.#c = core;
  }

  /** See {@link TieredCache.invalidateTags}. Never rejects. */
  async invalidateTags(tags: readonly string[]): Promise<boolean> {
    if (tags.length === 0) return true;
    const c = this.#c;
    const versions = c.o.store
      ? await c.l2.call('invalidation', 'bumpTags', (s) => s.bumpTagVersions(tags), tags)
      : tags.map((t) => c.versions.known(t) + 1);
    if (!versions) {
      // L2 is down or hangs: shared versions cannot move. Invalidate by time instead of
      // inventing a version that could later collide with a real one, here and, through the
      // bus, on every instance (a hanging Redis delivers the message once it answers again).
      const now = Date.now();
      for (const t of tags) c.versions.invalidateByTime(t, now);
      c.emit({ type: 'cache:invalidated', tagCount: tags.length, remote: false });
      if (c.o.bus) await this.#publish({ origin: c.id, tags: {}, byTime: tags }, tags);
      return false;
    }
    const message: Record<string, number> = {};
    tags.forEach((t, i) => {
      const v = versions[i] ?? 0;
      message[t] = v;
      c.versions.bumped(t, v);
    });
    c.emit({ type: 'cache:invalidated', tagCount: tags.length, remote: false });
    if (!c.o.bus) return true;
    return this.#publish({ origin: c.id, tags: message }, tags);
  }

  /**
   * Publishes on the bus, bounded like every L2 call: a hanging publish (Redis dying after the
   * bump) must not hold up the write that invalidates. Resolves whether it was sent in time.
   */
  #publish(message: InvalidationMessage, tags: readonly string[]): Promise<boolean> {
    const { bus, l2TimeoutMs } = this.#c.o;
    if (!bus) return Promise.resolve(false);
    return withTimeout(bus.publish(message), l2TimeoutMs, () => new L2Timeout(l2TimeoutMs)).then(
      () => true,
      (error: unknown) => {
        this.#c.emit({
          type: 'cache:l2-error',
          keyGroup: 'invalidation',
          operation: 'publish',
          error: safeErrorInfo(error, tags),
        });
        return false;
      },
    );
  }

  /** A message from the bus: checked for shape, since a bus carries whatever was published. */
  onMessage(raw: InvalidationMessage): void {
    const c = this.#c;
    const m = raw as Partial<Record<keyof InvalidationMessage, unknown>> | null;
    if (typeof m !== 'object' || m === null || m.origin === c.id) return;
    let count = 0;
    if (typeof m.tags === 'object' && m.tags !== null) {
      for (const [t, v] of Object.entries(m.tags)) {
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        c.versions.heard(t, v);
        count++;
      }
    }
    if (Array.isArray(m.byTime)) {
      const now = Date.now();
      for (const t of m.byTime) {
        if (typeof t !== 'string') continue;
        c.versions.invalidateByTime(t, now);
        count++;
      }
    }
    if (count > 0) c.emit({ type: 'cache:invalidated', tagCount: count, remote: true });
  }
}
