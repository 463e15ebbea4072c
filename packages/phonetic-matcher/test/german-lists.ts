/**
 * A second labelled set, from a different source than the faker names: the most frequent German
 * surnames and first names (and the commonest Turkish and Polish surnames in Germany), composed by
 * hand from the public frequency lists the README cites, with the confusions real ASR output
 * shows: the vocalic r, -en → -n, a dropped final -e, letters outside German, compound first
 * names, English ASR spellings, booking words around the name, and salutation against spelling.
 */
import { createNameIndex, normalizeName } from '../src/index.js';
import type { NameEntry } from '../src/index.js';
import { evaluate } from './evaluate.js';
import type { Scores } from './evaluate.js';
import type { LabelledQuery } from './dataset.js';

/** Most frequent surnames in Germany, in rank order (telephone-directory counts). */
export const SURNAMES = (
  'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch ' +
  'Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann ' +
  'Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König ' +
  'Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel ' +
  'Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht ' +
  'Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer ' +
  'Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel ' +
  'Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer'
).split(' ');
/** Commonest Turkish and Polish surnames among people living in Germany. */
export const FOREIGN_SURNAMES =
  'Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Łukasik'.split(
    ' ',
  );
/** Frequent German first names (births 1950–2020), female then male. */
export const FEMALE =
  'Maria Ursula Monika Petra Elisabeth Sabine Renate Helga Karin Brigitte Ingrid Erika Andrea Gisela Claudia Susanne Gabriele Christa Christine Hildegard Anna Birgit Barbara Julia Stefanie Nicole Katharina Lena Hannah Ayşe Małgorzata Anne-Marie'.split(
    ' ',
  );
export const MALE =
  'Peter Wolfgang Michael Klaus Thomas Jürgen Andreas Hans Stefan Christian Uwe Werner Bernd Frank Dieter Horst Manfred Günter Gerhard Heinz Markus Matthias Alexander Jan Lukas Leon Paul Mehmet Paweł Hans-Peter Karl-Heinz'.split(
    ' ',
  );
/** Surnames of nobody in the set (Italian, Spanish, Greek): the negatives. */
const ABSENT =
  'Rossi Russo Ferrari Esposito Bianchi Romano García Fernández López Martínez Papadopoulos Georgiou Nikolaidis Colombo Ricci Marino Greco Bruno Gallo Conti'.split(
    ' ',
  );

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf-like pick: rank r has weight 1/(r+1). */
function zipf<T>(r: () => number, xs: readonly T[]): T {
  const total = xs.reduce((a, _, i) => a + 1 / (i + 1), 0);
  let x = r() * total;
  for (let i = 0; i < xs.length; i++) {
    x -= 1 / (i + 1);
    if (x <= 0) return xs[i] as T;
  }
  return xs[xs.length - 1] as T;
}

/** How ASR output rewrites a name; each returns undefined when it does not apply. */
const REWRITES: Record<string, (first: string, last: string) => string | undefined> = {
  'vocalic-r': (f, l) => (/er$/.test(l) ? `${f} ${l.replace(/er$/, 'a')}` : undefined),
  'vocalic-r-ah': (f, l) => (/er$/.test(l) ? `${f} ${l.replace(/er$/, 'ah')}` : undefined),
  'en-n': (f, l) => (/en$/.test(l) ? `${f} ${l.replace(/en$/, 'n')}` : undefined),
  'final-e': (f, l) => (/[^e]e$/.test(l) ? `${f} ${l.slice(0, -1)}` : undefined),
  folded: (f, l) => {
    const plain = `${f} ${l}`.replace(
      /[ıİşŞğçÇłŁśŚżŻźńóąęćöüÖÜäÄ]/g,
      (c) => normalizeName(c).slice(0, 1) || c,
    );
    return plain !== `${f} ${l}` ? plain : undefined;
  },
  compound: (f, l) =>
    f.includes('-')
      ? `${f.replace('-', '')} ${l}`
      : f === 'Annemarie'
        ? `Anne Marie ${l}`
        : undefined,
  'compound-apart': (f, l) => (f.includes('-') ? `${f.replace('-', ' ')} ${l}` : undefined),
  'asr-en': (f, l) => {
    const q = `${f} ${l}`
      .replace(/sch/gi, 'sh')
      .replace(/W/g, 'V')
      .replace(/ei/g, 'i')
      .replace(/ü/g, 'u');
    return q !== `${f} ${l}` ? q : undefined;
  },
  filler: (f, l) => `Termin bei ${f} ${l}`,
  'filler-beim': (_f, l) => `ich möchte zu ${l}`,
};

/** The set: 2,000 people drawn by frequency, and labelled queries over them. */
export function germanListSet(
  n = 2000,
  seed = 21,
): {
  entries: NameEntry[];
  queries: LabelledQuery[];
  ambiguous: { query: string; ids: string[] }[];
  pairEntries: NameEntry[];
} {
  const r = rng(seed);
  const entries: (NameEntry & { firstName: string; lastName: string })[] = [];
  const surnames = [...SURNAMES, ...FOREIGN_SURNAMES];
  const seen = new Set<string>();
  for (let i = 0; entries.length < n && i < n * 20; i++) {
    const female = r() < 0.5;
    const firstName = zipf(r, female ? FEMALE : MALE);
    const lastName = zipf(r, surnames);
    if (seen.has(`${firstName} ${lastName}`)) continue; // one person per full name
    seen.add(`${firstName} ${lastName}`);
    entries.push({
      id: `g${String(i)}`,
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      gender: female ? 'f' : 'm',
    });
  }
  const byName = new Map<string, string[]>();
  for (const e of entries)
    byName.set(normalizeName(e.name), [...(byName.get(normalizeName(e.name)) ?? []), e.id]);
  const queries: LabelledQuery[] = [];
  const kinds = Object.keys(REWRITES);
  for (let i = 0; queries.length < 1500 && i < 20_000; i++) {
    const e = entries[Math.floor(r() * entries.length)] as (typeof entries)[number];
    const kind = kinds[Math.floor(r() * kinds.length)] ?? 'filler';
    const q = REWRITES[kind]?.(e.firstName, e.lastName);
    if (q === undefined) continue;
    const targets =
      kind === 'filler-beim'
        ? entries.filter((x) => x.lastName === e.lastName).map((x) => x.id)
        : (byName.get(normalizeName(e.name)) ?? [e.id]);
    if (kind === 'filler-beim' && targets.length !== 1) continue; // a surname alone labels only a unique one
    const other = byName.get(normalizeName(q.replace(/^(Termin bei|ich möchte zu) /, '')));
    if (other && !other.some((id) => targets.includes(id))) continue; // spells someone else
    queries.push({ query: q, targets, kind });
  }
  for (let i = 0; i < 250; i++) {
    const first = zipf(r, r() < 0.5 ? FEMALE : MALE);
    queries.push({
      query: `${first} ${ABSENT[i % ABSENT.length] ?? 'Rossi'}`,
      targets: [],
      kind: 'negative',
    });
  }
  // salutation against spelling: one Herr with one spelling, one Frau with its sound-alike
  const ambiguous: { query: string; ids: string[] }[] = [];
  const pairEntries: NameEntry[] = [];
  const pairs: [string, string][] = [
    ['Schmidt', 'Schmitt'],
    ['Meyer', 'Maier'],
    ['Hoffmann', 'Hofmann'],
    ['Kühn', 'Kuhn'],
    ['Wolf', 'Wolff'],
    ['Schulz', 'Schultz'],
  ];
  for (const [a, b] of pairs) {
    const m = {
      id: `m-${a}`,
      name: `Dieter ${a}`,
      firstName: 'Dieter',
      lastName: a,
      gender: 'm' as const,
    };
    const f = {
      id: `f-${b}`,
      name: `Renate ${b}`,
      firstName: 'Renate',
      lastName: b,
      gender: 'f' as const,
    };
    pairEntries.push(m, f);
    ambiguous.push(
      { query: `Frau ${a}`, ids: [m.id, f.id] },
      { query: `Herr ${b}`, ids: [m.id, f.id] },
    );
  }
  return { entries, queries, ambiguous, pairEntries };
}

/** Accuracy of the index on {@link germanListSet}. */
export function germanListAccuracy(): {
  people: number;
  entries: NameEntry[];
  queries: LabelledQuery[];
  index: Scores;
  byKind: Map<string, { ok: number; n: number }>;
  ambiguousAsked: number;
  ambiguousCases: number;
} {
  const { entries, queries, ambiguous, pairEntries } = germanListSet();
  const idx = createNameIndex(entries);
  const byKind = new Map<string, { ok: number; n: number }>();
  const scores = evaluate(queries, (q) => {
    const r = idx.match(q);
    return { ids: r.candidates.map((c) => c.id), confident: r.verdict === 'match' };
  });
  for (const q of queries) {
    const r = idx.match(q.query);
    const ok =
      q.targets.length === 0
        ? r.verdict !== 'match'
        : r.verdict === 'match' && q.targets.includes(r.best?.id ?? '');
    const s = byKind.get(q.kind) ?? { ok: 0, n: 0 };
    byKind.set(q.kind, { ok: s.ok + (ok ? 1 : 0), n: s.n + 1 });
  }
  // a tenant's staff: the sound-alike pairs beside 30 people of the set who carry none of the
  // pairs' surnames (a third Schmidt would be a different question)
  const pairNames = new Set(pairEntries.map((e) => normalizeName(e.lastName ?? '')));
  const others = entries
    .filter((e) => !pairNames.has(normalizeName(e.lastName ?? '')))
    .slice(0, 30);
  const staff = createNameIndex([...pairEntries, ...others]);
  let asked = 0;
  for (const a of ambiguous) {
    const r = staff.match(a.query);
    const ids = r.clarification?.differences.map((d) => d.id) ?? [];
    if (r.verdict === 'ambiguous' && a.ids.every((id) => ids.includes(id))) asked++;
  }
  return {
    people: entries.length,
    entries,
    queries,
    index: scores,
    byKind,
    ambiguousAsked: asked,
    ambiguousCases: ambiguous.length,
  };
}
