// Alternatives when the first wish is taken, against the stand-in at Cal.com's realistic latency
// (slots 300–800 ms, 1 % hangs): what the engine does (checkAvailability over
// createCalcomCalendarProvider with its defaults: ONE slots range query) against the old system's
// sequential loop (check the wish, then re-check Cal.com once per guess, 2 guesses, no cache),
// both measured in this run. Run: `pnpm bench` (or `tsx --conditions=@voicebook/source
// bench/availability.bench.ts`).
import { createCalcomClient, type CalcomClient } from '@voicebook/calcom-client';
import { startCalcomMock } from '@voicebook/calcom-mock';
import { DateTime } from 'luxon';
import { checkAvailability, prefetch } from '../src/availability/index.js';
import { createCalcomCalendarProvider } from '../src/index.js';
import type { Tenant } from '../src/index.js';

const NOW = Date.parse('2026-11-25T08:00:00.000Z'); // Wednesday 09:00 in Berlin
const ZONE = 'Europe/Berlin';
const WISH = '2026-11-26T10:00:00.000+01:00'; // taken in the stand-in's fixture

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

function tenantOf(url: string, apiKey: string): Tenant {
  const day = [{ open: '09:00', close: '18:00' }];
  return {
    id: 'salon',
    companyName: 'Salon Demo',
    zone: ZONE,
    locale: 'de',
    calendar: { apiKey, baseUrl: url },
    phoneNumbers: [],
    agentIds: [],
    services: [
      { id: 'cut', name: 'Haarschnitt', synonyms: [], durationMinutes: 30, eventTypeId: 1001 },
    ],
    staff: [],
    policies: {
      minNoticeToBookMinutes: 60,
      minNoticeToCancelMinutes: 60,
      minNoticeToRescheduleMinutes: 60,
      maxDaysAhead: 30,
      businessHours: {
        1: day,
        2: day,
        3: day,
        4: day,
        5: day,
        6: [{ open: '09:00', close: '14:00' }],
      },
      whenCalendarDown: 'fail',
    },
  };
}

/** The old loop: is the wish free? If not, guess +30 min, then +60 min, re-asking Cal.com each time. */
async function oldLoop(client: CalcomClient): Promise<string[]> {
  const wish = DateTime.fromISO(WISH, { zone: ZONE });
  const isFree = async (t: DateTime): Promise<boolean> => {
    const day = t.toISODate() ?? '';
    const { slots } = await client.slots.find({
      eventTypeId: 1001,
      start: day,
      end: day,
      timeZone: ZONE,
    });
    return (slots[day] ?? []).some((s) => Date.parse(s.start) === t.toMillis());
  };
  if (await isFree(wish)) return [];
  const found: string[] = [];
  for (const guess of [wish.plus({ minutes: 30 }), wish.plus({ minutes: 60 })]) {
    if (await isFree(guess)) found.push(guess.toISO() ?? '');
  }
  return found;
}

async function sample(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Prints time to an answer (p50 / p99) of ours and of the old loop, with the ratio. */
export async function runAvailabilityBench(samples = 15): Promise<void> {
  const mock = await startCalcomMock({
    port: 0,
    now: () => new Date(NOW),
    latency: 'realistic',
    seed: 7,
    contract: 'off',
  });
  try {
    const tenant = tenantOf(mock.url, mock.apiKey);
    const service = tenant.services[0]!;
    const request = { start: WISH };
    const slotsBefore = () => mock.requests.filter((r) => r.operation === 'slots.find').length;

    let ourRequests = slotsBefore();
    let alternatives = 0;
    // A new provider per sample: a cold cache, as at the first check of a call.
    const ours = await sample(samples, async () => {
      const calendar = createCalcomCalendarProvider();
      const r = await checkAvailability({ tenant, service, request, calendar, now: NOW });
      alternatives = r.alternatives.length;
    });
    ourRequests = slotsBefore() - ourRequests;

    const warmCalendar = createCalcomCalendarProvider();
    await prefetch({ tenant, calendar: warmCalendar, now: NOW });
    let warmRequests = slotsBefore();
    const warm = await sample(samples, () =>
      checkAvailability({ tenant, service, request, calendar: warmCalendar, now: NOW }),
    );
    warmRequests = slotsBefore() - warmRequests;

    let oldRequests = slotsBefore();
    let oldFound = 0;
    const old = await sample(samples, async () => {
      oldFound = (
        await oldLoop(createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false }))
      ).length;
    });
    oldRequests = slotsBefore() - oldRequests;

    const rows: string[][] = [
      ['what', 'p50', 'p99', 'slots requests / answer', 'alternatives'],
      [
        'old loop (wish + 2 guesses, no cache)',
        ms(pct(old, 50)),
        ms(pct(old, 99)),
        (oldRequests / samples).toFixed(1),
        String(oldFound),
      ],
      [
        'ours, cold cache (one range query)',
        ms(pct(ours, 50)),
        ms(pct(ours, 99)),
        (ourRequests / samples).toFixed(1),
        String(alternatives),
      ],
      [
        'ours after prefetch (call start)',
        ms(pct(warm, 50)),
        ms(pct(warm, 99)),
        (warmRequests / samples).toFixed(1),
        String(alternatives),
      ],
    ];
    console.log(
      `\nAvailability, first wish taken, stand-in latency 'realistic', ${String(samples)} samples each`,
    );
    for (const r of rows)
      console.log(r.map((c, i) => (i === 0 ? c.padEnd(40) : c.padStart(12))).join(' '));
    const ratio = (a: number, b: number) => `${(a / b).toFixed(3)}×`;
    console.log(
      `ratio ours/old: cold p50 ${ratio(pct(ours, 50), pct(old, 50))}, p99 ${ratio(pct(ours, 99), pct(old, 99))}; ` +
        `after prefetch p50 ${ratio(pct(warm, 50), pct(old, 50))}, p99 ${ratio(pct(warm, 99), pct(old, 99))}`,
    );
  } finally {
    await mock.close();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runAvailabilityBench();
