// `engine.book` overhead over a bare `client.bookings.create` of the same request against the
// stand-in at zero latency (both measured in this run, on alternating free slots, the load average
// printed), with the engine's defaults (memory
// stores, createCalcomCalendarProvider); and `engine.resolveService` per call against a naive
// Levenshtein scan over every service name and synonym. Run: `pnpm bench`.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
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
export async function runBookBench(pairs = 600): Promise<void> {
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
    // Both bookings of a pair are cancelled after it (untimed), so the slots serve again and p99
    // rests on hundreds of samples; who goes first alternates.
    const half = Math.floor(free.length / 2);
    const n = pairs;
    const series = { engine: [] as number[], bare: [] as number[] };
    const cpu = { engine: [] as number[], bare: [] as number[] };
    const timed = async <T>(key: 'engine' | 'bare', run: () => Promise<T>): Promise<T> => {
      const c = process.cpuUsage();
      const t = performance.now();
      const out = await run();
      series[key].push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu[key].push((used.user + used.system) / 1000);
      return out;
    };
    for (let i = 0; i < n; i += 1) {
      const j = i % half;
      const ctx = await engine.resolveCall({
        callId: `bench-${i}`,
        toNumber: '+4930123456',
        fromNumber: `+49171${String(3_000_000 + i)}`,
      });
      const viaEngine = () =>
        timed('engine', () =>
          engine.book(ctx, {
            serviceId: 'haarschnitt',
            start: free[2 * j] ?? '',
            customerName: 'Bench',
          }),
        );
      // The very request the engine's provider sends (phone, language, length, key, metadata),
      // so the difference is the engine's own work.
      const bare = () =>
        timed('bare', () =>
          client.bookings.create({
            eventTypeId: 1001,
            start: new Date(Date.parse(free[2 * j + 1] ?? '')).toISOString(),
            lengthInMinutes: 30,
            attendee: {
              name: 'Bench',
              phoneNumber: `+49171${String(4_000_000 + i)}`,
              timeZone: tenant.zone,
              language: tenant.locale,
            },
            idempotencyKey: `bk_bench_${String(i).padStart(32, '0')}`,
            metadata: { voicebook_tenant: tenant.id, voicebook_appointment: randomUUID() },
          }),
        );
      let r: Awaited<ReturnType<typeof viaEngine>>;
      let other: Awaited<ReturnType<typeof bare>>;
      if (i % 2 === 0) {
        r = await viaEngine();
        other = await bare();
      } else {
        other = await bare();
        r = await viaEngine();
      }
      if (r.status !== 'booked') throw new Error(`bench booking ${i} was ${r.status}`);
      await client.bookings.cancel(r.appointment.bookingUid ?? '', {});
      await client.bookings.cancel(other.uid, {});
    }
    const drop = Math.min(20, Math.floor(n / 10)); // warm-up
    const load = loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
    console.log(`book (${n - drop} pairs, stand-in latency 0, load average ${load})`);
    for (const [kind, xs] of [
      ['wall', series],
      ['CPU', cpu],
    ] as const) {
      const e = xs.engine.slice(drop);
      const b = xs.bare.slice(drop);
      for (const p of [50, 99]) {
        console.log(
          `  ${kind} p${p}: engine.book ${f(pct(e, p))} vs bare bookings.create ${f(pct(b, p))}` +
            ` → added ${f(pct(e, p) - pct(b, p))} (×${(pct(e, p) / pct(b, p)).toFixed(2)})`,
        );
      }
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
