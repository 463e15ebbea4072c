import { CalcomError, CalcomResponseError, type CalcomResponseInfo } from './base.js';
import type { CalcomOperation } from '../operations.js';

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
