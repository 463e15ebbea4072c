/** A held lock. */
export interface Lease {
  /** The lock key this lease holds (one slot, e.g. tenant, event type and start). */
  readonly key: string;
  /**
   * Fencing token: strictly increasing per key across every holder and every instance. Writes made
   * under this lease carry it, and the ledger refuses a write whose fence is lower than one it has
   * seen (a holder whose lease expired cannot overwrite a newer holder's work).
   */
  readonly fence: number;
  /** Releases the lock if this lease still holds it; `false` when it had expired or was taken over. */
  release(): Promise<boolean>;
}

/**
 * Short exclusive holds on a slot, so two callers never book the same one at once.
 * Implementations: {@link MemoryLockManager}; `RedisLockManager` from `@voicebook/booking-engine/redis`.
 */
export interface LockManager {
  /**
   * Takes `key` for `ttlMs`. Waits up to `waitMs` (default 0) for a held key to come free.
   * @param key - the lock key (one slot).
   * @param ttlMs - how long the lease holds at most, ms.
   * @param options.waitMs - how long to wait for a held key, ms.
   * @returns the lease, or `undefined` when someone else still holds the key.
   */
  acquire(key: string, ttlMs: number, options?: { waitMs?: number }): Promise<Lease | undefined>;
}
