/**
 * A fixed-size ring of time buckets counting good and bad events. Memory is bounded by
 * `spanMs / resolutionMs` buckets whatever the traffic; old buckets are overwritten in place.
 * @internal
 */
export class RingCounter {
  readonly #resolutionMs: number;
  readonly #size: number;
  readonly #epoch: Float64Array;
  readonly #good: Float64Array;
  readonly #bad: Float64Array;

  constructor(resolutionMs: number, spanMs: number) {
    this.#resolutionMs = resolutionMs;
    this.#size = Math.max(1, Math.ceil(spanMs / resolutionMs));
    this.#epoch = new Float64Array(this.#size).fill(-1);
    this.#good = new Float64Array(this.#size);
    this.#bad = new Float64Array(this.#size);
  }

  get spanMs(): number {
    return this.#size * this.#resolutionMs;
  }

  add(nowMs: number, good: number, bad: number): void {
    const epoch = Math.floor(nowMs / this.#resolutionMs);
    const i = epoch % this.#size;
    if (this.#epoch[i] !== epoch) {
      this.#epoch[i] = epoch;
      this.#good[i] = 0;
      this.#bad[i] = 0;
    }
    this.#good[i] = (this.#good[i] ?? 0) + good;
    this.#bad[i] = (this.#bad[i] ?? 0) + bad;
  }

  /** Sums the buckets of the last `windowMs` (rounded up to whole buckets, current included). */
  sum(nowMs: number, windowMs: number): { good: number; bad: number } {
    const current = Math.floor(nowMs / this.#resolutionMs);
    const count = Math.min(this.#size, Math.max(1, Math.ceil(windowMs / this.#resolutionMs)));
    const oldest = current - count + 1;
    let good = 0;
    let bad = 0;
    for (let e = Math.max(oldest, 0); e <= current; e++) {
      const i = e % this.#size;
      if (this.#epoch[i] === e) {
        good += this.#good[i] ?? 0;
        bad += this.#bad[i] ?? 0;
      }
    }
    return { good, bad };
  }
}

/**
 * Two rings: a fine one (default 1 min buckets over 3 days) for burn-rate windows and a coarse
 * one (default 1 h buckets) spanning the whole SLO period.
 * @internal
 */
export class SloWindow {
  readonly #fine: RingCounter;
  readonly #coarse: RingCounter;

  constructor(
    periodMs: number,
    fineResolutionMs: number,
    fineSpanMs: number,
    coarseResolutionMs: number,
  ) {
    this.#fine = new RingCounter(fineResolutionMs, Math.min(fineSpanMs, periodMs));
    this.#coarse = new RingCounter(coarseResolutionMs, periodMs);
  }

  add(nowMs: number, good: number, bad: number): void {
    this.#fine.add(nowMs, good, bad);
    this.#coarse.add(nowMs, good, bad);
  }

  sum(nowMs: number, windowMs: number): { good: number; bad: number } {
    return windowMs <= this.#fine.spanMs
      ? this.#fine.sum(nowMs, windowMs)
      : this.#coarse.sum(nowMs, windowMs);
  }
}
