import { createSloMetrics } from '@voicebook/slo-metrics';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  LateResults,
  createRetellWebhookHandler,
  signRetellBody,
  type RetellToolsEvent,
} from '../src/index.js';
import { CALLER, DEMO_NUMBER, createFakeEngine, type FakeEngine } from './fake-engine.js';

const apiKey = 'key_retell_test';
const T = Date.parse('2026-11-25T08:00:00Z');
const now = () => T;
const call = {
  call_id: 'call-7',
  agent_id: 'agent_x',
  to_number: DEMO_NUMBER,
  from_number: CALLER,
  direction: 'inbound',
  start_timestamp: T - 50_000,
  end_timestamp: T - 2_000,
  duration_ms: 48_000,
  disconnection_reason: 'user_hangup',
};
const signed = (body: unknown) => {
  const rawBody = JSON.stringify(body);
  return {
    method: 'POST',
    headers: { 'x-retell-signature': signRetellBody(rawBody, apiKey, T) },
    rawBody,
  };
};

describe('createRetellWebhookHandler', () => {
  let engine: FakeEngine;
  let events: RetellToolsEvent[];
  beforeEach(async () => {
    engine = await createFakeEngine(now);
    events = [];
  });

  it('records call_started, call_ended and call_analyzed once each, however often delivered', async () => {
    const slo = createSloMetrics();
    const handle = createRetellWebhookHandler({
      apiKey,
      engine,
      now,
      metrics: slo,
      onEvent: (e) => events.push(e),
    });
    for (const event of [
      'call_started',
      'call_ended',
      'call_ended',
      'call_analyzed',
      'call_ended',
    ]) {
      const body =
        event === 'call_analyzed' ? { ...call, call_analysis: { call_successful: true } } : call;
      expect((await handle(signed({ event, call: body }))).status).toBe(204);
    }
    const record = await engine.calls.get('salon-sonnenschein', 'call-7');
    expect(record).toMatchObject({
      durationMs: 48_000,
      disconnectionReason: 'user_hangup',
      successful: true,
      fromNumber: CALLER,
    });
    expect([...(record?.events ?? [])].sort()).toEqual([
      'call_analyzed',
      'call_ended',
      'call_started',
    ]);
    const applied = events.flatMap((e) => (e.type === 'webhook:applied' ? [e] : []));
    expect(applied.map((e) => e.applied)).toEqual([true, true, false, true, false]);
    const metrics = await slo.metrics();
    expect(metrics).toMatch(/voicebook_call_duration_seconds_count\{outcome="no_booking"\} 1/);
  });

  it('takes the outcome from a booking that completed after its tool answered', async () => {
    const slo = createSloMetrics();
    const late = new LateResults();
    late.add('call-7', { tool: 'book_appointment', result: 'booked', say: 'x', atMs: T });
    const handle = createRetellWebhookHandler({
      apiKey,
      engine,
      now,
      metrics: slo,
      lateResults: late,
    });
    await handle(signed({ event: 'call_ended', call }));
    expect((await engine.calls.get('salon-sonnenschein', 'call-7'))?.outcome).toBe('booked');
    expect(await slo.metrics()).toMatch(
      /voicebook_call_duration_seconds_count\{outcome="booked"\} 1/,
    );
    expect(late.size).toBe(0);
  });

  it('refuses unsigned deliveries and acknowledges other events without recording', async () => {
    const handle = createRetellWebhookHandler({ apiKey, engine, now });
    const unsigned = await handle({
      method: 'POST',
      headers: {},
      rawBody: JSON.stringify({ event: 'call_ended', call }),
    });
    expect(unsigned.status).toBe(401);
    expect((await handle(signed({ event: 'transcript_updated', call }))).status).toBe(204);
    expect(await engine.calls.get('salon-sonnenschein', 'call-7')).toBeUndefined();
    expect((await handle(signed({ event: 'call_ended', call: { nope: 1 } }))).status).toBe(400);
  });

  it('answers call_inbound with string dynamic variables and the tenant agent', async () => {
    engine.appointments = [];
    const handle = createRetellWebhookHandler({
      apiKey,
      engine,
      now,
      inboundAgentIds: { 'salon-sonnenschein': 'agent_de' },
    });
    const r = await handle(
      signed({
        event: 'call_inbound',
        call_inbound: { agent_id: 'agent_demo', from_number: CALLER, to_number: DEMO_NUMBER },
      }),
    );
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as {
      call_inbound: { dynamic_variables: Record<string, unknown>; override_agent_id: string };
    };
    const vars = body.call_inbound.dynamic_variables;
    expect(Object.values(vars).every((v) => typeof v === 'string')).toBe(true);
    expect(vars).toMatchObject({
      caller_known: 'true',
      first_name: 'Erika',
      company_name: 'Salon Sonnenschein',
      today: '2026-11-25',
      current_time: '09:00',
      timezone: 'Europe/Berlin',
      upcoming_appointment: '',
    });
    expect(vars.current_date).toContain('Mittwoch');
    expect(body.call_inbound.override_agent_id).toBe('agent_de');
    const stranger = await handle(
      signed({
        event: 'call_inbound',
        call_inbound: { from_number: '+15550000000', to_number: '+15551111111' },
      }),
    );
    expect(JSON.parse(stranger.body)).toEqual({
      call_inbound: { dynamic_variables: { caller_known: 'false' }, metadata: {} },
    });
  });

  it('never answers 5xx for random signed bodies', async () => {
    const handle = createRetellWebhookHandler({ apiKey, engine, now });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            event: fc.constantFrom('call_started', 'call_ended', 'call_analyzed', 'call_inbound'),
            call: fc.jsonValue(),
            call_inbound: fc.jsonValue(),
          }),
        ),
        async (body) => {
          const r = await handle(signed(body));
          expect(r.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
