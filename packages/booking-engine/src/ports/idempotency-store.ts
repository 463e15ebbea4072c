/** The stored answer of a finished operation. */
export interface IdempotencyRecord {
  /** The idempotency key, as the caller gave it (scoped by tenant). */
  readonly key: string;
  /** Hash of the request the key was first used with. */
  readonly fingerprint: string;
  /** `completed`: the operation succeeded; `failed`: it failed for good (not retryable). */
  readonly status: 'completed' | 'failed';
  /** The first answer, JSON-serialisable; a repeat gets exactly this. */
  readonly response: unknown;
  /** Epoch ms. */
  readonly finishedAt: number;
}

/** Outcome of {@link IdempotencyStore.begin}. */
export type IdempotencyBegin =
  /** The caller owns the key now and must `finish` or `abandon` it. `recovered`: it took over an expired in-progress lease. */
  | {
      /** The caller owns the key now. */
      readonly state: 'started';
      /** `true` when it took over another caller's expired in-progress lease. */
      readonly recovered: boolean;
    }
  /** Another caller is working on it and its lease has not expired. */
  | {
      /** Someone else holds the key. */
      readonly state: 'in-progress';
      /** When that caller's lease runs out, epoch ms. */
      readonly leaseExpiresAt: number;
    }
  /** Finished before: here is the first answer. */
  | {
      /** The operation finished before. */
      readonly state: 'done';
      /** Its stored answer. */
      readonly record: IdempotencyRecord;
    }
  /** The key was used with a different request. */
  | {
      /** The key was first used with another request: refused (`E_IDEMPOTENCY_MISMATCH`). */
      readonly state: 'mismatch';
    };

/**
 * Stripe-style idempotency records: a key is reserved (in progress), then completed or failed
 * with the stored answer; a repeat gets the first answer. Keys are scoped by tenant.
 * Implementations: {@link MemoryIdempotencyStore}, `RedisIdempotencyStore`, `PostgresIdempotencyStore`.
 */
export interface IdempotencyStore {
  /**
   * Reserves `key` for `fingerprint`. Atomic: of concurrent callers exactly one gets `started`.
   * An in-progress reservation older than `leaseMs` may be taken over (`recovered: true`).
   * @param tenantId - the tenant; keys of different tenants never meet.
   * @param key - the idempotency key.
   * @param fingerprint - hash of the request, to refuse the same key with another request.
   * @param options.leaseMs - how long an in-progress reservation blocks others, ms.
   * @param options.ttlMs - how long the record is kept after it finished, ms.
   * @param options.nowMs - the present, epoch ms.
   */
  begin(
    tenantId: string,
    key: string,
    fingerprint: string,
    options: { leaseMs: number; ttlMs: number; nowMs: number },
  ): Promise<IdempotencyBegin>;
  /**
   * Stores the answer and ends the reservation.
   * @param tenantId - the tenant.
   * @param key - the idempotency key.
   * @param outcome - `completed` or `failed`, and the JSON-serialisable answer to replay.
   * @param options - how long to keep the record (ms) and the present (epoch ms).
   */
  finish(
    tenantId: string,
    key: string,
    outcome: { status: 'completed' | 'failed'; response: unknown },
    options: { ttlMs: number; nowMs: number },
  ): Promise<void>;
  /**
   * Drops an in-progress reservation (a retryable failure), so a retry starts afresh.
   * @param tenantId - the tenant.
   * @param key - the idempotency key.
   */
  abandon(tenantId: string, key: string): Promise<void>;
  /**
   * The finished record, or `undefined` (none, or still in progress).
   * @param tenantId - the tenant.
   * @param key - the idempotency key.
   * @param nowMs - the present, epoch ms (an expired record counts as none).
   */
  get(tenantId: string, key: string, nowMs: number): Promise<IdempotencyRecord | undefined>;
}
