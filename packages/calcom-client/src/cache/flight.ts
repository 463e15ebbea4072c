/**
 * One shared load of a key (single-flight) with any number of callers, each with its own abort
 * signal. The load gets a signal of its own that aborts only when every caller has left (each
 * caller's signal aborted) and none joined without a signal: one caller hanging up, or its
 * shorter deadline, never fails the others, and a load nobody waits for any more is abandoned.
 * @internal
 */
export class Flight<R> {
  readonly #ctl = new AbortController();
  /** Callers with a signal that joined and have not left (counted until the load settles). */
  #waiting = 0;
  /** A caller without a signal joined: the load runs to its end. */
  #pinned = false;
  #settled = false;
  readonly #promise: Promise<R>;
  readonly #onAbandon: () => void;

  /**
   * Starts `run` at once with the load's own signal. `onAbandon` is called once when every
   * caller has left before the load settled (the load's signal is then aborted).
   */
  constructor(run: (signal: AbortSignal) => Promise<R>, onAbandon: () => void) {
    this.#onAbandon = onAbandon;
    this.#promise = run(this.#ctl.signal);
    this.#promise.then(
      () => (this.#settled = true),
      () => (this.#settled = true),
    );
  }

  /** Whether the load's signal was aborted because every caller left. */
  get abandoned(): boolean {
    return this.#ctl.signal.aborted;
  }

  /**
   * Waits for the shared load as one caller. Rejects with `signal.reason` as soon as `signal`
   * aborts (the load goes on for the others); without a signal, waits for the load's end.
   */
  join(signal?: AbortSignal): Promise<R> {
    if (!signal) {
      this.#pinned = true;
      return this.#promise;
    }
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    this.#waiting++;
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => {
        this.#leave();
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#promise
        .finally(() => {
          signal.removeEventListener('abort', onAbort);
        })
        .then(resolve, reject);
    });
  }

  #leave(): void {
    this.#waiting--;
    if (this.#waiting > 0 || this.#pinned || this.#settled || this.abandoned) return;
    this.#ctl.abort(new Error('every caller of the shared load left'));
    this.#onAbandon();
  }
}
