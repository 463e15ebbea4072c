import type {
  IdempotencyBegin,
  IdempotencyRecord,
  IdempotencyStore,
} from '../ports/idempotency-store.js';

type Entry =
  | { readonly state: 'in-progress'; readonly fingerprint: string; readonly leaseExpiresAt: number }
  | { readonly state: 'done'; readonly record: IdempotencyRecord; readonly expiresAt: number };

/**
 * In-process Stripe-style {@link IdempotencyStore} (the embedded default). Time comes only from
 * the `nowMs` arguments. Expired records are dropped when touched and by a sweep every 1,000
 * writes, so the map stays bounded by what is live.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  #writes = 0;

  begin(
    tenantId: string,
    key: string,
    fingerprint: string,
    options: { leaseMs: number; ttlMs: number; nowMs: number },
  ): Promise<IdempotencyBegin> {
    const id = k(tenantId, key);
    const entry = this.#live(id, options.nowMs);
    const start = (recovered: boolean): Promise<IdempotencyBegin> => {
      this.#write(
        id,
        {
          state: 'in-progress',
          fingerprint,
          leaseExpiresAt: options.nowMs + options.leaseMs,
        },
        options.nowMs,
      );
      return Promise.resolve({ state: 'started', recovered });
    };
    if (!entry) return start(false);
    const entryFingerprint = entry.state === 'done' ? entry.record.fingerprint : entry.fingerprint;
    if (entryFingerprint !== fingerprint) return Promise.resolve({ state: 'mismatch' });
    if (entry.state === 'done')
      return Promise.resolve({ state: 'done', record: copy(entry.record) });
    if (entry.leaseExpiresAt > options.nowMs) {
      return Promise.resolve({ state: 'in-progress', leaseExpiresAt: entry.leaseExpiresAt });
    }
    return start(true);
  }

  finish(
    tenantId: string,
    key: string,
    outcome: { status: 'completed' | 'failed'; response: unknown },
    options: { ttlMs: number; nowMs: number },
  ): Promise<void> {
    const id = k(tenantId, key);
    const entry = this.#entries.get(id);
    const fingerprint =
      entry === undefined
        ? ''
        : entry.state === 'done'
          ? entry.record.fingerprint
          : entry.fingerprint;
    const record: IdempotencyRecord = {
      key,
      fingerprint,
      status: outcome.status,
      // A copy: a caller mutating its answer afterwards must not change what a repeat gets.
      response: structuredClone(outcome.response),
      finishedAt: options.nowMs,
    };
    this.#write(
      id,
      { state: 'done', record, expiresAt: options.nowMs + options.ttlMs },
      options.nowMs,
    );
    return Promise.resolve();
  }

  abandon(tenantId: string, key: string): Promise<void> {
    const id = k(tenantId, key);
    if (this.#entries.get(id)?.state === 'in-progress') this.#entries.delete(id);
    return Promise.resolve();
  }

  get(tenantId: string, key: string, nowMs: number): Promise<IdempotencyRecord | undefined> {
    const entry = this.#live(k(tenantId, key), nowMs);
    return Promise.resolve(entry?.state === 'done' ? copy(entry.record) : undefined);
  }

  #live(id: string, nowMs: number): Entry | undefined {
    const entry = this.#entries.get(id);
    if (entry?.state === 'done' && entry.expiresAt <= nowMs) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry;
  }

  #write(id: string, entry: Entry, nowMs: number): void {
    this.#entries.set(id, entry);
    if (++this.#writes % 1000 !== 0) return;
    for (const [key, e] of this.#entries) {
      if (e.state === 'done' && e.expiresAt <= nowMs) this.#entries.delete(key);
    }
  }
}

const k = (tenantId: string, key: string) => `${tenantId}\u0000${key}`;

/** A deep copy: callers never share an object the store keeps. */
const copy = <T>(value: T): T => structuredClone(value);
