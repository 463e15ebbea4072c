import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CircuitOpenError } from './errors.js';
import {
  MemoryBreakerStateStore,
  type BreakerStateStore,
  type SharedBreakerState,
} from './store.js';
import { parseOptions } from '../internal/parse-options.js';
import { safeErrorInfo, type SafeErrorInfo } from '../internal/safe-error.js';
import { withTimeout } from '../internal/with-timeout.js';

/** Endpoint groups that get their own breaker: reads (slots, event types) and writes (bookings). */
export type EndpointGroup = 'read' | 'write';

/** State of a breaker as seen by one instance. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Events emitted through {@link BreakerOptions.onEvent}. */
export type BreakerEvent =
  | {
      /** The breaker of an endpoint group changed state. */
      readonly type: 'breaker:state';
      /** The endpoint group the breaker guards: `read` (GETs) or `write`. */
      readonly group: EndpointGroup;
      /** The new state. */
      readonly state: BreakerState;
    }
  | {
      /** The shared breaker store (Redis) failed; this instance decides alone meanwhile. */
      readonly type: 'breaker:store-error';
      /** The endpoint group. */
      readonly group: EndpointGroup;
      /** Name, code and a redacted message of the store's error, never the error object. */
      readonly error: SafeErrorInfo;
    };

/**
 * Default failure predicate. An HTTP `status` decides when present: `>= 500` counts, any 4xx
 * (429 included) never does: Cal.com answered, it is up, and a rate limit is waited out, not
 * broken on. Without a status (timeout, network error) an error counts unless it says
 * `retryable === false` (e.g. the caller aborted).
 *
 * @param error - what the guarded call threw.
 * @returns whether it counts against the breaker.
 * @example
 * ```ts
 * defaultIsFailure({ status: 503 }); // true
 * defaultIsFailure({ status: 429, retryable: true }); // false
 * defaultIsFailure(new Error('socket hang up')); // true
 * ```
 */
export function defaultIsFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const e = error as { retryable?: unknown; status?: unknown };
  if (typeof e.status === 'number') return e.status >= 500;
  return e.retryable !== false;
}

/** Options of {@link createBreakerRegistry} (all optional). */
export interface BreakerOptions {
  /**
   * Consecutive counted failures (in closed state) that open the circuit.
   * @default 5
   */
  failureThreshold?: number;
  /**
   * How long the circuit stays open before a probe is allowed (half-open).
   * @default 60000
   */
  halfOpenAfterMs?: number;
  /**
   * Consecutive successful probes in half-open that close the circuit. One probe runs at a
   * time, fleet-wide when a shared store is used; a counted failure re-opens it.
   * @default 2
   */
  successThreshold?: number;
  /**
   * Which errors count as failures. Non-matching errors (e.g. 4xx) count as "upstream is up".
   * @default {@link defaultIsFailure}
   */
  isFailure?: (error: unknown) => boolean;
  /**
   * Where the open-until + generation state and the probe lease live. Defaults to a private
   * {@link MemoryBreakerStateStore} (per process).
   */
  store?: BreakerStateStore;
  /**
   * How long a read of the shared state is trusted before it is read again (only matters for
   * remote stores: another instance's open is seen at most this late).
   * @default 1000
   */
  syncIntervalMs?: number;
  /**
   * Timeout of every store call; a slower call counts as a store error and the breaker goes on
   * with its local view, so a hanging Redis never stalls calls.
   * @default 50
   */
  storeTimeoutMs?: number;
  /**
   * Lifetime of the half-open probe lease; if the prober dies, another instance may probe after it.
   * @default 10000
   */
  probeLeaseMs?: number;
  /** Receives {@link BreakerEvent}s. Must not throw. */
  onEvent?: (event: BreakerEvent) => void;
  /** Clock (epoch ms), for tests. @default Date.now */
  now?: () => number;
}

const optionsSchema = z.object({
  failureThreshold: z.number().int().min(1).default(5),
  halfOpenAfterMs: z.number().int().min(1).default(60_000),
  successThreshold: z.number().int().min(1).default(2),
  isFailure: z.custom<(e: unknown) => boolean>((v) => typeof v === 'function').optional(),
  store: z
    .custom<BreakerStateStore>((v) => typeof v === 'object' && v !== null && 'acquireProbe' in v)
    .optional(),
  syncIntervalMs: z.number().int().min(0).default(1_000),
  probeLeaseMs: z.number().int().min(1).default(10_000),
  storeTimeoutMs: z.number().int().min(1).default(50),
  onEvent: z.custom<(e: BreakerEvent) => void>((v) => typeof v === 'function').optional(),
  now: z.custom<() => number>((v) => typeof v === 'function').optional(),
});

type ResolvedOptions = Required<Omit<BreakerOptions, 'onEvent'>> & {
  onEvent: ((e: BreakerEvent) => void) | undefined;
};

/**
 * The circuit breaker of one endpoint group. A small state machine (closed → open after
 * `failureThreshold` consecutive failures → half-open after `halfOpenAfterMs` → closed after
 * `successThreshold` consecutive probe successes). cockatiel 3.2.1 closes on the first half-open
 * success and cannot share state, so the state machine is our own; state lives in a
 * {@link BreakerStateStore}. Obtain instances from {@link BreakerRegistry.get}.
 *
 * @example
 * ```ts
 * const breakers = createBreakerRegistry();
 * const slots = await breakers.get('read').execute(() => fetchSlots());
 * ```
 */
export class CircuitBreaker {
  /** Endpoint group this breaker guards. */
  readonly group: EndpointGroup;
  readonly #o: ResolvedOptions;
  readonly #owner = randomUUID();
  #shared: SharedBreakerState = { openUntil: 0, generation: 0 };
  #sharedReadAt = Number.NEGATIVE_INFINITY;
  #failures = 0;
  #probeSuccesses = 0;
  #probeInFlight = false;
  #holdsLeaseFor = -1;
  #leaseUntil = 0;
  #lastProbeAttempt = Number.NEGATIVE_INFINITY;
  #reported: BreakerState = 'closed';
  /** Bumped on every local change of the shared state (to tell a racing read from a reset). */
  #localChanges = 0;

  /** @internal use {@link createBreakerRegistry} */
  constructor(group: EndpointGroup, options: ResolvedOptions) {
    this.group = group;
    this.#o = options;
  }

  /** State as last observed by this instance (may lag a remote store by `syncIntervalMs`). */
  get state(): BreakerState {
    return this.#derive(this.#o.now());
  }

  /**
   * Runs `fn` through the breaker. Rejects with {@link CircuitOpenError} without calling `fn`
   * while open, or while half-open and another call holds the probe lease.
   */
  async execute<T>(fn: () => Promise<T> | T): Promise<T> {
    let now = this.#o.now();
    let state = this.#derive(now);
    if (state === 'open') {
      this.#report('open');
      throw new CircuitOpenError(this.group, this.#shared.openUntil - now);
    }
    if (now - this.#sharedReadAt >= this.#o.syncIntervalMs && state === 'closed') {
      await this.#refresh();
      now = this.#o.now();
      state = this.#derive(now);
      if (state === 'open') {
        this.#report('open');
        throw new CircuitOpenError(this.group, this.#shared.openUntil - now);
      }
    }
    if (state === 'half-open') return this.#probe(fn, now);
    this.#report('closed');
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      if (this.#o.isFailure(error)) {
        this.#failures += 1;
        if (
          this.#failures >= this.#o.failureThreshold &&
          this.#derive(this.#o.now()) === 'closed'
        ) {
          await this.#open();
        }
      } else {
        this.#failures = 0;
      }
      throw error;
    }
    this.#failures = 0;
    return result;
  }

  async #probe<T>(fn: () => Promise<T> | T, now: number): Promise<T> {
    this.#report('half-open');
    const gen = this.#shared.generation;
    if (this.#probeInFlight) throw new CircuitOpenError(this.group, 0);
    const holds = this.#holdsLeaseFor === gen && this.#leaseUntil > now;
    if (!holds) {
      // Not the prober: ask the store at most every syncIntervalMs.
      if (now - this.#lastProbeAttempt < this.#o.syncIntervalMs) {
        throw new CircuitOpenError(this.group, 0);
      }
      this.#lastProbeAttempt = now;
      this.#probeInFlight = true;
      let got: boolean;
      try {
        await this.#refresh();
        const s = this.#derive(this.#o.now());
        if (s !== 'half-open' || this.#shared.generation !== gen) {
          this.#probeInFlight = false;
          return await this.execute(fn);
        }
        got = await this.#store((st) =>
          st.acquireProbe(this.group, gen, this.#owner, this.#o.probeLeaseMs),
        ).then((v) => v ?? true);
      } catch (error) {
        this.#probeInFlight = false;
        throw error;
      }
      if (!got) {
        this.#probeInFlight = false;
        throw new CircuitOpenError(this.group, 0);
      }
      this.#holdsLeaseFor = gen;
      this.#leaseUntil = this.#o.now() + this.#o.probeLeaseMs;
      this.#probeSuccesses = 0;
    }
    this.#probeInFlight = true;
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.#probeInFlight = false;
      if (this.#o.isFailure(error)) {
        this.#holdsLeaseFor = -1;
        await this.#store((st) => st.releaseProbe(this.group, gen, this.#owner));
        await this.#open();
      } else {
        await this.#probeSucceeded(gen);
      }
      throw error;
    }
    this.#probeInFlight = false;
    await this.#probeSucceeded(gen);
    return result;
  }

  async #probeSucceeded(gen: number): Promise<void> {
    this.#probeSuccesses += 1;
    if (this.#probeSuccesses < this.#o.successThreshold) return;
    this.#holdsLeaseFor = -1;
    this.#probeSuccesses = 0;
    this.#failures = 0;
    await this.#store((st) => st.close(this.group, gen));
    await this.#store((st) => st.releaseProbe(this.group, gen, this.#owner));
    if (this.#shared.generation === gen) this.#shared = { openUntil: 0, generation: gen };
    this.#localChanges += 1;
    this.#sharedReadAt = this.#o.now();
    this.#report('closed');
  }

  async #open(): Promise<void> {
    const openUntil = this.#o.now() + this.#o.halfOpenAfterMs;
    const next = await this.#store((st) => st.open(this.group, openUntil));
    this.#shared = next ?? { openUntil, generation: this.#shared.generation + 1 };
    this.#localChanges += 1;
    this.#sharedReadAt = this.#o.now();
    this.#failures = 0;
    this.#probeSuccesses = 0;
    this.#report('open');
  }

  async #refresh(): Promise<void> {
    const changes = this.#localChanges;
    const s = await this.#store((st) => st.read(this.group));
    this.#sharedReadAt = this.#o.now();
    if (!s) return;
    if (s.generation >= this.#shared.generation) {
      this.#shared = s;
      return;
    }
    // An older generation while we changed nothing ourselves: not a read that raced our own
    // open or close, but a store that lost its state (Redis restarted empty, or flushed). Share
    // a local open again (it gets a new generation there); otherwise take the store's state, so
    // that later opens by other instances are seen.
    if (changes !== this.#localChanges) return;
    if (this.#shared.openUntil !== 0) {
      const next = await this.#store((st) => st.open(this.group, this.#shared.openUntil));
      if (next && changes === this.#localChanges) this.#shared = next;
    } else {
      this.#shared = s;
    }
    this.#localChanges += 1;
  }

  /** Store call that never throws: on a store error we keep our local view of the state. */
  async #store<R>(op: (store: BreakerStateStore) => Promise<R>): Promise<R | undefined> {
    try {
      return await withTimeout(
        op(this.#o.store),
        this.#o.storeTimeoutMs,
        () => new Error(`breaker store call exceeded ${String(this.#o.storeTimeoutMs)} ms`),
      );
    } catch (error) {
      this.#o.onEvent?.({
        type: 'breaker:store-error',
        group: this.group,
        error: safeErrorInfo(error),
      });
      return undefined;
    }
  }

  #derive(now: number): BreakerState {
    const { openUntil } = this.#shared;
    if (openUntil === 0) return 'closed';
    return openUntil > now ? 'open' : 'half-open';
  }

  #report(state: BreakerState): void {
    if (state === this.#reported) return;
    this.#reported = state;
    this.#o.onEvent?.({ type: 'breaker:state', group: this.group, state });
  }
}

/**
 * One {@link CircuitBreaker} per {@link EndpointGroup}, created lazily with shared options.
 *
 * @example
 * ```ts
 * const breakers = createBreakerRegistry({ onEvent: (e) => console.log(e) });
 * await breakers.execute('write', () => createBooking(input));
 * ```
 */
export class BreakerRegistry {
  readonly #o: ResolvedOptions;
  readonly #breakers = new Map<EndpointGroup, CircuitBreaker>();

  /** @internal use {@link createBreakerRegistry} */
  constructor(options: ResolvedOptions) {
    this.#o = options;
  }

  /** The breaker of `group` (created on first use). */
  get(group: EndpointGroup): CircuitBreaker {
    let b = this.#breakers.get(group);
    if (!b) {
      b = new CircuitBreaker(group, this.#o);
      this.#breakers.set(group, b);
    }
    return b;
  }

  /** Shorthand for `get(group).execute(fn)`. */
  execute<T>(group: EndpointGroup, fn: () => Promise<T> | T): Promise<T> {
    return this.get(group).execute(fn);
  }
}

/**
 * Creates a {@link BreakerRegistry}. Options are validated once; an invalid one throws
 * `ResilienceConfigError` naming the field.
 *
 * @param options - thresholds, half-open delay, the shared state store and the event listener.
 * @returns the registry; one breaker per endpoint group and key.
 * @throws {@link ResilienceConfigError} for an invalid option.
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisBreakerStateStore } from '@voicebook/calcom-client/redis';
 *
 * const breakers = createBreakerRegistry({
 *   failureThreshold: 5,
 *   halfOpenAfterMs: 60_000,
 *   store: new RedisBreakerStateStore({ client: new Redis(), prefix: 'vb:' }),
 * });
 * ```
 */
export function createBreakerRegistry(options: BreakerOptions = {}): BreakerRegistry {
  const o = parseOptions(optionsSchema, options);
  const now = o.now ?? Date.now;
  return new BreakerRegistry({
    failureThreshold: o.failureThreshold,
    halfOpenAfterMs: o.halfOpenAfterMs,
    successThreshold: o.successThreshold,
    isFailure: o.isFailure ?? defaultIsFailure,
    store: o.store ?? new MemoryBreakerStateStore(now),
    syncIntervalMs: o.store ? o.syncIntervalMs : 0,
    probeLeaseMs: o.probeLeaseMs,
    storeTimeoutMs: o.storeTimeoutMs,
    onEvent: o.onEvent,
    now,
  });
}
