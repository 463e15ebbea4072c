// Service- and staff-name resolution per call: TenantNameIndexes (what the engine calls, with
// its defaults) against two baselines measured in the same run — a phonetic index built for
// every call (no per-tenant index), and the old service's sequential Levenshtein scan over every
// name and synonym. Run: `tsx --conditions=@voicebook/source bench/name-resolution.ts`.
import { createNameIndex, normalizeName } from '@voicebook/phonetic-matcher';
import { DEMO_TENANT, TenantNameIndexes, type Tenant } from '../src/index.js';

const SERVICE_QUERIES = [
  'Haarschnitt', 'Harschnitt', 'Haare schneiden', 'schneiden', 'Färben', 'Färbn', 'ferben',
  'Dauerwelle', 'Dauer welle', 'Styling', 'Stailing', 'Föhnen', 'Beratung', 'Beratunk', 'Maniküre',
]; // prettier-ignore
const STAFF_QUERIES = [
  'Anna Schmidt', 'Frau Schmidt', 'Herr Schmitt', 'Schmidt', 'Katharina', 'Frau Hofmann',
  'die Kathi', 'Stefan', 'Herr Özdemir', 'Schmitt',
]; // prettier-ignore

/** A tenant with 20 services and 30 staff, so sizes beyond the demo are measured too. */
function largeTenant(): Tenant {
  const first = ['Anna', 'Lena', 'Mia', 'Paul', 'Jonas', 'Lukas', 'Sophie', 'Marie', 'Felix', 'Leon']; // prettier-ignore
  const last = ['Müller', 'Meyer', 'Schulz', 'Becker', 'Wagner', 'Fischer', 'Weber', 'Koch', 'Richter', 'Klein']; // prettier-ignore
  const extra = ['Pony schneiden', 'Bart trimmen', 'Kopfmassage', 'Strähnen', 'Balayage', 'Glätten', 'Hochsteckfrisur', 'Kinderschnitt', 'Herrenschnitt', 'Waschen', 'Kur', 'Tönung', 'Augenbrauen', 'Wimpern', 'Make-up']; // prettier-ignore
  return {
    ...DEMO_TENANT,
    id: 'large',
    services: [
      ...DEMO_TENANT.services,
      ...extra.map((name, i) => ({ id: `x${String(i)}`, name, synonyms: [], durationMinutes: 30, eventTypeId: 1001 })), // prettier-ignore
    ],
    staff: [
      ...DEMO_TENANT.staff,
      ...Array.from({ length: 27 }, (_, i) => ({
        id: `s${String(i)}`,
        firstName: first[i % 10] ?? 'Anna',
        lastName: `${last[(i * 3) % 10] ?? 'Weber'}${i >= 10 ? `-${last[i % 10] ?? ''}` : ''}`,
      })),
    ],
  };
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1)); // prettier-ignore
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

/** The old way: every name and synonym, one after the other, best similarity wins. */
function naiveScan(names: readonly { id: string; names: string[] }[], spoken: string): string {
  const q = normalizeName(spoken);
  let best = '';
  let bestScore = 0;
  for (const entry of names) {
    for (const n of entry.names) {
      const t = normalizeName(n);
      const score = 1 - levenshtein(q, t) / Math.max(q.length, t.length, 1);
      if (score > bestScore) [best, bestScore] = [entry.id, score];
    }
  }
  return bestScore >= 0.8 ? best : '';
}

function time(rounds: number, queries: readonly string[], fn: (q: string) => unknown): number[] {
  for (let w = 0; w < 20; w++) for (const q of queries) fn(q); // warm-up (JIT)
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = process.hrtime.bigint();
      fn(q);
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return out.sort((a, b) => a - b);
}

const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (v: number) => `${v.toFixed(3)} ms`;
const ratio = (r: number) => (r >= 1 ? `${r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`);

function report(label: string, subject: number[], baselines: [string, number[]][]): void {
  console.log(`  ${label.padEnd(36)} p50 ${ms(pct(subject, 50)).padStart(10)} | p99 ${ms(pct(subject, 99)).padStart(10)}`); // prettier-ignore
  for (const [name, b] of baselines) {
    const r50 = pct(b, 50) / Math.max(pct(subject, 50), 1e-6);
    const r99 = pct(b, 99) / Math.max(pct(subject, 99), 1e-6);
    console.log(`    vs ${name.padEnd(32)} p50 ${ms(pct(b, 50)).padStart(10)} | p99 ${ms(pct(b, 99)).padStart(10)} | p50 ${ratio(r50)}, p99 ${ratio(r99)}`); // prettier-ignore
  }
}

/** Runs the name-resolution bench and prints each figure beside its baselines. */
export function runNameResolutionBench(rounds = 200): void {
  for (const tenant of [DEMO_TENANT, largeTenant()]) {
    console.log(`== name resolution, ${String(tenant.services.length)} services / ${String(tenant.staff.length)} staff ==`); // prettier-ignore
    const names = new TenantNameIndexes();
    const cold = new TenantNameIndexes({ matcher: { cacheSize: 0 } });
    const serviceNames = tenant.services.map((s) => ({ id: s.id, names: [s.name, ...s.synonyms] }));
    const staffNames = tenant.staff.map((m) => ({ id: m.id, names: [`${m.firstName ?? ''} ${m.lastName}`, m.lastName] })); // prettier-ignore
    const perCall = (q: string) => createNameIndex(tenant.services.map((s) => ({ id: s.id, name: s.name, aliases: s.synonyms }))).match(q); // prettier-ignore
    const service = time(rounds, SERVICE_QUERIES, (q) => names.resolveService(tenant, q));
    report('resolveService (defaults)', service, [
      ['index built per call', time(Math.ceil(rounds / 10), SERVICE_QUERIES, perCall)],
      ['sequential Levenshtein scan', time(rounds, SERVICE_QUERIES, (q) => naiveScan(serviceNames, q))], // prettier-ignore
    ]);
    report('resolveService (no LRU, cacheSize 0)', time(rounds, SERVICE_QUERIES, (q) => cold.resolveService(tenant, q)), [
      ['sequential Levenshtein scan', time(rounds, SERVICE_QUERIES, (q) => naiveScan(serviceNames, q))], // prettier-ignore
    ]); // prettier-ignore
    report('resolveStaff (no LRU) + refine turn', time(rounds, STAFF_QUERIES, (q) => cold.resolveStaff(tenant, 'Anna', [q])), [
      ['sequential Levenshtein scan', time(rounds, STAFF_QUERIES, (q) => naiveScan(staffNames, q))], // prettier-ignore
    ]); // prettier-ignore
    console.log(`  index builds: ${String(names.builds)} for ${String(rounds * SERVICE_QUERIES.length)} calls`); // prettier-ignore
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) runNameResolutionBench();
