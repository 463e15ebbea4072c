/**
 * The voicebook demo: a call simulator. It starts the Fastify reference server with the embedded
 * defaults (the Cal.com stand-in in-process at realistic latency, in-memory stores, the demo
 * tenant) and plays scripted calls the way Retell does — signed requests in both body shapes —
 * then the same calls through a baseline that behaves like the old backend, the multi-service
 * plan, the success metrics and the SLO summary from `/slo`.
 *
 * Run: `pnpm demo` (root).
 */
import { DEMO_TENANT, listServices, type Service } from '@voicebook/booking-engine';
import { listenFastify } from '@voicebook/fastify-server';
import { createVoicebookApp, loadConfig } from '@voicebook/server-core';
import { RetellClient, nextWeekday } from '@voicebook/server-core/client';
import { BaselineBackend } from './baseline.js';
import { playCall, type PlayedCall } from './calls.js';
import { predictCallMs, quantile, type Turn } from './latency-model.js';
import { demoScripts } from './scripts.js';

const out = (t = '') => process.stdout.write(`${t}\n`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const API_KEY = 'key_demo_0123456789abcdef';
const REALISTIC = {
  'slots.find': { minMs: 300, maxMs: 800 },
  'bookings.create': { minMs: 500, maxMs: 2000 },
  '*': { minMs: 100, maxMs: 400 },
};

let hits = 0;
let misses = 0;
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  RETELL_API_KEY: API_KEY,
  TENANT_HEADER: 'x-voicebook-tenant',
  CALCOM_WEBHOOK_SECRET: 'whsec_demo_simulator',
  LOG_LEVEL: 'silent',
});
const app = await createVoicebookApp(config, {
  standInLatency: REALISTIC,
  onCalcomEvent: (e) => {
    if (e.type === 'cache:hit') hits++;
    if (e.type === 'cache:miss') misses++;
  },
});
const server = await listenFastify({ app, config });
const mock = app.standIn;
if (!mock) throw new Error('the simulator needs the embedded stand-in');
mock.addWebhook({ url: `${server.url}/calcom/webhook`, secret: 'whsec_demo_simulator' });
try {
  out(
    `voicebook call simulator — Fastify server ${server.url}, Cal.com stand-in ${mock.url} (realistic latency)\n`,
  );
  const retell = new RetellClient(server.url, API_KEY);
  const rootClient = (callId: string) =>
    new RetellClient(server.url, API_KEY, {
      'x-voicebook-tenant': DEMO_TENANT.id,
      'x-retell-call-id': callId,
    });
  const days = { d1: nextWeekday(3), d2: nextWeekday(4), d3: nextWeekday(5), d4: nextWeekday(8) };
  const played: PlayedCall[] = [];
  for (const script of demoScripts(days, mock)) {
    const call = await playCall(script, {
      retell,
      rootClient,
      toNumber: '+4930123456',
      agentId: 'agent_demo',
      pauseMsPerWord: 5,
      // Without it, a booking made elsewhere while the prefetch runs is followed at once by a
      // check that joins the prefetch's read from before that booking (calcom-client, reported).
      greetingMs: 1_500,
      upstreamReads: () => mock.requests.filter((r) => r.operation === 'slots.find').length,
    });
    played.push(call);
    const ms = predictCallMs(call.turns);
    await retell.post('/retell/webhook', {
      event: 'call_ended',
      call: {
        call_id: script.callId,
        agent_id: 'agent_demo',
        from_number: script.from,
        to_number: '+4930123456',
        start_timestamp: Date.now() - ms,
        end_timestamp: Date.now(),
        duration_ms: Math.round(ms),
        disconnection_reason: 'agent_hangup',
      },
    });
    out(`── ${script.title}`);
    for (const line of call.lines) out(line);
    out(`   predicted call duration: ${s(ms)}\n`);
  }

  // --- the same calls through the old backend ------------------------------------------------
  const baseline = new BaselineBackend({
    ...DEMO_TENANT,
    calendar: { ...DEMO_TENANT.calendar, apiKey: mock.apiKey, baseUrl: mock.url },
  });
  const far = nextWeekday(20);
  const baselineMs = await Promise.all(
    played.map(async (call, i) => {
      const turns: Turn[] = [];
      let hour = 9 + i;
      for (const turn of call.turns) {
        if (turn.who === 'caller' || turn.toolMs === undefined) {
          turns.push(turn);
          continue;
        }
        const tool =
          call.tools[turns.filter((t) => t.who === 'agent' && t.toolMs !== undefined).length]
            ?.tool ?? '';
        let ms = 0;
        let text = turn.text;
        if (tool === 'list_services') text = baseline.listServicesSentence();
        else if (tool === 'check_availability')
          ms = await baseline.checkAvailability(
            'Haarschnitt',
            far,
            `${String(hour).padStart(2, '0')}:00`,
          );
        else if (tool === 'resolve_name') ms = baseline.resolveName('Schmidt');
        else if (tool === 'book_appointment' || tool === 'reschedule_appointment')
          ms = await baseline.book(
            'Haarschnitt',
            `${far}T${String(hour++).padStart(2, '0')}:00:00+01:00`,
            'Baseline Caller',
          );
        else ms = await baseline.listBookings();
        turns.push({ who: 'agent', text, toolMs: [ms] });
      }
      // The old line had no inbound webhook: initialize_call ran as a tool at the start.
      turns.unshift({ who: 'agent', text: '', toolMs: [await baseline.listBookings()] });
      return predictCallMs(turns);
    }),
  );
  out(
    "Predicted call durations (latency model: LLM turn 1 s, speech in and out, the caller's turns):",
  );
  out(`  ${'call'.padEnd(72)} voicebook  baseline`);
  played.forEach((c, i) =>
    out(
      `  ${c.script.title.padEnd(72)} ${s(predictCallMs(c.turns)).padStart(8)}  ${s(baselineMs[i] ?? Number.NaN).padStart(8)}`,
    ),
  );

  // --- the multi-service plan --------------------------------------------------------------------
  out('\nMulti-service plan (the old analysis expected 30–35 s, 40–50 s, 50–60 s, 60–90 s):');
  const checkMs = quantile(
    played.flatMap((c) =>
      c.tools.filter((t) => t.tool === 'check_availability').map((t) => t.rttMs),
    ),
    0.5,
  );
  const bookMs = quantile(
    played.flatMap((c) => c.tools.filter((t) => t.tool === 'book_appointment').map((t) => t.rttMs)),
    0.5,
  );
  const expected = ['30–35 s', '40–50 s', '50–60 s', '60–90 s'];
  const CATS = ['Haare', 'Farbe', 'Pflege', 'Kosmetik'];
  for (const [i, n] of [1, 5, 10, 20].entries()) {
    const services: Service[] = Array.from({ length: n }, (_, k) => ({
      id: `s${k}`,
      name: `Leistung ${k + 1}`,
      synonyms: [],
      category: CATS[Math.floor(k / 5)],
      durationMinutes: 30,
      eventTypeId: 1001,
    }));
    const tenant = { services, locale: 'de' as const };
    const first = listServices(tenant);
    const selection: Turn[] =
      n === 1
        ? []
        : [
            { who: 'agent', text: first.say.de, toolMs: [5] },
            { who: 'caller', text: 'Das Erste, bitte.' },
          ];
    if (first.kind === 'categories')
      selection.push(
        { who: 'agent', text: listServices(tenant, { category: CATS[0] }).say.de, toolMs: [5] },
        { who: 'caller', text: 'Leistung eins.' },
      );
    const core: Turn[] = [
      { who: 'caller', text: 'Ich möchte einen Termin am Dienstag um zehn Uhr.' },
      {
        who: 'agent',
        text: 'Dienstag um zehn Uhr ist frei. Soll ich das für Sie buchen?',
        toolMs: [checkMs],
      },
      { who: 'caller', text: 'Ja, bitte.' },
      {
        who: 'agent',
        text: 'Gebucht: Dienstag um zehn Uhr. Vielen Dank, auf Wiederhören!',
        toolMs: [bookMs],
      },
    ];
    const ours = predictCallMs([
      { who: 'agent', text: 'Salon, guten Tag! Wie kann ich helfen?' },
      { who: 'caller', text: 'Ich hätte gern einen Termin.' },
      ...selection,
      ...core,
    ]);
    // The old agent read every service and checked alternatives one by one; no categories.
    const oldList: Turn[] =
      n === 1
        ? []
        : [
            { who: 'agent', text: `Wir bieten ${services.map((x) => x.name).join(', ')} an.` },
            { who: 'caller', text: 'Das Erste, bitte.' },
          ];
    const old = predictCallMs([
      { who: 'agent', text: 'Salon, guten Tag!', toolMs: [600] },
      { who: 'caller', text: 'Ich hätte gern einen Termin.' },
      ...oldList,
      ...core.map((t) => (t.who === 'agent' ? { ...t, toolMs: [1650] } : t)),
    ]);
    out(
      `  ${String(n).padStart(2)} services: voicebook ${s(ours).padStart(7)} (${first.kind === 'categories' ? 'categories first' : 'listed'}), baseline ${s(old).padStart(7)}, analysis ${expected[i]}`,
    );
  }

  // --- success metrics ---------------------------------------------------------------------------
  const durations = played.map((c) => predictCallMs(c.turns));
  const bookingCalls = played.filter((c) => c.script.books);
  const toolRtts = played.flatMap((c) => c.tools.map((t) => t.rttMs));
  const hitRate = hits + misses === 0 ? 0 : hits / (hits + misses);
  const checks = played.flatMap((c) => c.tools.filter((t) => t.tool === 'check_availability'));
  const cachedChecks = checks.filter((t) => t.upstreamReads === 0).length;
  const checkHitRate = checks.length === 0 ? 0 : cachedChecks / checks.length;
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
  out("\nSuccess metrics (the old analysis's targets):");
  out(
    `  call P50 ${s(quantile(durations, 0.5))} (< 45 s: ${mark(quantile(durations, 0.5) < 45_000)}), P95 ${s(quantile(durations, 0.95))} (< 60 s: ${mark(quantile(durations, 0.95) < 60_000)})`,
  );
  const success = bookingCalls.filter((c) => c.booked).length / bookingCalls.length;
  out(`  booking success ${(success * 100).toFixed(0)} % (> 95 %: ${mark(success > 0.95)})`);
  out(
    `  tool p95 ${quantile(toolRtts, 0.95).toFixed(0)} ms (< 3 s: ${mark(quantile(toolRtts, 0.95) < 3000)})`,
  );
  out(
    `  cache hit rate ${(checkHitRate * 100).toFixed(0)} % of the checks answered without a Cal.com read (> 75 %: ${mark(checkHitRate > 0.75)}; ${cachedChecks} of ${checks.length}); all slot look-ups incl. the prefetch's ${(hitRate * 100).toFixed(0)} % (${hits} hits, ${misses} misses: each booking invalidates its event type's range)`,
  );

  const slo = (await (await fetch(`${server.url}/slo`)).json()) as {
    slos: { name: string; objective: number; sli: number | null }[];
  };
  out('\nSLO report (GET /slo):');
  for (const x of slo.slos)
    out(
      `  ${x.name.padEnd(28)} objective ${(x.objective * 100).toFixed(1)} %  SLI ${x.sli === null ? 'no events yet' : `${(x.sli * 100).toFixed(1)} %`}`,
    );
} finally {
  await server.close();
}
