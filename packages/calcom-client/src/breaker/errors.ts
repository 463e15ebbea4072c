import { CalcomError } from '../errors.js';

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
export class CircuitOpenError extends CalcomError {
  /** Always `'CircuitOpenError'`. */
  override name = 'CircuitOpenError';
  /** Brand used by {@link isCircuitOpenError}; works across duplicate copies of the package. */
  readonly isCircuitOpenError = true as const;
  /** Endpoint group whose breaker rejected the call. */
  readonly group: string;
  /** Milliseconds until the breaker lets a probe through (0 = a probe may go now elsewhere). */
  readonly retryAfterMs: number;

  constructor(group: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super(
      'E_CIRCUIT_OPEN',
      `Circuit for endpoint group "${group}" is open; retry in ${String(retryAfterMs)} ms`,
      { retryable: true, cause: options?.cause },
    );
    this.group = group;
    this.retryAfterMs = Math.max(0, Math.round(retryAfterMs));
  }
}

/**
 * Type guard for {@link CircuitOpenError} that checks the brand, not `instanceof`.
 *
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
export class ResilienceConfigError extends CalcomError {
  /** Always `'ResilienceConfigError'`. */
  override name = 'ResilienceConfigError';
  /** Brand used by {@link isResilienceConfigError}. */
  readonly isResilienceConfigError = true as const;
  /** Dotted path of the invalid option, e.g. `ttl.slots.normalMs`. */
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super('E_RESILIENCE_CONFIG', `Invalid option "${field}": ${message}`, {
      retryable: false,
      cause: options?.cause,
    });
    this.field = field;
  }
}

/**
 * Type guard for {@link ResilienceConfigError}.
 *
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

/** @internal Parses with a zod schema and turns the first issue into a ResilienceConfigError. */
export function parseOptions<T>(
  schema: {
    safeParse(v: unknown):
      | { success: true; data: T }
      | {
          success: false;
          error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
        };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') || '(options)' : '(options)';
  throw new ResilienceConfigError(field, issue?.message ?? 'invalid');
}
