import { randomUUID } from 'node:crypto';
import { safeErrorInfo } from '../internal/safe-error.js';
import { withTimeout } from '../internal/with-timeout.js';
import { CircuitOpenError } from './errors.js';
import type { BreakerState, EndpointGroup, ResolvedOptions } from './options.js';
import type { BreakerStateStore, SharedBreakerState } from './store.js';

export {
  defaultIsFailure,
  type BreakerEvent,
  type BreakerOptions,
  type BreakerState,
  type EndpointGroup,
} from './options.js';

/**
 * The circuit breaker of one endpoint group. A small state machine (closed → open after
 * `failureThreshold` consecutive failures → half-open after `halfOpenAfterMs` → closed after
 * `successThreshold` consecutive probe successes). The state machine is our own: cockatiel 3.2.1
 * closes on the first half-open success, and cockatiel 4.0.0 (which needs Node 22), though its
 * `halfOpenSampling` counts several half-open calls, still shares state only as a
 * `toJSON()` / `initialState` snapshot at construction: no live state across instances and no
 * fleet-wide probe lease. State lives in a {@link BreakerStateStore}. Obtain instances from
 * {@link BreakerRegistry.get}.
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
