import type { Spoken } from './types.js';

/** Stable codes of {@link BookingEngineError}; listed in the README's errors table. */
export type BookingEngineErrorCode =
  /** Options or a tenants file are invalid (names the first bad field). */
  | 'E_CONFIG_INVALID'
  /** No tenant for the call's number, agent id or header. */
  | 'E_TENANT_UNKNOWN'
  /** An argument is malformed (an unknown service id, a start that is not ISO 8601). */
  | 'E_INVALID_INPUT'
  /** The caller's number cannot be read as a phone number. */
  | 'E_PHONE_INVALID'
  /** The call has no caller number, but the operation needs the customer. */
  | 'E_CUSTOMER_REQUIRED'
  /** The wish breaks a tenant policy (notice, days ahead, business hours). */
  | 'E_POLICY'
  /** The slot is taken (alternatives are attached where known). */
  | 'E_SLOT_UNAVAILABLE'
  /** Another booking of the same slot holds its lock right now. */
  | 'E_SLOT_BUSY'
  /** The same idempotency key is being worked on by another request. */
  | 'E_IN_PROGRESS'
  /** The same idempotency key was used with different arguments. */
  | 'E_IDEMPOTENCY_MISMATCH'
  /** Cal.com is unreachable; retry later. */
  | 'E_CALENDAR_UNAVAILABLE'
  /** Cal.com did not answer a write and it could not be checked; the reconciler will resolve it. */
  | 'E_OUTCOME_UNKNOWN'
  /** Cal.com booked something else than asked (start or end); it was cancelled. */
  | 'E_BOOKING_MISMATCH'
  /** No such appointment for this caller (also: another caller's appointment). */
  | 'E_APPOINTMENT_NOT_FOUND'
  /** The appointment cannot be changed any more (cancelled, past). */
  | 'E_APPOINTMENT_STATE'
  /** A store (Redis, PostgreSQL) failed. */
  | 'E_STORE_UNAVAILABLE'
  /** A store refused a write (lost lock, fencing). */
  | 'E_CONFLICT';

/**
 * Base class of every error thrown by `@voicebook/booking-engine`. Prefer
 * {@link isBookingEngineError} to `instanceof`. `say` is a sentence the agent may speak to the
 * caller; messages never contain names or phone numbers.
 */
export class BookingEngineError extends Error {
  /** The class name (`BookingEngineError`, or a subclass's such as `TenantConfigError`). */
  override name = 'BookingEngineError';
  /** Always `true`: the brand {@link isBookingEngineError} checks (works across package copies). */
  readonly isBookingEngineError = true;
  /**
   * @param code The stable code.
   * @param message What failed, naming the operation (never a caller's name or number).
   * @param retryable Whether the same call may succeed later.
   * @param options.cause The underlying error.
   * @param options.say A sentence the agent may speak to the caller.
   */
  constructor(
    /** The stable code; see {@link BookingEngineErrorCode} and the README's errors table. */
    readonly code: BookingEngineErrorCode,
    message: string,
    /**
     * Whether the same call may succeed later (Cal.com or a store unreachable, a slot busy);
     * `false` for a refusal that a retry repeats.
     */
    readonly retryable: boolean,
    options?: { cause?: unknown; say?: Spoken | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.say = options?.say;
  }
  /** What the agent can tell the caller, in both languages. */
  readonly say: Spoken | undefined;
}

/**
 * Whether `error` is a {@link BookingEngineError} (also across package copies, where
 * `instanceof` fails).
 *
 * @param error - anything caught.
 * @returns `true` for an error thrown by `@voicebook/booking-engine`.
 * @example
 * ```ts
 * try {
 *   await engine.book(ctx, request);
 * } catch (e) {
 *   if (isBookingEngineError(e) && e.retryable) console.log('try again', e.code, e.say?.de);
 *   else throw e;
 * }
 * ```
 */
export const isBookingEngineError = (error: unknown): error is BookingEngineError =>
  error instanceof Error && (error as Partial<BookingEngineError>).isBookingEngineError === true;
