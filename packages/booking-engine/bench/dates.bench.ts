// parseSpokenDateTime per call (what every check_availability / book tool call pays), with the
// defaults a user gets, beside a baseline measured in the same run: luxon's
// DateTime.fromFormat of the numeric form the old agent sent (`DD.MM.YYYY` + `HH:MM`), which
// reads only that one form. Run: `pnpm bench` (bench/index.ts).
import { DateTime } from 'luxon';
import { parseSpokenDateTime } from '../src/index.js';
import type { SpokenDateTimeContext, SpokenDateTimeInput } from '../src/index.js';

const context: SpokenDateTimeContext = {
  now: new Date('2026-03-30T09:00:00+02:00'),
  zone: 'Europe/Berlin',
  locale: 'de',
};
const NUMERIC = { date: '24.10.2026', time: '14:30' };
const PHRASES: readonly SpokenDateTimeInput[] = [
  'nächsten Dienstag um halb drei',
  'morgen um 15 Uhr',
  'übermorgen Viertel vor drei',
  'am ersten April um 10 Uhr 30',
  'in drei Tagen abends um acht',
  'Dienstag nächste Woche um 9',
  'tomorrow at 4pm',
  'the 3rd of May at half past two',
  { date: 'morgen', time: '14:30' },
  { date: 'nächsten Freitag', time: 'halb elf' },
];
const ROUNDS = 20_000;

function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(run: (i: number) => unknown): { p50: number; p99: number } {
  for (let i = 0; i < 5_000; i++) run(i); // JIT warm-up, as on a running server
  const times = new Float64Array(ROUNDS);
  for (let i = 0; i < ROUNDS; i++) {
    const s = performance.now();
    run(i);
    times[i] = performance.now() - s;
  }
  const sorted = Array.from(times).sort((a, b) => a - b);
  return { p50: pct(sorted, 0.5) * 1000, p99: pct(sorted, 0.99) * 1000 };
}

/** Times the parser against the baseline and prints one table. */
export function runDatesBench(): void {
  const baseline = measure(() =>
    DateTime.fromFormat(`${NUMERIC.date} ${NUMERIC.time}`, 'dd.MM.yyyy HH:mm', {
      zone: context.zone,
    }).toISO(),
  );
  const rows: [string, { p50: number; p99: number }][] = [
    ['baseline: luxon fromFormat(DD.MM.YYYY HH:MM)', baseline],
    ['parseSpokenDateTime numeric fields', measure(() => parseSpokenDateTime(NUMERIC, context))],
    [
      `parseSpokenDateTime ${String(PHRASES.length)} spoken phrases`,
      measure((i) => parseSpokenDateTime(PHRASES[i % PHRASES.length] ?? '', context)),
    ],
  ];

  console.log(
    `\nspoken dates: per parse, ${String(ROUNDS)} calls each (µs; ratio to the baseline)`,
  );
  console.log('| what | p50 µs | p99 µs | p50 ratio | p99 ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, r] of rows) {
    const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
    console.log(
      `| ${name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${ratio(r.p50, baseline.p50)} | ${ratio(r.p99, baseline.p99)} |`,
    );
  }
}
