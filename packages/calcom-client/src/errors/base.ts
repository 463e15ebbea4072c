import type { CalcomOperation } from '../operations.js';

/**
 * Stable codes of every error `@voicebook/calcom-client` throws. Switch on these, not on messages.
 *
 * | code | class | retryable |
 * | --- | --- | --- |
 * | `E_CALCOM_CONFIG` | {@link CalcomConfigError} | no |
 * | `E_CALCOM_INVALID_INPUT` | {@link CalcomValidationError} | no |
 * | `E_SLOT_UNAVAILABLE` | {@link SlotUnavailableError} | no |
 * | `E_CALCOM_NOT_FOUND` | {@link CalcomNotFoundError} | no |
 * | `E_CALCOM_UNAUTHORIZED` | {@link CalcomUnauthorizedError} | no |
 * | `E_CALCOM_RATE_LIMITED` | {@link CalcomRateLimitError} | yes |
 * | `E_CALCOM_TIMEOUT` | {@link CalcomTimeoutError} | yes |
 * | `E_CALCOM_NETWORK` | {@link CalcomNetworkError} | yes |
 * | `E_CALCOM_UPSTREAM` | {@link CalcomUpstreamError} | yes |
 * | `E_CALCOM_HTTP` | {@link CalcomHttpError} | no |
 * | `E_CALCOM_CONTRACT` | {@link CalcomContractError} | no |
 * | `E_CALCOM_ABORTED` | {@link CalcomAbortedError} | no |
 * | `E_BOOKING_OUTCOME_UNKNOWN` | {@link BookingOutcomeUnknownError} | no |
 * | `E_BOOKING_STATE` | {@link BookingStateError} | no |
 * | `E_CIRCUIT_OPEN` | {@link CircuitOpenError} | yes |
 * | `E_RESILIENCE_CONFIG` | {@link ResilienceConfigError} | no |
 * | `E_WEBHOOK_SIGNATURE` | {@link WebhookSignatureError} | no |
 * | `E_WEBHOOK_PAYLOAD` | {@link WebhookPayloadError} | no |
 */
export type CalcomErrorCode =
  | 'E_CALCOM_CONFIG'
  | 'E_CALCOM_INVALID_INPUT'
  | 'E_SLOT_UNAVAILABLE'
  | 'E_CALCOM_NOT_FOUND'
  | 'E_CALCOM_UNAUTHORIZED'
  | 'E_CALCOM_RATE_LIMITED'
  | 'E_CALCOM_TIMEOUT'
  | 'E_CALCOM_NETWORK'
  | 'E_CALCOM_UPSTREAM'
  | 'E_CALCOM_HTTP'
  | 'E_CALCOM_CONTRACT'
  | 'E_CALCOM_ABORTED'
  | 'E_BOOKING_OUTCOME_UNKNOWN'
  | 'E_BOOKING_STATE'
  | 'E_CIRCUIT_OPEN'
  | 'E_RESILIENCE_CONFIG'
  | 'E_WEBHOOK_SIGNATURE'
  | 'E_WEBHOOK_PAYLOAD';

/** Fields common to errors that come from an HTTP answer of Cal.com. */
export interface CalcomResponseInfo {
  /** HTTP status. */
  readonly status: number;
  /** `error.code` of Cal.com's envelope (e.g. `BadRequestException`), when there was one. */
  readonly calcomCode?: string | undefined;
  /** `X-Request-Id` of the answer, for Cal.com support. */
  readonly requestId?: string | undefined;
}

/**
 * Base class of every error thrown by `@voicebook/calcom-client`. Prefer {@link isCalcomError}
 * to `instanceof` (it also works across two copies of the package). Messages name the operation
 * and never the caller: no names, e-mail addresses or phone numbers.
 *
 * @example
 * ```ts
 * try {
 *   await client.bookings.create(input);
 * } catch (error) {
 *   if (isCalcomError(error) && error.code === 'E_SLOT_UNAVAILABLE') offerAlternatives();
 *   else throw error;
 * }
 * ```
 */
export class CalcomError extends Error {
  /** Always `'CalcomError'`. */
  override name = 'CalcomError';
  /** Brand used by {@link isCalcomError}. */
  readonly isCalcomError = true as const;
  /** Stable machine-readable code. */
  readonly code: CalcomErrorCode;
  /** Whether the same call may succeed when tried again later. */
  readonly retryable: boolean;
  /** HTTP status of Cal.com's answer, when the error came from one. */
  readonly status: number | undefined;
  /** The client operation that failed, when the error came from one. */
  readonly operation: CalcomOperation | undefined;

  /**
   * `error instanceof CalcomError` checks the brand (as {@link isCalcomError} does), so that the
   * errors of the resilience modules (`CircuitOpenError`, `ResilienceConfigError`), which carry
   * the brand without extending this class, and errors of another copy of the package count.
   * Subclasses keep the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return this === CalcomError
      ? isCalcomError(value)
      : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(
    code: CalcomErrorCode,
    message: string,
    options: {
      retryable: boolean;
      status?: number | undefined;
      operation?: CalcomOperation | undefined;
      cause?: unknown;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable;
    this.status = options.status;
    this.operation = options.operation;
  }
}

/**
 * Type guard for {@link CalcomError} that checks the brand, not `instanceof`.
 *
 * @param error - anything caught.
 * @returns `true` for any error thrown by `@voicebook/calcom-client`, also from another copy of the package.
 * @example
 * ```ts
 * if (isCalcomError(error) && error.retryable) scheduleRetry();
 * ```
 */
export function isCalcomError(error: unknown): error is CalcomError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isCalcomError?: unknown }).isCalcomError === true
  );
}

/**
 * Base class of the errors that come from an HTTP answer of Cal.com: `status`, Cal.com's
 * `calcomCode` and the answer's `requestId` are always there to log or report.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CalcomResponseError) report(error.status, error.requestId);
 * }
 * ```
 */
export class CalcomResponseError extends CalcomError implements CalcomResponseInfo {
  /** Always `'CalcomResponseError'`. */
  override name = 'CalcomResponseError';
  /** HTTP status of Cal.com's answer (e.g. `400`, `404`, `429`, `503`); always set. */
  override readonly status: number;
  /**
   * Cal.com's own error code from the answer's body (`error.code`, e.g.
   * `BadRequestException`, `NotFoundException`), or `undefined` when the body had none (a
   * Nest default body, a proxy's HTML page).
   */
  readonly calcomCode: string | undefined;
  /**
   * The answer's `X-Request-Id` header, or `undefined` when Cal.com sent none: quote it when you
   * report a failed call to Cal.com support, and log it beside your own call id.
   */
  readonly requestId: string | undefined;

  constructor(
    code: CalcomErrorCode,
    message: string,
    operation: CalcomOperation,
    info: CalcomResponseInfo,
    retryable: boolean,
  ) {
    super(code, message, { retryable, status: info.status, operation });
    this.status = info.status;
    this.calcomCode = info.calcomCode;
    this.requestId = info.requestId;
  }
}
