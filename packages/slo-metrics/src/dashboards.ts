import { alertWindowsSchema, parseWith, slosSchema } from './options.js';
import { BURN_RATE_ALERT_NAME, errorRatioRecord, recordedWindows } from './rules.js';
import {
  DEFAULT_BURN_RATE_ALERTS,
  DEFAULT_SLOS,
  METRIC_NAMES as N,
  promDuration,
  type BurnRateAlertWindow,
  type SloDefinition,
} from './slo.js';

/** A Grafana dashboard JSON model (the subset generated here), importable through the UI or provisioning. */
export interface GrafanaDashboard {
  /** Stable dashboard uid (`voicebook-operations`, …): re-importing replaces the same dashboard. */
  uid: string;
  /** Title shown in Grafana. */
  title: string;
  /** Grafana tags (`voicebook`, …), for search. */
  tags: string[];
  /** Grafana's JSON model version the dashboard is written for. */
  schemaVersion: number;
  /** Whether users may edit it in the UI. */
  editable: boolean;
  /** Default time range. */
  time: {
    /** Start, Grafana relative time (`now-24h`). */
    from: string;
    /** End (`now`). */
    to: string;
  };
  /** Auto-refresh interval (`1m`). */
  refresh: string;
  /** Dashboard variables. */
  templating: {
    /** The variables (the `datasource` picker), in Grafana's JSON model. */
    list: Record<string, unknown>[];
  };
  /** The panels, top to bottom. */
  panels: GrafanaPanel[];
}

/** One Grafana panel: its PromQL queries are in `targets`. */
export interface GrafanaPanel {
  /** Panel id, unique within the dashboard. */
  id: number;
  /** Panel type: `timeseries`, `stat`, `gauge`, `table`, `row`, … */
  type: string;
  /** Title shown on the panel. */
  title: string;
  /** Tooltip text: what the panel shows and how to read it. */
  description?: string;
  /** Position and size on Grafana's 24-column grid. */
  gridPos: {
    /** Column, 0–23. */
    x: number;
    /** Row (grid units from the top). */
    y: number;
    /** Width in columns (1–24). */
    w: number;
    /** Height in grid units (one unit is 30 px). */
    h: number;
  };
  /** The Prometheus data source (the dashboard's `datasource` variable). */
  datasource?: {
    /** Data source plugin id (`prometheus`). */
    type: string;
    /** Data source uid (`${datasource}`). */
    uid: string;
  };
  /** The panel's PromQL queries. */
  targets?: {
    /** Query id within the panel (`A`, `B`, …). */
    refId: string;
    /** The PromQL expression. */
    expr: string;
    /** Series name template (`{{tool}}`). */
    legendFormat?: string;
    /** Query only the latest value (stat and gauge panels). */
    instant?: boolean;
  }[];
  /** Units, thresholds and overrides, in Grafana's JSON model. */
  fieldConfig?: Record<string, unknown>;
  /** Panel-type options, in Grafana's JSON model. */
  options?: Record<string, unknown>;
  /** Rows only: whether the row starts collapsed. */
  collapsed?: boolean;
  /** Rows only: the panels inside a collapsed row. */
  panels?: GrafanaPanel[];
}

/** Options of {@link generateGrafanaDashboards}. */
export interface DashboardGeneratorOptions {
  /** SLOs shown on the compliance dashboard. @default {@link DEFAULT_SLOS} */
  slos?: readonly SloDefinition[];
  /** Burn-rate windows plotted. @default {@link DEFAULT_BURN_RATE_ALERTS} */
  alertWindows?: readonly BurnRateAlertWindow[];
}

const DS = { type: 'prometheus', uid: '${datasource}' };
const RI = '$__rate_interval';

class Layout {
  #id = 1;
  #x = 0;
  #y = 0;
  #lineH = 0;
  readonly panels: GrafanaPanel[] = [];

  row(title: string): void {
    if (this.#x > 0) this.#newLine();
    this.panels.push({
      id: this.#id++,
      type: 'row',
      title,
      collapsed: false,
      gridPos: { x: 0, y: this.#y, w: 24, h: 1 },
    });
    this.#y += 1;
  }

  add(
    type: string,
    title: string,
    exprs: [expr: string, legend: string][],
    opts: {
      w?: number;
      h?: number;
      unit?: string;
      description?: string;
      instant?: boolean;
      extra?: Record<string, unknown>;
    } = {},
  ): void {
    const w = opts.w ?? 12;
    const h = opts.h ?? 8;
    if (this.#x + w > 24) this.#newLine();
    const panel: GrafanaPanel = {
      id: this.#id++,
      type,
      title,
      gridPos: { x: this.#x, y: this.#y, w, h },
      datasource: DS,
      targets: exprs.map(([expr, legendFormat], i) => ({
        refId: String.fromCharCode(65 + i),
        expr,
        legendFormat,
        ...(opts.instant ? { instant: true } : {}),
      })),
      fieldConfig: { defaults: { unit: opts.unit ?? 'short', ...opts.extra }, overrides: [] },
    };
    if (opts.description) panel.description = opts.description;
    this.panels.push(panel);
    this.#x += w;
    this.#lineH = Math.max(this.#lineH, h);
  }

  #newLine(): void {
    this.#y += this.#lineH;
    this.#x = 0;
    this.#lineH = 0;
  }
}

function dashboard(
  uid: string,
  title: string,
  tags: string[],
  panels: GrafanaPanel[],
): GrafanaDashboard {
  return {
    uid,
    title,
    tags: ['voicebook', ...tags],
    schemaVersion: 39,
    editable: true,
    time: { from: 'now-24h', to: 'now' },
    refresh: '1m',
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }],
    },
    panels,
  };
}

const pct = { unit: 'percentunit' };

function operations(): GrafanaDashboard {
  const l = new Layout();
  l.row('Tools / API');
  for (const q of [0.5, 0.95, 0.99]) {
    l.add(
      'timeseries',
      `Tool latency p${q * 100}`,
      [
        [
          `histogram_quantile(${q}, sum by (le, tool) (rate(${N.toolDuration}_bucket[${RI}])))`,
          '{{tool}}',
        ],
      ],
      { w: 8, unit: 's' },
    );
  }
  l.add(
    'timeseries',
    'Tool calls by outcome',
    [[`sum by (outcome) (rate(${N.toolCalls}[${RI}]))`, '{{outcome}}']],
    { unit: 'reqps' },
  );
  l.add(
    'timeseries',
    'Share of calls over their SLA, by tool',
    [
      [
        `sum by (tool) (rate(${N.toolCalls}{sla="missed"}[${RI}])) / sum by (tool) (rate(${N.toolCalls}[${RI}]))`,
        '{{tool}}',
      ],
    ],
    pct,
  );
  l.row('Cal.com upstream');
  l.add(
    'timeseries',
    'Cal.com latency p95 by operation',
    [
      [
        `histogram_quantile(0.95, sum by (le, operation) (rate(${N.upstreamDuration}_bucket[${RI}])))`,
        '{{operation}}',
      ],
    ],
    { unit: 's' },
  );
  l.add(
    'timeseries',
    'Cal.com errors by class',
    [[`sum by (class) (rate(${N.upstreamErrors}[${RI}]))`, '{{class}}']],
    { unit: 'reqps' },
  );
  l.add(
    'timeseries',
    'Cal.com responses by status class',
    [[`sum by (status_class) (rate(${N.upstreamDuration}_count[${RI}]))`, '{{status_class}}']],
    { unit: 'reqps' },
  );
  l.add(
    'stat',
    'Circuit breakers (0 closed, 1 half-open, 2 open)',
    [[`max by (group) (${N.breakerState})`, '{{group}}']],
    {
      extra: {
        mappings: [
          {
            type: 'value',
            options: {
              '0': { text: 'closed', color: 'green' },
              '1': { text: 'half-open', color: 'orange' },
              '2': { text: 'open', color: 'red' },
            },
          },
        ],
      },
    },
  );
  l.row('Cache');
  l.add(
    'timeseries',
    'Cache hit ratio by key group',
    [
      [
        `sum by (key_group) (rate(${N.cacheRequests}{result="hit"}[${RI}])) / sum by (key_group) (rate(${N.cacheRequests}{result=~"hit|miss|stale"}[${RI}]))`,
        '{{key_group}}',
      ],
    ],
    pct,
  );
  l.add(
    'timeseries',
    'Cache look-ups by result and layer',
    [[`sum by (result, layer) (rate(${N.cacheRequests}[${RI}]))`, '{{result}} {{layer}}']],
    { unit: 'reqps' },
  );
  return dashboard('voicebook-operations', 'voicebook / operations', ['operations'], l.panels);
}

function compliance(
  slos: readonly SloDefinition[],
  windows: readonly BurnRateAlertWindow[],
): GrafanaDashboard {
  const l = new Layout();
  l.add(
    'table',
    'Firing burn-rate alerts',
    [
      [
        `ALERTS{alertname="${BURN_RATE_ALERT_NAME}", alertstate="firing"}`,
        '{{slo}} {{severity}} {{long_window}}/{{short_window}}',
      ],
    ],
    { w: 24, h: 6, instant: true },
  );
  for (const slo of slos) {
    const sel = `{slo="${slo.name}"}`;
    const period = promDuration(slo.periodMs);
    l.row(`${slo.name}: ${slo.description}`);
    l.add(
      'stat',
      `SLI over ${period} (objective ${Number((slo.objective * 100).toPrecision(6))} %)`,
      [[`1 - ${errorRatioRecord(period)}${sel}`, 'SLI']],
      {
        w: 6,
        ...pct,
        extra: {
          decimals: 3,
          thresholds: {
            mode: 'absolute',
            steps: [
              { color: 'red', value: null },
              { color: 'green', value: slo.objective },
            ],
          },
        },
      },
    );
    l.add(
      'gauge',
      `Error budget remaining (${period})`,
      [[`slo:period_error_budget_remaining:ratio${sel}`, 'remaining']],
      {
        w: 6,
        ...pct,
        extra: {
          min: 0,
          max: 1,
          thresholds: {
            mode: 'absolute',
            steps: [
              { color: 'red', value: null },
              { color: 'orange', value: 0.25 },
              { color: 'green', value: 0.5 },
            ],
          },
        },
      },
    );
    l.add(
      'timeseries',
      'Burn rate by window',
      recordedWindows(slo, windows)
        .filter((ms) => ms < slo.periodMs)
        .map((ms) => {
          const w = promDuration(ms);
          return [`${errorRatioRecord(w)}${sel} / on (slo) slo:error_budget:ratio${sel}`, w] as [
            string,
            string,
          ];
        }),
      { w: 12 },
    );
  }
  return dashboard('voicebook-slo', 'voicebook / SLO compliance', ['slo'], l.panels);
}

function funnel(): GrafanaDashboard {
  const l = new Layout();
  const calls = `${N.callDuration}_count`;
  l.add(
    'bargauge',
    'Funnel: calls → availability checks → booking attempts → bookings',
    [
      [`sum(increase(${calls}[$__range]))`, 'calls'],
      [`sum(increase(${N.toolCalls}{tool="check_availability"}[$__range]))`, 'availability checks'],
      [`sum(increase(${N.bookingAttempts}[$__range]))`, 'booking attempts'],
      [`sum(increase(${N.bookingAttempts}{outcome="success"}[$__range]))`, 'bookings'],
    ],
    { w: 24, instant: true },
  );
  l.add(
    'piechart',
    'Calls by outcome',
    [[`sum by (outcome) (increase(${calls}[$__range]))`, '{{outcome}}']],
    { w: 8, instant: true },
  );
  l.add(
    'piechart',
    'Booking attempts by outcome',
    [[`sum by (outcome) (increase(${N.bookingAttempts}[$__range]))`, '{{outcome}}']],
    { w: 8, instant: true },
  );
  l.add(
    'stat',
    'Calls ending in a booking',
    [
      [
        `sum(increase(${calls}{outcome="booked"}[$__range])) / sum(increase(${calls}[$__range]))`,
        'conversion',
      ],
    ],
    { w: 8, instant: true, ...pct },
  );
  l.add(
    'timeseries',
    'Booked call duration p50 / p95',
    [
      [
        `histogram_quantile(0.5, sum by (le) (rate(${N.callDuration}_bucket{outcome="booked"}[${RI}])))`,
        'p50',
      ],
      [
        `histogram_quantile(0.95, sum by (le) (rate(${N.callDuration}_bucket{outcome="booked"}[${RI}])))`,
        'p95',
      ],
    ],
    { unit: 's' },
  );
  l.add(
    'timeseries',
    'Booked calls within 45 s / 60 s / 90 s',
    ['45', '60', '90'].map(
      (le) =>
        [
          `sum(rate(${N.callDuration}_bucket{outcome="booked",le="${le}"}[${RI}])) / sum(rate(${calls}{outcome="booked"}[${RI}]))`,
          `≤ ${le} s`,
        ] as [string, string],
    ),
    pct,
  );
  return dashboard('voicebook-funnel', 'voicebook / business funnel', ['business'], l.panels);
}

/**
 * Generates three Grafana dashboards: operations (tool and Cal.com latency, errors, cache,
 * breakers), SLO compliance (SLI, error budget remaining, burn rates, firing alerts) and the
 * business funnel (calls → checks → attempts → bookings). They read the metrics of
 * {@link createSloMetrics} and the rules of {@link generatePrometheusRules}.
 *
 * @param options - the SLOs and burn-rate windows shown.
 * @returns the three dashboards as Grafana JSON models.
 * @throws {@link SloConfigError} when an SLO or window is invalid.
 * @example
 * ```ts
 * for (const [name, d] of Object.entries(generateGrafanaDashboards()))
 *   writeFileSync(`${name}.json`, JSON.stringify(d, null, 2));
 * ```
 */
export function generateGrafanaDashboards(options: DashboardGeneratorOptions = {}): {
  /** Tool and Cal.com latency, error rates, cache hit ratio and breaker states. */
  operations: GrafanaDashboard;
  /** Each SLO: SLI, remaining error budget and burn rates. */
  sloCompliance: GrafanaDashboard;
  /** Calls, booking attempts and outcomes: how many calls end in a booking. */
  businessFunnel: GrafanaDashboard;
} {
  if (options.slos) parseWith(slosSchema, options.slos, 'slos');
  if (options.alertWindows) parseWith(alertWindowsSchema, options.alertWindows, 'alertWindows');
  return {
    operations: operations(),
    sloCompliance: compliance(
      options.slos ?? DEFAULT_SLOS,
      options.alertWindows ?? DEFAULT_BURN_RATE_ALERTS,
    ),
    businessFunnel: funnel(),
  };
}
