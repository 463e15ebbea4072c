import { generateGrafanaDashboards, type DashboardGeneratorOptions } from './dashboards.js';
import {
  generatePrometheusRules,
  generatePrometheusRuleTests,
  type RuleGeneratorOptions,
} from './rules.js';

/** Options of {@link generateArtifacts}. */
export interface ArtifactOptions extends RuleGeneratorOptions, DashboardGeneratorOptions {}

/**
 * Every generated file, keyed by relative path: `prometheus-rules.yaml`,
 * `prometheus-rules.test.yaml` (for `promtool test rules`) and `grafana/*.json`. This is what
 * the package's `generate` script writes to `generated/`.
 *
 * @param options - SLOs, alert windows and the rule-file name; the defaults give the package's `generated/`.
 * @returns the text of every file, keyed by path relative to the output directory.
 * @throws {@link SloConfigError} when an SLO or window is invalid.
 * @example
 * ```ts
 * import { mkdirSync, writeFileSync } from 'node:fs';
 * import { dirname, join } from 'node:path';
 * for (const [path, text] of Object.entries(generateArtifacts())) {
 *   mkdirSync(dirname(join('out', path)), { recursive: true });
 *   writeFileSync(join('out', path), text);
 * }
 * ```
 */
export function generateArtifacts(options: ArtifactOptions = {}): Record<string, string> {
  const dashboards = generateGrafanaDashboards(options);
  const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
  return {
    'prometheus-rules.yaml': generatePrometheusRules(options),
    'prometheus-rules.test.yaml': generatePrometheusRuleTests({
      ...options,
      ruleFile: 'prometheus-rules.yaml',
    }),
    'grafana/operations.json': json(dashboards.operations),
    'grafana/slo-compliance.json': json(dashboards.sloCompliance),
    'grafana/business-funnel.json': json(dashboards.businessFunnel),
  };
}
