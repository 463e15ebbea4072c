/**
 * `pnpm bench`: this index vs the naive baseline (normalise + talisman Levenshtein over every
 * name, what the old service did) vs fuse.js, at 100 / 10,000 / 100,000 names, in one run.
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import Fuse from 'fuse.js';
import { createNameIndex, loadNameIndex, normalizeName } from '../src/index.js';
import type { NameEntry, NameIndex } from '../src/index.js';
import { cologne, levenshtein } from '../src/talisman.js';
import { commonNamePeople, makePeople, makeQueries } from '../test/dataset.js';
import { germanListAccuracy } from '../test/german-lists.js';
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
  /** p50 / p99 over each query's fastest of {@link REPS} runs (robust to a loaded machine). */
  minP50: number;
  minP99: number;
  scores: Scores;
  /** Confident top-1 on the positives whose target has no Kölner Phonetik twin in the index. */
  clearConfident: number;
  clear: number;
}

/** Timed runs per query; the fastest of them is what a query costs without preemption. */
const REPS = 3;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(
  name: string,
  run: (q: string) => Ranked,
  queries: readonly LabelledQuery[],
  warm: number,
  buildMs: number,
  twin: (q: LabelledQuery) => boolean,
): Row {
  // warm-up (JIT), as on a running server; the O(n) baselines get a short one
  for (const q of queries.slice(0, warm)) run(q.query);
  collect();
  const times: number[] = [];
  const best: number[] = [];
  const timed = (q: string): Ranked => {
    const s = performance.now();
    const r = run(q);
    const t = performance.now() - s;
    times.push(t);
    best.push(t);
    return r;
  };
  const scores = evaluate(queries, timed);
  let clear = 0;
  let clearConfident = 0;
  for (let rep = 1; rep < REPS; rep++) {
    queries.forEach((q, i) => {
      const s = performance.now();
      const r = run(q.query);
      best[i] = Math.min(best[i] ?? Infinity, performance.now() - s);
      if (rep === 1 && q.targets.length > 0 && !twin(q)) {
        clear++;
        if (r.confident && q.targets.includes(r.ids[0] ?? '')) clearConfident++;
      }
    });
  }
  times.sort((a, b) => a - b);
  best.sort((a, b) => a - b);
  return {
    name,
    buildMs,
    p50: pct(times, 0.5),
    p99: pct(times, 0.99),
    minP50: pct(best, 0.5),
    minP99: pct(best, 0.99),
    scores,
    clearConfident: clear > 0 ? clearConfident / clear : 0,
    clear,
  };
}

/**
 * Whether a query's target has a sound-alike twin in the index: another entry (not a target)
 * whose full name has the same Kölner Phonetik codes, in either order. Such a query cannot be
 * answered confidently from sound alone (Anna Schmidt beside Anna Schmitt); the index asks.
 */
function twinsOf(people: readonly NameEntry[]): (q: LabelledQuery) => boolean {
  const code = (name: string, rev: boolean): string => {
    const t = normalizeName(name).split(' ').map(cologne);
    return (rev ? t.reverse() : t).join(' ');
  };
  const byCode = new Map<string, string[]>();
  const nameOf = new Map<string, string>();
  for (const p of people) {
    nameOf.set(p.id, p.name);
    const k = code(p.name, false);
    byCode.set(k, [...(byCode.get(k) ?? []), p.id]);
  }
  return (q) =>
    q.targets.some((id) => {
      const name = nameOf.get(id) ?? '';
      return [code(name, false), code(name, true)].some((k) =>
        (byCode.get(k) ?? []).some((o) => !q.targets.includes(o)),
      );
    });
}

function naive(people: readonly NameEntry[]): (q: string) => Ranked {
  const code = (s: string): string => s.split(' ').map(cologne).join(' ');
  const folded = people.map((p) => {
    const full = normalizeName(p.name);
    const toks = full.split(' ');
    return {
      id: p.id,
      full,
      swapped: [...toks].reverse().join(' '),
      toks,
      code: code(full),
      codeSwapped: code([...toks].reverse().join(' ')),
    };
  });
  const sim = (a: string, b: string): number =>
    1 - levenshtein(a, b) / Math.max(a.length, b.length, 1);
  return (q) => {
    const fq = normalizeName(q);
    const cq = code(fq);
    const scored: { id: string; s: number }[] = [];
    for (const e of folded) {
      let s = Math.max(sim(fq, e.full), sim(fq, e.swapped));
      // same Kölner Phonetik codes: a sound-alike, nearly as good as the spelling
      if (cq === e.code || cq === e.codeSwapped) s = Math.max(s, 0.9);
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
  return `  ${r.name.padEnd(14)} build ${r.buildMs.toFixed(1).padStart(8)} ms | p50 ${r.p50.toFixed(3).padStart(8)} ms | p99 ${r.p99.toFixed(3).padStart(8)} ms | fastest of ${String(REPS)}: p50 ${r.minP50.toFixed(3)} p99 ${r.minP99.toFixed(3)} ms | top1 ${(s.top1 * 100).toFixed(1).padStart(5)} % (confident ${(s.confidentTop1 * 100).toFixed(1).padStart(5)} %) | MRR ${s.mrr.toFixed(3)} | false matches ${(s.falseMatchRate * 100).toFixed(1)} % (${String(s.positives)}+${String(s.negatives)} q) | confident top-1 without a Kölner twin ${(r.clearConfident * 100).toFixed(1)} % of ${String(r.clear)}`;
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
    `p50 ${speed(ours.p50, base.p50)}, p99 ${speed(ours.p99, base.p99)}`,
    `(fastest of ${String(REPS)}: p50 ${speed(ours.minP50, base.minP50)}, p99 ${speed(ours.minP99, base.minP99)});`,
    `top-1 ${pc(o.top1)} vs ${pc(b.top1)} (errors ${pc(errO)} vs ${pc(errB)}: ${errRatio}),`,
    `confident top-1 ${pc(o.confidentTop1)} vs ${pc(b.confidentTop1)},`,
    `MRR ${o.mrr.toFixed(3)} vs ${b.mrr.toFixed(3)} (${(o.mrr / Math.max(b.mrr, 1e-9)).toFixed(3)}×),`,
    `false matches ${pc(o.falseMatchRate)} vs ${pc(b.falseMatchRate)},`,
    `confident top-1 without a Kölner twin ${pc(ours.clearConfident)} vs ${pc(base.clearConfident)}`,
  ].join(' ');
}

const sizes: [number, number, number, boolean][] = [
  // [names, queries for the index, queries per mix for the O(n) baselines, fuse.js too]
  [100, 400, 400, true],
  [10_000, 2000, 200, false],
  [100_000, 2000, 40, false],
];

function heapMb(): number {
  collect();
  return process.memoryUsage().heapUsed / 1e6;
}

function matcherOf(idx: NameIndex): (q: string) => Ranked {
  return (q) => {
    const r = idx.match(q);
    return { ids: r.candidates.map((c) => c.id), confident: r.verdict === 'match' };
  };
}

const benchStart = performance.now();
const load = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
console.log(
  `load average (1 / 5 / 15 min) at start: ${load()} on ${String(os.cpus().length)} cores`,
);
for (const [n, nq, nb, withFuse] of sizes) {
  const people = makePeople(n);
  const uniform = makeQueries(people, nq);
  const common = makeQueries(people, nq, 12, commonNamePeople(people));
  const sampleOf = (qs: readonly LabelledQuery[]): LabelledQuery[] =>
    qs.filter((_, i) => i % Math.ceil(qs.length / nb) === 0);
  console.log(
    `\n== ${n.toLocaleString('en')} names (index: ${String(nq)} queries per mix, baselines: ${String(sampleOf(uniform).length)} sampled per mix) ==`,
  );
  // one build per size: its time and the heap it holds
  const h0 = heapMb();
  const t0 = performance.now();
  const idx = createNameIndex(people, { cacheSize: 0 });
  const buildMs = performance.now() - t0;
  const held = heapMb() - h0;
  const snap = JSON.parse(JSON.stringify(idx)) as ReturnType<NameIndex['toJSON']>;
  collect();
  const t1 = performance.now();
  const loaded = loadNameIndex(snap, { cacheSize: 0 });
  const loadMs = performance.now() - t1;
  console.log(
    `  index build ${buildMs.toFixed(0)} ms, heap held ${held.toFixed(1)} MB (${((held * 1e6) / n).toFixed(0)} B/name); loadNameIndex of its snapshot ${loadMs.toFixed(0)} ms (${(buildMs / Math.max(loadMs, 1e-9)).toFixed(1)}× faster than the build); ${String(loaded.size)} entries`,
  );
  const run = matcherOf(idx);
  const twin = twinsOf(people);
  const tn = performance.now();
  const nv = naive(people);
  const nvBuild = performance.now() - tn;
  const tf = performance.now();
  const fz = withFuse ? fuse(people) : undefined;
  const fzBuild = performance.now() - tf;
  for (const [mix, queries] of [
    ['uniform', uniform],
    ['common names', common],
  ] as const) {
    const sample = sampleOf(queries);
    const ours = measure(`index ${mix}`, run, queries, queries.length, buildMs, twin);
    const oursS = measure('index (samp)', run, sample, sample.length, buildMs, twin);
    const base = measure('naive-lev', nv, sample, Math.min(5, sample.length), nvBuild, twin);
    console.log(`  -- ${mix} mix`);
    console.log(fmt(ours));
    console.log(fmt(oursS));
    console.log(fmt(base));
    console.log(versus(oursS, base));
    if (fz && mix === 'uniform') {
      const f = measure('fuse.js', fz, sample, Math.min(5, sample.length), fzBuild, twin);
      console.log(fmt(f));
      console.log(versus(oursS, f));
    }
  }
  if (n === 10_000) dialogueReport(people);
}
germanListReport();
console.log(
  `\nwhole bench ${((performance.now() - benchStart) / 1000).toFixed(0)} s; load average at the end: ${load()}`,
);

/** The second labelled set: real German name frequency lists, confusions ASR produces. */
function germanListReport(): void {
  const r = germanListAccuracy();
  console.log(`\n== German frequency-list set (${String(r.people)} names) ==`);
  for (const [kind, s] of r.byKind) {
    console.log(
      `    ${kind.padEnd(14)} ${((s.ok / s.n) * 100).toFixed(1).padStart(5)} % of ${String(s.n)}`,
    );
  }
  console.log(
    `    index: confident top-1 ${(r.index.confidentTop1 * 100).toFixed(1)} %, top-1 ${(r.index.top1 * 100).toFixed(1)} %, false matches ${(r.index.falseMatchRate * 100).toFixed(1)} %, ambiguous asked ${String(r.ambiguousAsked)} of ${String(r.ambiguousCases)}`,
  );
  const nvRun = naive(r.entries);
  const nv = evaluate(r.queries, nvRun);
  console.log(
    `    naive-lev: confident top-1 ${(nv.confidentTop1 * 100).toFixed(1)} %, top-1 ${(nv.top1 * 100).toFixed(1)} %, false matches ${(nv.falseMatchRate * 100).toFixed(1)} %`,
  );
  const idx = createNameIndex(r.entries, { cacheSize: 0 });
  const twin = twinsOf(r.entries);
  const clear = r.queries.filter((q) => q.targets.length > 0 && !twin(q));
  const rate = (run: (q: string) => Ranked): string => {
    const ok = clear.filter((q) => {
      const x = run(q.query);
      return x.confident && q.targets.includes(x.ids[0] ?? '');
    }).length;
    return `${((ok / Math.max(clear.length, 1)) * 100).toFixed(1)} %`;
  };
  console.log(
    `    confident top-1 on the ${String(clear.length)} positives whose target has no Kölner twin: index ${rate(matcherOf(idx))}, naive-lev ${rate(nvRun)}`,
  );
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
