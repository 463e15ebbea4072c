import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, runScript } from '@voicebook/test-utils';
import { Retell } from 'retell-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LateResults,
  createRetellToolHandler,
  createRetellWebhookHandler,
  type RetellToolHandlerOptions,
} from '../src/index.js';
import { startEngine, type EngineUnderTest } from './engine-setup.js';
import { serve, type TestServer } from './http-server.js';

const apiKey = 'key_retell_engine';
const caller = '+491711234567';
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('through the real engine against the Cal.com stand-in, over HTTP', () => {
  const open: (TestServer | EngineUnderTest)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  async function setUp(options: Partial<RetellToolHandlerOptions> = {}) {
    const under = await startEngine();
    const late = new LateResults();
    const tools = await serve(
      createRetellToolHandler({ apiKey, engine: under.engine, lateResults: late, ...options }),
    );
    const hooks = await serve(
      createRetellWebhookHandler({ apiKey, engine: under.engine, lateResults: late }),
    );
    open.push(tools, hooks, under);
    const call = (callId: string) => ({
      call_id: callId,
      to_number: '+4930123456',
      from_number: caller,
    });
    const tool = async (name: string, args: unknown, callId = 'call-e2e') => {
      const body = JSON.stringify({ name, args, call: call(callId) });
      const res = await fetch(`${tools.url}/retell/tools/${name}`, {
        method: 'POST',
        headers: { 'x-retell-signature': await Retell.sign(body, apiKey) },
        body,
      });
      return { status: res.status, text: await res.text() };
    };
    const json = async (name: string, args: unknown, callId?: string) =>
      JSON.parse((await tool(name, args, callId)).text) as Record<string, unknown>;
    return { ...under, tools, hooks, late, tool, json };
  }

  it('books once under retries, lists, moves and cancels the appointment', async () => {
    const events: unknown[] = [];
    const t = await setUp({ onEvent: (e) => events.push(e) });
    expect(await t.json('list_services', {})).toMatchObject({ result: 'services' });
    const wish = { dienstleistung: 'Haarschnitt', datum: 'morgen', uhrzeit: '11 Uhr' };
    expect(await t.json('check_availability', wish)).toMatchObject({
      result: 'available',
      start: '2026-11-26T11:00:00.000+01:00',
    });
    const ask = await t.json('book_appointment', {
      ...wish,
      name: 'Erika Muster',
      bestaetigung: false,
    });
    expect(ask.result).toBe('confirmation_needed');
    const args = { ...wish, name: 'Erika Muster', email: 'erika@example.com', bestaetigung: 'ja' };
    const first = await t.tool('book_appointment', args);
    const retry = await t.tool('book_appointment', args);
    expect(JSON.parse(first.text)).toMatchObject({ result: 'booked' });
    expect(retry.text).toBe(first.text);
    expect(t.mock.requests.filter((r) => r.operation === 'bookings.create')).toHaveLength(1);
    const mine = await t.json('get_customer_appointments', {});
    expect(mine).toMatchObject({ result: 'found', total: 1 });
    const moved = await t.json('reschedule_appointment', {
      datum: 'übermorgen',
      uhrzeit: '11:00',
      confirmed: true,
    });
    expect(moved.result).toBe('rescheduled');
    const cancelled = await t.json('cancel_appointment', { confirmed: true });
    expect(cancelled.result).toBe('cancelled');
    expect(await t.json('get_customer_appointments', {})).toMatchObject({ result: 'none' });
    // Events are codes and figures: no number, name or e-mail of the caller.
    expect(events.length).toBeGreaterThan(8);
    const text = JSON.stringify(events);
    for (const secret of [caller, caller.slice(3), 'Erika', 'Muster', 'erika@'])
      expect(text).not.toContain(secret);
  });

  it('answers a slow booking in time and reports it on the next tool call', async () => {
    const t = await setUp({ budgets: { book_appointment: 100 } });
    t.mock.setLatency('bookings.create', { minMs: 1_000, maxMs: 1_000 });
    const args = {
      service: 'Haarschnitt',
      date: 'morgen',
      time: '11:00',
      customer_name: 'Erika Muster',
      email: 'e@example.com',
      confirmed: true,
    };
    expect(await t.json('book_appointment', args, 'call-slow')).toMatchObject({
      result: 'in_progress',
    });
    await expect.poll(() => t.late.size, { timeout: 10_000 }).toBe(1);
    const next = await t.json('list_services', {}, 'call-slow');
    expect(next.late_results).toEqual([
      expect.objectContaining({ tool: 'book_appointment', result: 'booked' }),
    ]);
    expect(t.mock.requests.filter((r) => r.operation === 'bookings.create')).toHaveLength(1);
  });

  it('a retry of a slow booking waits for the same work, never a second booking', async () => {
    const t = await setUp({ budgets: { book_appointment: 100 } });
    t.mock.setLatency('bookings.create', { minMs: 600, maxMs: 600 });
    const args = {
      service: 'Haarschnitt',
      date: 'morgen',
      time: '12:00',
      customer_name: 'Erika Muster',
      email: 'e@example.com',
      confirmed: true,
    };
    expect(await t.json('book_appointment', args, 'call-r')).toMatchObject({
      result: 'in_progress',
    });
    const untilDone = async () => {
      for (;;) {
        const answer = await t.json('book_appointment', args, 'call-r');
        if (answer.result !== 'in_progress') return answer;
      }
    };
    expect(await untilDone()).toMatchObject({ result: 'booked' });
    expect(t.mock.requests.filter((r) => r.operation === 'bookings.create')).toHaveLength(1);
  });

  it('answers the inbound webhook for a caller with an upcoming appointment', async () => {
    const t = await setUp();
    const args = {
      service: 'Haarschnitt',
      date: 'morgen',
      time: '14:00',
      customer_name: 'Erika Muster',
      email: 'e@example.com',
      confirmed: true,
    };
    expect(await t.json('book_appointment', args)).toMatchObject({ result: 'booked' });
    const body = JSON.stringify({
      event: 'call_inbound',
      call_inbound: { from_number: caller, to_number: '+4930123456', agent_id: 'agent_demo' },
    });
    const res = await fetch(`${t.hooks.url}/retell/webhook`, {
      method: 'POST',
      headers: { 'x-retell-signature': await Retell.sign(body, apiKey) },
      body,
    });
    const vars = (
      (await res.json()) as { call_inbound: { dynamic_variables: Record<string, string> } }
    ).call_inbound.dynamic_variables;
    expect(vars).toMatchObject({
      caller_known: 'true',
      first_name: 'Erika',
      company_name: 'Salon Sonnenschein',
    });
    expect(vars.upcoming_appointment).toContain('Haarschnitt');
  });
});

it('the README example runs and prints what it says', async () => {
  const readme = await readFile(join(pkg, 'README.md'), 'utf8');
  const [example] = readmeBlocks(readme, 'Example');
  const [generated] = readmeBlocks(readme, 'Generated agent configuration');
  expect(example).toBeDefined();
  const out = await runScript(pkg, `${example ?? ''}\n${generated ?? ''}`);
  expect(out.trim().split('\n')).toEqual(['200 available 2026-11-26T11:00:00.000+01:00', '8 14']);
});
