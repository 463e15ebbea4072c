/**
 * Labelled test set built from real German and English first and last names shipped in
 * `@faker-js/faker`'s `de` and `en` locales, with the confusions speech recognition and
 * spelling produce. Seeded, so every run sees the same set.
 */
import { Faker, base, de, en, fi, hu, ja, ko, tr } from '@faker-js/faker';
import type { NameEntry } from '../src/index.js';
import { normalizeName } from '../src/index.js';
import { cologne } from '../src/talisman.js';

/** A labelled query: `targets` are acceptable ids (empty = must be `none`). */
export interface LabelledQuery {
  query: string;
  /** Acceptable entry ids; [] for a negative. */
  targets: string[];
  kind: string;
}

/** Confusions ASR and spelling really produce; each applies to the lower-cased name. */
export const CONFUSIONS: readonly (readonly [RegExp, string])[] = [
  [/ai/, 'ei'],
  [/ei/, 'ai'],
  [/ey/, 'ei'],
  [/ay/, 'ei'],
  [/ei/, 'ey'],
  [/ai/, 'ay'],
  [/dt/, 'tt'],
  [/dt/, 't'],
  [/tt/, 'dt'],
  [/th/, 't'],
  [/ph/, 'f'],
  [/f/, 'ph'],
  [/ck/, 'k'],
  [/k/, 'ck'],
  [/tz/, 'z'],
  [/z/, 'tz'],
  [/ie/, 'i'],
  [/([bcdfglmnprst])\1/, '$1'],
  [/([aeiou])([lmnrt])([aeiou])/, '$1$2$2$3'],
  [/([aeiou])h/, '$1'],
  [/ä/, 'ae'],
  [/ö/, 'oe'],
  [/ü/, 'ue'],
  [/ä/, 'a'],
  [/ö/, 'o'],
  [/ü/, 'u'],
  [/ß/, 'ss'],
  [/ae/, 'ä'],
  [/ue/, 'ü'],
  // English ASR spellings of German names
  [/sch/, 'sh'],
  [/w/, 'v'],
  [/^st/, 'sht'],
  [/j/, 'y'],
  [/eu/, 'oy'],
  [/v/, 'f'],
  [/ch$/, 'k'],
  [/z/, 'ts'],
];

export interface Person extends NameEntry {
  firstName: string;
  lastName: string;
  gender: 'm' | 'f';
}

function makeFaker(seed: number): Faker {
  const f = new Faker({ locale: [de, en, base] });
  f.seed(seed);
  return f;
}

/** N people with real de/en first and last names (70 % de, 30 % en). */
export function makePeople(n: number, seed = 4): Person[] {
  const fde = new Faker({ locale: [de, base] });
  const fen = new Faker({ locale: [en, base] });
  fde.seed(seed);
  fen.seed(seed + 1);
  const pick = makeFaker(seed + 2);
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const f = pick.number.float() < 0.7 ? fde : fen;
    const sex = pick.number.float() < 0.5 ? 'female' : 'male';
    const firstName = f.person.firstName(sex);
    const lastName = f.person.lastName();
    out.push({
      id: `p${String(i)}`,
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      gender: sex === 'female' ? 'f' : 'm',
    });
  }
  return out;
}

function confuse(f: Faker, word: string, times: number): string {
  let w = word.toLowerCase();
  for (let t = 0; t < times; t++) {
    const applicable = CONFUSIONS.filter(([re]) => re.test(w));
    if (applicable.length === 0) break;
    const [re, rep] = f.helpers.arrayElement(applicable);
    w = w.replace(re, rep);
  }
  return w;
}

/** Names from locales unrelated to the index, and held-out names that sound different. */
function negativeNames(f: Faker, people: readonly Person[], count: number): string[] {
  const codes = new Set<string>();
  for (const p of people) {
    for (const t of normalizeName(p.name).split(' ')) codes.add(cologne(t));
  }
  const foreign = [fi, hu, ja, ko, tr].map((loc) => {
    const x = new Faker({ locale: [loc, base] });
    x.seed(f.number.int(1e9));
    return x;
  });
  const out: string[] = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 200) {
    const x = f.helpers.arrayElement(foreign);
    const name = `${x.person.firstName()} ${x.person.lastName()}`;
    const toks = normalizeName(name).split(' ').filter(Boolean);
    // A negative must not sound like (share a Kölner Phonetik code with) any indexed name part.
    if (toks.length === 0 || toks.some((t) => codes.has(cologne(t)))) continue;
    out.push(name);
  }
  return out;
}

/** Plain queries: confusions, swapped order, first/last-name-only, negatives. */
export function makeQueries(people: readonly Person[], count: number, seed = 11): LabelledQuery[] {
  const f = makeFaker(seed);
  const byName = new Map<string, string[]>();
  const byFirst = new Map<string, string[]>();
  const byLast = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, id: string): void => {
    const l = m.get(k);
    if (l) l.push(id);
    else m.set(k, [id]);
  };
  for (const p of people) {
    add(byName, normalizeName(p.name), p.id);
    add(byFirst, normalizeName(p.firstName), p.id);
    add(byLast, normalizeName(p.lastName), p.id);
  }
  const out: LabelledQuery[] = [];
  const negatives = Math.round(count * 0.15);
  while (out.length < count - negatives) {
    const p = f.helpers.arrayElement(people);
    const same = byName.get(normalizeName(p.name)) ?? [p.id];
    const r = f.number.float();
    if (r < 0.1) out.push({ query: p.name, targets: same, kind: 'exact' });
    else if (r < 0.5)
      out.push({
        query: `${p.firstName} ${confuse(f, p.lastName, 1)}`,
        targets: same,
        kind: 'confusion-1',
      });
    else if (r < 0.65)
      out.push({
        query: `${confuse(f, p.firstName, 1)} ${confuse(f, p.lastName, 1)}`,
        targets: same,
        kind: 'confusion-2',
      });
    else if (r < 0.8)
      out.push({
        query: `${confuse(f, p.lastName, f.number.int(1))} ${p.firstName}`,
        targets: same,
        kind: 'swapped',
      });
    else if (r < 0.9) {
      const ids = byFirst.get(normalizeName(p.firstName)) ?? [];
      if (ids.length !== 1) continue; // only unambiguous first names can be labelled
      const q = confuse(f, p.firstName, 1);
      if (byFirst.has(normalizeName(q)) && normalizeName(q) !== normalizeName(p.firstName))
        continue; // the confusion produced another person's name
      out.push({ query: q, targets: ids, kind: 'first-name-only' });
    } else {
      const ids = byLast.get(normalizeName(p.lastName)) ?? [];
      if (ids.length !== 1) continue;
      const q = confuse(f, p.lastName, 1);
      if (byLast.has(normalizeName(q)) && normalizeName(q) !== normalizeName(p.lastName)) continue;
      out.push({ query: q, targets: ids, kind: 'last-name-only' });
    }
  }
  for (const n of negativeNames(f, people, negatives)) {
    out.push({ query: n, targets: [], kind: 'negative' });
  }
  return out;
}
