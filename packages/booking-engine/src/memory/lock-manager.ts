import { randomUUID } from 'node:crypto';
import type { Lease, LockManager } from '../ports/lock-manager.js';

/** Options of {@link MemoryLockManager}. */
export interface MemoryLockManagerOptions {
  /** The clock, epoch ms (lease expiry). @default Date.now */
  now?: (() => number) | undefined;
  /** How often a waiting `acquire` retries. @default 10 */
  retryIntervalMs?: number | undefined;
}

interface Held {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * In-process {@link LockManager} (the embedded default): exclusive within one process only; use
 * `RedisLockManager` when several instances book the same calendar. Fences increase per key for
 * the lifetime of the manager.
 */
export class MemoryLockManager implements LockManager {
  readonly #now: () => number;
  readonly #retryMs: number;
  readonly #held = new Map<string, Held>();
  readonly #fences = new Map<string, number>();

  constructor(options: MemoryLockManagerOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#retryMs = options.retryIntervalMs ?? 10;
  }

  async acquire(
    key: string,
    ttlMs: number,
    options: { waitMs?: number } = {},
  ): Promise<Lease | undefined> {
    const waitMs = Math.max(0, options.waitMs ?? 0);
    const giveUpAt = this.#now() + waitMs;
    let slept = 0;
    for (;;) {
      const lease = this.#tryAcquire(key, ttlMs);
      if (lease) return lease;
      // Bounded on the clock and on the time spent sleeping, so a frozen test clock cannot
      // make a waiting acquire spin for ever.
      slept += this.#retryMs;
      if (this.#now() >= giveUpAt || slept > waitMs) return undefined;
      await new Promise((resolve) => setTimeout(resolve, this.#retryMs));
    }
  }

  #tryAcquire(key: string, ttlMs: number): Lease | undefined {
    const now = this.#now();
    const current = this.#held.get(key);
    if (current && current.expiresAt > now) return undefined;
    const token = randomUUID();
    const fence = (this.#fences.get(key) ?? 0) + 1;
    this.#fences.set(key, fence);
    this.#held.set(key, { token, expiresAt: now + ttlMs });
    return {
      key,
      fence,
      release: () => {
        const held = this.#held.get(key);
        const mine = held?.token === token && held.expiresAt > this.#now();
        if (held?.token === token) this.#held.delete(key);
        return Promise.resolve(mine);
      },
    };
  }
}
