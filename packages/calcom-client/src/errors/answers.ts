import { CalcomResponseError, type CalcomResponseInfo } from './base.js';
import type { CalcomOperation } from '../operations.js';

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
