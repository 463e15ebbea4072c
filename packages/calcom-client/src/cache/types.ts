import type { SafeErrorInfo } from '../internal/safe-error.js';

/** A cached value with its freshness bounds and the tag versions it was filled under. */
export interface CacheEntry<T = unknown> {
  /** The cached value (JSON-serialisable when an L2 store is used). */
  readonly value: T;
  /** Epoch ms when the loader produced the value. */
  readonly createdAt: number;
  /** Epoch ms when the loader was started (invalidations after it make the entry invalid). */
  readonly startedAt?: number;
  /** Epoch ms until which the value is fresh. */
  readonly freshUntil: number;
  /** Epoch ms after which the value is never served, not even as stale (hard `maxStaleMs`). */
  readonly staleUntil: number;
  /** Version of every tag at fill time; a newer tag version marks the entry invalidated. */
  readonly tags: Readonly<Record<string, number>>;
}

/**
 * Port of the shared (L2) cache layer. `RedisCacheStore` from `@voicebook/calcom-client/redis`
 * implements it; any implementation may throw or hang — the cache bounds every call with
 * `l2TimeoutMs` and falls back to L1 + loader.
 *
 * @example
 * ```ts
 * const store: CacheStore = new RedisCacheStore({ client: redis, prefix: 'vb:' });
 * ```
 */
export interface CacheStore {
  /** Reads an entry; `undefined` when absent (or not an entry: the cache checks it anyway). */
  get(key: string): Promise<CacheEntry | undefined>;
  /**
   * Optional: reads an entry and the current version of each of its tags in one round trip
   * (`RedisCacheStore`: one Lua script). Without it, an L2 hit costs {@link CacheStore.get} and
   * then {@link CacheStore.getTagVersions}.
   */
  getWithTagVersions?(key: string): Promise<CacheEntryWithVersions | undefined>;
  /** Writes an entry that the store may drop after `ttlMs`. */
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  /** Deletes an entry. */
  delete(key: string): Promise<void>;
  /** Current version of each tag (0 when never invalidated), in order. */
  getTagVersions(tags: readonly string[]): Promise<number[]>;
  /** Atomically increments each tag's version and returns the new versions, in order. */
  bumpTagVersions(tags: readonly string[]): Promise<number[]>;
  /** Tries to take the fill lease of `key` for `leaseMs` (`SET NX PX`). */
  acquireFillLease(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Releases the fill lease if `owner` still holds it. */
  releaseFillLease(key: string, owner: string): Promise<void>;
}

/** What {@link CacheStore.getWithTagVersions} answers. */
export interface CacheEntryWithVersions {
  /** The entry (checked by the cache; anything else counts as a miss). */
  readonly entry: CacheEntry;
  /** Current version of each tag of the entry (0 when never invalidated). */
  readonly tagVersions: Readonly<Record<string, number>>;
}

/** A message on the {@link InvalidationBus}: new tag versions, never values or raw keys. */
export interface InvalidationMessage {
  /** Id of the cache instance that published it (receivers ignore their own). */
  readonly origin: string;
  /** Tag → its version after the invalidation. */
  readonly tags: Readonly<Record<string, number>>;
  /**
   * Tags invalidated while their versions could not move in L2 (the bump failed or timed out):
   * receivers invalidate their entries of these tags by time, on receipt.
   */
  readonly byTime?: readonly string[];
}

/** Callbacks a cache registers on an {@link InvalidationBus}. */
export interface InvalidationBusHandlers {
  /** Called for every message received. */
  onMessage(message: InvalidationMessage): void;
  /** Called with `false` when the subscription is lost and `true` when it is back. */
  onConnectionChange(connected: boolean): void;
}

/**
 * Port that carries tag invalidations between cache instances. Implementations:
 * `MemoryInvalidationBus` (in process) and `RedisInvalidationBus` (Redis pub/sub).
 *
 * @example
 * ```ts
 * const bus: InvalidationBus = new MemoryInvalidationBus();
 * const a = createTieredCache({ bus });
 * const b = createTieredCache({ bus });
 * ```
 */
export interface InvalidationBus {
  /** Sends a message to every subscribed instance. */
  publish(message: InvalidationMessage): Promise<void>;
  /** Subscribes; resolves once subscribed, to a function that unsubscribes. */
  subscribe(handlers: InvalidationBusHandlers): Promise<() => Promise<void>>;
}

/** Where a {@link CacheResult} came from. */
export type CacheSource = 'l1' | 'l2' | 'loader';

/** What {@link TieredCache.get} resolves to. */
export interface CacheResult<T> {
  /** The value. */
  readonly value: T;
  /** `true` when served past its freshness (stale-while-revalidate, stale-if-error, invalidated). */
  readonly stale: boolean;
  /** Layer that answered. */
  readonly source: CacheSource;
}

/**
 * Events emitted through `onEvent`. They carry the bounded `keyGroup`, never raw keys, values or
 * error objects.
 */
export type CacheEvent =
  | {
      /** Served fresh from a layer. */
      readonly type: 'cache:hit';
      /** The bounded key group (`slots`, `eventTypes`, …), never the key. */
      readonly keyGroup: string;
      /** `l1`: this process's memory; `l2`: the shared store (Redis). */
      readonly layer: 'l1' | 'l2';
    }
  | {
      /** In no layer: the loader (Cal.com) was asked. */
      readonly type: 'cache:miss';
      /** The bounded key group. */
      readonly keyGroup: string;
    }
  | {
      /** Served past freshness. */
      readonly type: 'cache:stale';
      /** The bounded key group. */
      readonly keyGroup: string;
      /**
       * `revalidate`: refreshed in the background; `error`: the loader failed (Cal.com
       * unreachable); `peek`: read without loading.
       */
      readonly reason: 'revalidate' | 'error' | 'peek';
    }
  | {
      /** Joined a load already in flight for the same key (one Cal.com request for all). */
      readonly type: 'cache:coalesced';
      /** The bounded key group. */
      readonly keyGroup: string;
    }
  | {
      /** Entries were dropped by tag (a webhook or a write). */
      readonly type: 'cache:invalidated';
      /** How many tags were invalidated. */
      readonly tagCount: number;
      /** `true` when the invalidation came from another instance (over the store's bus). */
      readonly remote: boolean;
    }
  | {
      /** The shared store failed; the cache went on without it. */
      readonly type: 'cache:l2-error';
      /** The bounded key group. */
      readonly keyGroup: string;
      /** The store operation that failed (`get`, `set`, `publish`, `subscribe`, …). */
      readonly operation: string;
      /**
       * Name, code and a redacted message of the store's error — never the error object, whose
       * message or `command.args` can hold raw Redis keys or cached values.
       */
      readonly error: SafeErrorInfo;
    }
  | {
      /** The invalidation bus lost its connection: L1 is flushed and bypassed until it is back. */
      readonly type: 'bus:disconnected';
    }
  | {
      /** The bus is back: L1 (flushed once more) is used again. */
      readonly type: 'bus:reconnected';
    };
