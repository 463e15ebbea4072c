/**
 * An abort signal that follows `sources` until {@link LinkedSignal.dispose}. Unlike
 * `AbortSignal.any`, which on Node 20 keeps a small record on every source for as long as the
 * source lives (~100 B per call on one long-lived caller signal), the listeners added here are
 * removed when the call settles.
 * @internal
 */
export class LinkedSignal {
  readonly #ctl = new AbortController();
  readonly #sources: AbortSignal[] = [];
  readonly #onAbort: (this: AbortSignal) => void;

  constructor(sources: readonly (AbortSignal | undefined)[]) {
    const ctl = this.#ctl;
    this.#onAbort = function (this: AbortSignal) {
      ctl.abort(this.reason);
    };
    for (const s of sources) {
      if (!s) continue;
      if (s.aborted) {
        ctl.abort(s.reason);
        break;
      }
      s.addEventListener('abort', this.#onAbort, { once: true });
      this.#sources.push(s);
    }
  }

  /** Aborted as soon as one source is. */
  get signal(): AbortSignal {
    return this.#ctl.signal;
  }

  /** Aborts the linked signal itself (e.g. on a timer of its own). */
  abort(reason: unknown): void {
    this.#ctl.abort(reason);
  }

  /** Removes the listeners from every source; call once the call has settled. */
  dispose(): void {
    for (const s of this.#sources) s.removeEventListener('abort', this.#onAbort);
    this.#sources.length = 0;
  }
}

/** Largest delay `setTimeout` honours (2^31 − 1 ms, ~24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
