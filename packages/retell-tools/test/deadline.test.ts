import { createSloMetrics } from '@voicebook/slo-metrics';
import { beforeEach, describe, expect, it } from 'vitest';
import { LateResults, RETELL_TOOL_NAMES, createRetellToolHandler } from '../src/index.js';
import { createFakeEngine, type FakeEngine } from './fake-engine.js';
import { apiKey, json, now, tool } from './helpers.js';

describe('deadlines, late results and retries', () => {
  let engine: FakeEngine;
  beforeEach(async () => {
    engine = await createFakeEngine(now);
  });

  it('answers in time with a fallback when the calendar is slow, and reports the late booking', async () => {
    let release: () => void = () => undefined;
    engine.gate = new Promise<void>((r) => (release = r));
    const late = new LateResults();
    const h = createRetellToolHandler({
      apiKey,
      engine,
      now,
      budgets: { book_appointment: 20 },
      lateResults: late,
    });
    const args = { service: 'Haarschnitt', date: 'morgen', time: '15:00', confirmed: true };
    const first = json((await h(tool('book_appointment', args))).body);
    expect(first.result).toBe('in_progress');
    release();
    await engine.gate;
    await new Promise((r) => setImmediate(r));
    expect(late.size).toBe(1);
    const next = json((await h(tool('get_customer_appointments', {}))).body);
    expect(next.late_results).toEqual([
      expect.objectContaining({ tool: 'book_appointment', result: 'booked' }),
    ]);
    expect(String(next.say)).toContain('gebucht');
    expect((await engine.calls.get(engine.appointments[0]!.tenantId, 'call-1'))?.outcome).toBe(
      'booked',
    );
    expect(engine.writes.count).toBe(1);
  });

  it('a retry while the booking is in flight waits for the same work', async () => {
    let release: () => void = () => undefined;
    engine.gate = new Promise<void>((r) => (release = r));
    const h = createRetellToolHandler({ apiKey, engine, now, budgets: { book_appointment: 10 } });
    const args = { service: 'Haarschnitt', date: 'morgen', time: '16:00', confirmed: true };
    expect(json((await h(tool('book_appointment', args))).body).result).toBe('in_progress');
    const retry = h(tool('book_appointment', args));
    release();
    const body = json((await retry).body);
    expect(body.result).toBe('booked');
    expect(body.late_results).toBeUndefined();
    expect(engine.writes.count).toBe(1);
  });

  it('feeds slo-metrics: tool outcomes (ok, fallback, client_error) and booking attempts', async () => {
    const slo = createSloMetrics({ tools: RETELL_TOOL_NAMES });
    let release: () => void = () => undefined;
    engine.gate = new Promise<void>((r) => (release = r));
    const h = createRetellToolHandler({
      apiKey,
      engine,
      now,
      metrics: slo,
      budgets: { check_availability: 10 },
    });
    await h(tool('check_availability', { service: 'Haarschnitt', date: 'morgen', time: '9:00' }));
    release();
    await h(
      tool('book_appointment', {
        service: 'Haarschnitt',
        date: 'morgen',
        time: '9:30',
        confirmed: true,
      }),
    );
    await h(tool('check_availability', { service: 'x' }));
    const text = await slo.metrics();
    expect(text).toMatch(
      /voicebook_tool_calls_total\{tool="check_availability",outcome="fallback",sla="met"\} 1/,
    );
    expect(text).toMatch(
      /voicebook_tool_calls_total\{tool="book_appointment",outcome="ok",sla="met"\} 1/,
    );
    expect(text).toMatch(
      /voicebook_tool_calls_total\{tool="check_availability",outcome="client_error",sla="met"\} 1/,
    );
    expect(text).toMatch(/voicebook_booking_attempts_total\{outcome="success"\} 1/);
  });
});
