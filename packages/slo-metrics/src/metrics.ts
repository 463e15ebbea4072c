import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { UnknownSloError } from './errors.js';
import type {
  BookingAttemptInput,
  CalcomEventInput,
  CallInput,
  OtherEventInput,
  ToolCallInput,
} from './events.js';
import { AllowList, closed, errorClass, statusClass, OTHER } from './labels.js';
import { resolveOptions, type SloMetricsOptions } from './options.js';
import {
  BOOKING_OUTCOMES,
  CALL_OUTCOMES,
  METRIC_NAMES,
  TOOL_OUTCOMES,
  promDuration,
  type BurnRateAlertWindow,
  type SloDefinition,
} from './slo.js';
import { SloWindow } from './window-store.js';

/** Burn rate of one SLO over one window. */
export interface BurnRateStatus {
  /** Window as a Prometheus duration, e.g. `1h`. */
  window: string;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Bad / total events in the window; `null` without events. */
  errorRatio: number | null;
  /** `errorRatio / (1 − objective)`: 1 spends exactly the budget over the period; `null` without events. */
  burnRate: number | null;
}

/** State of one multi-window burn-rate alert. */
export interface BurnRateAlertStatus {
  /** `page` (wake someone) or `ticket` (look at it in working hours). */
  severity: 'page' | 'ticket';
  /** Burn rate both windows must exceed (14.4 spends 2 % of a 30-day budget in an hour). */
  factor: number;
  /** The long window, as a Prometheus duration (`1h`). */
  longWindow: string;
  /** The short window, as a Prometheus duration (`5m`). */
  shortWindow: string;
  /** Both windows burn faster than `factor` (the `for` duration is not applied in-process). */
  firing: boolean;
}

/** In-process status of one SLO. */
export interface SloStatus {
  /** The SLO's name (`tool_latency`, …), as in the rules' `slo` label. */
  name: string;
  /** What the SLO promises, in words. */
  description: string;
  /** Target share of good events, in (0, 1), e.g. `0.995`. */
  objective: number;
  /** Period as a Prometheus duration, e.g. `30d`. */
  period: string;
  /** Good events in the period. */
  good: number;
  /** Bad events in the period. */
  bad: number;
  /** Current SLI (good / total) over the period; `null` without events. */
  sli: number | null;
  /** Whether `sli >= objective` (true without events). */
  compliant: boolean;
  /** Error budget: allowed bad share and the fraction of it left (negative when overspent). */
  errorBudget: {
    /** Share of events allowed to be bad: `1 − objective`. */
    allowedRatio: number;
    /** Fraction of the budget left: 1 untouched, 0 spent, negative overspent. */
    remaining: number;
  };
  /** Error ratio and burn rate per alert window. */
  burnRates: BurnRateStatus[];
  /** Each burn-rate alert and whether it fires now. */
  alerts: BurnRateAlertStatus[];
}

/** What `evaluate()` returns: the body of a `/slo` endpoint. */
export interface SloReport {
  /** ISO-8601 time of evaluation. */
  generatedAt: string;
  /** One status per SLO, in definition order. */
  slos: SloStatus[];
}

/** A running timer from `startTimer`. */
export interface ToolTimer {
  /** Milliseconds since the timer started. */
  elapsedMs(): number;
  /**
   * Records the tool call with the elapsed time and returns it with an `X-Response-Time` header
   * ready to set on the response.
   * @param outcome - `ok`, `client_error`, `fallback` or `error`.
   */
  end(outcome: ToolCallInput['outcome']): {
    /** Milliseconds since the timer started. */
    durationMs: number;
    /** `{ 'X-Response-Time': '<ms>ms' }`, to set on the response. */
    headers: Record<string, string>;
  };
}

/** The metrics hub returned by {@link createSloMetrics}. */
export interface SloMetrics {
  /** The registry every metric is registered on. */
  readonly registry: Registry;
  /** `Content-Type` to send with `metrics()`. */
  readonly contentType: string;
  /**
   * Consumes a Cal.com client event (pass it as the client's `onEvent`). Unknown types are ignored.
   * @param event - a `@voicebook/calcom-client` event: request, cache or breaker.
   */
  onCalcomEvent(event: CalcomEventInput | OtherEventInput): void;
  /**
   * Records one tool call: latency histogram, call counter with SLA met/missed, SLO windows.
   * @param call - the tool, its duration in ms and its outcome.
   */
  recordToolCall(call: ToolCallInput): void;
  /**
   * Records one finished phone call.
   * @param call - its duration in ms and its outcome.
   */
  recordCall(call: CallInput): void;
  /**
   * Records one booking attempt.
   * @param attempt - its outcome.
   */
  recordBookingAttempt(attempt: BookingAttemptInput): void;
  /**
   * Adds good / bad events to a `custom` SLO's in-process window.
   * @param slo - the SLO's name.
   * @param counts - how many good and bad events to add (each 0 when missing).
   * @throws {@link UnknownSloError} when no SLO has that name.
   */
  recordSloEvent(slo: string, counts: { good?: number; bad?: number }): void;
  /**
   * SLA of a tool in milliseconds (its own, or the default).
   * @param tool - the tool's name.
   */
  slaFor(tool: string): number;
  /**
   * Starts timing a tool call; `end(outcome)` records it.
   * @param tool - the tool's name (outside the allow-list it is labelled `other`).
   */
  startTimer(tool: string): ToolTimer;
  /**
   * `X-Response-Time` header for a duration: `{ 'X-Response-Time': '12.35ms' }`.
   * @param durationMs - the duration, ms.
   */
  responseTimeHeader(durationMs: number): Record<string, string>;
  /** The Prometheus text exposition of the registry (the body of `/metrics`). */
  metrics(): Promise<string>;
  /** Evaluates every SLO in-process (the body of `/slo`). */
  evaluate(): SloReport;
}

type Classifier = (event: Ev) => { good: number; bad: number } | undefined;
type Ev =
  | { kind: 'tool'; outcome: string; slaMet: boolean }
  | { kind: 'call'; outcome: string; durationMs: number }
  | { kind: 'booking'; outcome: string };

function classifier(slo: SloDefinition): Classifier {
  const ONE_GOOD = { good: 1, bad: 0 };
  const ONE_BAD = { good: 0, bad: 1 };
  const sli = slo.sli;
  switch (sli.kind) {
    case 'call-duration': {
      const outcomes = new Set<string>(sli.outcomes ?? ['booked']);
      return (e) =>
        e.kind === 'call' && outcomes.has(e.outcome)
          ? e.durationMs <= sli.thresholdMs
            ? ONE_GOOD
            : ONE_BAD
          : undefined;
    }
    case 'booking-success':
      return (e) =>
        e.kind !== 'booking'
          ? undefined
          : e.outcome === 'success'
            ? ONE_GOOD
            : e.outcome === 'technical_error'
              ? ONE_BAD
              : undefined;
    case 'tool-latency':
      return (e) => (e.kind === 'tool' ? (e.slaMet ? ONE_GOOD : ONE_BAD) : undefined);
    case 'availability':
      return (e) =>
        e.kind === 'tool'
          ? e.outcome === 'error' || e.outcome === 'fallback'
            ? ONE_BAD
            : ONE_GOOD
          : undefined;
    case 'custom':
      return () => undefined;
  }
}

const CALL_SET = new Set<string>(CALL_OUTCOMES);
const BOOKING_SET = new Set<string>(BOOKING_OUTCOMES);
const TOOL_SET = new Set<string>(TOOL_OUTCOMES);
const LAYERS = new Set<string>(['l1', 'l2']);
const BREAKER_VALUE: ReadonlyMap<unknown, number> = new Map([
  ['closed', 0],
  ['half-open', 1],
  ['open', 2],
]);

/**
 * Creates the SLI registry and in-process SLO evaluator. Feed it events; mount `metrics()` at
 * `/metrics` and `evaluate()` at `/slo`.
 *
 * @param options - see {@link SloMetricsOptions}.
 * @returns the {@link SloMetrics} hub.
 * @throws {@link SloConfigError} when an option is invalid.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createSloMetrics } from '@voicebook/slo-metrics';
 *
 * const slo = createSloMetrics();
 * slo.recordToolCall({ tool: 'check_availability', durationMs: 420, outcome: 'ok' });
 * createServer(async (req, res) => {
 *   if (req.url === '/metrics') {
 *     res.setHeader('Content-Type', slo.contentType);
 *     res.end(await slo.metrics());
 *   } else {
 *     res.setHeader('Content-Type', 'application/json');
 *     res.end(JSON.stringify(slo.evaluate()));
 *   }
 * }).listen(9464);
 * ```
 */
export function createSloMetrics(options?: SloMetricsOptions): SloMetrics {
  const o = resolveOptions(options);
  const registry = o.registry;
  const registers = [registry];
  const tools = new AllowList(o.tools);
  const operations = new AllowList(o.operations);
  const keyGroups = new AllowList(o.keyGroups);
  const breakerGroups = new AllowList(o.breakerGroups);
  const sla = new Map<string, number>();
  for (const t of tools.values) sla.set(t, o.defaultToolSlaMs);
  for (const [t, ms] of Object.entries(o.toolSlaMs)) sla.set(tools.map(t), ms);

  const callDuration = new Histogram({
    name: METRIC_NAMES.callDuration,
    help: 'Duration of finished phone calls, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [...o.callDurationBucketsSeconds],
    registers,
  });
  const bookingAttempts = new Counter({
    name: METRIC_NAMES.bookingAttempts,
    help: 'Booking attempts, by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  for (const outcome of BOOKING_OUTCOMES) bookingAttempts.inc({ outcome }, 0);
  const toolDuration = new Histogram({
    name: METRIC_NAMES.toolDuration,
    help: 'Latency of tool calls / API requests, by tool.',
    labelNames: ['tool'] as const,
    buckets: [...o.latencyBucketsSeconds],
    registers,
  });
  const toolCalls = new Counter({
    name: METRIC_NAMES.toolCalls,
    help: 'Tool calls / API requests, by tool, outcome and whether the tool SLA was met.',
    labelNames: ['tool', 'outcome', 'sla'] as const,
    registers,
  });
  const upstreamDuration = new Histogram({
    name: METRIC_NAMES.upstreamDuration,
    help: 'Latency of Cal.com requests, by operation and status class.',
    labelNames: ['operation', 'status_class'] as const,
    buckets: [...o.latencyBucketsSeconds],
    registers,
  });
  const upstreamErrors = new Counter({
    name: METRIC_NAMES.upstreamErrors,
    help: 'Failed Cal.com requests, by operation and error class.',
    labelNames: ['operation', 'class'] as const,
    registers,
  });
  const cacheRequests = new Counter({
    name: METRIC_NAMES.cacheRequests,
    help: 'Cache look-ups, by key group, result (hit, miss, stale, coalesced) and layer.',
    labelNames: ['key_group', 'result', 'layer'] as const,
    registers,
  });
  const breakerState = new Gauge({
    name: METRIC_NAMES.breakerState,
    help: 'Circuit breaker state by group: 0 closed, 1 half-open, 2 open.',
    labelNames: ['group'] as const,
    registers,
  });

  const fineSpanMs = Math.max(...o.alertWindows.map((w) => w.longWindowMs), o.fineResolutionMs);
  const slos = o.slos.map((def) => ({
    def,
    classify: classifier(def),
    window: new SloWindow(def.periodMs, o.fineResolutionMs, fineSpanMs, o.coarseResolutionMs),
  }));
  const byName = new Map(slos.map((s) => [s.def.name, s]));
  const windowsMs = [
    ...new Set(o.alertWindows.flatMap((w) => [w.shortWindowMs, w.longWindowMs])),
  ].sort((a, b) => a - b);

  const feed = (e: Ev): void => {
    const now = o.clock.now();
    for (const s of slos) {
      const c = s.classify(e);
      if (c) s.window.add(now, c.good, c.bad);
    }
  };

  // Label objects are cached so the hot path allocates nothing per call.
  const toolLabels = new Map<string, { tool: string }>();
  const toolCallLabels = new Map<string, { tool: string; outcome: string; sla: string }>();

  const recordToolCall = ({ tool, durationMs, outcome }: ToolCallInput): void => {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    const t = tools.map(tool);
    const out = TOOL_SET.has(outcome) ? outcome : OTHER;
    const slaMet = durationMs <= (sla.get(t) ?? o.defaultToolSlaMs);
    let tl = toolLabels.get(t);
    if (!tl) toolLabels.set(t, (tl = { tool: t }));
    const key = `${t}\u0000${out}\u0000${slaMet ? 1 : 0}`;
    let cl = toolCallLabels.get(key);
    if (!cl)
      toolCallLabels.set(key, (cl = { tool: t, outcome: out, sla: slaMet ? 'met' : 'missed' }));
    toolDuration.observe(tl, durationMs / 1000);
    toolCalls.inc(cl);
    feed({ kind: 'tool', outcome: out, slaMet });
  };

  const responseTimeHeader = (durationMs: number): Record<string, string> => ({
    'X-Response-Time': `${durationMs.toFixed(2)}ms`,
  });

  const evaluate = (): SloReport => {
    const now = o.clock.now();
    return {
      generatedAt: new Date(now).toISOString(),
      slos: slos.map(({ def, window }) => {
        const allowed = Number((1 - def.objective).toPrecision(12));
        const burn = (windowMs: number): BurnRateStatus => {
          const { good, bad } = window.sum(now, windowMs);
          const total = good + bad;
          const errorRatio = total === 0 ? null : bad / total;
          return {
            window: promDuration(windowMs),
            windowMs,
            errorRatio,
            burnRate: errorRatio === null ? null : errorRatio / allowed,
          };
        };
        const burnRates = windowsMs.map(burn);
        const rateOf = (ms: number): number =>
          burnRates.find((b) => b.windowMs === ms)?.burnRate ?? 0;
        const { good, bad } = window.sum(now, def.periodMs);
        const total = good + bad;
        const sli = total === 0 ? null : good / total;
        return {
          name: def.name,
          description: def.description,
          objective: def.objective,
          period: promDuration(def.periodMs),
          good,
          bad,
          sli,
          compliant: sli === null || sli >= def.objective,
          errorBudget: {
            allowedRatio: allowed,
            remaining: total === 0 ? 1 : 1 - bad / total / allowed,
          },
          burnRates,
          alerts: o.alertWindows.map((w: BurnRateAlertWindow) => ({
            severity: w.severity,
            factor: w.factor,
            longWindow: promDuration(w.longWindowMs),
            shortWindow: promDuration(w.shortWindowMs),
            firing: rateOf(w.longWindowMs) > w.factor && rateOf(w.shortWindowMs) > w.factor,
          })),
        };
      }),
    };
  };

  return {
    registry,
    contentType: registry.contentType,
    onCalcomEvent(event) {
      // Fed straight from another package's onEvent: anything (null, a state named `__proto__`)
      // is ignored or mapped to `other`, never a throw into the emitter.
      if (typeof (event as unknown) !== 'object' || (event as unknown) === null) return;
      const e = event as CalcomEventInput;
      switch (e.type) {
        case 'request:done':
          if (
            typeof e.durationMs !== 'number' ||
            !Number.isFinite(e.durationMs) ||
            e.durationMs < 0
          )
            return;
          upstreamDuration.observe(
            { operation: operations.map(e.operation), status_class: statusClass(e.status) },
            e.durationMs / 1000,
          );
          return;
        case 'request:failed':
          upstreamErrors.inc({
            operation: operations.map(e.operation),
            class: errorClass(e.code, e.status),
          });
          return;
        case 'cache:hit':
          cacheRequests.inc({
            key_group: keyGroups.map(e.keyGroup),
            result: 'hit',
            layer: closed(LAYERS, e.layer),
          });
          return;
        case 'cache:miss':
        case 'cache:stale':
        case 'cache:coalesced':
          cacheRequests.inc({
            key_group: keyGroups.map(e.keyGroup),
            result: e.type.slice(6),
            layer: 'none',
          });
          return;
        case 'breaker:state': {
          const value = BREAKER_VALUE.get(e.state);
          if (value !== undefined) breakerState.set({ group: breakerGroups.map(e.group) }, value);
          return;
        }
        default:
          return;
      }
    },
    recordToolCall,
    recordCall({ durationMs, outcome }) {
      if (!Number.isFinite(durationMs) || durationMs < 0) return;
      const out = closed(CALL_SET, outcome);
      callDuration.observe({ outcome: out }, durationMs / 1000);
      feed({ kind: 'call', outcome: out, durationMs });
    },
    recordBookingAttempt({ outcome }) {
      const out = closed(BOOKING_SET, outcome);
      bookingAttempts.inc({ outcome: out });
      feed({ kind: 'booking', outcome: out });
    },
    recordSloEvent(name, { good = 0, bad = 0 }) {
      const s = byName.get(name);
      if (!s) throw new UnknownSloError(name);
      if (good < 0 || bad < 0 || !Number.isFinite(good + bad)) return;
      s.window.add(o.clock.now(), good, bad);
    },
    slaFor: (tool) => sla.get(tools.map(tool)) ?? o.defaultToolSlaMs,
    startTimer(tool) {
      const started = process.hrtime.bigint();
      const elapsedMs = (): number => Number(process.hrtime.bigint() - started) / 1e6;
      return {
        elapsedMs,
        end(outcome) {
          const durationMs = elapsedMs();
          recordToolCall({ tool, durationMs, outcome });
          return { durationMs, headers: responseTimeHeader(durationMs) };
        },
      };
    },
    responseTimeHeader,
    metrics: () => registry.metrics(),
    evaluate,
  };
}
