import type { InputIssue } from './input.js';
import { CalcomError, CalcomResponseError, type CalcomResponseInfo } from './base.js';
import type { CalcomOperation } from '../operations.js';

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
