/**
 * Labelled test set built from real German and English first and last names shipped in
 * `@faker-js/faker`'s `de` and `en` locales, with the confusions speech recognition and
 * spelling produce. Seeded, so every run sees the same set.
 */
import { Faker, base, de, en, fi, hu, ja, ko, tr } from '@faker-js/faker';
import type { NameEntry } from '../src/index.js';
import { normalizeName } from '../src/index.js';

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

/**
 * How an English-speaking ASR system or caller spells a German name it hears (sound kept, letters
 * changed): Schneider → Shnyder, Neumann → Noyman, Dieter → Deeter, Braun → Brown, Huber → Hoober,
 * Jürgen → Yurgen, Wagner → Vagner, Richter → Rikter, Hoffmann → Hoffman.
 */
export const ASR_EN: readonly (readonly [RegExp, string])[] = [
  [/sch/, 'sh'],
  [/w/, 'v'],
  [/^v/, 'f'],
  [/j/, 'y'],
  [/ei/, 'y'],
  [/ei/, 'i'],
  [/ie/, 'ee'],
  [/(eu|äu)/, 'oy'],
  [/au/, 'ow'],
  [/u(?![aeiou])/, 'oo'],
  [/ü/, 'u'],
  [/ü/, 'ew'],
  [/ö/, 'o'],
  [/ö/, 'e'],
  [/ä/, 'e'],
  [/tz/, 'ts'],
  [/z/, 'ts'],
  [/([^s])ch/, '$1k'],
  [/ck/, 'k'],
  [/mann$/, 'man'],
  [/([aeiou])h/, '$1'],
  [/pf/, 'f'],
  [/ß/, 'ss'],
  [/th/, 't'],
];

/**
 * How a German ASR system or caller spells an English name phonetically: Sheldon → Scheldon,
 * Carter → Karter, Brown → Braun, Green → Grien, Cooper → Kuper, Ryan → Raian, Victor → Wiktor,
 * Emily → Emili, Thompson → Tompson.
 */
export const ASR_DE: readonly (readonly [RegExp, string])[] = [
  [/sh/, 'sch'],
  [/th/, 't'],
  [/c(?=[aoulr])/, 'k'],
  [/ck/, 'k'],
  [/ow/, 'au'],
  [/ou/, 'au'],
  [/ee/, 'i'],
  [/ea/, 'i'],
  [/oo/, 'u'],
  [/([^aeiou])y([^aeiou])/, '$1ai$2'],
  [/v/, 'w'],
  [/ph/, 'f'],
  [/x/, 'ks'],
  [/ie$/, 'i'],
  [/y$/, 'i'],
  [/([aeiou])([lmnrt])\2/, '$1$2'],
];

export interface Person extends NameEntry {
  firstName: string;
  lastName: string;
  gender: 'm' | 'f';
  /** The faker locale the name was drawn from. */
  locale: 'de' | 'en';
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
    const locale = pick.number.float() < 0.7 ? 'de' : 'en';
    const f = locale === 'de' ? fde : fen;
    const sex = pick.number.float() < 0.5 ? 'female' : 'male';
    const firstName = f.person.firstName(sex);
    const lastName = f.person.lastName();
    out.push({
      id: `p${String(i)}`,
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      gender: sex === 'female' ? 'f' : 'm',
      locale,
    });
  }
  return out;
}

/**
 * Up to `times` rewrites at different places of the original word (never a rewrite of a rewrite:
 * au → ow → ov would not be a respelling anyone produces).
 */
function respell(
  f: Faker,
  word: string,
  times: number,
  rules: readonly (readonly [RegExp, string])[],
): string {
  const w = word.toLowerCase();
  const edits: { at: number; len: number; by: string }[] = [];
  for (const [re, rep] of f.helpers.shuffle([...rules])) {
    if (edits.length >= times) break;
    const m = re.exec(w);
    if (!m) continue;
    const out = w.replace(re, rep);
    const at = m.index;
    const len = m[0].length;
    const by = out.slice(at, out.length - (w.length - at - len));
    if (edits.some((e) => at < e.at + e.len && e.at < at + len)) continue;
    edits.push({ at, len, by });
  }
  let r = w;
  for (const e of edits.sort((a, b) => b.at - a.at)) {
    r = r.slice(0, e.at) + e.by + r.slice(e.at + e.len);
  }
  return r;
}

function confuse(
  f: Faker,
  word: string,
  times: number,
  rules: readonly (readonly [RegExp, string])[] = CONFUSIONS,
): string {
  let w = word.toLowerCase();
  for (let t = 0; t < times; t++) {
    const applicable = rules.filter(([re]) => re.test(w));
    if (applicable.length === 0) break;
    const [re, rep] = f.helpers.arrayElement(applicable);
    w = w.replace(re, rep);
  }
  return w;
}

/**
 * Callers asking for someone who is not in the index: names from locales unrelated to it
 * (Finnish, Hungarian, Japanese, Korean, Turkish). The only filter is spelling, not sound (a
 * sound-based filter would pick the negatives our own phonetic keys find easy): a negative's
 * last name is spelled unlike every indexed last name, and its full name unlike every indexed
 * full name. A negative may share a first name with indexed people ("Anna Nagy").
 */
function negativeNames(f: Faker, people: readonly Person[], count: number): string[] {
  const lasts = new Set(people.map((p) => normalizeName(p.lastName)));
  const fulls = new Set(people.map((p) => normalizeName(p.name)));
  const foreign = [fi, hu, ja, ko, tr].map((loc) => {
    const x = new Faker({ locale: [loc, base] });
    x.seed(f.number.int(1e9));
    return x;
  });
  const out: string[] = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 200) {
    const x = f.helpers.arrayElement(foreign);
    const first = x.person.firstName();
    const last = x.person.lastName();
    const name = `${first} ${last}`;
    if (normalizeName(name) === '' || normalizeName(last) === '') continue;
    if (lasts.has(normalizeName(last)) || fulls.has(normalizeName(name))) continue;
    out.push(name);
  }
  return out;
}

/** Plain queries: confusions, swapped order, first/last-name-only, negatives. */
export function makeQueries(
  people: readonly Person[],
  count: number,
  seed = 11,
  /** Draw the people asked for from these (labels still hold against all of `people`). */
  from: readonly Person[] = people,
): LabelledQuery[] {
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
  // A confusion that spells another indexed person's name (either order) cannot be labelled.
  const othersName = (q: string, same: readonly string[]): boolean => {
    const toks = normalizeName(q).split(' ');
    return [toks.join(' '), [...toks].reverse().join(' ')].some((k) =>
      (byName.get(k) ?? []).some((id) => !same.includes(id)),
    );
  };
  const out: LabelledQuery[] = [];
  const push = (q: LabelledQuery): void => {
    if (!othersName(q.query, q.targets)) out.push(q);
  };
  const negatives = Math.round(count * 0.15);
  while (out.length < count - negatives) {
    const p = f.helpers.arrayElement(from);
    const same = byName.get(normalizeName(p.name)) ?? [p.id];
    const r = f.number.float();
    if (r < 0.1) out.push({ query: p.name, targets: same, kind: 'exact' });
    else if (r < 0.25) {
      // The other language's ASR respelling: sound-keeping rewrites, one in the first name and
      // up to two in the last name.
      const rules = p.locale === 'de' ? ASR_EN : ASR_DE;
      const q = `${respell(f, p.firstName, 1, rules)} ${respell(f, p.lastName, 2, rules)}`;
      const qn = normalizeName(q);
      if (qn === normalizeName(p.name)) continue; // no rule applied
      if (byName.has(qn)) continue; // the respelling is another person's name
      out.push({ query: q, targets: same, kind: p.locale === 'de' ? 'asr-en' : 'asr-de' });
    } else if (r < 0.5)
      push({
        query: `${p.firstName} ${confuse(f, p.lastName, 1)}`,
        targets: same,
        kind: 'confusion-1',
      });
    else if (r < 0.65)
      push({
        query: `${confuse(f, p.firstName, 1)} ${confuse(f, p.lastName, 1)}`,
        targets: same,
        kind: 'confusion-2',
      });
    else if (r < 0.8)
      push({
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

/**
 * The people carrying the most frequent first and last names of `people` (the top `top` of
 * each): a query mix drawn from them over-represents common names the way calls to a real
 * customer list do ("Maria …", "… Müller"), the queries whose blocking keys match the most
 * entries.
 */
export function commonNamePeople(people: readonly Person[], top = 40): Person[] {
  const count = (key: (p: Person) => string): Set<string> => {
    const m = new Map<string, number>();
    for (const p of people) m.set(key(p), (m.get(key(p)) ?? 0) + 1);
    return new Set(
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k]) => k),
    );
  };
  const firsts = count((p) => normalizeName(p.firstName));
  const lasts = count((p) => normalizeName(p.lastName));
  return people.filter(
    (p) => firsts.has(normalizeName(p.firstName)) || lasts.has(normalizeName(p.lastName)),
  );
}
