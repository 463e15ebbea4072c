/** Outcome of a whole phone call, the closed set of the call-duration `outcome` label. */
export const CALL_OUTCOMES = [
  'booked',
  'rescheduled',
  'cancelled',
  'info_only',
  'no_booking',
  'abandoned',
  'transferred',
  'error',
] as const;
/** One of {@link CALL_OUTCOMES}. */
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Outcome of one booking attempt, the closed set of the booking `outcome` label. */
export const BOOKING_OUTCOMES = [
  'success',
  'no_availability',
  'user_abandoned',
  'technical_error',
  'policy',
] as const;
/** One of {@link BOOKING_OUTCOMES}. */
export type BookingOutcome = (typeof BOOKING_OUTCOMES)[number];

/**
 * Outcome of one tool call / API request: `ok` answered normally, `client_error` rejected bad
 * input (4xx, not the service's fault), `fallback` answered with a spoken fallback because an
 * upstream was too slow or down, `error` failed.
 */
export const TOOL_OUTCOMES = ['ok', 'client_error', 'fallback', 'error'] as const;
/** One of {@link TOOL_OUTCOMES}. */
export type ToolOutcome = (typeof TOOL_OUTCOMES)[number];

/** Prometheus metric names written by {@link createSloMetrics} and read by the generated rules. */
export const METRIC_NAMES = {
  /** Histogram: duration of finished phone calls, seconds, by `outcome`. */
  callDuration: 'voicebook_call_duration_seconds',
  /** Counter: booking attempts, by `outcome`. */
  bookingAttempts: 'voicebook_booking_attempts_total',
  /** Histogram: latency of tool calls and API requests, seconds, by `tool`. */
  toolDuration: 'voicebook_tool_duration_seconds',
  /** Counter: tool calls, by `tool`, `outcome` and `sla` (whether the tool's budget was met). */
  toolCalls: 'voicebook_tool_calls_total',
  /** Histogram: latency of Cal.com requests, seconds, by `operation` and `status_class`. */
  upstreamDuration: 'voicebook_upstream_request_duration_seconds',
  /** Counter: failed Cal.com requests, by `operation` and error `class`. */
  upstreamErrors: 'voicebook_upstream_errors_total',
  /** Counter: cache look-ups, by `key_group`, `result` (hit, miss, stale, coalesced) and `layer`. */
  cacheRequests: 'voicebook_cache_requests_total',
  /** Gauge: circuit breaker state by `group`: 0 closed, 1 half-open, 2 open. */
  breakerState: 'voicebook_circuit_breaker_state',
} as const;

/**
 * Which events count as good and bad for an SLO. The built-in kinds are computed both
 * in-process (for `/slo`) and in PromQL (generated rules); `custom` SLOs bring their own
 * PromQL and feed the in-process window through `recordSloEvent`.
 */
export type SliDefinition =
  | {
      /** Share of calls with one of `outcomes` that ended within `thresholdMs`. */
      kind: 'call-duration';
      /** Calls longer than this are bad. Must be one of the call-duration buckets. */
      thresholdMs: number;
      /** Call outcomes that count. @default ['booked'] */
      outcomes?: readonly CallOutcome[];
    }
  | {
      /**
       * Share of booking attempts that succeeded, out of those that either succeeded or hit a
       * technical error; `no_availability`, `user_abandoned` and `policy` are not the service's
       * fault and do not count either way.
       */
      kind: 'booking-success';
    }
  | {
      /** Share of tool calls answered within their tool's SLA (see `toolSlaMs`). */
      kind: 'tool-latency';
    }
  | {
      /** Share of tool calls that did not end in `error` or `fallback`. */
      kind: 'availability';
    }
  | {
      /** Any SLI you can write in PromQL; `{{window}}` is replaced by a range such as `5m`. */
      kind: 'custom';
      /** PromQL for the rate of bad events, e.g. `sum(rate(x_errors_total[{{window}}]))`. */
      errorQuery: string;
      /** PromQL for the rate of all events, e.g. `sum(rate(x_total[{{window}}]))`. */
      totalQuery: string;
    };

/**
 * A service level objective as data: what is measured, the target share of good events and the
 * rolling period it is judged over.
 *
 * @example
 * ```ts
 * const slo: SloDefinition = {
 *   name: 'booking_success',
 *   description: '95 % of booking attempts succeed',
 *   objective: 0.95,
 *   periodMs: 7 * 24 * 3_600_000,
 *   sli: { kind: 'booking-success' },
 * };
 * ```
 */
export interface SloDefinition {
  /** snake_case identifier, used as the `slo` label. */
  name: string;
  /** One human sentence, shown in dashboards and alerts. */
  description: string;
  /** Target share of good events, strictly between 0 and 1 (0.999 = 99.9 %). */
  objective: number;
  /** Rolling compliance period in milliseconds (e.g. 30 days). */
  periodMs: number;
  /** How good and bad events are counted. */
  sli: SliDefinition;
}

const DAY_MS = 86_400_000;

/**
 * The four SLOs of the service voicebook replaces: 95 % of completed booking calls under 60 s
 * (30 d), 95 % booking success (7 d), 99 % of API calls within their SLA (24 h), 99.9 %
 * availability (30 d).
 *
 * @example
 * ```ts
 * const slos = DEFAULT_SLOS.map((s) => (s.name === 'availability' ? { ...s, objective: 0.995 } : s));
 * createSloMetrics({ slos });
 * ```
 */
export const DEFAULT_SLOS: readonly SloDefinition[] = Object.freeze([
  {
    name: 'booking_call_duration',
    description: '95 % of completed booking calls finish within 60 s',
    objective: 0.95,
    periodMs: 30 * DAY_MS,
    sli: { kind: 'call-duration', thresholdMs: 60_000, outcomes: ['booked'] },
  },
  {
    name: 'booking_success',
    description: '95 % of booking attempts succeed',
    objective: 0.95,
    periodMs: 7 * DAY_MS,
    sli: { kind: 'booking-success' },
  },
  {
    name: 'tool_latency',
    description: '99 % of API / tool calls answer within their SLA',
    objective: 0.99,
    periodMs: DAY_MS,
    sli: { kind: 'tool-latency' },
  },
  {
    name: 'availability',
    description: '99.9 % of API / tool calls succeed',
    objective: 0.999,
    periodMs: 30 * DAY_MS,
    sli: { kind: 'availability' },
  },
] satisfies SloDefinition[]);

/**
 * One multi-window burn-rate alert: it fires when the error rate over both `longWindowMs` and
 * `shortWindowMs` exceeds `factor` times the error budget rate.
 */
export interface BurnRateAlertWindow {
  /** Burn-rate multiple of the sustainable error rate (1 = spend exactly the whole budget). */
  factor: number;
  /** The long window, in milliseconds. */
  longWindowMs: number;
  /** The short window that makes the alert reset quickly, in milliseconds. */
  shortWindowMs: number;
  /** `page` wakes someone up; `ticket` can wait for working hours. */
  severity: 'page' | 'ticket';
  /** How long the condition must hold before the alert fires, in milliseconds. */
  forMs: number;
}

const H = 3_600_000;
const M = 60_000;

/**
 * The SRE workbook's multi-window, multi-burn-rate pairs: 14.4× over 1 h and 5 m, 6× over 6 h
 * and 30 m (page); 3× over 1 d and 2 h, 1× over 3 d and 6 h (ticket).
 *
 * @example
 * ```ts
 * const rules = generatePrometheusRules({ alertWindows: DEFAULT_BURN_RATE_ALERTS.slice(0, 2) });
 * ```
 */
export const DEFAULT_BURN_RATE_ALERTS: readonly BurnRateAlertWindow[] = Object.freeze([
  { factor: 14.4, longWindowMs: H, shortWindowMs: 5 * M, severity: 'page', forMs: 2 * M },
  { factor: 6, longWindowMs: 6 * H, shortWindowMs: 30 * M, severity: 'page', forMs: 2 * M },
  { factor: 3, longWindowMs: 24 * H, shortWindowMs: 2 * H, severity: 'ticket', forMs: 15 * M },
  { factor: 1, longWindowMs: 72 * H, shortWindowMs: 6 * H, severity: 'ticket', forMs: 15 * M },
] satisfies BurnRateAlertWindow[]);

/**
 * Per-tool SLA (answer within) in milliseconds: initialize 2 s, check availability 3 s,
 * book 5 s; every other tool gets `defaultToolSlaMs` (2 s).
 */
export const DEFAULT_TOOL_SLA_MS: Readonly<Record<string, number>> = Object.freeze({
  initialize_call: 2_000,
  check_availability: 3_000,
  book_appointment: 5_000,
});

/** Formats milliseconds as a Prometheus duration (`90000` → `90s`, `3600000` → `1h`). @internal */
export function promDuration(ms: number): string {
  const units: [string, number][] = [
    ['d', DAY_MS],
    ['h', H],
    ['m', M],
    ['s', 1000],
  ];
  for (const [unit, size] of units) if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
