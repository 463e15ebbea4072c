import type {
  LatencySpec,
  LatencyTable,
  CalcomMockOperation,
  CalcomMockOptions,
  ErrorRateOptions,
} from './types.js';
import { REALISTIC, prng } from './requests.js';

// The faults the stand-in injects (latency, hangs, error rates, failNext, lost answers) and its
// throttler (Cal.com's per-key rate limit), all seeded.

/** The stand-in's fault injection and throttler. */
export type Faults = ReturnType<typeof createFaults>;

/** Creates the faults and throttler of `options`. */
export function createFaults(options: CalcomMockOptions, now: () => Date) {
  const failures = new Map<CalcomMockOperation, Array<{ status: number; body?: unknown }>>();
  const lost = new Map<CalcomMockOperation, { delayMs?: number }>();
  let random = prng(options.seed ?? 1);
  let latency: LatencyTable =
    options.latency === 'realistic'
      ? { ...REALISTIC }
      : options.latency === 'none' || options.latency === undefined
        ? {}
        : { ...options.latency };
  const errorRates = new Map<
    CalcomMockOperation | '*',
    { rate: number; statuses: number[]; burst: number; left: number; status: number }
  >();
  const rateLimit =
    options.rateLimit === undefined || options.rateLimit === false
      ? undefined
      : {
          limit: options.rateLimit.limit ?? 120,
          windowMs: options.rateLimit.windowMs ?? 60_000,
          blockMs: options.rateLimit.blockMs ?? 60_000,
        };
  const buckets = new Map<string, { windowStart: number; count: number; blockedUntil: number }>();

  /** Draws this request's delay from the seeded PRNG (0 without latency configured). */
  const delayFor = (operation: CalcomMockOperation): number => {
    const spec = latency[operation] ?? latency['*'];
    if (!spec) return 0;
    const hang = spec.hangProbability ?? 0;
    if (hang > 0 && random() < hang) return spec.hangMs ?? 19_000;
    return Math.round(spec.minMs + random() * Math.max(0, spec.maxMs - spec.minMs));
  };

  /** A seeded injected status for this request, if an error rate says so. */
  const injectedError = (operation: CalcomMockOperation): number | undefined => {
    const rate = errorRates.get(operation) ?? errorRates.get('*');
    if (!rate || rate.rate <= 0) return undefined;
    if (rate.left > 0) {
      rate.left -= 1;
      return rate.status;
    }
    if (random() >= rate.rate) return undefined;
    rate.status = rate.statuses[Math.floor(random() * rate.statuses.length)] ?? 500;
    rate.left = rate.burst - 1;
    return rate.status;
  };

  /** Counts the request against its key's window; returns the headers and whether it is refused. */
  const throttle = (
    key: string,
  ): { headers: Record<string, string>; refused: boolean } | undefined => {
    if (!rateLimit) return undefined;
    const nowMs = now().getTime();
    let b = buckets.get(key);
    if (!b || nowMs - b.windowStart >= rateLimit.windowMs) {
      b = { windowStart: nowMs, count: 0, blockedUntil: b?.blockedUntil ?? 0 };
      buckets.set(key, b);
    }
    let refused = nowMs < b.blockedUntil;
    if (!refused) {
      b.count += 1;
      if (b.count > rateLimit.limit) {
        b.blockedUntil = nowMs + rateLimit.blockMs;
        refused = true;
      }
    }
    const resetMs = refused ? b.blockedUntil - nowMs : b.windowStart + rateLimit.windowMs - nowMs;
    return {
      refused,
      headers: {
        'X-RateLimit-Limit-Default': String(rateLimit.limit),
        'X-RateLimit-Remaining-Default': String(Math.max(0, rateLimit.limit - b.count)),
        'X-RateLimit-Reset-Default': String(Math.max(0, Math.ceil(resetMs / 1000))),
      },
    };
  };

  return {
    delayFor,
    injectedError,
    throttle,
    /** The next forced answer of `operation` ({@link failNext}), if any. */
    forced: (operation: CalcomMockOperation) => failures.get(operation)?.shift(),
    /** Whether the answer of this request to `operation` is to be lost (once). */
    takeLost(operation: CalcomMockOperation): { delayMs?: number } | undefined {
      const lose = lost.get(operation);
      if (lose) lost.delete(operation);
      return lose;
    },
    failNext(operation: CalcomMockOperation, status: number, count: number, body: unknown): void {
      const queue = failures.get(operation) ?? [];
      for (let i = 0; i < count; i++)
        queue.push(body === undefined ? { status } : { status, body });
      failures.set(operation, queue);
    },
    loseNext(operation: CalcomMockOperation, opts: { delayMs?: number }): void {
      lost.set(operation, opts);
    },
    setLatency(operation: CalcomMockOperation | '*', spec: LatencySpec | 'none'): void {
      if (spec === 'none') {
        const { [operation]: _removed, ...rest } = latency;
        latency = rest;
      } else {
        latency = { ...latency, [operation]: spec };
      }
    },
    setErrorRate(
      operation: CalcomMockOperation | '*',
      { rate, statuses = [500, 502, 503, 429], burst = 1 }: ErrorRateOptions,
    ): void {
      if (rate <= 0) errorRates.delete(operation);
      else {
        const b = Math.max(1, Math.floor(burst));
        errorRates.set(operation, {
          rate: Math.min(1, rate),
          statuses,
          burst: b,
          left: 0,
          status: 0,
        });
      }
    },
    reset(): void {
      failures.clear();
      lost.clear();
      errorRates.clear();
      buckets.clear();
      random = prng(options.seed ?? 1);
    },
  };
}
