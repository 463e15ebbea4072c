/**
 * Labelled dialogue cases for issue #11, built from real de/en faker names: per tenant a staff
 * list with one injected sound-alike pair (a real last name and a spelling variant with the
 * same Kölner Phonetik code, opposite gender), a title holder, and a nickname holder.
 */
import { Faker, base, de, en } from '@faker-js/faker';
import { createNameIndex, normalizeName } from '../src/index.js';
import type { MatchResult, NameEntry, NameIndex } from '../src/index.js';
import { NICKNAME_GROUPS } from '../src/nicknames.js';
import { cologne } from '../src/talisman.js';
import { CONFUSIONS } from './dataset.js';

/** One dialogue case: a query, an optional follow-up answer, and what must come out. */
export interface DialogueCase {
  kind: 'salutation' | 'title' | 'nickname' | 'homophone' | 'spelled';
  query: string;
  answer?: string;
  /** For `homophone`: both ids must be among the close candidates of an `ambiguous` result. */
  expect: { verdict: 'match'; id: string } | { verdict: 'ambiguous'; ids: string[] };
}

/** A tenant: its staff and its cases. */
export interface Tenant {
  staff: NameEntry[];
  cases: DialogueCase[];
}

const TRADITIONAL: Record<string, string> = {
  a: 'Anton',
  b: 'Berta',
  c: 'Cäsar',
  d: 'Dora',
  e: 'Emil',
  f: 'Friedrich',
  g: 'Gustav',
  h: 'Heinrich',
  i: 'Ida',
  j: 'Julius',
  k: 'Kaufmann',
  l: 'Ludwig',
  m: 'Martha',
  n: 'Nordpol',
  o: 'Otto',
  p: 'Paula',
  q: 'Quelle',
  r: 'Richard',
  s: 'Samuel',
  t: 'Theodor',
  u: 'Ulrich',
  v: 'Viktor',
  w: 'Wilhelm',
  x: 'Xanthippe',
  y: 'Ypsilon',
  z: 'Zacharias',
};
const DIN: Record<string, string> = {
  a: 'Aachen',
  b: 'Berlin',
  c: 'Chemnitz',
  d: 'Düsseldorf',
  e: 'Essen',
  f: 'Frankfurt',
  g: 'Goslar',
  h: 'Hamburg',
  i: 'Ingelheim',
  j: 'Jena',
  k: 'Köln',
  l: 'Leipzig',
  m: 'München',
  n: 'Nürnberg',
  o: 'Offenbach',
  p: 'Potsdam',
  q: 'Quickborn',
  r: 'Rostock',
  s: 'Salzwedel',
  t: 'Tübingen',
  u: 'Unna',
  v: 'Völklingen',
  w: 'Wuppertal',
  x: 'Xanten',
  y: 'Ypsilon',
  z: 'Zwickau',
};

function spell(f: Faker, word: string): string {
  const letters = normalizeName(word).replace(/ /g, '').split('');
  const style = f.number.int(2);
  if (style === 0) return letters.map((l) => l.toUpperCase()).join(' ');
  const table = style === 1 ? TRADITIONAL : DIN;
  return letters.map((l) => table[l] ?? l).join(' ');
}

function homophoneOf(f: Faker, last: string): string | undefined {
  const lower = last.toLowerCase();
  const code = cologne(normalizeName(lower));
  const options = f.helpers.shuffle(CONFUSIONS.filter(([re]) => re.test(lower)));
  for (const [re, rep] of options) {
    const v = lower.replace(re, rep);
    if (normalizeName(v) !== normalizeName(lower) && cologne(normalizeName(v)) === code) {
      return v.charAt(0).toUpperCase() + v.slice(1);
    }
  }
  return undefined;
}

/** Generate `count` tenants of about 30 staff each, seeded. */
export function makeTenants(count: number, seed = 21): Tenant[] {
  const f = new Faker({ locale: [de, en, base] });
  f.seed(seed);
  const tenants: Tenant[] = [];
  let guard = 0;
  while (tenants.length < count && guard++ < count * 20) {
    const t = tenants.length;
    const staff: NameEntry[] = [];
    for (let i = 0; i < 30; i++) {
      const sex = f.number.float() < 0.5 ? 'female' : 'male';
      const firstName = f.person.firstName(sex);
      const lastName = f.person.lastName();
      staff.push({
        id: `t${String(t)}-${String(i)}`,
        name: `${firstName} ${lastName}`,
        firstName,
        lastName,
        gender: sex === 'female' ? 'f' : 'm',
        role: 'staff',
      });
    }
    const p = staff[0] as Required<Pick<NameEntry, 'firstName' | 'lastName' | 'gender'>> &
      NameEntry;
    const l2 = homophoneOf(f, p.lastName);
    if (l2 === undefined) continue;
    p.title = 'Dr.';
    p.name = `Dr. ${p.firstName} ${p.lastName}`;
    p.role = 'Arzt';
    const otherSex = p.gender === 'm' ? 'female' : 'male';
    const xFirst = f.person.firstName(otherSex);
    const x: NameEntry = {
      id: `t${String(t)}-x`,
      name: `${xFirst} ${l2}`,
      firstName: xFirst,
      lastName: l2,
      gender: otherSex === 'female' ? 'f' : 'm',
      role: 'staff',
    };
    // keep the pair the only sound-alikes of that code in the tenant
    const code = cologne(normalizeName(p.lastName));
    const rest = staff.slice(1).filter((s) =>
      normalizeName(s.lastName ?? '')
        .split(' ')
        .every((w) => cologne(w) !== code),
    );
    // nickname holder: a real full form from the table, nickname said by the caller
    const group = f.helpers.arrayElement(NICKNAME_GROUPS);
    const full = group[0] ?? 'Katharina';
    const nick = f.helpers.arrayElement(group.slice(1));
    const nLast = f.person.lastName();
    const n: NameEntry = {
      id: `t${String(t)}-n`,
      name: `${full} ${nLast}`,
      firstName: full,
      lastName: nLast,
      role: 'staff',
    };
    const nickFolded = normalizeName(nick);
    // every first name that the nickname could stand for must be absent from the rest of the staff
    const groupFolded = new Set(
      NICKNAME_GROUPS.filter((g) => g.some((x) => normalizeName(x) === nickFolded))
        .flat()
        .map((g) => normalizeName(g)),
    );
    const clean = rest.filter(
      (s) =>
        !groupFolded.has(normalizeName(s.firstName ?? '')) &&
        normalizeName(s.lastName ?? '') !== normalizeName(nLast),
    );
    const all = [p, x, n, ...clean];
    const sal = (g: string | undefined): string =>
      g === 'm'
        ? f.helpers.arrayElement(['Herr', 'Herrn', 'Mr'])
        : f.helpers.arrayElement(['Frau', 'Mrs', 'Ms']);
    const cases: DialogueCase[] = [
      {
        kind: 'salutation',
        query: `${sal(p.gender)} ${p.lastName}`,
        expect: { verdict: 'match', id: p.id },
      },
      {
        kind: 'salutation',
        query: `${sal(x.gender)} ${l2}`,
        expect: { verdict: 'match', id: x.id },
      },
      {
        kind: 'title',
        query: `${f.helpers.arrayElement(['Doktor', 'Dr.', p.gender === 'f' ? 'Frau Doktor' : 'Herr Doktor', 'Doctor'])} ${f.helpers.arrayElement([p.lastName, l2])}`,
        expect: { verdict: 'match', id: p.id },
      },
      {
        kind: 'nickname',
        query: f.number.float() < 0.5 ? `die ${nick}` : `${nick} ${nLast}`,
        expect: { verdict: 'match', id: n.id },
      },
      {
        kind: 'homophone',
        query: f.helpers.arrayElement([p.lastName, l2]),
        expect: { verdict: 'ambiguous', ids: [p.id, x.id] },
      },
      {
        kind: 'spelled',
        query: p.lastName,
        answer: spell(f, l2),
        expect: { verdict: 'match', id: x.id },
      },
      {
        kind: 'spelled',
        query: l2,
        answer: spell(f, p.lastName),
        expect: { verdict: 'match', id: p.id },
      },
      {
        kind: 'spelled',
        query: p.lastName,
        answer: xFirst,
        expect: { verdict: 'match', id: x.id },
      },
      {
        kind: 'spelled',
        query: l2,
        answer: f.helpers.arrayElement(['den Arzt', 'Doktor', p.firstName]),
        expect: { verdict: 'match', id: p.id },
      },
    ];
    // the nickname query must be unambiguous within the tenant for the label to hold
    if (
      cases[3]?.query.startsWith('die ') &&
      all.some((s) => s.id !== n.id && normalizeName(s.firstName ?? '') === normalizeName(nick))
    )
      continue;
    tenants.push({ staff: all, cases });
  }
  return tenants;
}

/** Run one case against an index; true if the outcome is the labelled one. */
export function runCase(index: NameIndex, c: DialogueCase): boolean {
  let r: MatchResult = index.match(c.query);
  if (c.answer !== undefined) r = index.refine(r, c.answer);
  if (c.expect.verdict === 'match') return r.verdict === 'match' && r.best?.id === c.expect.id;
  if (r.verdict !== 'ambiguous') return false;
  const close = new Set((r.clarification?.differences ?? []).map((d) => d.id));
  return c.expect.ids.every((id) => close.has(id));
}

/** Accuracy per case kind over tenants (each tenant its own index, as a booking engine would). */
export function dialogueAccuracy(
  tenants: readonly Tenant[],
): Map<string, { ok: number; n: number }> {
  const out = new Map<string, { ok: number; n: number }>();
  for (const t of tenants) {
    const index = createNameIndex(t.staff);
    for (const c of t.cases) {
      const s = out.get(c.kind) ?? { ok: 0, n: 0 };
      s.n++;
      if (runCase(index, c)) s.ok++;
      out.set(c.kind, s);
    }
  }
  return out;
}
