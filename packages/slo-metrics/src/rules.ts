import { stringify } from 'yaml';
import { alertWindowsSchema, parseWith, slosSchema } from './options.js';
import {
  DEFAULT_BURN_RATE_ALERTS,
  DEFAULT_SLOS,
  METRIC_NAMES,
  promDuration,
  type BurnRateAlertWindow,
  type SloDefinition,
} from './slo.js';

/** Options of the rule generators. */
export interface RuleGeneratorOptions {
  /** SLOs to generate rules for. @default {@link DEFAULT_SLOS} */
  slos?: readonly SloDefinition[];
  /** Burn-rate alert windows. @default {@link DEFAULT_BURN_RATE_ALERTS} */
  alertWindows?: readonly BurnRateAlertWindow[];
}

/** One Prometheus recording or alerting rule. */
export interface PrometheusRule {
  /** Recording rules: the name of the series written. */
  record?: string;
  /** Alerting rules: the alert's name. */
  alert?: string;
  /** The PromQL expression. */
  expr: string;
  /** Alerting rules: how long the condition must hold before firing (`2m`). */
  for?: string;
  /** Labels added to the series or alert (`slo`, `severity`). */
  labels?: Record<string, string>;
  /** Alerting rules: `summary`, `description` and `runbook_url`. */
  annotations?: Record<string, string>;
}

/** A Prometheus rule file (`groups:`), as accepted by `promtool check rules`. */
export interface PrometheusRuleFile {
  /** Rule groups, evaluated each at the group's interval. */
  groups: {
    /** Group name, unique within the file. */
    name: string;
    /** The group's rules, evaluated in order. */
    rules: PrometheusRule[];
  }[];
}

/** Name of every generated burn-rate alert; `slo`, `severity` and the windows are labels. */
export const BURN_RATE_ALERT_NAME = 'SloErrorBudgetBurn';

/** Name of the error-ratio recording rule over `window` (e.g. `slo:sli_error:ratio_rate5m`). */
export const errorRatioRecord = (window: string): string => `slo:sli_error:ratio_rate${window}`;

const num = (n: number): string => String(Number(n.toPrecision(12)));

/** The allowed error ratio `1 − objective`, rounded to drop float noise (0.05, not 0.050000000000000044). */
export const errorBudgetOf = (slo: SloDefinition): number =>
  Number((1 - slo.objective).toPrecision(12));

/**
 * PromQL for the bad-event rate and the total-event rate of an SLO over a range placeholder
 * `{{window}}`. @internal
 */
export function sliQueries(slo: SloDefinition): { error: string; total: string } {
  const sli = slo.sli;
  const r = (selector: string): string => `sum(rate(${selector}[{{window}}]))`;
  switch (sli.kind) {
    case 'call-duration': {
      const outcomes = `outcome=~"${(sli.outcomes ?? ['booked']).join('|')}"`;
      const count = r(`${METRIC_NAMES.callDuration}_count{${outcomes}}`);
      const fast = r(
        `${METRIC_NAMES.callDuration}_bucket{${outcomes},le="${num(sli.thresholdMs / 1000)}"}`,
      );
      return { error: `(${count} - ${fast})`, total: count };
    }
    case 'booking-success':
      return {
        error: r(`${METRIC_NAMES.bookingAttempts}{outcome="technical_error"}`),
        total: r(`${METRIC_NAMES.bookingAttempts}{outcome=~"success|technical_error"}`),
      };
    case 'tool-latency':
      return {
        error: r(`${METRIC_NAMES.toolCalls}{sla="missed"}`),
        total: r(METRIC_NAMES.toolCalls),
      };
    case 'availability':
      return {
        error: r(`${METRIC_NAMES.toolCalls}{outcome=~"error|fallback"}`),
        total: r(METRIC_NAMES.toolCalls),
      };
    case 'custom':
      return { error: sli.errorQuery, total: sli.totalQuery };
  }
}

function resolve(options: RuleGeneratorOptions): {
  slos: readonly SloDefinition[];
  alertWindows: readonly BurnRateAlertWindow[];
} {
  if (options.slos) parseWith(slosSchema, options.slos, 'slos');
  if (options.alertWindows) parseWith(alertWindowsSchema, options.alertWindows, 'alertWindows');
  return {
    slos: options.slos ?? DEFAULT_SLOS,
    alertWindows: options.alertWindows ?? DEFAULT_BURN_RATE_ALERTS,
  };
}

/** Every range the rules record: the alert windows plus each SLO's period. @internal */
export function recordedWindows(
  slo: SloDefinition,
  alertWindows: readonly BurnRateAlertWindow[],
): number[] {
  return [
    ...new Set([...alertWindows.flatMap((w) => [w.shortWindowMs, w.longWindowMs]), slo.periodMs]),
  ].sort((a, b) => a - b);
}

/**
 * Builds the Prometheus recording rules (error ratio per window, objective, error budget,
 * period budget remaining) and multi-window multi-burn-rate alerts for each SLO, as data.
 *
 * @param options - SLOs and alert windows (default {@link DEFAULT_SLOS} and
 *   {@link DEFAULT_BURN_RATE_ALERTS}).
 * @returns the rule file as data (the same that {@link generatePrometheusRules} writes as YAML).
 * @throws {@link SloConfigError} when an SLO or window is invalid.
 * @example
 * ```ts
 * const file = buildPrometheusRules();
 * console.log(file.groups.map((g) => g.name));
 * ```
 */
export function buildPrometheusRules(options: RuleGeneratorOptions = {}): PrometheusRuleFile {
  const { slos, alertWindows } = resolve(options);
  const groups: PrometheusRuleFile['groups'] = [];
  for (const slo of slos) {
    const { error, total } = sliQueries(slo);
    const budget = errorBudgetOf(slo);
    const labels = { slo: slo.name };
    const period = promDuration(slo.periodMs);
    const records: PrometheusRule[] = recordedWindows(slo, alertWindows).map((ms) => {
      const w = promDuration(ms);
      const sub = (q: string): string => q.replaceAll('{{window}}', w);
      return {
        record: errorRatioRecord(w),
        expr: `(${sub(error)} or vector(0)) / ${sub(total)}`,
        labels,
      };
    });
    records.push(
      { record: 'slo:objective:ratio', expr: `vector(${num(slo.objective)})`, labels },
      { record: 'slo:error_budget:ratio', expr: `vector(${num(budget)})`, labels },
      {
        record: 'slo:period_error_budget_remaining:ratio',
        expr: `1 - ${errorRatioRecord(period)}{slo="${slo.name}"} / ${num(budget)}`,
        labels,
      },
    );
    groups.push({ name: `slo:${slo.name}:recordings`, rules: records });
    groups.push({
      name: `slo:${slo.name}:alerts`,
      rules: alertWindows.map((w) => {
        const long = promDuration(w.longWindowMs);
        const short = promDuration(w.shortWindowMs);
        const threshold = `(${num(w.factor)} * ${num(budget)})`;
        const rule: PrometheusRule = {
          alert: BURN_RATE_ALERT_NAME,
          expr:
            `${errorRatioRecord(long)}{slo="${slo.name}"} > ${threshold}` +
            ` and ${errorRatioRecord(short)}{slo="${slo.name}"} > ${threshold}`,
        };
        if (w.forMs > 0) rule.for = promDuration(w.forMs);
        rule.labels = {
          severity: w.severity,
          slo: slo.name,
          long_window: long,
          short_window: short,
        };
        rule.annotations = alertAnnotations(slo, w);
        return rule;
      }),
    });
  }
  return { groups };
}

/** @internal */
export function alertAnnotations(
  slo: SloDefinition,
  w: BurnRateAlertWindow,
): Record<string, string> {
  const long = promDuration(w.longWindowMs);
  const short = promDuration(w.shortWindowMs);
  return {
    summary: `SLO ${slo.name} is burning its error budget ${num(w.factor)}x too fast`,
    description:
      `${slo.description} (${promDuration(slo.periodMs)}): the error ratio over both ${long} and ${short} ` +
      `is above ${num(w.factor)} times the error budget of ${num(errorBudgetOf(slo) * 100)} %.`,
  };
}

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * Generates the Prometheus rule file as YAML, ready for `rule_files:` (passes
 * `promtool check rules`).
 *
 * @param options - SLOs and alert windows, as for {@link buildPrometheusRules}.
 * @returns the rule file as YAML text.
 * @throws {@link SloConfigError} when an SLO or window is invalid.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('slo-rules.yaml', generatePrometheusRules());
 * ```
 */
export function generatePrometheusRules(options: RuleGeneratorOptions = {}): string {
  return stringify(buildPrometheusRules(options), YAML_OPTIONS);
}

/** Options of {@link generatePrometheusRuleTests}. */
export interface RuleTestGeneratorOptions extends RuleGeneratorOptions {
  /** Path of the rule file, as written into the test's `rule_files`. @default 'prometheus-rules.yaml' */
  ruleFile?: string;
  /**
   * Burn rates to simulate, as multiples of the error budget rate. Each case expects exactly the
   * alerts whose factor is below it. @default [0.5, 2, 4, 8, 16]
   */
  burnMultiples?: readonly number[];
}

/** Series for one SLO at a constant error ratio, 1000 events a minute. */
function seriesFor(
  slo: SloDefinition,
  ratio: number,
  samples: number,
): { series: string; values: string }[] | undefined {
  const total = 1000;
  const bad = num(total * ratio);
  const good = num(total * (1 - ratio));
  const inc = (per: string): string => `0+${per}x${samples}`;
  const sli = slo.sli;
  switch (sli.kind) {
    case 'call-duration': {
      const outcome = (sli.outcomes ?? ['booked'])[0] ?? 'booked';
      const name = METRIC_NAMES.callDuration;
      const le = num(sli.thresholdMs / 1000);
      return [
        { series: `${name}_bucket{outcome="${outcome}",le="${le}"}`, values: inc(good) },
        { series: `${name}_bucket{outcome="${outcome}",le="+Inf"}`, values: inc(String(total)) },
        { series: `${name}_count{outcome="${outcome}"}`, values: inc(String(total)) },
        // Slow calls of an outcome the SLO does not count must not move it.
        { series: `${name}_bucket{outcome="error",le="${le}"}`, values: inc('0') },
        { series: `${name}_count{outcome="error"}`, values: inc(String(total)) },
      ];
    }
    case 'booking-success': {
      const name = METRIC_NAMES.bookingAttempts;
      return [
        { series: `${name}{outcome="success"}`, values: inc(good) },
        { series: `${name}{outcome="technical_error"}`, values: inc(bad) },
        { series: `${name}{outcome="no_availability"}`, values: inc(String(total)) },
      ];
    }
    case 'tool-latency':
      return [
        {
          series: `${METRIC_NAMES.toolCalls}{tool="book_appointment",outcome="ok",sla="met"}`,
          values: inc(good),
        },
        {
          series: `${METRIC_NAMES.toolCalls}{tool="book_appointment",outcome="ok",sla="missed"}`,
          values: inc(bad),
        },
      ];
    case 'availability':
      return [
        {
          series: `${METRIC_NAMES.toolCalls}{tool="check_availability",outcome="ok",sla="met"}`,
          values: inc(good),
        },
        {
          series: `${METRIC_NAMES.toolCalls}{tool="check_availability",outcome="error",sla="met"}`,
          values: inc(bad),
        },
      ];
    case 'custom':
      return undefined;
  }
}

/**
 * Generates a `promtool test rules` file: for every built-in SLO and burn multiple, a constant
 * synthetic error ratio and the exact set of burn-rate alerts expected to fire (none on a
 * healthy series), plus checks of the recorded error ratio and budget remaining. `custom` SLOs
 * are skipped (their series are unknown).
 *
 * @param options - SLOs, alert windows and the name of the rule file the tests load.
 * @returns the `promtool test rules` file as YAML text.
 * @example
 * ```ts
 * writeFileSync('slo-rules.test.yaml', generatePrometheusRuleTests({ ruleFile: 'slo-rules.yaml' }));
 * // then: promtool test rules slo-rules.test.yaml
 * ```
 */
export function generatePrometheusRuleTests(options: RuleTestGeneratorOptions = {}): string {
  const { slos, alertWindows } = resolve(options);
  const multiples = (options.burnMultiples ?? [0.5, 2, 4, 8, 16]).filter(
    (m) => !alertWindows.some((w) => Math.abs(w.factor - m) < 1e-9),
  );
  const maxForMs = Math.max(0, ...alertWindows.map((w) => w.forMs));
  const evalMinutes = Math.ceil(maxForMs / 60_000) + 30;
  const shortest = promDuration(Math.min(...alertWindows.map((w) => w.shortWindowMs)));
  const tests: unknown[] = [];
  for (const slo of slos) {
    const budget = errorBudgetOf(slo);
    for (const m of multiples) {
      const ratio = m * budget;
      if (ratio > 1) continue;
      const input = seriesFor(slo, ratio, evalMinutes + 10);
      if (!input) continue;
      tests.push({
        name: `${slo.name} burning at ${num(m)}x the error budget`,
        interval: '1m',
        input_series: input,
        alert_rule_test: [
          {
            eval_time: `${evalMinutes}m`,
            alertname: BURN_RATE_ALERT_NAME,
            exp_alerts: alertWindows
              .filter((w) => w.factor < m)
              .map((w) => ({
                exp_labels: {
                  severity: w.severity,
                  slo: slo.name,
                  long_window: promDuration(w.longWindowMs),
                  short_window: promDuration(w.shortWindowMs),
                },
                exp_annotations: alertAnnotations(slo, w),
              })),
          },
        ],
        promql_expr_test: [
          {
            expr: `abs(${errorRatioRecord(shortest)}{slo="${slo.name}"} - ${num(ratio)}) < bool 1e-9`,
            eval_time: `${evalMinutes}m`,
            exp_samples: [{ labels: `{slo="${slo.name}"}`, value: 1 }],
          },
          {
            expr: `abs(slo:period_error_budget_remaining:ratio{slo="${slo.name}"} - ${num(1 - m)}) < bool 1e-6`,
            eval_time: `${evalMinutes}m`,
            exp_samples: [{ labels: `{slo="${slo.name}"}`, value: 1 }],
          },
        ],
      });
    }
  }
  return stringify(
    { rule_files: [options.ruleFile ?? 'prometheus-rules.yaml'], evaluation_interval: '1m', tests },
    YAML_OPTIONS,
  );
}
