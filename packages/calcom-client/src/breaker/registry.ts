import { parseOptions } from '../internal/parse-options.js';
import { CircuitBreaker } from './breaker.js';
import {
  defaultIsFailure,
  optionsSchema,
  type BreakerOptions,
  type EndpointGroup,
  type ResolvedOptions,
} from './options.js';
import { MemoryBreakerStateStore } from './store.js';

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
