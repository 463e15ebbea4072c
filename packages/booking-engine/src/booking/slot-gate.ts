// An in-process queue per slot in front of the distributed lock: of the callers of one instance
// wishing the same slot, only the head asks Redis, so a stampede does not become a Redis storm.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Lease, LockManager } from '../ports/index.js';

/**
 * Per-key FIFO gate with a bounded wait.
 * @internal
 */
export class SlotGate {
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Waits up to `waitMs` for the callers ahead on `key`. Resolves to the function that lets the
   * next one in, or `undefined` when the wait ran out (the caller is then out of the queue).
   */
  async enter(key: string, waitMs: number): Promise<(() => void) | undefined> {
    const queued = this.#tails.get(key);
    // No wait allowed and someone ahead: out at once, without joining the queue.
    if (queued !== undefined && waitMs <= 0) return undefined;
    const ahead = queued ?? Promise.resolve();
    let leave: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => {
      leave = resolve;
    });
    const tail = ahead.then(() => mine);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    // Nobody ahead (the usual case): in at once, no timer.
    if (queued === undefined) return leave;
    const timeout = new AbortController();
    const inTime = await Promise.race([
      ahead.then(() => true),
      sleep(waitMs, false, { signal: timeout.signal }).catch(() => false),
    ]);
    timeout.abort();
    if (!inTime) {
      leave(); // the ones behind pass through as soon as those ahead are done
      return undefined;
    }
    return leave;
  }
}

/**
 * Takes the slot lock behind the in-process gate; resolves to the lease and the gate's exit,
 * or `undefined` when the slot stayed held past the wait bound.
 * @internal
 */
export async function acquireSlot(
  deps: {
    readonly gate: SlotGate;
    readonly locks: LockManager;
    readonly settings: { readonly lockTtlMs: number; readonly lockWaitMs: number };
  },
  slotKey: string,
): Promise<{ lease: Lease; leave: () => void } | undefined> {
  const startedAt = performance.now();
  const leave = await deps.gate.enter(slotKey, deps.settings.lockWaitMs);
  if (leave === undefined) return undefined;
  try {
    const waitMs = Math.max(
      0,
      Math.round(deps.settings.lockWaitMs - (performance.now() - startedAt)),
    );
    const lease = await deps.locks.acquire(slotKey, deps.settings.lockTtlMs, { waitMs });
    if (lease === undefined) {
      leave();
      return undefined;
    }
    return { lease, leave };
  } catch (error) {
    leave();
    throw error;
  }
}
