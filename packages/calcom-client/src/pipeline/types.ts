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
      readonly type: 'request:done';
      readonly operation: CalcomOperation;
      readonly status: number;
      readonly durationMs: number;
      readonly attempt: number;
    }
  | {
      readonly type: 'request:failed';
      readonly operation: CalcomOperation;
      readonly code: string;
      readonly status?: number | undefined;
      readonly durationMs: number;
      readonly attempt: number;
    }
  | {
      readonly type: 'request:retry';
      readonly operation: CalcomOperation;
      readonly attempt: number;
      readonly delayMs: number;
      readonly code: string;
    }
  | {
      readonly type: 'booking:reconciled';
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
      readonly fallback: 'account' | 'none';
      /** Name, code and a redacted message of the error (never the error itself). */
      readonly error: SafeErrorInfo;
    };
