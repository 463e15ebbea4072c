import fc from 'fast-check';
import { Registry, register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { isSloMetricsError, SloConfigError, UnknownSloError } from './errors.js';
import { createSloMetrics } from './metrics.js';
import type { Clock } from './options.js';
import { DEFAULT_SLOS, type SloDefinition } from './slo.js';

/** Parses the text exposition into `{ name, labels, value }` samples. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

function value(text: string, name: string, labels: Record<string, string> = {}): number {
  return samples(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

class FakeClock implements Clock {
  constructor(public t = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('createSloMetrics', () => {
  it('registers on the injected registry and never on the global one', async () => {
    const registry = new Registry();
    const m = createSloMetrics({ registry });
    m.recordToolCall({ tool: 'book_appointment', durationMs: 10, outcome: 'ok' });
    expect(m.registry).toBe(registry);
    expect(await registry.metrics()).toContain('voicebook_tool_calls_total');
    expect(await globalRegistry.metrics()).not.toContain('voicebook_');
    // a second instance on its own registry does not clash
    expect(() => createSloMetrics()).not.toThrow();
  });

  it('judges each tool against its own SLA', async () => {
    const m = createSloMetrics();
    m.recordToolCall({ tool: 'check_availability', durationMs: 2_500, outcome: 'ok' }); // 3 s SLA
    m.recordToolCall({ tool: 'initialize_call', durationMs: 2_500, outcome: 'ok' }); // 2 s SLA
    m.recordToolCall({ tool: 'book_appointment', durationMs: 4_900, outcome: 'ok' }); // 5 s SLA
    m.recordToolCall({ tool: 'list_services', durationMs: 2_001, outcome: 'ok' }); // default 2 s
    const text = await m.metrics();
    const calls = (tool: string, sla: string): number =>
      value(text, 'voicebook_tool_calls_total', { tool, sla });
    expect(calls('check_availability', 'met')).toBe(1);
    expect(calls('initialize_call', 'missed')).toBe(1);
    expect(calls('book_appointment', 'met')).toBe(1);
    expect(calls('list_services', 'missed')).toBe(1);
    expect(value(text, 'voicebook_tool_duration_seconds_sum', { tool: 'book_appointment' })).toBe(
      4.9,
    );
    expect(m.slaFor('checkAvailability')).toBe(3_000);
    expect(m.slaFor('something-else')).toBe(2_000);
  });

  it('takes custom SLAs and extra tool names', () => {
    const m = createSloMetrics({
      toolSlaMs: { list_services: 800 },
      defaultToolSlaMs: 1_500,
      tools: ['transfer_call'],
    });
    expect(m.slaFor('list_services')).toBe(800);
    expect(m.slaFor('transfer_call')).toBe(1_500);
    expect(m.slaFor('book_appointment')).toBe(5_000);
  });

  it('maps Cal.com client events onto upstream, cache and breaker metrics', async () => {
    const m = createSloMetrics();
    m.onCalcomEvent({ type: 'request:done', operation: 'getSlots', status: 200, durationMs: 300 });
    m.onCalcomEvent({ type: 'request:done', operation: 'get-slots', status: 503, durationMs: 50 });
    m.onCalcomEvent({
      type: 'request:failed',
      operation: 'createBooking',
      code: 'E_CALCOM_TIMEOUT',
    });
    m.onCalcomEvent({ type: 'request:failed', operation: 'createBooking', code: 'E_CIRCUIT_OPEN' });
    m.onCalcomEvent({ type: 'request:failed', operation: 'x', code: 'E_CALCOM_HTTP', status: 502 });
    m.onCalcomEvent({ type: 'cache:hit', layer: 'l1', keyGroup: 'slots' });
    m.onCalcomEvent({ type: 'cache:hit', layer: 'l2', keyGroup: 'slots' });
    m.onCalcomEvent({ type: 'cache:miss', keyGroup: 'eventTypes' });
    m.onCalcomEvent({ type: 'cache:stale', keyGroup: 'slots' });
    m.onCalcomEvent({ type: 'breaker:state', group: 'calcom', state: 'open' });
    m.onCalcomEvent({ type: 'cache:invalidated', key: 'slots:+4915112345678' } as never);
    const text = await m.metrics();
    expect(
      value(text, 'voicebook_upstream_request_duration_seconds_count', {
        operation: 'get_slots',
        status_class: '2xx',
      }),
    ).toBe(1);
    expect(
      value(text, 'voicebook_upstream_request_duration_seconds_count', { status_class: '5xx' }),
    ).toBe(1);
    const errors = (cls: string): number =>
      value(text, 'voicebook_upstream_errors_total', { class: cls });
    expect(errors('timeout')).toBe(1);
    expect(errors('circuit_open')).toBe(1);
    expect(errors('http_5xx')).toBe(1);
    expect(
      value(text, 'voicebook_upstream_errors_total', { operation: 'other', class: 'http_5xx' }),
    ).toBe(1);
    const cache = (labels: Record<string, string>): number =>
      value(text, 'voicebook_cache_requests_total', labels);
    expect(cache({ key_group: 'slots', result: 'hit' })).toBe(2);
    expect(cache({ layer: 'l2', result: 'hit' })).toBe(1);
    expect(cache({ key_group: 'event_types', result: 'miss' })).toBe(1);
    expect(cache({ result: 'stale' })).toBe(1);
    expect(value(text, 'voicebook_circuit_breaker_state', { group: 'calcom' })).toBe(2);
    m.onCalcomEvent({ type: 'breaker:state', group: 'calcom', state: 'half-open' });
    expect(value(await m.metrics(), 'voicebook_circuit_breaker_state', { group: 'calcom' })).toBe(
      1,
    );
    expect(text).not.toContain('4915112345678');
  });

  it('counts calls and booking attempts by closed outcome sets', async () => {
    const m = createSloMetrics();
    m.recordCall({ durationMs: 42_000, outcome: 'booked' });
    m.recordCall({ durationMs: 70_000, outcome: 'Max Mustermann' as never });
    m.recordBookingAttempt({ outcome: 'success' });
    m.recordBookingAttempt({ outcome: 'policy' });
    const text = await m.metrics();
    expect(
      value(text, 'voicebook_call_duration_seconds_bucket', { outcome: 'booked', le: '45' }),
    ).toBe(1);
    expect(
      value(text, 'voicebook_call_duration_seconds_bucket', { outcome: 'booked', le: '40' }),
    ).toBe(0);
    expect(value(text, 'voicebook_call_duration_seconds_count', { outcome: 'other' })).toBe(1);
    expect(value(text, 'voicebook_booking_attempts_total', { outcome: 'success' })).toBe(1);
    expect(value(text, 'voicebook_booking_attempts_total', { outcome: 'technical_error' })).toBe(0);
    expect(text).not.toContain('Mustermann');
  });

  it('keeps every label value inside its allow-list, whatever the input', async () => {
    const m = createSloMetrics();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            tool: fc.oneof(fc.string(), fc.constantFrom('book_appointment', 'bookAppointment')),
            op: fc.string(),
            group: fc.string(),
            code: fc.string(),
            status: fc.integer({ min: -10, max: 1000 }),
          }),
          { maxLength: 20 },
        ),
        async (events) => {
          for (const e of events) {
            m.recordToolCall({ tool: e.tool, durationMs: 5, outcome: 'ok' });
            m.onCalcomEvent({
              type: 'request:done',
              operation: e.op,
              status: e.status,
              durationMs: 1,
            });
            m.onCalcomEvent({ type: 'request:failed', operation: e.op, code: e.code });
            m.onCalcomEvent({ type: 'cache:miss', keyGroup: e.group });
            m.onCalcomEvent({ type: 'breaker:state', group: e.group, state: 'closed' });
          }
          for (const s of samples(await m.metrics()))
            for (const [k, v] of Object.entries(s.labels))
              if (k !== 'le') expect(v, `${s.name}{${k}}`).toMatch(/^([a-z0-9_]+|half-open)$/);
        },
      ),
      { numRuns: 50 },
    );
    const tools = new Set(
      samples(await m.metrics())
        .filter((s) => s.name === 'voicebook_tool_calls_total')
        .map((s) => s.labels.tool),
    );
    expect([...tools].sort()).toEqual(['book_appointment', 'other']);
  });

  it('times a tool call and returns an X-Response-Time header', async () => {
    const m = createSloMetrics();
    const timer = m.startTimer('check_availability');
    await new Promise((r) => setTimeout(r, 15));
    const { durationMs, headers } = timer.end('ok');
    expect(durationMs).toBeGreaterThanOrEqual(14);
    expect(headers['X-Response-Time']).toMatch(/^\d+\.\d{2}ms$/);
    expect(Number.parseFloat(headers['X-Response-Time']!)).toBeCloseTo(durationMs, 1);
    expect(m.responseTimeHeader(1.005)).toEqual({ 'X-Response-Time': '1.00ms' });
    expect(
      value(await m.metrics(), 'voicebook_tool_calls_total', { tool: 'check_availability' }),
    ).toBe(1);
  });

  it('exposes the prom-client content type', () => {
    expect(createSloMetrics().contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('in-process SLO evaluation', () => {
  const availability = (m: ReturnType<typeof createSloMetrics>) =>
    m.evaluate().slos.find((s) => s.name === 'availability')!;

  it('reports SLI, error budget and burn rate per window', () => {
    const clock = new FakeClock();
    const m = createSloMetrics({ clock });
    for (let i = 0; i < 990; i++) m.recordToolCall({ tool: 'x', durationMs: 1, outcome: 'ok' });
    for (let i = 0; i < 10; i++) m.recordToolCall({ tool: 'x', durationMs: 1, outcome: 'error' });
    const s = availability(m);
    expect(s.good).toBe(990);
    expect(s.bad).toBe(10);
    expect(s.sli).toBeCloseTo(0.99, 10);
    expect(s.compliant).toBe(false);
    // 1 % errors against a 0.1 % budget: 10x burn, budget overspent 9 times over
    expect(s.errorBudget.allowedRatio).toBe(0.001);
    expect(s.errorBudget.remaining).toBeCloseTo(-9, 6);
    const fiveMin = s.burnRates.find((b) => b.window === '5m')!;
    expect(fiveMin.errorRatio).toBeCloseTo(0.01, 10);
    expect(fiveMin.burnRate).toBeCloseTo(10, 6);
    const firing = s.alerts.filter((a) => a.firing).map((a) => a.factor);
    expect(firing).toEqual([6, 3, 1]);
  });

  it('forgets events once they leave a window, with fake time', () => {
    const clock = new FakeClock();
    const m = createSloMetrics({ clock });
    for (let i = 0; i < 100; i++) m.recordToolCall({ tool: 'x', durationMs: 1, outcome: 'error' });
    clock.advance(10 * MIN);
    for (let i = 0; i < 100; i++) m.recordToolCall({ tool: 'x', durationMs: 1, outcome: 'ok' });
    let s = availability(m);
    expect(s.burnRates.find((b) => b.window === '5m')!.errorRatio).toBe(0);
    expect(s.burnRates.find((b) => b.window === '1h')!.errorRatio).toBeCloseTo(0.5, 10);
    expect(s.alerts.find((a) => a.factor === 14.4)!.firing).toBe(false); // short window is healthy
    clock.advance(2 * HOUR);
    s = availability(m);
    expect(s.burnRates.find((b) => b.window === '1h')!.errorRatio).toBeNull();
    expect(s.burnRates.find((b) => b.window === '6h')!.errorRatio).toBeCloseTo(0.5, 10);
    clock.advance(31 * 24 * HOUR);
    s = availability(m);
    expect(s.sli).toBeNull();
    expect(s.errorBudget.remaining).toBe(1);
    expect(s.compliant).toBe(true);
  });

  it('counts only completed booking calls against the 60 s target', () => {
    const clock = new FakeClock();
    const m = createSloMetrics({ clock });
    m.recordCall({ durationMs: 59_000, outcome: 'booked' });
    m.recordCall({ durationMs: 61_000, outcome: 'booked' });
    m.recordCall({ durationMs: 300_000, outcome: 'abandoned' });
    const s = m.evaluate().slos.find((x) => x.name === 'booking_call_duration')!;
    expect([s.good, s.bad]).toEqual([1, 1]);
  });

  it('excludes no-availability, abandoned and policy outcomes from booking success', () => {
    const m = createSloMetrics({ clock: new FakeClock() });
    for (const outcome of [
      'success',
      'success',
      'technical_error',
      'no_availability',
      'user_abandoned',
      'policy',
    ] as const)
      m.recordBookingAttempt({ outcome });
    const s = m.evaluate().slos.find((x) => x.name === 'booking_success')!;
    expect([s.good, s.bad]).toEqual([2, 1]);
  });

  it('feeds custom SLOs through recordSloEvent', () => {
    const custom: SloDefinition = {
      name: 'webhook_delivery',
      description: 'webhooks processed',
      objective: 0.9,
      periodMs: 24 * HOUR,
      sli: {
        kind: 'custom',
        errorQuery: 'sum(rate(a[{{window}}]))',
        totalQuery: 'sum(rate(b[{{window}}]))',
      },
    };
    const m = createSloMetrics({ slos: [...DEFAULT_SLOS, custom], clock: new FakeClock() });
    m.recordSloEvent('webhook_delivery', { good: 8, bad: 2 });
    const s = m.evaluate().slos.find((x) => x.name === 'webhook_delivery')!;
    expect(s.sli).toBeCloseTo(0.8, 10);
    expect(s.burnRates[0]!.burnRate).toBeCloseTo(2, 10);
    expect(() => m.recordSloEvent('nope', { good: 1 })).toThrow(UnknownSloError);
  });

  it('reports the evaluation time from the injected clock', () => {
    const clock = new FakeClock(Date.UTC(2026, 4, 1, 12));
    expect(createSloMetrics({ clock }).evaluate().generatedAt).toBe('2026-05-01T12:00:00.000Z');
  });
});

describe('options validation', () => {
  it.each([
    [{ defaultToolSlaMs: -1 }, 'defaultToolSlaMs'],
    [{ slos: [{ ...DEFAULT_SLOS[0]!, objective: 1 }] }, 'slos.0.objective'],
    [{ slos: [{ ...DEFAULT_SLOS[0]!, name: 'Has Spaces' }] }, 'slos.0.name'],
    [{ slos: [DEFAULT_SLOS[0]!, DEFAULT_SLOS[0]!] }, 'slos'],
    [{ callDurationBucketsSeconds: [30, 20] }, 'callDurationBucketsSeconds'],
    [{ registry: {} }, 'registry'],
    [
      { slos: [{ ...DEFAULT_SLOS[0]!, sli: { kind: 'call-duration', thresholdMs: 61_000 } }] },
      'slos.0.sli.thresholdMs',
    ],
  ])('rejects %j naming the field', (options, field) => {
    let error: unknown;
    try {
      createSloMetrics(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SloConfigError);
    expect(isSloMetricsError(error)).toBe(true);
    expect((error as SloConfigError).field).toBe(field);
    expect((error as SloConfigError).code).toBe('E_CONFIG_INVALID');
  });
});

describe('bad input', () => {
  it('drops non-finite or negative durations without throwing', async () => {
    const m = createSloMetrics();
    m.recordToolCall({ tool: 'book_appointment', durationMs: Number.NaN, outcome: 'ok' });
    m.recordToolCall({ tool: 'book_appointment', durationMs: -5, outcome: 'ok' });
    m.recordCall({ durationMs: Number.POSITIVE_INFINITY, outcome: 'booked' });
    m.onCalcomEvent({
      type: 'request:done',
      operation: 'getSlots',
      status: 200,
      durationMs: Number.NaN,
    });
    m.onCalcomEvent({ type: 'breaker:state', group: 'calcom', state: 'melted' as never });
    const text = await m.metrics();
    expect(value(text, 'voicebook_tool_calls_total')).toBe(0);
    expect(value(text, 'voicebook_call_duration_seconds_count')).toBe(0);
    expect(value(text, 'voicebook_upstream_request_duration_seconds_count')).toBe(0);
    expect(text).not.toContain('voicebook_circuit_breaker_state{');
    expect(m.evaluate().slos.every((s) => s.good + s.bad === 0)).toBe(true);
  });
});
