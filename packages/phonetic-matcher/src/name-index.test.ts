import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createNameIndex,
  isPhoneticMatcherError,
  loadNameIndex,
  type NameEntry,
  type NameIndexSnapshot,
  type NameIndexSnapshotV1,
} from './index.js';
import { makePeople, makeQueries } from '../test/dataset.js';
import { evaluate } from '../test/evaluate.js';

const staff: NameEntry[] = [
  { id: 'a', name: 'Petra Meyer' },
  { id: 'b', name: 'Hans Müller-Lüdenscheidt' },
  { id: 'c', name: 'Dr. Jürgen Weiß' },
  { id: 's1', name: 'Haarschnitt' },
  { id: 's2', name: 'Färben' },
  { id: 's3', name: 'Dauerwelle' },
];

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return isPhoneticMatcherError(e) ? e.code : e;
  }
  return undefined;
}

describe('createNameIndex / match', () => {
  const index = createNameIndex(staff);
  it.each([
    ['Petra Meyer', 'a'],
    ['meyer petra', 'a'],
    ['Frau Maier', 'a'],
    ['Petra', 'a'],
    ['Herr Mueller Luedenscheidt', 'b'],
    ['Hans Muller-Ludenscheid', 'b'],
    ['Doktor Juergen Weiss', 'c'],
    ['harschnit', 's1'],
    ['ferben', 's2'],
    ['dauerwele', 's3'],
    ['Dauer Welle', 's3'],
  ])('resolves %s', (q, id) => {
    const r = index.match(q);
    expect(r.verdict).toBe('match');
    expect(r.best?.id).toBe(id);
  });
  it('returns none for an unknown name', () => {
    expect(index.match('Yoshiro Takahashi').verdict).toBe('none');
  });
  it('is ambiguous between sound-alikes', () => {
    const i = createNameIndex([...staff, { id: 'a2', name: 'Petra Maier' }]);
    const r = i.match('Petra Meier');
    expect(r.verdict).toBe('ambiguous');
    expect(r.candidates.map((c) => c.id).sort()).toEqual(['a', 'a2']);
  });
  it('adds, updates and removes entries without a rebuild', () => {
    const i = createNameIndex(staff);
    expect(i.match('Zimmermann').verdict).toBe('none');
    i.add({ id: 'z', name: 'Klaus Zimmermann' });
    expect(i.match('Zimmermann').best?.id).toBe('z');
    i.update({ id: 'z', name: 'Klaus Hoffmann' });
    expect(i.match('Zimmermann').verdict).toBe('none');
    expect(i.match('Hofmann').best?.id).toBe('z');
    expect(i.remove('z')).toBe(true);
    expect(i.match('Hofmann').verdict).toBe('none');
    expect(i.remove('z')).toBe(false);
  });
  it('rejects duplicate ids and invalid entries with typed errors', () => {
    const i = createNameIndex(staff);
    expect(codeOf(() => i.add({ id: 'a', name: 'X' }))).toBe('E_DUPLICATE_ID');
    expect(codeOf(() => i.add({ id: 'q', name: '!!!' }))).toBe('E_ENTRY_INVALID');
    expect(codeOf(() => createNameIndex([], { minScore: 2 }))).toBe('E_CONFIG_INVALID');
  });
  it('round-trips through JSON', () => {
    const copy = loadNameIndex(JSON.parse(JSON.stringify(index.toJSON())) as NameIndexSnapshot);
    expect(copy.size).toBe(index.size);
    for (const q of ['Frau Maier', 'harschnit', 'Juergen']) {
      expect(copy.match(q)).toEqual(index.match(q));
    }
    expect(codeOf(() => loadNameIndex({ version: 2 } as never))).toBe('E_SNAPSHOT_INVALID');
    expect(codeOf(() => loadNameIndex({ version: 3, tokens: [], entries: [] } as never))).toBe(
      'E_SNAPSHOT_INVALID',
    );
  });
  it('loads version-1 snapshots, also those written before the sound key existed', () => {
    const snap = index.toJSON();
    const v1 = (cut: number): NameIndexSnapshotV1 => ({
      version: 1,
      entries: snap.entries.map((e) => ({
        entry: e.entry,
        variants: e.variants.map((v) => ({
          text: v.text ?? v.tokens.map((i) => snap.tokens[i]?.[0] ?? '').join(' '),
          kind: v.kind,
          tokens: v.tokens.map((i) => (snap.tokens[i] ?? []).slice(0, cut)),
        })),
      })),
    });
    for (const cut of [6, 5]) {
      const copy = loadNameIndex(JSON.parse(JSON.stringify(v1(cut))) as NameIndexSnapshotV1);
      expect(copy.size).toBe(index.size);
      for (const q of ['Frau Maier', 'harschnit', 'Juergen Vice', 'Mueller Ludenshide']) {
        expect(copy.match(q)).toEqual(index.match(q));
      }
    }
  });
  it('rejects a snapshot whose forms point outside its token table', () => {
    const snap = index.toJSON();
    const bad = { ...snap, tokens: snap.tokens.slice(0, 1) };
    expect(codeOf(() => loadNameIndex(bad))).toBe('E_SNAPSHOT_INVALID');
  });
  it('truncates over-long input and says so', () => {
    const r = index.match(`Petra Meyer ${'x'.repeat(10_000)}`);
    expect(r.truncated).toBe(true);
    expect(r.query.length).toBe(200);
  });
  it('throws a typed error for a non-string', () => {
    try {
      index.match(42 as unknown as string);
      expect.unreachable();
    } catch (e) {
      expect(isPhoneticMatcherError(e) && e.code).toBe('E_INPUT_INVALID');
    }
  });
});

describe('respellings and loose name parts', () => {
  const index = createNameIndex([
    ...makePeople(1000, 5),
    { id: 'ds', name: 'Dieter Schneider' },
    { id: 'jn', name: 'Jürgen Neumann' },
    { id: 'ec', name: 'Emily Carter' },
    { id: 'sb', name: 'Sheldon Brown' },
    { id: 'lw', name: 'Lana Weis' },
  ]);
  it.each([
    ['Deeter Shnyder', 'ds'],
    ['Yurgen Noyman', 'jn'],
    ['Emili Karter', 'ec'],
    ['Scheldon Braun', 'sb'],
  ])('resolves the cross-language ASR spelling %s', (q, id) => {
    const r = index.match(q);
    expect(r.verdict).toBe('match');
    expect(r.best?.id).toBe(id);
  });
  it('does not let a shared first name carry a loosely similar last name', () => {
    const r = index.match('Lana Vass');
    expect(r.verdict).not.toBe('match');
    expect(r.candidates[0]?.id).toBe('lw');
    expect(r.clarification?.de).toBe('Meinen Sie Lana Weis?');
    expect(index.match('Lana Weiss').best?.id).toBe('lw');
  });
  it.each([
    ['ja', 'match'],
    ['W E I S', 'match'],
    ['nein', 'none'],
    ['V A S S', 'ambiguous'],
    ['ähm', 'ambiguous'],
  ])('a confirmation question answered %s gives %s', (answer, verdict) => {
    expect(index.refine(index.match('Lana Vass'), answer).verdict).toBe(verdict);
  });
});

describe('accuracy on the labelled set', () => {
  it('meets top-1 >= 95 % and false matches < 2 % at 2,000 names', () => {
    const people = makePeople(2000, 7);
    const index = createNameIndex(people);
    const scores = evaluate(makeQueries(people, 500, 13), (q) => {
      const r = index.match(q);
      return { ids: r.candidates.map((c) => c.id), confident: r.verdict === 'match' };
    });
    expect(scores.top1).toBeGreaterThanOrEqual(0.95);
    expect(scores.falseMatchRate).toBeLessThan(0.02);
  });
});

describe('properties', () => {
  const index = createNameIndex(makePeople(300, 3));
  it('any string returns a result and never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.string({ unit: 'binary' }),
          fc.constant(''),
        ),
        (s) => {
          const r = index.match(s);
          expect(['match', 'ambiguous', 'none']).toContain(r.verdict);
          for (const c of r.candidates) expect(c.score).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('a 10 kB input returns quickly', () => {
    const s = 'ä🙂\u0000Meyer '.repeat(1500);
    const t = performance.now();
    index.match(s);
    expect(performance.now() - t).toBeLessThan(200);
  });
});
