import fc from 'fast-check';
import { BookingEngineError } from '@voicebook/booking-engine';
import { beforeEach, describe, expect, it } from 'vitest';
import { RETELL_TOOL_NAMES, createRetellToolHandler, type RetellToolsEvent } from '../src/index.js';
import { createFakeEngine, type FakeEngine } from './fake-engine.js';

import { apiKey, call, json, now, signed, T, tool } from './helpers.js';

describe('createRetellToolHandler', () => {
  let engine: FakeEngine;
  let events: RetellToolsEvent[];
  let handle: ReturnType<typeof createRetellToolHandler>;
  beforeEach(async () => {
    engine = await createFakeEngine(now);
    events = [];
    handle = createRetellToolHandler({ apiKey, engine, now, onEvent: (e) => events.push(e) });
  });

  it('refuses unsigned, tampered and stale requests with a bare 401', async () => {
    const ok = tool('list_services', {});
    const unsigned = await handle({ ...ok, headers: {} });
    const tampered = await handle({ ...ok, rawBody: `${String(ok.rawBody)} ` });
    const stale = await createRetellToolHandler({ apiKey, engine, now: () => T + 300_001 })(ok);
    for (const r of [unsigned, tampered, stale]) {
      expect(r.status).toBe(401);
      expect(json(r.body)).toEqual({ error: { code: 'E_UNAUTHORIZED', message: 'Unauthorized' } });
    }
  });

  it('checks the signature before it parses the body', async () => {
    const r = await handle({ method: 'POST', headers: {}, rawBody: '{not json' });
    expect(r.status).toBe(401);
  });

  it('answers 413 past 1 MB, 400 for malformed JSON or arguments, 404 for an unknown tool', async () => {
    const big = await handle(signed(`{"a":"${'x'.repeat(1_048_576)}"}`));
    const malformed = await handle(signed('{"name":'));
    const badArgs = await handle(tool('check_availability', { service: 42 }));
    const unknown = await handle(tool('drop_tables', {}));
    expect([big.status, malformed.status, badArgs.status, unknown.status]).toEqual([
      413, 400, 400, 404,
    ]);
    expect(json(badArgs.body)).toMatchObject({ error: { code: 'E_INVALID_ARGS' } });
  });

  it('lists services in the tenant language, tenant from the called number', async () => {
    const r = await handle(tool('list_services', {}));
    const body = json(r.body);
    expect(r.status).toBe(200);
    expect(body.result).toBe('services');
    expect(body.services).toHaveLength(5);
    expect(String(body.say)).toContain('Haarschnitt');
  });

  it('takes the tenant from a configured header, never from the arguments', async () => {
    const h = createRetellToolHandler({ apiKey, engine, now, tenantHeader: 'x-tenant' });
    const noCall = { call_id: 'call-9' };
    const withHeader = tool('list_services', { tenant_id: 'salon-sonnenschein' }, noCall);
    const r = await h({
      ...withHeader,
      headers: { ...withHeader.headers, 'x-tenant': 'salon-sonnenschein' },
    });
    expect(r.status).toBe(200);
    const fromArgs = await h(tool('list_services', { tenant_id: 'salon-sonnenschein' }, noCall));
    expect(fromArgs.status).toBe(400);
    expect(json(fromArgs.body)).toMatchObject({ code: 'E_TENANT_UNKNOWN' });
  });

  it('accepts args at the root with the tool name from the path', async () => {
    const r = await handle({
      ...signed({ service: 'Haarschnitt', datum: 'morgen', uhrzeit: '14:30' }),
      path: '/retell/tools/check_availability',
      headers: {
        ...signed({ service: 'Haarschnitt', datum: 'morgen', uhrzeit: '14:30' }).headers,
        'x-retell-call-id': 'call-2',
      },
    });
    expect(r.status).toBe(400); // no call: no tenant
    const h = createRetellToolHandler({ apiKey, engine, now, tenantHeader: 'x-tenant' });
    const req = signed({ dienstleistung: 'Haarschnitt', datum: 'morgen', uhrzeit: '14:30' });
    const ok = await h({
      ...req,
      toolName: 'check_availability',
      headers: { ...req.headers, 'x-tenant': 'salon-sonnenschein' },
    });
    expect(json(ok.body)).toMatchObject({
      result: 'available',
      start: '2026-11-26T14:30:00.000+01:00',
    });
  });

  it('asks to confirm once, then books exactly once under retries', async () => {
    const args = { service: 'Haarschnitt', date: 'morgen', time: '14:30' };
    const ask = json((await handle(tool('book_appointment', { ...args, confirmed: false }))).body);
    expect(ask.result).toBe('confirmation_needed');
    expect(engine.writes.count).toBe(0);
    const first = await handle(tool('book_appointment', { ...args, bestaetigung: 'ja' }));
    const retry = await handle(tool('book_appointment', { ...args, bestaetigung: 'ja' }));
    expect(json(first.body)).toMatchObject({ result: 'booked' });
    expect(retry.body).toBe(first.body);
    expect(engine.writes.count).toBe(1);
  });

  it('turns engine errors into speakable answers, never a 5xx', async () => {
    engine.failWith = new BookingEngineError('E_CALENDAR_UNAVAILABLE', 'down', true, {
      say: { de: 'Kalender nicht erreichbar.', en: 'Calendar down.' },
    });
    const r = await handle(
      tool('check_availability', { service: 'Haarschnitt', date: 'morgen', time: '9:00' }),
    );
    expect(r.status).toBe(200);
    expect(json(r.body)).toMatchObject({
      result: 'error',
      code: 'E_CALENDAR_UNAVAILABLE',
      say: 'Kalender nicht erreichbar.',
    });
    engine.failWith = new TypeError('bug');
    const bug = await handle(
      tool('check_availability', { service: 'Haarschnitt', date: 'morgen', time: '9:00' }),
    );
    expect(bug.status).toBe(200);
    expect(json(bug.body)).toMatchObject({ code: 'E_INTERNAL' });
  });

  it('resolves a staff name over two turns with the state in the answer', async () => {
    const first = json((await handle(tool('resolve_name', { name: 'Schmi' }))).body);
    expect(first.result).toBe('ambiguous');
    expect(typeof first.state).toBe('string');
    const second = json(
      (await handle(tool('resolve_name', { name: 'Anna', state: first.state }))).body,
    );
    expect(second).toMatchObject({ result: 'match', staff_id: 'anna-schmidt' });
    const garbage = json((await handle(tool('resolve_name', { name: 'Anna', state: '%%%' }))).body);
    expect(garbage.result).not.toBe('match');
  });

  it('cancels and moves only after confirmation', async () => {
    await handle(
      tool('book_appointment', {
        service: 'Haarschnitt',
        date: 'morgen',
        time: '11:00',
        confirmed: 'yes',
      }),
    );
    const [apt] = engine.appointments;
    const ask = json((await handle(tool('cancel_appointment', { confirmed: false }))).body);
    expect(ask).toMatchObject({ result: 'confirmation_needed', appointment_id: apt?.id });
    const moved = json(
      (
        await handle(
          tool('reschedule_appointment', { date: 'übermorgen', time: '10:00', confirmed: true }),
        )
      ).body,
    );
    expect(moved.result).toBe('rescheduled');
    const cancelled = json((await handle(tool('cancel_appointment', { confirmed: true }))).body);
    expect(cancelled.result).toBe('cancelled');
  });

  it('initialize_call greets a known caller by first name', async () => {
    const body = json((await handle(tool('initialize_call', {}))).body);
    expect(body).toMatchObject({
      caller_known: true,
      first_name: 'Erika',
      company_name: 'Salon Sonnenschein',
    });
    const unknown = json(
      (await handle(tool('initialize_call', {}, { ...call, from_number: '+4915199999999' }))).body,
    );
    expect(unknown.caller_known).toBe(false);
  });

  it('keeps every tool answer under 15,000 characters even with huge data', async () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ ...makeHuge(i) }));
    engine.appointments = many as never;
    for (const name of RETELL_TOOL_NAMES) {
      const r = await handle(
        tool(name, {
          service: 'x'.repeat(200),
          date: 'morgen',
          time: '10:00',
          name: 'y'.repeat(200),
          confirmed: true,
        }),
      );
      expect(r.body.length).toBeLessThan(15_000);
    }
    expect(events.filter((e) => e.type === 'tool:answered')).toHaveLength(RETELL_TOOL_NAMES.length);
  });

  it('never answers 5xx or throws for random bodies, signed or not (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc
            .constantFrom(...RETELL_TOOL_NAMES)
            .chain((n) =>
              fc
                .dictionary(fc.string(), fc.jsonValue())
                .map((args) => JSON.stringify({ name: n, args, call })),
            ),
        ),
        fc.boolean(),
        fc.dictionary(fc.string(), fc.string()),
        async (rawBody, sign, headers) => {
          const req = sign ? signed(rawBody) : { method: 'POST', headers, rawBody };
          const r = await handle(req);
          expect(r.status).toBeLessThan(500);
          expect(() => JSON.parse(r.body) as unknown).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});

function makeHuge(i: number) {
  return {
    id: `apt-${i}-${'z'.repeat(80)}`,
    tenantId: 'salon-sonnenschein',
    customerId: 'cust-1',
    serviceId: 'haarschnitt',
    start: '2026-11-26T10:00:00.000+01:00',
    end: '2026-11-26T10:30:00.000+01:00',
    status: 'confirmed',
  };
}
