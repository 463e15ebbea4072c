import { Registry } from 'prom-client';
import { z } from 'zod';
import { SloConfigError } from './errors.js';
import {
  DEFAULT_BURN_RATE_ALERTS,
  DEFAULT_SLOS,
  DEFAULT_TOOL_SLA_MS,
  CALL_OUTCOMES,
  type BurnRateAlertWindow,
  type SloDefinition,
} from './slo.js';

/** Source of the current time, injectable for tests. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** Default call-duration buckets (seconds), dense around the 45 s / 60 s / 90 s targets. */
export const DEFAULT_CALL_DURATION_BUCKETS_SECONDS: readonly number[] = Object.freeze([
  15, 30, 40, 45, 50, 60, 75, 90, 120, 180, 300, 600,
]);

/** Default tool / request latency buckets (seconds), with edges at the 2 s / 3 s / 5 s SLAs. */
export const DEFAULT_LATENCY_BUCKETS_SECONDS: readonly number[] = Object.freeze([
  0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13,
]);

/** Default Cal.com client operations kept as label values (any spelling: `getSlots`, `get_slots`). */
export const DEFAULT_OPERATIONS: readonly string[] = Object.freeze([
  'get_slots',
  'get_available_slots',
  'create_booking',
  'get_booking',
  'list_bookings',
  'cancel_booking',
  'reschedule_booking',
  'get_event_types',
  'list_event_types',
  'get_event_type',
  'get_me',
  'get_schedules',
  'reserve_slot',
  'get_reservation',
  'update_reservation',
  'delete_reservation',
]);

/** Default tool / endpoint names kept as label values, besides the keys of `toolSlaMs`. */
export const DEFAULT_TOOLS: readonly string[] = Object.freeze([
  'initialize_call',
  'check_availability',
  'check_availability_batch',
  'book_appointment',
  'reschedule_appointment',
  'cancel_appointment',
  'find_appointments',
  'list_services',
  'list_staff',
  'match_name',
  'lookup_customer',
  'call_webhook',
  'inbound_webhook',
  'calcom_webhook',
]);

/** Default cache key groups kept as label values. */
export const DEFAULT_KEY_GROUPS: readonly string[] = Object.freeze([
  'slots',
  'bookings',
  'event_types',
  'schedules',
  'me',
  'tenants',
  'customers',
]);

/** Default circuit-breaker groups kept as label values. */
export const DEFAULT_BREAKER_GROUPS: readonly string[] = Object.freeze([
  'read',
  'write',
  'calcom',
  'slots',
  'bookings',
  'event_types',
  'redis',
  'cache_l2',
  'postgres',
]);

/**
 * Options of {@link createSloMetrics}. All optional.
 *
 * @example
 * ```ts
 * const metrics = createSloMetrics({
 *   registry: new Registry(),
 *   toolSlaMs: { list_services: 1_000 },
 *   tools: ['list_services'],
 * });
 * ```
 */
export interface SloMetricsOptions {
  /** prom-client registry the metrics are registered on. Never the global one by default. @default a new `Registry` */
  registry?: Registry;
  /** SLOs evaluated in-process by `evaluate()`. @default {@link DEFAULT_SLOS} */
  slos?: readonly SloDefinition[];
  /** Burn-rate alert windows reported by `evaluate()`. @default {@link DEFAULT_BURN_RATE_ALERTS} */
  alertWindows?: readonly BurnRateAlertWindow[];
  /** Per-tool SLA in milliseconds, merged over {@link DEFAULT_TOOL_SLA_MS}; keys are also allowed tool labels. */
  toolSlaMs?: Readonly<Record<string, number>>;
  /** SLA of tools without an entry in `toolSlaMs`, in milliseconds. @default 2000 */
  defaultToolSlaMs?: number;
  /** Extra tool / endpoint names allowed as label values (others become `other`). @default [] (adds to {@link DEFAULT_TOOLS}) */
  tools?: readonly string[];
  /** Extra Cal.com operations allowed as label values. @default [] (adds to {@link DEFAULT_OPERATIONS}) */
  operations?: readonly string[];
  /** Extra cache key groups allowed as label values. @default [] (adds to {@link DEFAULT_KEY_GROUPS}) */
  keyGroups?: readonly string[];
  /** Extra breaker groups allowed as label values. @default [] (adds to {@link DEFAULT_BREAKER_GROUPS}) */
  breakerGroups?: readonly string[];
  /** Call-duration histogram buckets, in seconds; each `call-duration` SLO threshold must be one. @default {@link DEFAULT_CALL_DURATION_BUCKETS_SECONDS} */
  callDurationBucketsSeconds?: readonly number[];
  /** Tool and upstream latency buckets, in seconds. @default {@link DEFAULT_LATENCY_BUCKETS_SECONDS} */
  latencyBucketsSeconds?: readonly number[];
  /** Time source for the in-process SLO windows. @default `Date` */
  clock?: Clock;
  /** Bucket width of the fine in-process window (burn-rate windows), in milliseconds. @default 60000 */
  fineResolutionMs?: number;
  /** Bucket width of the coarse in-process window (whole SLO period), in milliseconds. @default 3600000 */
  coarseResolutionMs?: number;
}

const NAME = /^[a-z][a-z0-9_]*$/;
const positiveMs = z.number().int().positive();
const buckets = z
  .array(z.number().positive())
  .min(1)
  .refine((b) => b.every((v, i) => i === 0 || v > (b[i - 1] ?? 0)), 'must be strictly increasing');

const sliSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call-duration'),
    thresholdMs: positiveMs,
    outcomes: z.array(z.enum(CALL_OUTCOMES)).min(1).optional(),
  }),
  z.object({ kind: z.literal('booking-success') }),
  z.object({ kind: z.literal('tool-latency') }),
  z.object({ kind: z.literal('availability') }),
  z.object({
    kind: z.literal('custom'),
    errorQuery: z.string().includes('{{window}}'),
    totalQuery: z.string().includes('{{window}}'),
  }),
]);

/** @internal */
export const sloSchema = z.object({
  name: z.string().regex(NAME, 'must be snake_case'),
  description: z.string().min(1),
  objective: z.number().gt(0).lt(1),
  periodMs: z.number().int().min(60_000),
  sli: sliSchema,
});

/** @internal */
export const slosSchema = z
  .array(sloSchema)
  .min(1)
  .refine((s) => new Set(s.map((x) => x.name)).size === s.length, 'SLO names must be unique');

/** @internal */
export const alertWindowsSchema = z.array(
  z
    .object({
      factor: z.number().positive(),
      longWindowMs: z.number().int().min(60_000),
      shortWindowMs: z.number().int().min(60_000),
      severity: z.enum(['page', 'ticket']),
      forMs: z.number().int().min(0),
    })
    .refine((w) => w.shortWindowMs < w.longWindowMs, 'shortWindowMs must be below longWindowMs'),
);

const optionsSchema = z.object({
  registry: z
    .custom<Registry>((r) => r instanceof Registry, 'must be a prom-client Registry')
    .optional(),
  slos: slosSchema.optional(),
  alertWindows: alertWindowsSchema.optional(),
  toolSlaMs: z
    .record(z.string().regex(NAME, 'tool names must be snake_case'), positiveMs)
    .optional(),
  defaultToolSlaMs: positiveMs.optional(),
  tools: z.array(z.string()).optional(),
  operations: z.array(z.string()).optional(),
  keyGroups: z.array(z.string()).optional(),
  breakerGroups: z.array(z.string()).optional(),
  callDurationBucketsSeconds: buckets.optional(),
  latencyBucketsSeconds: buckets.optional(),
  clock: z
    .custom<Clock>(
      (c) => typeof c === 'object' && c !== null && typeof (c as Clock).now === 'function',
      'must have a now() method',
    )
    .optional(),
  fineResolutionMs: z.number().int().min(1000).optional(),
  coarseResolutionMs: z.number().int().min(1000).optional(),
});

/** Options after validation and defaults. @internal */
export interface ResolvedSloMetricsOptions {
  registry: Registry;
  slos: readonly SloDefinition[];
  alertWindows: readonly BurnRateAlertWindow[];
  toolSlaMs: Readonly<Record<string, number>>;
  defaultToolSlaMs: number;
  tools: readonly string[];
  operations: readonly string[];
  keyGroups: readonly string[];
  breakerGroups: readonly string[];
  callDurationBucketsSeconds: readonly number[];
  latencyBucketsSeconds: readonly number[];
  clock: Clock;
  fineResolutionMs: number;
  coarseResolutionMs: number;
}

/** Throws {@link SloConfigError} naming the first invalid field. @internal */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [root, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  throw new SloConfigError(path || 'options', issue?.message ?? 'invalid', result.error);
}

/** @internal */
export function resolveOptions(options: SloMetricsOptions = {}): ResolvedSloMetricsOptions {
  const o = parseWith(optionsSchema, options, '');
  const callDurationBucketsSeconds =
    o.callDurationBucketsSeconds ?? DEFAULT_CALL_DURATION_BUCKETS_SECONDS;
  const slos = options.slos ?? DEFAULT_SLOS;
  slos.forEach((slo, i) => {
    if (
      slo.sli.kind === 'call-duration' &&
      !callDurationBucketsSeconds.includes(slo.sli.thresholdMs / 1000)
    )
      throw new SloConfigError(
        `slos.${i}.sli.thresholdMs`,
        `${slo.sli.thresholdMs} ms is not a call-duration bucket boundary (${callDurationBucketsSeconds.join(', ')} s)`,
      );
  });
  const toolSlaMs = { ...DEFAULT_TOOL_SLA_MS, ...o.toolSlaMs };
  return {
    registry: options.registry ?? new Registry(),
    slos,
    alertWindows: options.alertWindows ?? DEFAULT_BURN_RATE_ALERTS,
    toolSlaMs,
    defaultToolSlaMs: o.defaultToolSlaMs ?? 2_000,
    tools: [...DEFAULT_TOOLS, ...Object.keys(toolSlaMs), ...(o.tools ?? [])],
    operations: [...DEFAULT_OPERATIONS, ...(o.operations ?? [])],
    keyGroups: [...DEFAULT_KEY_GROUPS, ...(o.keyGroups ?? [])],
    breakerGroups: [...DEFAULT_BREAKER_GROUPS, ...(o.breakerGroups ?? [])],
    callDurationBucketsSeconds,
    latencyBucketsSeconds: o.latencyBucketsSeconds ?? DEFAULT_LATENCY_BUCKETS_SECONDS,
    clock: options.clock ?? { now: () => Date.now() },
    fineResolutionMs: o.fineResolutionMs ?? 60_000,
    coarseResolutionMs: o.coarseResolutionMs ?? 3_600_000,
  };
}
