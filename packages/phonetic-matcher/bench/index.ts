/**
 * `pnpm bench`: this index vs the naive baseline (normalise + talisman Levenshtein over every
 * name, what the old service did) vs fuse.js, at 100 / 10,000 / 100,000 names, in one run.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import Fuse from 'fuse.js';
import { createNameIndex, normalizeName } from '../src/index.js';
import { levenshtein } from '../src/talisman.js';
import { makePeople, makeQueries } from '../test/dataset.js';
import type { LabelledQuery, Person } from '../test/dataset.js';
import { evaluate } from '../test/evaluate.js';
import type { Ranked, Scores } from '../test/evaluate.js';
import { dialogueAccuracy, makeTenants } from '../test/dialogue-dataset.js';

/**
 * A full garbage collection before each timed phase, so one phase's garbage (a 100,000-name
 * fuse.js index) is not collected inside the next phase's timings; garbage a matcher makes
 * itself is still collected while it is timed.
 */
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

interface Row {
  name: string;
  buildMs: number;
  p50: number;
  p99: number;
  scores: Scores;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(
  name: string,
  build: () => (q: string) => Ranked,
  queries: readonly LabelledQuery[],
  warm: number,
): Row {
  const t0 = performance.now();
  const run = build();
  const buildMs = performance.now() - t0;
  // warm-up (JIT), as on a running server; the O(n) baselines get a shorter one at large sizes
  // to bound run time
  for (const q of queries.slice(0, warm)) run(q.query);
  collect();
  const times: number[] = [];
  const timed = (q: string): Ranked => {
    const s = performance.now();
    const r = run(q);
    times.push(performance.now() - s);
    return r;
  };
  const scores = evaluate(queries, timed);
  times.sort((a, b) => a - b);
  return { name, buildMs, p50: pct(times, 0.5), p99: pct(times, 0.99), scores };
}

function naive(people: readonly Person[]): (q: string) => Ranked {
  const folded = people.map((p) => ({
    id: p.id,
    full: normalizeName(p.name),
    toks: normalizeName(p.name).split(' '),
  }));
  return (q) => {
    const fq = normalizeName(q);
    const scored: { id: string; s: number }[] = [];
    for (const e of folded) {
      const sim = (a: string, b: string): number =>
        1 - levenshtein(a, b) / Math.max(a.length, b.length, 1);
      let s = sim(fq, e.full);
      s = Math.max(s, sim(fq, [...e.toks].reverse().join(' ')));
      for (const t of e.toks) s = Math.max(s, 0.95 * sim(fq, t));
      scored.push({ id: e.id, s });
    }
    scored.sort((a, b) => b.s - a.s);
    return { ids: scored.slice(0, 5).map((x) => x.id), confident: (scored[0]?.s ?? 0) >= 0.8 };
  };
}

function fuse(people: readonly Person[]): (q: string) => Ranked {
  const docs = people.map((p) => ({
    id: p.id,
    name: normalizeName(p.name),
    first: normalizeName(p.firstName),
    last: normalizeName(p.lastName),
  }));
  const f = new Fuse(docs, { keys: ['name', 'first', 'last'], includeScore: true, threshold: 0.4 });
  return (q) => {
    const r = f.search(normalizeName(q), { limit: 5 });
    return { ids: r.map((x) => x.item.id), confident: (r[0]?.score ?? 1) <= 0.25 };
  };
}

function fmt(r: Row): string {
  const s = r.scores;
  return `  ${r.name.padEnd(14)} build ${r.buildMs.toFixed(1).padStart(8)} ms | p50 ${r.p50.toFixed(3).padStart(8)} ms | p99 ${r.p99.toFixed(3).padStart(8)} ms | top1 ${(s.top1 * 100).toFixed(1).padStart(5)} % (confident ${(s.confidentTop1 * 100).toFixed(1).padStart(5)} %) | MRR ${s.mrr.toFixed(3)} | false matches ${(s.falseMatchRate * 100).toFixed(1)} % (${String(s.positives)}+${String(s.negatives)} q)`;
}

/** Times as "N× faster"/"N× slower" than the baseline. */
function speed(ours: number, base: number): string {
  if (ours <= 0 || base <= 0) return 'n/a';
  return ours <= base
    ? `${(base / ours).toFixed(0)}× faster`
    : `${(ours / base).toFixed(1)}× slower`;
}

/** The index against one baseline on the same queries: every figure beside its baseline. */
function versus(ours: Row, base: Row): string {
  const o = ours.scores;
  const b = base.scores;
  const errO = 1 - o.top1;
  const errB = 1 - b.top1;
  const errRatio =
    errO > 0 ? `${(errB / errO).toFixed(1)}× fewer` : errB > 0 ? 'none vs some' : 'both none';
  const pc = (x: number): string => `${(x * 100).toFixed(1)} %`;
  return [
    `  index vs ${base.name} (same ${String(o.positives + o.negatives)} queries):`,
    `build ${speed(ours.buildMs, base.buildMs)},`,
    `p50 ${speed(ours.p50, base.p50)}, p99 ${speed(ours.p99, base.p99)};`,
    `top-1 ${pc(o.top1)} vs ${pc(b.top1)} (errors ${pc(errO)} vs ${pc(errB)}: ${errRatio}),`,
    `confident top-1 ${pc(o.confidentTop1)} vs ${pc(b.confidentTop1)},`,
    `MRR ${o.mrr.toFixed(3)} vs ${b.mrr.toFixed(3)} (${(o.mrr / Math.max(b.mrr, 1e-9)).toFixed(3)}×),`,
    `false matches ${pc(o.falseMatchRate)} vs ${pc(b.falseMatchRate)}`,
  ].join(' ');
}

const sizes: [number, number, number][] = [
  // [names, queries for the index, queries for the O(n) baselines]
  [100, 400, 400],
  [10_000, 2000, 1000],
  [100_000, 2000, 500],
];

for (const [n, nq, nb] of sizes) {
  const people = makePeople(n);
  const queries = makeQueries(people, nq);
  const sample = queries.filter((_, i) => i % Math.ceil(queries.length / nb) === 0);
  console.log(
    `\n== ${n.toLocaleString('en')} names (index: ${String(queries.length)} queries, baselines: ${String(sample.length)} sampled) ==`,
  );
  const phonetic = (): ((q: string) => Ranked) => {
    const idx = createNameIndex(people, { cacheSize: 0 });
    return (q) => {
      const r = idx.match(q);
      return { ids: r.candidates.map((c) => c.id), confident: r.verdict === 'match' };
    };
  };
  const baseWarm = Math.max(5, Math.floor(20_000 / n));
  const ours = measure('phonetic-index', phonetic, queries, queries.length);
  const oursOnSample = measure('phonetic(samp)', phonetic, sample, sample.length);
  const nv = measure('naive-lev', () => naive(people), sample, baseWarm);
  const fz = measure('fuse.js', () => fuse(people), sample, baseWarm);
  console.log(fmt(ours));
  console.log(fmt(oursOnSample));
  console.log(fmt(nv));
  console.log(fmt(fz));
  console.log(versus(oursOnSample, nv));
  console.log(versus(oursOnSample, fz));
  if (n === 10_000) dialogueReport(people);
}

/** Issue #11 cases: accuracy per tenant staff index, latency inside a 10,000-name index. */
function dialogueReport(people: readonly Person[]): void {
  const tenants = makeTenants(200);
  const acc = dialogueAccuracy(tenants);
  console.log('  dialogue cases (per-tenant staff index of ~30, 200 tenants):');
  let ok = 0;
  let all = 0;
  for (const [kind, s] of acc) {
    ok += s.ok;
    all += s.n;
    console.log(
      `    ${kind.padEnd(11)} ${((s.ok / s.n) * 100).toFixed(1).padStart(5)} % of ${String(s.n)}`,
    );
  }
  console.log(
    `    ${'all'.padEnd(11)} ${((ok / all) * 100).toFixed(1).padStart(5)} % of ${String(all)}`,
  );
  const staff = tenants.flatMap((t) => t.staff);
  const big = createNameIndex([...people.slice(0, 10_000 - staff.length), ...staff], {
    cacheSize: 0,
  });
  // warm-up (JIT) over the same cases, as for the other measurements
  for (const c of tenants.flatMap((t) => t.cases)) {
    const r = big.match(c.query);
    if (c.answer !== undefined) big.refine(r, c.answer);
  }
  collect();
  const times: number[] = [];
  for (const t of tenants) {
    for (const c of t.cases) {
      const s = performance.now();
      const r = big.match(c.query);
      if (c.answer !== undefined) big.refine(r, c.answer);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `    latency of the same queries (match + refine) in a 10,000-name index: p50 ${pct(times, 0.5).toFixed(3)} ms, p99 ${pct(times, 0.99).toFixed(3)} ms`,
  );
}
