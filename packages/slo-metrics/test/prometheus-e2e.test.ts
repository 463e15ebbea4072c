/**
 * End to end: a real Prometheus server scrapes a node:http server exposing this package's
 * metrics every second and evaluates the generated recording rules every second. Each scrape
 * first records a fixed batch of good and bad events, so every counter grows in the same
 * proportion and the error ratio Prometheus computes is exact, whatever the scrape timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, waitFor } from '@voicebook/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSloMetrics, generatePrometheusRules } from '../src/index.js';
import { PROMETHEUS, tempDir } from './helpers.js';

const metrics = createSloMetrics();

/** One scrape's worth of traffic, with known error ratios per SLO. */
function recordBatch(): void {
  for (let i = 0; i < 7; i++)
    metrics.recordToolCall({ tool: 'check_availability', durationMs: 120, outcome: 'ok' });
  for (let i = 0; i < 2; i++)
    metrics.recordToolCall({ tool: 'check_availability', durationMs: 3_500, outcome: 'ok' });
  metrics.recordToolCall({ tool: 'book_appointment', durationMs: 900, outcome: 'error' });
  for (let i = 0; i < 3; i++) metrics.recordBookingAttempt({ outcome: 'success' });
  metrics.recordBookingAttempt({ outcome: 'technical_error' });
  metrics.recordBookingAttempt({ outcome: 'no_availability' });
  for (let i = 0; i < 3; i++) metrics.recordCall({ durationMs: 38_000, outcome: 'booked' });
  metrics.recordCall({ durationMs: 95_000, outcome: 'booked' });
  metrics.recordCall({ durationMs: 200_000, outcome: 'abandoned' });
}

// SLO → [error ratio, burn rate] implied by recordBatch().
const expected: Record<string, [number, number]> = {
  availability: [0.1, 100], // 1 error of 10 calls, budget 0.1 %
  tool_latency: [0.2, 20], // 2 of 10 over their SLA, budget 1 %
  booking_success: [0.25, 5], // 1 technical error of 4 counted attempts, budget 5 %
  booking_call_duration: [0.25, 5], // 1 of 4 booked calls over 60 s, budget 5 %
};

let app: Server;
let prometheus: ChildProcess;
let promUrl: string;
let dir: { path: string; cleanup: () => Promise<void> };
let scrapes = 0;

async function query(
  expr: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as {
    status: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(`query failed: ${JSON.stringify(body)}`);
  return body.data.result;
}

beforeAll(async () => {
  dir = await tempDir('prometheus');
  app = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.statusCode = 404;
      res.end();
      return;
    }
    recordBatch();
    scrapes++;
    metrics.metrics().then(
      (text) => {
        res.setHeader('Content-Type', metrics.contentType);
        res.end(text);
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const target = `127.0.0.1:${(app.address() as AddressInfo).port}`;

  await writeFile(join(dir.path, 'rules.yaml'), generatePrometheusRules());
  await writeFile(
    join(dir.path, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files: [rules.yaml]',
      'scrape_configs:',
      '  - job_name: voicebook',
      `    static_configs: [{ targets: ['${target}'] }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir.path, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir.path, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  prometheus.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  await waitFor(
    async () => {
      if (prometheus.exitCode !== null) throw new Error(`prometheus exited: ${log}`);
      return fetch(`${promUrl}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
    },
    { timeoutMs: 15_000, intervalMs: 100, message: 'Prometheus to be ready' },
  );
});

const running = (): boolean => prometheus.exitCode === null && prometheus.signalCode === null;

afterAll(async () => {
  if (running()) {
    const exited = new Promise((resolve) => prometheus.once('exit', resolve));
    prometheus.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (running()) prometheus.kill('SIGKILL');
  }
  await new Promise((resolve) => app.close(resolve));
  await dir.cleanup();
});

describe('a real Prometheus with the generated rules', () => {
  it('records the expected error ratio and burn rate from scraped metrics', async () => {
    const ready = async (): Promise<boolean> =>
      (await query('slo:sli_error:ratio_rate5m')).filter((r) => Number.isFinite(Number(r.value[1])))
        .length === 4;
    await waitFor(ready, { timeoutMs: 20_000, intervalMs: 250, message: 'recording rules' });
    expect(scrapes).toBeGreaterThanOrEqual(2);

    for (const window of ['5m', '1h', '3d']) {
      const ratios = await query(`slo:sli_error:ratio_rate${window}`);
      const burn = await query(
        `slo:sli_error:ratio_rate${window} / on (slo) slo:error_budget:ratio`,
      );
      for (const [slo, [ratio, burnRate]] of Object.entries(expected)) {
        const r = ratios.find((x) => x.metric.slo === slo);
        const b = burn.find((x) => x.metric.slo === slo);
        expect(Number(r?.value[1]), `${slo} ratio ${window}`).toBeCloseTo(ratio, 6);
        expect(Number(b?.value[1]), `${slo} burn ${window}`).toBeCloseTo(burnRate, 4);
      }
    }
    // The in-process evaluation (the /slo endpoint) agrees with Prometheus.
    for (const status of metrics.evaluate().slos) {
      const fiveMin = status.burnRates.find((b) => b.window === '5m');
      expect({ slo: status.name, burn: fiveMin?.burnRate }).toEqual({
        slo: status.name,
        burn: expect.closeTo(expected[status.name]![1], 6),
      });
    }
    const remaining = await query('slo:period_error_budget_remaining:ratio{slo="availability"}');
    expect(Number(remaining[0]?.value[1])).toBeCloseTo(1 - 100, 3);
  });

  it('raises exactly the burn-rate alerts whose factor each SLO exceeds', async () => {
    // Rule groups evaluate independently: wait until every group has seen the data.
    const state = async () => {
      const alerts = await query('ALERTS{alertname="SloErrorBudgetBurn"}');
      const windowsOf = (slo: string): string[] =>
        alerts
          .filter((a) => a.metric.slo === slo)
          .map((a) => a.metric.long_window!)
          .sort();
      return {
        availability: windowsOf('availability'), // 100x: over every factor
        tool_latency: windowsOf('tool_latency'), // 20x: over 14.4
        booking_success: windowsOf('booking_success'), // 5x: only 3x and 1x
        booking_call_duration: windowsOf('booking_call_duration'),
        states: [...new Set(alerts.map((a) => a.metric.alertstate))],
      };
    };
    const want = {
      availability: ['1d', '1h', '3d', '6h'],
      tool_latency: ['1d', '1h', '3d', '6h'],
      booking_success: ['1d', '3d'],
      booking_call_duration: ['1d', '3d'],
      states: ['pending'], // `for:` has not elapsed yet
    };
    await waitFor(async () => JSON.stringify(await state()) === JSON.stringify(want), {
      timeoutMs: 10_000,
      intervalMs: 250,
      message: 'burn-rate alerts',
    }).catch(() => undefined);
    expect(await state()).toEqual(want);
  });
});
