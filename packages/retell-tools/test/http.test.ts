import { Retell } from 'retell-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createRetellToolHandler, createRetellWebhookHandler } from '../src/index.js';
import { CALLER, DEMO_NUMBER, createFakeEngine } from './fake-engine.js';
import { serve, type TestServer } from './http-server.js';

const apiKey = 'key_retell_http';
const wednesday = Date.parse('2026-11-25T08:00:00Z');
const call = { call_id: 'call-h', to_number: DEMO_NUMBER, from_number: CALLER };

/** POSTs a body signed by retell-sdk's own `Retell.sign` (real clock), as Retell would. */
async function post(url: string, body: string, key = apiKey) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-retell-signature': await Retell.sign(body, key),
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

describe('over real HTTP with SDK-signed requests', () => {
  let servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  it('answers tool calls, refuses a wrong key and an oversized body', async () => {
    const engine = await createFakeEngine(() => wednesday);
    const server = await serve(createRetellToolHandler({ apiKey, engine }));
    servers.push(server);
    const body = JSON.stringify({
      name: 'check_availability',
      args: { dienstleistung: 'Haarschnitt', datum: 'morgen', uhrzeit: '10:00' },
      call,
    });
    const ok = await post(`${server.url}/retell/tools/check_availability`, body);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({
      result: 'available',
      start: '2026-11-26T10:00:00.000+01:00',
    });
    expect((await post(`${server.url}/retell/tools/x`, body, 'wrong-key')).status).toBe(401);
    const huge = JSON.stringify({
      name: 'list_services',
      args: { category: 'x'.repeat(1_100_000) },
      call,
    });
    expect((await post(`${server.url}/retell/tools/list_services`, huge)).status).toBe(413);
  });

  it('serves args-at-root bodies by path and call webhooks on the same server shape', async () => {
    const engine = await createFakeEngine(() => wednesday);
    const tools = await serve(
      createRetellToolHandler({ apiKey, engine, tenantHeader: 'x-voicebook-tenant' }),
    );
    const hooks = await serve(createRetellWebhookHandler({ apiKey, engine }));
    servers.push(tools, hooks);
    const root = JSON.stringify({ category: 'Haare' });
    const res = await fetch(`${tools.url}/retell/tools/list_services`, {
      method: 'POST',
      headers: {
        'x-retell-signature': await Retell.sign(root, apiKey),
        'x-voicebook-tenant': 'salon-sonnenschein',
      },
      body: root,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: string }).result).toBe('services');
    const ended = JSON.stringify({ event: 'call_ended', call: { ...call, duration_ms: 30_000 } });
    expect((await post(`${hooks.url}/retell/webhook`, ended)).status).toBe(204);
    expect((await engine.calls.get('salon-sonnenschein', 'call-h'))?.durationMs).toBe(30_000);
  });
});
