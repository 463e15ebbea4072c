// `engine.book` overhead over a bare `client.bookings.create` against the stand-in at zero latency
// (both measured in this run, on alternating free slots), with the engine's defaults (memory
// stores, createCalcomCalendarProvider); and `engine.resolveService` per call against a naive
// Levenshtein scan over every service name and synonym. Run: `pnpm bench`.
import { createCalcomClient } from '@voicebook/calcom-client';
import { parseFixture, startCalcomMock } from '@voicebook/calcom-mock';
import {
  createBookingEngine,
  createCalcomCalendarProvider,
  DEMO_CALENDAR_FIXTURE,
  DEMO_TENANT,
  MemoryTenantDirectory,
} from '../src/index.js';

const NOW = Date.parse('2026-11-25T08:00:00.000Z'); // Wednesday 09:00 in Berlin
const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const f = (x: number) => `${x.toFixed(2)} ms`;

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

/** Runs the booking and name-resolution benchmarks and prints p50/p99 beside their baselines. */
export async function runBookBench(pairs = 150): Promise<void> {
  const t0 = performance.now();
  const now = () => Math.floor(NOW + (performance.now() - t0));
  const mock = await startCalcomMock({
    port: 0,
    now: () => new Date(NOW),
    fixture: parseFixture(DEMO_CALENDAR_FIXTURE),
    contract: 'off',
  });
  try {
    const tenant = { ...DEMO_TENANT, calendar: { ...DEMO_TENANT.calendar, baseUrl: mock.url } };
    const engine = createBookingEngine({
      tenants: new MemoryTenantDirectory([tenant]),
      calendar: createCalcomCalendarProvider(),
      now,
    });
    const client = createCalcomClient({ apiKey: tenant.calendar.apiKey, baseUrl: mock.url });
    const { slots } = await client.slots.find({
      eventTypeId: 1001,
      start: '2026-11-26',
      end: '2026-12-20',
      timeZone: tenant.zone,
    });
    const free = Object.values(slots)
      .flat()
      .map((s) => s.start);
    const n = Math.min(pairs, Math.floor(free.length / 2));
    const engineMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const ctx = await engine.resolveCall({
        callId: `bench-${i}`,
        toNumber: '+4930123456',
        fromNumber: `+49171${String(3_000_000 + i)}`,
      });
      let t = performance.now();
      const r = await engine.book(ctx, {
        serviceId: 'haarschnitt',
        start: free[2 * i] ?? '',
        customerName: 'Bench',
      });
      engineMs.push(performance.now() - t);
      if (r.status !== 'booked') throw new Error(`bench booking ${i} was ${r.status}`);
      t = performance.now();
      await client.bookings.create({
        eventTypeId: 1001,
        start: free[2 * i + 1] ?? '',
        attendee: { name: 'Bench', email: 'bench@example.com', timeZone: tenant.zone },
      });
      bareMs.push(performance.now() - t);
    }
    const drop = Math.min(10, Math.floor(n / 10)); // warm-up
    const e = engineMs.slice(drop);
    const b = bareMs.slice(drop);
    console.log(`book (${e.length} pairs, stand-in latency 0)`);
    for (const p of [50, 99]) {
      console.log(
        `  p${p}: engine.book ${f(pct(e, p))} vs bare bookings.create ${f(pct(b, p))}` +
          ` → added ${f(pct(e, p) - pct(b, p))} (×${(pct(e, p) / pct(b, p)).toFixed(2)})`,
      );
    }

    const ctx = await engine.resolveCall({ callId: 'names', toNumber: '+4930123456' });
    const queries = [
      'Harschnitt',
      'Haare schneiden',
      'Färbn',
      'Dauer welle',
      'Stailing',
      'Beratunk',
    ];
    const names = tenant.services.flatMap((s) =>
      [s.name, ...s.synonyms].map((x) => [s.id, x.toLowerCase()] as const),
    );
    const resolveMs: number[] = [];
    const scanMs: number[] = [];
    for (let round = 0; round < 200; round += 1) {
      for (const q of queries) {
        let t = performance.now();
        await engine.resolveService(ctx, q);
        resolveMs.push(performance.now() - t);
        t = performance.now();
        let best = Infinity;
        for (const [, name] of names) best = Math.min(best, levenshtein(q.toLowerCase(), name));
        scanMs.push(performance.now() - t);
      }
    }
    console.log(`resolveService (${resolveMs.length} calls)`);
    for (const p of [50, 99]) {
      console.log(
        `  p${p}: engine.resolveService ${f(pct(resolveMs, p))} vs Levenshtein scan ${f(pct(scanMs, p))}` +
          ` (×${(pct(resolveMs, p) / Math.max(pct(scanMs, p), 1e-6)).toFixed(2)})`,
      );
    }
  } finally {
    await mock.close();
  }
}
