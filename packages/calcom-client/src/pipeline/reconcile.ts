/**
 * How a `reconcile` operation (`RetryMode` of `operations.ts`) finds out whether an attempt without an answer
 * took effect, before the pipeline tries again. One strategy per write (create by idempotency
 * key; cancel and reschedule by reading the booking). Every hook may throw to end the call with
 * that error.
 * @internal
 */
export interface ReconcileStrategy<B, R> {
  /** Whether an earlier attempt may already have taken effect before the first one (a caller's key). */
  readonly uncertain?: boolean;
  /** Turns the body of an answered attempt into the result. */
  accept(body: B): Promise<R>;
  /**
   * Called first for every failed attempt: the result of an earlier attempt when this failure
   * shows that one took effect (e.g. "slot taken" by our own earlier create). `uncertain`: an
   * earlier attempt of this call got no answer.
   */
  onFailure(error: unknown, uncertain: boolean): Promise<R | undefined>;
  /**
   * Called after an attempt without an answer (timeout, network error, 5xx), before any retry:
   * the result when that attempt took effect.
   */
  onAmbiguous?(error: unknown): Promise<R | undefined>;
  /** The error to end with when no attempt is left (default: the last error). */
  exhausted?(error: unknown): unknown;
}
