export { createSloMetrics } from './metrics.js';
export type {
  SloMetrics,
  SloReport,
  SloStatus,
  BurnRateStatus,
  BurnRateAlertStatus,
  ToolTimer,
} from './metrics.js';
export type { SloMetricsOptions, Clock } from './options.js';
export {
  DEFAULT_CALL_DURATION_BUCKETS_SECONDS,
  DEFAULT_LATENCY_BUCKETS_SECONDS,
  DEFAULT_OPERATIONS,
  DEFAULT_TOOLS,
  DEFAULT_KEY_GROUPS,
  DEFAULT_BREAKER_GROUPS,
} from './options.js';
export type {
  CalcomEventInput,
  OtherEventInput,
  ToolCallInput,
  CallInput,
  BookingAttemptInput,
} from './events.js';
export {
  DEFAULT_SLOS,
  DEFAULT_BURN_RATE_ALERTS,
  DEFAULT_TOOL_SLA_MS,
  METRIC_NAMES,
  CALL_OUTCOMES,
  BOOKING_OUTCOMES,
  TOOL_OUTCOMES,
} from './slo.js';
export type {
  SloDefinition,
  SliDefinition,
  BurnRateAlertWindow,
  CallOutcome,
  BookingOutcome,
  ToolOutcome,
} from './slo.js';
export { OTHER, UPSTREAM_ERROR_CLASSES } from './labels.js';
export type { UpstreamErrorClass } from './labels.js';
export { SloMetricsError, SloConfigError, UnknownSloError, isSloMetricsError } from './errors.js';
export type { SloMetricsErrorCode } from './errors.js';
export {
  buildPrometheusRules,
  generatePrometheusRules,
  generatePrometheusRuleTests,
  BURN_RATE_ALERT_NAME,
  errorRatioRecord,
  errorBudgetOf,
} from './rules.js';
export type {
  RuleGeneratorOptions,
  RuleTestGeneratorOptions,
  PrometheusRule,
  PrometheusRuleFile,
} from './rules.js';
export { generateGrafanaDashboards } from './dashboards.js';
export type { GrafanaDashboard, GrafanaPanel, DashboardGeneratorOptions } from './dashboards.js';
export { generateArtifacts } from './artifacts.js';
export type { ArtifactOptions } from './artifacts.js';
