import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SLOS,
  generateGrafanaDashboards,
  generatePrometheusRules,
  generatePrometheusRuleTests,
  buildPrometheusRules,
  type SloDefinition,
} from '../src/index.js';
import { PROMTOOL, populatedMetrics, run, tempDir } from './helpers.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir('promtool');
});
afterAll(async () => {
  await dir.cleanup();
});

/**
 * Budget of a test that runs `promtool test rules`: each takes 1–3 s on an idle machine; this
 * holds with the 2 cores saturated several times over (3 CPU-bound processes beside the suite).
 */
const PROMTOOL_BUDGET_MS = 90_000;

async function write(name: string, text: string): Promise<string> {
  const file = join(dir.path, name);
  await writeFile(file, text);
  return file;
}

const customSlos: SloDefinition[] = [
  {
    name: 'fast_bookings',
    description: '90 % of booked or rescheduled calls within 45 s',
    objective: 0.9,
    periodMs: 7 * 86_400_000,
    sli: { kind: 'call-duration', thresholdMs: 45_000, outcomes: ['booked', 'rescheduled'] },
  },
  {
    name: 'webhooks',
    description: 'webhooks processed',
    objective: 0.995,
    periodMs: 86_400_000,
    sli: {
      kind: 'custom',
      errorQuery: 'sum(rate(webhook_failures_total[{{window}}]))',
      totalQuery: 'sum(rate(webhooks_total[{{window}}]))',
    },
  },
];

describe('promtool', () => {
  it.each([
    ['the default SLOs', undefined],
    ['custom SLOs', customSlos],
  ])('accepts the rules generated for %s', async (_, slos) => {
    const file = await write('rules.yaml', generatePrometheusRules(slos ? { slos } : {}));
    const r = await run(PROMTOOL, ['check', 'rules', file]);
    expect(r.stdout + r.stderr).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.code).toBe(0);
  });

  it('rejects a broken rule file (the check is real)', async () => {
    const broken = generatePrometheusRules().replace('sum(rate(', 'sum(rate((');
    const r = await run(PROMTOOL, ['check', 'rules', await write('broken.yaml', broken)]);
    expect(r.code).not.toBe(0);
  });

  it('lints the /metrics exposition clean with check metrics', async () => {
    const text = await populatedMetrics().metrics();
    expect(text).toContain('voicebook_upstream_errors_total');
    const r = await run(PROMTOOL, ['check', 'metrics'], { stdin: text });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  // `promtool test rules` evaluates every rule of the file at every step of every test case:
  // the whole generated suite takes ~10 s of CPU, which a busy 2-core CI machine stretches past
  // any per-test budget. So one SLO's cases per test (~2 s idle) and a budget for a loaded machine.
  it.each(DEFAULT_SLOS.map((s) => [s.name, s] as const))(
    'fires each burn-rate alert of %s on a synthetic burn and stays quiet on a healthy series',
    async (name, slo) => {
      // The shipped rule file (every SLO's rules), the test cases of this SLO.
      await write('prometheus-rules.yaml', generatePrometheusRules());
      const tests = await write(`${name}.test.yaml`, generatePrometheusRuleTests({ slos: [slo] }));
      const r = await run(PROMTOOL, ['test', 'rules', tests], { cwd: dir.path });
      expect(r.stdout + r.stderr).toContain('SUCCESS');
      expect(r.code).toBe(0);
    },
    PROMTOOL_BUDGET_MS,
  );

  it(
    'the rule tests catch a wrong burn-rate threshold',
    async () => {
      // One SLO's tests against its rules whose 6x page alert is actually 10x: the 8x burn case
      // must fail.
      const slo = DEFAULT_SLOS[0]!;
      const mutated = generatePrometheusRules({ slos: [slo] }).replaceAll('(6 * ', '(10 * ');
      expect(mutated).not.toBe(generatePrometheusRules({ slos: [slo] }));
      await write('mutated-rules.yaml', mutated);
      const tests = await write(
        'mutated.test.yaml',
        generatePrometheusRuleTests({ slos: [slo], ruleFile: 'mutated-rules.yaml' }),
      );
      const r = await run(PROMTOOL, ['test', 'rules', tests], { cwd: dir.path });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain(`${slo.name} burning at 8x`);
    },
    PROMTOOL_BUDGET_MS,
  );

  it(
    'runs the generated rule tests for custom SLOs too',
    { timeout: PROMTOOL_BUDGET_MS },
    async () => {
      await write('custom-rules.yaml', generatePrometheusRules({ slos: customSlos }));
      const tests = generatePrometheusRuleTests({
        slos: customSlos,
        ruleFile: 'custom-rules.yaml',
      });
      expect(tests).toContain('fast_bookings burning at 8x');
      expect(tests).not.toContain('fast_bookings burning at 16x'); // 160 % errors is impossible
      expect(tests).not.toContain('webhooks burning'); // custom SLIs have no known series
      const r = await run(PROMTOOL, ['test', 'rules', await write('custom.test.yaml', tests)], {
        cwd: dir.path,
      });
      expect(r.stdout + r.stderr).toContain('SUCCESS');
      expect(r.code).toBe(0);
    },
  );

  it('every dashboard query is valid PromQL over metrics that exist', async () => {
    const exprs = Object.values(generateGrafanaDashboards()).flatMap((d) =>
      d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
    );
    expect(exprs.length).toBeGreaterThan(20);
    const known = new Set<string>(['ALERTS']);
    for (const line of (await populatedMetrics().metrics()).split('\n')) {
      const m = /^# TYPE (\S+) (\S+)/.exec(line);
      if (!m) continue;
      known.add(m[1]!);
      if (m[2] === 'histogram') for (const s of ['_bucket', '_count', '_sum']) known.add(m[1]! + s);
    }
    for (const g of buildPrometheusRules().groups)
      for (const rule of g.rules) if (rule.record) known.add(rule.record);
    for (const expr of exprs) {
      const names = expr.match(/\b[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*[{[])/g) ?? [];
      const metricNames = names.filter((n) => n.includes('_') || n.includes(':') || n === 'ALERTS');
      for (const n of metricNames) expect(known, `${n} in ${expr}`).toContain(n);
    }
    const asRules = {
      groups: [
        {
          name: 'dashboards',
          rules: exprs.map((expr, i) => ({
            record: `dashboard:check_${i}`,
            expr: expr.replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1h'),
          })),
        },
      ],
    };
    const r = await run(PROMTOOL, ['check', 'rules', await write('dash.yaml', stringify(asRules))]);
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it('keeps the default SLO table of the old service', () => {
    expect(DEFAULT_SLOS.map((s) => [s.name, s.objective, s.periodMs / 86_400_000])).toEqual([
      ['booking_call_duration', 0.95, 30],
      ['booking_success', 0.95, 7],
      ['tool_latency', 0.99, 1],
      ['availability', 0.999, 30],
    ]);
  });
});
