import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { KyInstance } from 'ky';
import type { z } from 'zod';
import type { BreakerRegistry } from '../breaker/registry.js';
import {
  CalcomAbortedError,
  CalcomNetworkError,
  CalcomRateLimitError,
  CalcomTimeoutError,
  CalcomUpstreamError,
  isCalcomError,
  type CalcomError,
} from '../errors.js';
import { sendOnce, type RequestSpec } from '../http.js';
import { LinkedSignal } from '../internal/signals.js';
import { OPERATIONS, type CalcomOperation } from '../operations.js';
import { Call } from './call.js';
import type { ReconcileStrategy } from './reconcile.js';
import type { CallOptions, CalcomRequestEvent, RetryOptions } from './types.js';

/** What the pipeline needs of the client's options. @internal */
export interface PipelineOptions {
  readonly ky: KyInstance;
  readonly timeouts?: Partial<Record<CalcomOperation, number | readonly number[]>> | undefined;
  readonly deadlines?: Partial<Record<CalcomOperation, number>> | undefined;
  readonly retry?: RetryOptions | undefined;
  readonly breakers: BreakerRegistry | undefined;
  /** Never throws (the client guards its listener). */
  readonly emit: (event: CalcomRequestEvent) => void;
}

/** A failure without an answer: it may or may not have taken effect upstream. @internal */
export function isAmbiguous(error: unknown): boolean {
  return (
    error instanceof CalcomTimeoutError ||
    error instanceof CalcomNetworkError ||
    error instanceof CalcomUpstreamError
  );
}

/**
 * The one way a request reaches Cal.com: a {@link Call} (deadline and caller signal), then per
 * attempt its timeout and the breaker of the endpoint group, typed errors and events, and between
 * attempts the retries the operation's {@link RetryMode} allows: `safe` backs off and tries again,
 * `reconcile` first asks its {@link ReconcileStrategy} whether the attempt took effect, `never`
 * only waits out a 429.
 * @internal
 */
export class RequestPipeline {
  readonly #o: PipelineOptions;
  readonly #backoff: ExponentialBackoff<unknown>;

  constructor(options: PipelineOptions) {
    this.#o = options;
    this.#backoff = new ExponentialBackoff({
      initialDelay: options.retry?.initialDelayMs ?? 100,
      maxDelay: options.retry?.maxDelayMs ?? 2_000,
    });
  }

  /** The default deadline of `operation` (the client's `deadlines` option, else the operation's). */
  deadlineFor(operation: CalcomOperation): number {
    return this.#o.deadlines?.[operation] ?? OPERATIONS[operation].deadlineMs;
  }

  /** Runs `fn` inside one call of `operation` (its deadline, the caller's signal). */
  async withCall<T>(
    operation: CalcomOperation,
    options: CallOptions | undefined,
    fn: (call: Call) => Promise<T>,
  ): Promise<T> {
    const deadlineMs = options?.deadlineMs ?? this.deadlineFor(operation);
    const call = new Call(operation, deadlineMs, options?.signal);
    try {
      return await fn(call);
    } finally {
      call.dispose();
    }
  }

  /** One operation with the retries its mode allows (`safe`: backoff; any: a 429 waited out). */
  run<T>(call: Call, spec: RequestSpec, schema: z.ZodType<T>): Promise<T> {
    return this.#loop(call, spec, schema, undefined);
  }

  /** One `reconcile` operation: retried only after `strategy` found no effect of the last attempt. */
  reconcile<B, R>(
    call: Call,
    spec: RequestSpec,
    schema: z.ZodType<B>,
    strategy: ReconcileStrategy<B, R>,
  ): Promise<R> {
    return this.#loop(call, spec, schema, strategy);
  }

  async #loop<B, R>(
    call: Call,
    spec: RequestSpec,
    schema: z.ZodType<B>,
    strategy: ReconcileStrategy<B, R> | undefined,
  ): Promise<R> {
    const op = spec.operation;
    const mode = OPERATIONS[op].retry;
    let uncertain = strategy?.uncertain ?? false;
    let backoff: IBackoff<unknown> | undefined;
    for (let attempt = 1; ; attempt++) {
      let body: B;
      try {
        body = await this.#attempt(call, spec, schema, attempt);
      } catch (error) {
        if (strategy) {
          const recovered = await strategy.onFailure(error, uncertain);
          if (recovered !== undefined) return recovered;
        }
        const wait = this.#rateLimitWait(call, error, attempt);
        if (wait !== undefined) {
          await this.#sleep(call, op, attempt, wait, error);
          continue;
        }
        if (mode === 'never' || !isAmbiguous(error)) throw error;
        if (strategy) {
          uncertain = true;
          const recovered = await strategy.onAmbiguous?.(error);
          if (recovered !== undefined) return recovered;
        }
        if (attempt >= this.#attempts(op)) throw strategy?.exhausted?.(error) ?? error;
        backoff = backoff ? backoff.next(undefined) : this.#backoff.next();
        if (backoff.duration >= call.remaining()) throw strategy?.exhausted?.(error) ?? error;
        await this.#sleep(call, op, attempt, backoff.duration, error);
        continue;
      }
      return strategy ? strategy.accept(body) : (body as unknown as R);
    }
  }

  /**
   * One attempt: per-attempt timeout, deadline and caller signal, the breaker of the endpoint
   * group, typed errors, events.
   */
  async #attempt<T>(
    call: Call,
    spec: RequestSpec,
    schema: z.ZodType<T>,
    attempt: number,
  ): Promise<T> {
    const op = spec.operation;
    if (call.signal.aborted) throw this.abortError(call, op, undefined, 0);
    const timeouts = this.#o.timeouts?.[op] ?? OPERATIONS[op].timeoutsMs;
    const list = typeof timeouts === 'number' ? [timeouts] : timeouts;
    const timeoutMs = list[Math.min(attempt, list.length) - 1] ?? 3_000;
    const attemptCtl = new LinkedSignal([call.signal]);
    let attemptTimedOut = false;
    const timer = setTimeout(() => {
      attemptTimedOut = true;
      attemptCtl.abort(new Error('attempt timeout'));
    }, timeoutMs);
    const signal = attemptCtl.signal;
    const started = performance.now();
    const send = async (): Promise<{ status: number; body: T }> => {
      try {
        return await sendOnce(this.#o.ky, spec, schema, signal);
      } catch (error) {
        if (isCalcomError(error)) throw error;
        if (signal.aborted) throw this.abortError(call, op, error, attemptTimedOut ? timeoutMs : 0);
        throw new CalcomNetworkError(op, error);
      }
    };
    try {
      const group = OPERATIONS[op].group;
      const breakers = this.#o.breakers;
      const r = breakers ? await breakers.execute(group, send) : await send();
      this.#o.emit({
        type: 'request:done',
        operation: op,
        status: r.status,
        durationMs: performance.now() - started,
        attempt,
      });
      return r.body;
    } catch (error) {
      const e = error as Partial<CalcomError>;
      this.#o.emit({
        type: 'request:failed',
        operation: op,
        code: typeof e.code === 'string' ? e.code : 'E_UNKNOWN',
        status: typeof e.status === 'number' ? e.status : undefined,
        durationMs: performance.now() - started,
        attempt,
      });
      throw error;
    } finally {
      clearTimeout(timer);
      attemptCtl.dispose();
    }
  }

  /** The error of a call whose signal fired: the caller's abort, the deadline, or the attempt's timeout. */
  abortError(
    call: Call,
    op: CalcomOperation,
    cause: unknown,
    attemptTimeoutMs: number,
  ): CalcomError {
    if (call.caller?.aborted) return new CalcomAbortedError(op, call.caller.reason);
    if (call.deadlineHit) return new CalcomTimeoutError(op, call.deadlineMs, 'deadline', cause);
    return new CalcomTimeoutError(op, attemptTimeoutMs, 'attempt', cause);
  }

  #rateLimitWait(call: Call, error: unknown, attempt: number): number | undefined {
    if (!(error instanceof CalcomRateLimitError)) return undefined;
    if (attempt >= Math.max(this.#attempts(error.operation ?? 'getSlots'), 2)) return undefined;
    const wait = (error.retryAfterMs ?? 1_000) + Math.floor(Math.random() * 100);
    const max = this.#o.retry?.maxRateLimitWaitMs ?? 5_000;
    return wait <= max && wait < call.remaining() ? wait : undefined;
  }

  #attempts(op: CalcomOperation): number {
    return this.#o.retry?.attempts?.[op] ?? OPERATIONS[op].attempts;
  }

  async #sleep(
    call: Call,
    operation: CalcomOperation,
    attempt: number,
    delayMs: number,
    cause: unknown,
  ): Promise<void> {
    const code = isCalcomError(cause) ? cause.code : 'E_UNKNOWN';
    this.#o.emit({ type: 'request:retry', operation, attempt, delayMs, code });
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t);
        reject(this.abortError(call, operation, cause, 0));
      };
      const t = setTimeout(() => {
        call.signal.removeEventListener('abort', onAbort);
        resolve();
      }, delayMs);
      call.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
