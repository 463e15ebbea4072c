import { DEMO_TENANT } from '@voicebook/booking-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicebookApp } from '../app.js';
import { BODY_LIMIT_BYTES } from '../http.js';
import { RetellClient, nextWeekday, signCalcomWebhook, type RetellCall } from './retell-client.js';

/** A server started for {@link describeServerContract}. */
export interface ContractServer {
  readonly url: string;
  readonly app: VoicebookApp;
  close(): Promise<void>;
}

/** The environment the contract suite starts its servers with. */
export const CONTRACT_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  RETELL_API_KEY: 'key_contract_test_0123456789',
  CALCOM_WEBHOOK_SECRET: 'whsec_contract_test',
  TENANT_HEADER: 'x-voicebook-tenant',
  LOG_LEVEL: 'silent',
} as const;

const DEMO_NUMBER = '+4930123456';
const TENANT_ID = 'salon-sonnenschein';
// The slots ranges the prefetch loads: one per event type of the demo tenant's services.
const PREFETCHED_EVENT_TYPES = new Set([
  ...DEMO_TENANT.services.map((s) => s.eventTypeId),
  ...DEMO_TENANT.staff.flatMap((m) => Object.values(m.eventTypeIds ?? {})),
]).size;

const metricValue = (text: string, name: string): number =>
  text
    .split('\n')
    .filter((l) => l.startsWith(name))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);

/**
 * The reference API's contract, run against both servers over real HTTP on 127.0.0.1: signed
 * tool calls in both body shapes, unsigned → 401, oversize → 413, malformed → 400, call webhooks
 * deduplicated, inbound dynamic variables, the Cal.com webhook signature, metrics / slo /
 * healthz / readyz, and a whole booking through the Cal.com stand-in.
 *
 * @param name - The framework.
 * @param start - Starts a standalone server from an environment (embedded default otherwise).
 */
export function describeServerContract(
  name: string,
  start: (env: Readonly<Record<string, string>>) => Promise<ContractServer>,
): void {
  describe(`${name} server contract`, () => {
    let server: ContractServer;
    let retell: RetellClient;
    const call = (id: string, from = '+4917099887766'): RetellCall => ({
      call_id: id,
      agent_id: 'agent_demo',
      from_number: from,
      to_number: DEMO_NUMBER,
      direction: 'inbound',
      call_type: 'phone_call',
    });
    beforeAll(async () => {
      server = await start(CONTRACT_ENV);
      retell = new RetellClient(server.url, CONTRACT_ENV.RETELL_API_KEY);
    });
    afterAll(async () => {
      await server.close();
    });

    it('answers a signed tool call in the default body shape', async () => {
      const res = await retell.tool('list_services', {}, call('call_contract_list'));
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/Haarschnitt|Haare/);
    });

    it('answers an args-at-root tool call with the tenant from the configured header', async () => {
      const atRoot = new RetellClient(server.url, CONTRACT_ENV.RETELL_API_KEY, {
        [CONTRACT_ENV.TENANT_HEADER]: TENANT_ID,
      });
      const res = await atRoot.toolAtRoot('list_services', { category: 'Haare' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('Haarschnitt');
    });

    it.each(['/retell/tools', '/retell/webhook', '/retell/inbound'])(
      'refuses unsigned and tampered requests to %s with 401',
      async (path) => {
        const body = JSON.stringify({ event: 'call_started', call: call('call_contract_401') });
        expect((await retell.post(path, body, { signed: false })).status).toBe(401);
        const bad = await retell.post(path, body, {
          headers: { 'x-retell-signature': `v=${Date.now()},d=${'0'.repeat(64)}` },
        });
        expect(bad.status).toBe(401);
      },
    );

    it('answers 413 for a body over 1 MB and 400 for malformed JSON', async () => {
      const big = `{"name":"list_services","args":{"x":"${'a'.repeat(BODY_LIMIT_BYTES)}"}}`;
      expect((await retell.post('/retell/tools', big)).status).toBe(413);
      expect((await retell.post('/retell/tools', '{"name":"list_services",')).status).toBe(400);
    });

    it('records a call webhook once however often Retell delivers it', async () => {
      const before = metricValue(
        await (await fetch(`${server.url}/metrics`)).text(),
        'voicebook_call_duration_seconds_count',
      );
      const ended = {
        event: 'call_ended',
        call: {
          ...call('call_contract_dedupe'),
          start_timestamp: 1_700_000_000_000,
          end_timestamp: 1_700_000_041_000,
          duration_ms: 41_000,
          disconnection_reason: 'user_hangup',
        },
      };
      for (let i = 0; i < 3; i++) {
        const res = await retell.post('/retell/webhook', ended);
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(300);
      }
      const after = metricValue(
        await (await fetch(`${server.url}/metrics`)).text(),
        'voicebook_call_duration_seconds_count',
      );
      expect(after - before).toBe(1);
    });

    it('answers the inbound webhook with string dynamic variables of the tenant', async () => {
      const res = await retell.post('/retell/inbound', {
        event: 'call_inbound',
        call_inbound: {
          agent_id: 'agent_demo',
          from_number: '+4917011112222',
          to_number: DEMO_NUMBER,
        },
      });
      expect(res.status).toBe(200);
      const vars = (res.body as { call_inbound: { dynamic_variables: Record<string, unknown> } })
        .call_inbound.dynamic_variables;
      expect(Object.values(vars).every((v) => typeof v === 'string')).toBe(true);
      expect(Object.values(vars)).toContain('Salon Sonnenschein');
    });

    it('answers a check after the inbound prefetch from the cache (no slots request upstream)', async () => {
      const slotsReads = () =>
        server.app.standIn?.requests.filter((r) => r.operation === 'slots.find').length ?? 0;
      const lookups = async () =>
        metricValue(
          (await (await fetch(`${server.url}/metrics`)).text())
            .split('\n')
            .filter((l) => l.includes('key_group="slots"'))
            .join('\n'),
          'voicebook_cache_requests_total{',
        );
      const before = await lookups();
      const inbound = await retell.post('/retell/inbound', {
        event: 'call_inbound',
        call_inbound: {
          agent_id: 'agent_demo',
          from_number: '+4917033334444',
          to_number: DEMO_NUMBER,
        },
      });
      expect(inbound.status).toBe(200);
      // Every event type's range has been asked for (answered, or in flight: a check then joins it).
      for (let i = 0; i < 200 && (await lookups()) - before < PREFETCHED_EVENT_TYPES; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await lookups()) - before).toBeGreaterThanOrEqual(PREFETCHED_EVENT_TYPES);
      const upstream = slotsReads();
      const check = await retell.tool(
        'check_availability',
        { service: 'Haarschnitt', date: nextWeekday(9), time: '11:30' },
        call('call_contract_prefetch', '+4917033334444'),
      );
      expect(check.status).toBe(200);
      expect((check.body as { result?: string }).result).toMatch(/^(available|unavailable)$/);
      expect(slotsReads()).toBe(upstream);
    });

    it('verifies the Cal.com webhook signature', async () => {
      const body = JSON.stringify({
        triggerEvent: 'BOOKING_CANCELLED',
        createdAt: new Date().toISOString(),
        payload: {
          uid: 'uid-contract',
          eventTypeId: 1001,
          startTime: `${nextWeekday(3)}T08:00:00Z`,
          endTime: `${nextWeekday(3)}T08:30:00Z`,
        },
      });
      const post = (signature: string) =>
        fetch(`${server.url}/calcom/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-cal-signature-256': signature },
          body,
        });
      expect((await post(signCalcomWebhook(body, CONTRACT_ENV.CALCOM_WEBHOOK_SECRET))).status).toBe(
        200,
      );
      expect((await post(signCalcomWebhook(body, 'another-secret'))).status).toBe(401);
    });

    it('serves metrics, the SLO report, liveness and readiness', async () => {
      const metrics = await fetch(`${server.url}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await metrics.text()).toContain('voicebook_tool_calls_total');
      const slo = (await (await fetch(`${server.url}/slo`)).json()) as { slos: { name: string }[] };
      expect(slo.slos.map((s) => s.name)).toContain('booking_success');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: true,
        redis: { status: 'disabled' },
        calcom: { status: 'ok' },
        breakers: [{ read: 'closed', write: 'closed' }],
      });
    });

    it('books once through the stand-in, however often the booking is retried', async () => {
      const date = nextWeekday(4);
      const c = call('call_contract_book', '+4917055554444');
      const check = await retell.tool(
        'check_availability',
        { service: 'Haarschnitt', date, time: '10:00' },
        c,
      );
      expect(check.status).toBe(200);
      const args = {
        service: 'Haarschnitt',
        date,
        time: '10:00',
        customer_name: 'Erika Muster',
        confirmed: true,
      };
      const first = await retell.tool('book_appointment', args, c);
      const retry = await retell.tool('book_appointment', args, c);
      expect(first.status).toBe(200);
      expect(retry.text).toBe(first.text);
      const booked =
        server.app.standIn
          ?.bookings()
          .filter((b) => b.status === 'accepted' && b.start.startsWith(date)) ?? [];
      expect(booked).toHaveLength(1);
      const again = await retell.tool(
        'check_availability',
        { service: 'Haarschnitt', date, time: '10:00' },
        call('call_contract_other'),
      );
      expect(again.text).not.toBe(check.text);
    });
  });
}
