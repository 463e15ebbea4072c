import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startCalcomMock, type CalcomMock, type CalcomMockOptions } from '../src/index.js';

// Bad requests are answered like Cal.com answers them (4xx) and never take the stand-in down.

const NOW = Date.parse('2026-11-25T08:00:00.000Z');
const V_SLOTS = { 'cal-api-version': '2024-09-04', 'content-type': 'application/json' };
const V_BOOKINGS = { 'cal-api-version': '2024-08-13', 'content-type': 'application/json' };
const attendee = { name: 'Test Caller', email: 'caller@example.com', timeZone: 'Europe/Berlin' };

const mocks: CalcomMock[] = [];
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close().catch(() => undefined);
});

async function start(options: CalcomMockOptions = {}): Promise<CalcomMock> {
  const m = await startCalcomMock({ now: () => new Date(NOW), contract: 'record', ...options });
  mocks.push(m);
  return m;
}

/** The stand-in still answers a plain request. */
async function alive(m: CalcomMock): Promise<number> {
  const r = await fetch(`${m.url}/v2/event-types?username=salon-demo`, {
    headers: { 'cal-api-version': '2024-06-14' },
  });
  await r.arrayBuffer();
  return r.status;
}

/** Sends one raw HTTP/1.1 request line; resolves with the status line the server answered. */
function rawRequest(m: CalcomMock, requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(m.port, '127.0.0.1', () => {
      s.write(`${requestLine}\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    s.on('data', (c: Buffer) => (data += c.toString('latin1')));
    s.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
    s.on('error', reject);
  });
}

async function freeSlot(m: CalcomMock): Promise<string> {
  const r = await fetch(`${m.url}/v2/slots?eventTypeId=1001&start=2026-11-26&end=2026-11-26`, {
    headers: V_SLOTS,
  });
  const body = (await r.json()) as { data: Record<string, Array<{ start: string }>> };
  const first = body.data['2026-11-26']?.[0]?.start;
  if (!first) throw new Error('no free slot in the fixture');
  return first;
}

describe('the stand-in under bad requests', () => {
  it('answers a malformed percent-encoding in a path with 400 and keeps serving', async () => {
    const m = await start();
    for (const path of ['/v2/bookings/%E0%A4%A', '/v2/slots/reservations/%ZZ']) {
      const r = await fetch(`${m.url}${path}`, { headers: V_BOOKINGS });
      expect(r.status).toBe(400);
      const body = (await r.json()) as { status: string };
      expect(body.status).toBe('error');
    }
    expect(await alive(m)).toBe(200);
  });

  it('answers a request target that is no URL with 400 and keeps serving', async () => {
    const m = await start();
    expect(await rawRequest(m, 'GET //[ HTTP/1.1')).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(await alive(m)).toBe(200);
  });

  it('refuses a deeply nested body with 400, with latency on, and keeps serving', async () => {
    const m = await start({ latency: { '*': { minMs: 1, maxMs: 1 } } });
    const depth = 20_000;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const start_ = await freeSlot(m);
    const body = `{"start":"${start_}","eventTypeId":1001,"attendee":${JSON.stringify(attendee)},"bookingFieldsResponses":{"x":${nested}}}`;
    const r = await fetch(`${m.url}/v2/bookings`, { method: 'POST', headers: V_BOOKINGS, body });
    expect(r.status).toBe(400);
    await r.arrayBuffer();
    expect(m.bookings().filter((b) => b.start === start_)).toEqual([]);
    expect(await alive(m)).toBe(200);
  });

  it('refuses a body past its limit with 413 without buffering it', async () => {
    const m = await start({ maxBodyBytes: 64 * 1024 });
    const body = JSON.stringify({ pad: 'x'.repeat(200 * 1024) });
    const r = await fetch(`${m.url}/v2/bookings`, { method: 'POST', headers: V_BOOKINGS, body });
    expect(r.status).toBe(413);
    await r.arrayBuffer().catch(() => undefined);
    expect(await alive(m)).toBe(200);
  });

  it('refuses a slots range longer than its limit with 400, as Cal.com refuses bad ranges', async () => {
    const m = await start();
    const r = await fetch(`${m.url}/v2/slots?eventTypeId=1001&start=2026-11-26&end=2056-11-26`, {
      headers: V_SLOTS,
    });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/range/i);
    const ok = await fetch(`${m.url}/v2/slots?eventTypeId=1001&start=2026-11-26&end=2027-01-26`, {
      headers: V_SLOTS,
    });
    expect(ok.status).toBe(200);
  });

  it('stores nothing when the answer is a 500 (a booking whose answer breaks the contract)', async () => {
    const m = await start({ contract: 'throw' });
    const before = m.bookings().length;
    const slot = await freeSlot(m);
    const r = await fetch(`${m.url}/v2/bookings`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: JSON.stringify({
        start: slot,
        eventTypeId: 1001,
        attendee: { ...attendee, language: 'xx' },
      }),
    });
    expect(r.status).toBe(500);
    expect(m.bookings().length).toBe(before);
    await m.flushWebhooks();
    expect(m.webhookDeliveries()).toEqual([]);
    const again = await fetch(`${m.url}/v2/bookings`, {
      method: 'POST',
      headers: V_BOOKINGS,
      body: JSON.stringify({ start: slot, eventTypeId: 1001, attendee }),
    });
    expect(again.status).toBe(201);
    m.reset(); // the forced violation is this test's own
  });

  it('does not read JSON sent as text/plain (Cal.com parses application/json only)', async () => {
    const m = await start();
    const slot = await freeSlot(m);
    const r = await fetch(`${m.url}/v2/bookings`, {
      method: 'POST',
      headers: { ...V_BOOKINGS, 'content-type': 'text/plain' },
      body: JSON.stringify({ start: slot, eventTypeId: 1001, attendee }),
    });
    expect(r.status).toBe(400);
    expect(m.bookings().filter((b) => b.start === slot)).toEqual([]);
  });
});
