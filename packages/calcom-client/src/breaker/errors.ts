// The resilience modules (breaker, cache) stand on their own: their errors carry the brand and
// fields of the client's `CalcomError` (so `isCalcomError`, `instanceof CalcomError`, `code` and
// `retryable` work on them) without importing it, which closed the circle
// breaker → errors → operations → breaker.

/** Fields an error needs to be recognised as a `CalcomError` by its brand. */
abstract class BrandedError extends Error {
  /** Brand read by `isCalcomError` (and `instanceof CalcomError`). */
  readonly isCalcomError = true as const;
  /** Stable machine-readable code. */
  abstract readonly code: 'E_CIRCUIT_OPEN' | 'E_RESILIENCE_CONFIG';
  /** Whether the same call may succeed when tried again later. */
  readonly retryable: boolean;
  /** Always `undefined`: not from an HTTP answer. */
  readonly status: undefined = undefined;
  /** Always `undefined`: not tied to one client operation. */
  readonly operation: undefined = undefined;

  constructor(message: string, retryable: boolean, cause: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.retryable = retryable;
  }
}

/**
 * Thrown (without calling Cal.com) while the circuit breaker of an endpoint group is open, or
 * while it is half-open and another call (possibly on another instance) holds the probe lease.
 *
 * @example
 * ```ts
 * try {
 *   await breakers.execute('read', () => fetchSlots());
 * } catch (error) {
 *   if (isCircuitOpenError(error)) return cache.peekStale(key);
 *   throw error;
 * }
 * ```
 */
export class CircuitOpenError extends BrandedError {
  /** Always `'CircuitOpenError'`. */
  override name = 'CircuitOpenError';
  /** Always `'E_CIRCUIT_OPEN'`. */
  readonly code = 'E_CIRCUIT_OPEN' as const;
  /** Brand used by {@link isCircuitOpenError}; works across duplicate copies of the package. */
  readonly isCircuitOpenError = true as const;
  /** Endpoint group whose breaker rejected the call. */
  readonly group: string;
  /** Milliseconds until the breaker lets a probe through (0 = a probe may go now elsewhere). */
  readonly retryAfterMs: number;

  constructor(group: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super(
      `Circuit for endpoint group "${group}" is open; retry in ${String(retryAfterMs)} ms`,
      true,
      options?.cause,
    );
    this.group = group;
    this.retryAfterMs = Math.max(0, Math.round(retryAfterMs));
  }
}

/**
 * Type guard for {@link CircuitOpenError} that checks the brand, not `instanceof`.
 *
 * @param error - anything caught.
 * @returns `true` for a {@link CircuitOpenError}, also from another copy of the package.
 * @example
 * ```ts
 * if (isCircuitOpenError(error)) console.log(error.retryAfterMs);
 * ```
 */
export function isCircuitOpenError(error: unknown): error is CircuitOpenError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isCircuitOpenError?: unknown }).isCircuitOpenError === true
  );
}

/**
 * Thrown synchronously by a constructor or factory of the resilience modules (breaker, cache)
 * when an option is invalid. `field` names the offending option.
 *
 * @example
 * ```ts
 * try {
 *   createBreakerRegistry({ failureThreshold: 0 });
 * } catch (error) {
 *   if (isResilienceConfigError(error)) console.log(error.field); // 'failureThreshold'
 * }
 * ```
 */
export class ResilienceConfigError extends BrandedError {
  /** Always `'ResilienceConfigError'`. */
  override name = 'ResilienceConfigError';
  /** Always `'E_RESILIENCE_CONFIG'`. */
  readonly code = 'E_RESILIENCE_CONFIG' as const;
  /** Brand used by {@link isResilienceConfigError}. */
  readonly isResilienceConfigError = true as const;
  /** Dotted path of the invalid option, e.g. `ttl.slots.normalMs`. */
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(`Invalid option "${field}": ${message}`, false, options?.cause);
    this.field = field;
  }
}

/**
 * Type guard for {@link ResilienceConfigError}.
 *
 * @param error - anything caught.
 * @returns `true` for a {@link ResilienceConfigError}, also from another copy of the package.
 * @example
 * ```ts
 * if (isResilienceConfigError(error)) console.log(error.field);
 * ```
 */
export function isResilienceConfigError(error: unknown): error is ResilienceConfigError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isResilienceConfigError?: unknown }).isResilienceConfigError === true
  );
}
