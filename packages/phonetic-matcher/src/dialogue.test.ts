import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNameIndex, type MatchResult, type NameEntry } from './index.js';
import { dialogueAccuracy, makeTenants } from '../test/dialogue-dataset.js';

const staff: NameEntry[] = [
  {
    id: 'st',
    name: 'Dr. Stefan Schmidt',
    firstName: 'Stefan',
    lastName: 'Schmidt',
    title: 'Dr.',
    gender: 'm',
    role: 'Arzt',
  },
  {
    id: 'sa',
    name: 'Sandra Schmitt',
    firstName: 'Sandra',
    lastName: 'Schmitt',
    gender: 'f',
    role: 'Empfang',
  },
  {
    id: 'k',
    name: 'Katharina Hoffmann',
    firstName: 'Katharina',
    lastName: 'Hoffmann',
    gender: 'f',
  },
  { id: 'h', name: 'Peter Hofmann', firstName: 'Peter', lastName: 'Hofmann', gender: 'm' },
  { id: 'm1', name: 'Petra Meyer', gender: 'f' },
  { id: 'm2', name: 'Paul Maier', gender: 'm' },
];
const index = createNameIndex(staff);

describe('salutations and titles', () => {
  it.each([
    ['Herr Schmidt', 'st'],
    ['Frau Schmitt', 'sa'],
    ['Mr Schmidt', 'st'],
    ['Mrs Schmitt', 'sa'],
    ['Herr Doktor Schmitt', 'st'],
    ['Frau Meier', 'm1'],
    ['Herrn Meier', 'm2'],
  ])('%s resolves to %s', (q, id) => {
    expect(index.match(q).best?.id).toBe(id);
  });
  it.each([
    ['Frau Schmidt', 'Sandra Schmitt', 'Dr. Stefan Schmidt'],
    ['Mrs Schmidt', 'Sandra Schmitt', 'Dr. Stefan Schmidt'],
    ['Herr Schmitt', 'Dr. Stefan Schmidt', 'Sandra Schmitt'],
  ])(
    'salutation against spelling: %s asks, naming both %s and %s',
    (q, bySalutation, bySpelling) => {
      const r = index.match(q);
      expect(r.verdict).toBe('ambiguous');
      expect(r.best).toBeUndefined();
      expect(r.clarification?.de).toContain(bySalutation);
      expect(r.clarification?.de).toContain(bySpelling);
      expect(r.clarification?.differences.map((d) => d.id).sort()).toEqual(['sa', 'st']);
    },
  );
  it('a salutation never invents a match the spelling does not support', () => {
    expect(index.match('Frau Zimmermann').verdict).toBe('none');
    expect(index.match('Herr Doktor Yamamoto').verdict).toBe('none');
  });
});

describe('nicknames', () => {
  it('understands hypocorisms from the shipped table', () => {
    expect(index.match('die Kathi').best?.id).toBe('k');
    expect(index.match('Kathi Hofmann').best?.id).toBe('k');
  });
  it('accepts adopter groups', () => {
    const i = createNameIndex([{ id: 'x', name: 'Ottokar Wendt' }], {
      nicknames: [['Ottokar', 'Okki']],
    });
    expect(i.match('Okki Wendt').best?.id).toBe('x');
    expect(createNameIndex([{ id: 'x', name: 'Ottokar Wendt' }]).match('Okki Wendt').verdict).toBe(
      'none',
    );
  });
});

describe('homophones and refine', () => {
  const first = index.match('Schmidt');
  it('is ambiguous and says what tells them apart', () => {
    expect(first.verdict).toBe('ambiguous');
    expect(first.clarification?.de).toBe('Meinen Sie Dr. Stefan Schmidt oder Sandra Schmitt?');
    expect(first.clarification?.spellingDe).toBe('Schmidt mit d-t oder Schmitt mit zwei t?');
    expect(first.clarification?.spellingEn).toBe('Schmidt with d-t or Schmitt with double t?');
    expect(index.match('Hofmann').clarification?.spellingDe).toBe(
      'Hofmann mit einem f oder Hoffmann mit zwei f?',
    );
  });
  it.each([
    ['S C H M I T T', 'sa'],
    ['S-C-H-M-I-D-T', 'st'],
    ['es ce ha em i de te', 'st'],
    ['Samuel Cäsar Heinrich Martha Ida Theodor Theodor', 'sa'],
    ['Salzwedel Chemnitz Hamburg München Ingelheim Düsseldorf Tübingen', 'st'],
    ['Schmidt mit d-t', 'st'],
    ['mit zwei t', 'sa'],
    ['Stefan', 'st'],
    ['die Sandra', 'sa'],
    ['den Arzt', 'st'],
    ['Doktor', 'st'],
  ])('refine with %s → %s', (answer, id) => {
    const r = index.refine(JSON.parse(JSON.stringify(first)) as MatchResult, answer);
    expect(r.verdict).toBe('match');
    expect(r.best?.id).toBe(id);
  });
  it('mit a-i / mit e-y', () => {
    const m = index.match('Meier');
    expect(m.verdict).toBe('ambiguous');
    expect(index.refine(m, 'mit a-i').best?.id).toBe('m2');
    expect(index.refine(m, 'mit e-y').best?.id).toBe('m1');
  });
  it('an answer that tells nothing keeps it ambiguous', () => {
    expect(index.refine(first, 'ähm, weiß nicht').verdict).toBe('ambiguous');
  });
  it('refine never throws and never leaves the previous candidates', () => {
    const ids = new Set(first.candidates.map((c) => c.id));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (answer) => {
        const r = index.refine(first, answer);
        for (const c of r.candidates) expect(ids.has(c.id)).toBe(true);
        if (r.best) expect(ids.has(r.best.id)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('labelled dialogue set', () => {
  it('gets >= 95 % of salutation, title, nickname, homophone and spelled cases right', () => {
    const acc = dialogueAccuracy(makeTenants(60, 5));
    let ok = 0;
    let n = 0;
    for (const s of acc.values()) {
      ok += s.ok;
      n += s.n;
    }
    expect(n).toBeGreaterThan(400);
    expect(ok / n).toBeGreaterThanOrEqual(0.95);
  });
});
