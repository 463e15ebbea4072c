/** Stable codes of every error thrown by `@voicebook/slo-metrics`. */
export type SloMetricsErrorCode = 'E_CONFIG_INVALID' | 'E_SLO_UNKNOWN';

/**
 * Base class of every error thrown by `@voicebook/slo-metrics`. Prefer {@link isSloMetricsError}
 * to `instanceof`: the guard also works when two copies of the package are loaded.
 *
 * @example
 * ```ts
 * try {
 *   createSloMetrics({ slos: [] });
 * } catch (e) {
 *   if (isSloMetricsError(e)) console.error(e.code);
 * }
 * ```
 */
export class SloMetricsError extends Error {
  /** Always `'SloMetricsError'`. */
  override name = 'SloMetricsError';
  /** Brand checked by {@link isSloMetricsError}. */
  readonly isSloMetricsError = true;
  constructor(
    /** Stable machine-readable code. */
    readonly code: SloMetricsErrorCode,
    message: string,
    /** Whether repeating the same call can succeed (never, for configuration errors). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Thrown once, at construction, when options or SLO definitions are invalid. `field` names the
 * offending option path, e.g. `slos.0.objective`.
 *
 * @example
 * ```ts
 * try {
 *   createSloMetrics({ defaultToolSlaMs: -1 });
 * } catch (e) {
 *   if (isSloMetricsError(e) && e.code === 'E_CONFIG_INVALID') console.error(e.message);
 * }
 * ```
 */
export class SloConfigError extends SloMetricsError {
  /** Always `'SloConfigError'`. */
  override name = 'SloConfigError';
  constructor(
    /** Dotted path of the invalid option. */
    readonly field: string,
    detail: string,
    cause?: unknown,
  ) {
    super('E_CONFIG_INVALID', `Invalid slo-metrics option "${field}": ${detail}`, false, { cause });
  }
}

/**
 * Thrown by `recordSloEvent` when no SLO with that name was configured.
 *
 * @example
 * ```ts
 * try {
 *   metrics.recordSloEvent('nope', { good: 1 });
 * } catch (e) {
 *   if (isSloMetricsError(e) && e.code === 'E_SLO_UNKNOWN') console.error(e.message);
 * }
 * ```
 */
export class UnknownSloError extends SloMetricsError {
  /** Always `'UnknownSloError'`. */
  override name = 'UnknownSloError';
  constructor(
    /** The SLO name asked for. */
    readonly slo: string,
  ) {
    super('E_SLO_UNKNOWN', `No SLO named "${slo}" is configured`, false);
  }
}

/**
 * Whether `e` is an error thrown by `@voicebook/slo-metrics` (any copy of it).
 *
 * @example
 * ```ts
 * if (isSloMetricsError(e)) console.error(e.code, e.retryable);
 * ```
 */
export const isSloMetricsError = (e: unknown): e is SloMetricsError =>
  e instanceof Error && (e as Partial<SloMetricsError>).isSloMetricsError === true;
