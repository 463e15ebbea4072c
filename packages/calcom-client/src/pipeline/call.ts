import { CalcomAbortedError, CalcomConfigError } from '../errors.js';
import { LinkedSignal, MAX_TIMER_MS } from '../internal/signals.js';
import type { CalcomOperation } from '../operations.js';

/** One public call: its deadline, the caller's signal, and both combined. @internal */
export class Call {
  readonly operation: CalcomOperation;
  readonly deadlineMs: number;
  readonly deadlineAt: number;
  readonly caller: AbortSignal | undefined;
  readonly #linked: LinkedSignal;
  readonly #timer: ReturnType<typeof setTimeout>;
  #deadlineHit = false;

  /**
   * @throws {@link CalcomConfigError} for a deadline a timer cannot hold;
   * {@link CalcomAbortedError} when `caller` is already aborted.
   */
  constructor(operation: CalcomOperation, deadlineMs: number, caller: AbortSignal | undefined) {
    if (!Number.isFinite(deadlineMs) || deadlineMs <= 0 || deadlineMs > MAX_TIMER_MS) {
      throw new CalcomConfigError(
        'deadlineMs',
        `must be a positive number of milliseconds up to ${String(MAX_TIMER_MS)} (~24.8 days)`,
      );
    }
    if (caller?.aborted) throw new CalcomAbortedError(operation, caller.reason);
    this.operation = operation;
    this.deadlineMs = deadlineMs;
    this.deadlineAt = Date.now() + deadlineMs;
    this.caller = caller;
    this.#linked = new LinkedSignal([caller]);
    this.#timer = setTimeout(() => {
      this.#deadlineHit = true;
      this.#linked.abort(new Error('deadline'));
    }, deadlineMs);
    this.#timer.unref();
  }

  /** Aborted by the caller's signal or the deadline. */
  get signal(): AbortSignal {
    return this.#linked.signal;
  }

  /** Whether the deadline (not the caller) ended the call. */
  get deadlineHit(): boolean {
    return this.#deadlineHit;
  }

  /** Milliseconds left until the deadline. */
  remaining(): number {
    return this.deadlineAt - Date.now();
  }

  /** Clears the deadline timer and unlinks the caller's signal. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#linked.dispose();
  }
}
