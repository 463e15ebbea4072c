import type { SafeErrorInfo } from '../internal/safe-error.js';
import type { CalcomOperation } from '../operations.js';

// The public types of one request through the pipeline: what a caller passes per call, the retry
// settings, and the events the pipeline emits. Re-exported by the client.

/** Per-call options accepted by every method. */
export interface CallOptions {
  /** Cancels the call (and its retries); it then rejects with {@link CalcomAbortedError}. */
  signal?: AbortSignal;
  /**
   * Total time budget of the call in ms, retries, waits and reconciliation included; past it
   * the call rejects with a {@link CalcomTimeoutError} of kind `deadline`.
   * @default the operation's deadline (10 s for reads, 15 s for booking writes)
   */
  deadlineMs?: number;
}

/** Retry settings of {@link CalcomClientOptions.retry}. */
export interface RetryOptions {
  /** Attempts per operation (first try included); only `safe` operations and 429s use more than one. */
  attempts?: Partial<Record<CalcomOperation, number>>;
  /** First backoff delay; later ones grow exponentially with decorrelated jitter (cockatiel). @default 100 */
  initialDelayMs?: number;
  /** Largest backoff delay. @default 2000 */
  maxDelayMs?: number;
  /** Longest wait for a 429's `X-RateLimit-Reset-Default` before giving up with {@link CalcomRateLimitError}. @default 5000 */
  maxRateLimitWaitMs?: number;
}

/** Events of the client itself; cache and breaker events are forwarded as well. */
export type CalcomRequestEvent =
  | {
      /** Cal.com answered a request with success. */
      readonly type: 'request:done';
      /** The client operation (`getSlots`, `createBooking`, …). */
      readonly operation: CalcomOperation;
      /** The HTTP status. */
      readonly status: number;
      /** Time of this attempt, ms. */
      readonly durationMs: number;
      /** Which attempt succeeded, from 1. */
      readonly attempt: number;
    }
  | {
      /** An attempt failed (a retry may follow: see `request:retry`). */
      readonly type: 'request:failed';
      /** The client operation. */
      readonly operation: CalcomOperation;
      /** The error's stable code (`E_CALCOM_TIMEOUT`, …). */
      readonly code: string;
      /** The HTTP status, when Cal.com answered. */
      readonly status?: number | undefined;
      /** Time of this attempt, ms. */
      readonly durationMs: number;
      /** Which attempt failed, from 1. */
      readonly attempt: number;
    }
  | {
      /** The client waits and tries again. */
      readonly type: 'request:retry';
      /** The client operation. */
      readonly operation: CalcomOperation;
      /** The attempt that failed, from 1 (the next one is `attempt + 1`). */
      readonly attempt: number;
      /** The wait before it, ms (backoff with jitter, or a 429's reset). */
      readonly delayMs: number;
      /** The code of the failure that caused the retry. */
      readonly code: string;
    }
  | {
      /** A write that got no answer was looked up by its idempotency key. */
      readonly type: 'booking:reconciled';
      /** The write operation (`createBooking`, `cancelBooking`, `rescheduleBooking`). */
      readonly operation: CalcomOperation;
      /** `found`: the attempt that got no answer had taken effect, its booking is returned. */
      readonly outcome: 'found' | 'not-found' | 'lookup-failed';
    }
  | {
      /**
       * The {@link CalcomClientOptions.invalidation} scope function threw (or computing the tags
       * failed otherwise): that booking invalidated its days account-wide instead (`fallback:
       * 'account'`), or, should even that fail, nothing (`'none'`, the TTLs bound the staleness).
       * The write itself succeeded.
       */
      readonly type: 'invalidation:scope-failed';
      /** What was invalidated instead: the days account-wide, or nothing. */
      readonly fallback: 'account' | 'none';
      /** Name, code and a redacted message of the error (never the error itself). */
      readonly error: SafeErrorInfo;
    };
