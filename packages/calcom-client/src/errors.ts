import type { CalcomOperation } from './operations.js';

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

/**
 * Invalid options passed to {@link createCalcomClient}; `field` names the option.
 *
 * @example
 * ```ts
 * createCalcomClient({ apiKey: '' }); // throws CalcomConfigError, field 'apiKey'
 * ```
 */
export class CalcomConfigError extends CalcomError {
  /** Always `'CalcomConfigError'`. */
  override name = 'CalcomConfigError';
  /** Dotted path of the invalid option. */
  readonly field: string;
  constructor(field: string, message: string) {
    super('E_CALCOM_CONFIG', `Invalid option "${field}": ${message}`, { retryable: false });
    this.field = field;
  }
}

/** One problem with an input, from {@link CalcomValidationError.issues}. */
export interface InputIssue {
  /** Dotted path of the field, e.g. `attendee.timeZone`. */
  readonly field: string;
  /** What is wrong with it. */
  readonly message: string;
}

/**
 * The input of a call was rejected before anything was sent to Cal.com (an invalid date, an empty
 * attendee name, an unknown time zone…). `field` names the first bad field; `issues` lists all.
 *
 * @example
 * ```ts
 * await client.bookings.create({ ...input, attendee: { ...input.attendee, name: ' ' } });
 * // CalcomValidationError: bookings.create: attendee.name must not be empty
 * ```
 */
export class CalcomValidationError extends CalcomError {
  /** Always `'CalcomValidationError'`. */
  override name = 'CalcomValidationError';
  /** Dotted path of the first invalid field. */
  readonly field: string;
  /** Every problem found. */
  readonly issues: readonly InputIssue[];
  constructor(operation: CalcomOperation, issues: readonly InputIssue[]) {
    const first = issues[0] ?? { field: '(input)', message: 'is invalid' };
    super('E_CALCOM_INVALID_INPUT', `${operation}: ${first.field} ${first.message}`, {
      retryable: false,
      operation,
    });
    this.field = first.field;
    this.issues = issues;
  }
}

/** Why a slot could not be booked or reserved; see {@link SlotUnavailableError.reason}. */
export type SlotUnavailableReason =
  /** Someone holds a booking at that time, or the host is busy. */
  | 'taken'
  /** Outside business hours, too soon (minimum notice) or too far ahead (booking window). */
  | 'out-of-bounds'
  /** The start lies in the past. */
  | 'in-past'
  /** Another caller holds a reservation on the slot. */
  | 'reserved'
  /** Cal.com refused a concurrent duplicate (its 409 `booking_conflict_error`). */
  | 'conflict';

/**
 * Cal.com refused the slot: taken, reserved by someone else, outside bookable hours or in the
 * past. Cal.com says this with a 400 (not a 409) and a message; the client reads the message.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof SlotUnavailableError && error.reason === 'taken') offerNextSlot();
 * }
 * ```
 */
export class SlotUnavailableError extends CalcomResponseError {
  /** Always `'SlotUnavailableError'`. */
  override name = 'SlotUnavailableError';
  /** Why the slot is not available. */
  readonly reason: SlotUnavailableReason;
  constructor(
    operation: CalcomOperation,
    reason: SlotUnavailableReason,
    info: CalcomResponseInfo & { message: string },
  ) {
    super(
      'E_SLOT_UNAVAILABLE',
      `${operation}: slot unavailable (${reason}): ${info.message}`,
      operation,
      info,
      false,
    );
    this.reason = reason;
  }
}

/**
 * Cal.com answered 404: the booking, reservation or event type does not exist (or is not visible
 * with this key).
 *
 * @example
 * ```ts
 * await client.bookings.get('no-such-uid'); // CalcomNotFoundError, resource 'booking'
 * ```
 */
export class CalcomNotFoundError extends CalcomResponseError {
  /** Always `'CalcomNotFoundError'`. */
  override name = 'CalcomNotFoundError';
  /** What was not found, as far as the message tells. */
  readonly resource: 'booking' | 'eventType' | 'reservation' | 'route' | 'unknown';
  constructor(
    operation: CalcomOperation,
    resource: CalcomNotFoundError['resource'],
    info: CalcomResponseInfo & { message: string },
  ) {
    super(
      'E_CALCOM_NOT_FOUND',
      `${operation}: not found (${resource}): ${info.message}`,
      operation,
      info,
      false,
    );
    this.resource = resource;
  }
}

/**
 * Cal.com answered 401 or 403: the API key is missing, unknown, expired, or lacks the right.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CalcomUnauthorizedError) alertOperator('rotate the Cal.com key');
 * }
 * ```
 */
export class CalcomUnauthorizedError extends CalcomResponseError {
  /** Always `'CalcomUnauthorizedError'`. */
  override name = 'CalcomUnauthorizedError';
  constructor(operation: CalcomOperation, info: CalcomResponseInfo & { message: string }) {
    super(
      'E_CALCOM_UNAUTHORIZED',
      `${operation}: unauthorized: ${info.message}`,
      operation,
      info,
      false,
    );
  }
}

/**
 * Cal.com answered 429 and the wait it asked for did not fit in the call's deadline.
 * `retryAfterMs` comes from `X-RateLimit-Reset-Default` (seconds; Cal.com sends no Retry-After).
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CalcomRateLimitError) await sleep(error.retryAfterMs);
 * }
 * ```
 */
export class CalcomRateLimitError extends CalcomResponseError {
  /** Always `'CalcomRateLimitError'`. */
  override name = 'CalcomRateLimitError';
  /** How long Cal.com asked to wait, in milliseconds (`undefined` when no header came). */
  readonly retryAfterMs: number | undefined;
  constructor(
    operation: CalcomOperation,
    retryAfterMs: number | undefined,
    info: CalcomResponseInfo & { message: string },
  ) {
    super(
      'E_CALCOM_RATE_LIMITED',
      `${operation}: rate limited by Cal.com: ${info.message}`,
      operation,
      info,
      true,
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Cal.com did not answer in time: one attempt exceeded its timeout (`kind: 'attempt'`) and no
 * retry was allowed or left, or the whole call exceeded its deadline (`kind: 'deadline'`).
 *
 * @example
 * ```ts
 * await client.slots.find(query, { deadlineMs: 2_000 }); // CalcomTimeoutError after 2 s at most
 * ```
 */
export class CalcomTimeoutError extends CalcomError {
  /** Always `'CalcomTimeoutError'`. */
  override name = 'CalcomTimeoutError';
  /** The limit that was hit, in milliseconds. */
  readonly timeoutMs: number;
  /** Whether one attempt's timeout or the call's total deadline was hit. */
  readonly kind: 'attempt' | 'deadline';
  constructor(
    operation: CalcomOperation,
    timeoutMs: number,
    kind: 'attempt' | 'deadline',
    cause?: unknown,
  ) {
    super(
      'E_CALCOM_TIMEOUT',
      kind === 'deadline'
        ? `${operation}: deadline of ${String(timeoutMs)} ms exceeded`
        : `${operation}: Cal.com did not answer within ${String(timeoutMs)} ms`,
      { retryable: true, operation, cause },
    );
    this.timeoutMs = timeoutMs;
    this.kind = kind;
  }
}

/**
 * The request never got an HTTP answer: connection refused or reset, DNS failure, a response cut
 * off mid-body.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CalcomNetworkError) console.warn(error.cause);
 * }
 * ```
 */
export class CalcomNetworkError extends CalcomError {
  /** Always `'CalcomNetworkError'`. */
  override name = 'CalcomNetworkError';
  constructor(operation: CalcomOperation, cause: unknown) {
    super('E_CALCOM_NETWORK', `${operation}: network error talking to Cal.com`, {
      retryable: true,
      operation,
      cause,
    });
  }
}

/**
 * Cal.com answered 5xx. Retryable; counts against the circuit breaker.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CalcomUpstreamError) console.warn(error.status, error.requestId);
 * }
 * ```
 */
export class CalcomUpstreamError extends CalcomResponseError {
  /** Always `'CalcomUpstreamError'`. */
  override name = 'CalcomUpstreamError';
  constructor(operation: CalcomOperation, info: CalcomResponseInfo & { message: string }) {
    super(
      'E_CALCOM_UPSTREAM',
      `${operation}: Cal.com failed (${String(info.status)})`,
      operation,
      info,
      true,
    );
  }
}

/**
 * Any other non-2xx answer (e.g. a 400 validation error from Cal.com, a 409, a 422). `message`
 * carries Cal.com's own message.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CalcomHttpError) console.warn(error.status, error.calcomCode);
 * }
 * ```
 */
export class CalcomHttpError extends CalcomResponseError {
  /** Always `'CalcomHttpError'`. */
  override name = 'CalcomHttpError';
  /** Cal.com's message, verbatim. */
  readonly calcomMessage: string;
  constructor(operation: CalcomOperation, info: CalcomResponseInfo & { message: string }) {
    super(
      'E_CALCOM_HTTP',
      `${operation}: Cal.com answered ${String(info.status)}: ${info.message}`,
      operation,
      info,
      false,
    );
    this.calcomMessage = info.message;
  }
}

/**
 * Cal.com answered 2xx with a body that does not match the documented response schema. Nothing of
 * the body is used. `path` names the first offending field (e.g. `data.0.start`).
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CalcomContractError) report(`Cal.com changed ${error.path}`);
 * }
 * ```
 */
export class CalcomContractError extends CalcomError {
  /** Always `'CalcomContractError'`. */
  override name = 'CalcomContractError';
  /** Dotted path of the first field that broke the contract (`(body)` for a non-JSON body). */
  readonly path: string;
  /** Every problem found, at most 10. */
  readonly issues: readonly InputIssue[];
  constructor(operation: CalcomOperation, status: number, issues: readonly InputIssue[]) {
    const first = issues[0] ?? { field: '(body)', message: 'is invalid' };
    super(
      'E_CALCOM_CONTRACT',
      `${operation}: Cal.com's answer broke the contract at ${first.field}: ${first.message}`,
      { retryable: false, status, operation },
    );
    this.path = first.field;
    this.issues = issues.slice(0, 10);
  }
}

/**
 * The caller's `AbortSignal` fired. Not retryable: the caller no longer wants the answer.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = client.slots.find(query, { signal: controller.signal });
 * controller.abort(); // pending rejects with CalcomAbortedError
 * ```
 */
export class CalcomAbortedError extends CalcomError {
  /** Always `'CalcomAbortedError'`. */
  override name = 'CalcomAbortedError';
  constructor(operation: CalcomOperation, cause: unknown) {
    super('E_CALCOM_ABORTED', `${operation}: aborted by the caller`, {
      retryable: false,
      operation,
      cause,
    });
  }
}

/**
 * A booking create got no answer (timeout, lost response, 5xx) and the client could not find out
 * whether Cal.com stored it: the reconciliation lookup failed too, or the deadline ran out. The
 * booking may exist. Do not create again blindly: call
 * {@link BookingsApi.findByIdempotencyKey} with `idempotencyKey` later, or retry `create` with
 * the same `idempotencyKey` (it reconciles first).
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof BookingOutcomeUnknownError) await queue.push(error.idempotencyKey);
 * }
 * ```
 */
export class BookingOutcomeUnknownError extends CalcomError {
  /** Always `'BookingOutcomeUnknownError'`. */
  override name = 'BookingOutcomeUnknownError';
  /** The key stamped into the booking's metadata; look the booking up by it. */
  readonly idempotencyKey: string;
  constructor(operation: CalcomOperation, idempotencyKey: string, cause: unknown) {
    super(
      'E_BOOKING_OUTCOME_UNKNOWN',
      `${operation}: no answer from Cal.com and the booking could not be looked up; it may exist`,
      { retryable: false, operation, cause },
    );
    this.idempotencyKey = idempotencyKey;
  }
}

/** Why a booking cannot be changed; see {@link BookingStateError.state}. */
export type BookingState =
  /** Cancel of a booking that is already cancelled. */
  | 'already-cancelled'
  /** Reschedule of a booking that was rescheduled before (see `rescheduledToUid`). */
  | 'already-rescheduled'
  /** Reschedule of a cancelled booking. */
  | 'cancelled'
  /** Cancel of a booking that has already ended. */
  | 'ended';

/**
 * Cal.com refused to cancel or reschedule a booking because of its state: already cancelled,
 * already rescheduled (then `rescheduledToUid` names the booking that replaced it), or over.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof BookingStateError && error.rescheduledToUid) follow(error.rescheduledToUid);
 * }
 * ```
 */
export class BookingStateError extends CalcomResponseError {
  /** Always `'BookingStateError'`. */
  override name = 'BookingStateError';
  /** The state that forbids the change. */
  readonly state: BookingState;
  /** For `already-rescheduled`: the uid of the booking that replaced this one. */
  readonly rescheduledToUid: string | undefined;
  constructor(
    operation: CalcomOperation,
    state: BookingState,
    rescheduledToUid: string | undefined,
    info: CalcomResponseInfo & { message: string },
  ) {
    super(
      'E_BOOKING_STATE',
      `${operation}: booking is ${state}: ${info.message}`,
      operation,
      info,
      false,
    );
    this.state = state;
    this.rescheduledToUid = rescheduledToUid;
  }
}

/**
 * A Cal.com webhook's `X-Cal-Signature-256` is missing or does not match the body.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof WebhookSignatureError) return reply.code(401).send();
 * }
 * ```
 */
export class WebhookSignatureError extends CalcomError {
  /** Always `'WebhookSignatureError'`. */
  override name = 'WebhookSignatureError';
  constructor(message: string) {
    super('E_WEBHOOK_SIGNATURE', message, { retryable: false });
  }
}

/**
 * A correctly signed Cal.com webhook whose body is not JSON or not a booking webhook we know.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof WebhookPayloadError) return reply.code(400).send();
 * }
 * ```
 */
export class WebhookPayloadError extends CalcomError {
  /** Always `'WebhookPayloadError'`. */
  override name = 'WebhookPayloadError';
  /** Dotted path of the first bad field. */
  readonly path: string;
  constructor(path: string, message: string) {
    super('E_WEBHOOK_PAYLOAD', `Cal.com webhook payload invalid at ${path}: ${message}`, {
      retryable: false,
    });
    this.path = path;
  }
}
