import { describe, expect, it } from 'vitest';
import { generateGrafanaDashboards } from './dashboards.js';
import { DEFAULT_SLOS } from './slo.js';

describe('generateGrafanaDashboards', () => {
  const dashboards = Object.values(generateGrafanaDashboards());

  it('lays panels out on the 24-column grid without overlaps', () => {
    for (const d of dashboards) {
      const boxes = d.panels.map((p) => p.gridPos);
      for (const [i, a] of boxes.entries()) {
        expect(a.x + a.w, `${d.uid} panel ${i}`).toBeLessThanOrEqual(24);
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${d.uid}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(false);
        }
      }
    }
  });

  it('gives every dashboard a unique uid and unique panel ids', () => {
    expect(new Set(dashboards.map((d) => d.uid)).size).toBe(3);
    for (const d of dashboards)
      expect(new Set(d.panels.map((p) => p.id)).size).toBe(d.panels.length);
  });

  it('shows one SLO row per SLO with its error budget gauge', () => {
    const { sloCompliance } = generateGrafanaDashboards();
    const rows = sloCompliance.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(DEFAULT_SLOS.map((s) => `${s.name}: ${s.description}`));
    const gauges = sloCompliance.panels.filter((p) => p.type === 'gauge');
    expect(gauges.map((g) => g.targets?.[0]?.expr)).toEqual(
      DEFAULT_SLOS.map((s) => `slo:period_error_budget_remaining:ratio{slo="${s.name}"}`),
    );
  });
});
