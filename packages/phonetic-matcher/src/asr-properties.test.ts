/**
 * Properties over speech-like input: what an ASR transcript or an LLM tool argument can hold
 * (letters outside German, booking phrases around the name, compound names in any spelling,
 * reduced endings), generated rather than listed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNameIndex, normalizeName, type NameEntry } from './index.js';
import { foldText, parseQuery, soundKey } from './normalize.js';
import { FEMALE, MALE, SURNAMES } from '../test/german-lists.js';

/** One letter per element (every one a single code point). */
const letters = (s: string): string[] => s.split(' ');
const FOREIGN = letters('ı İ ş Ş ğ Ğ ç Ç ł Ł ś Ś ż Ż ź ń ø Ø å Å č Č ř Ř ě š ž ý á í é ó ú ñ');
const LATIN = letters('a b c d e f g h i j k l m n o p q r s t u v w x y z ä ö ü ß - .');
const PHRASES = [
  'Termin bei',
  'ich möchte zu',
  'beim',
  'ich hätte gern einen Termin bei',
  'bitte zu',
  'I would like an appointment with',
];
const SALUTE = ['', 'Herr', 'Frau', 'Dr.', 'Herrn Doktor'];

const people: NameEntry[] = SURNAMES.slice(0, 40).map((last, i) => {
  const female = i % 2 === 0;
  const first = (female ? FEMALE : MALE)[i % 20] ?? 'Anna';
  return { id: `p${String(i)}`, name: `${first} ${last}`, firstName: first, lastName: last };
});
const index = createNameIndex(people, { cacheSize: 0 });

/** Speech-like text: words from names, phrases, salutations, foreign letters, noise. */
const speech = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PHRASES, ...SALUTE, ...SURNAMES, ...FEMALE, ...MALE),
      fc.string({
        unit: fc.constantFrom(...FOREIGN, ...LATIN, ' '),
        maxLength: 12,
      }),
    ),
    { maxLength: 8 },
  )
  .map((ws) => ws.join(' '));

describe('speech-like input', () => {
  it('never throws and always gives a well-formed verdict', () => {
    fc.assert(
      fc.property(speech, (q) => {
        const r = index.match(q);
        expect(['match', 'ambiguous', 'none']).toContain(r.verdict);
        if (r.verdict === 'match') expect(r.best?.id).toBe(r.candidates[0]?.id);
        if (r.verdict === 'ambiguous') expect(r.clarification?.de.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
  it('folding is idempotent and leaves only a-z, digits and single spaces', () => {
    fc.assert(
      fc.property(speech, (q) => {
        const f = foldText(q);
        expect(foldText(f)).toBe(f);
        expect(f).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
      { numRuns: 300 },
    );
  });
  it('parsing is idempotent: the tokens of the tokens are the tokens', () => {
    fc.assert(
      fc.property(speech, (q) => {
        const t = parseQuery(q).tokens;
        expect(parseQuery(t.join(' ')).tokens).toEqual(t);
      }),
      { numRuns: 300 },
    );
  });
  it('a booking phrase around a name changes nothing about who is found', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...people),
        fc.constantFrom(...PHRASES),
        fc.constantFrom('', 'bitte', 'heute'),
        (p, before, after) => {
          const bare = index.match(p.name);
          const said = index.match(`${before} ${p.name} ${after}`);
          expect(said.verdict).toBe(bare.verdict);
          expect(said.candidates.map((c) => c.id)).toEqual(bare.candidates.map((c) => c.id));
        },
      ),
    );
  });
  it('a surname with its -er said as -a or -ah has the sound of the surname', () => {
    const er = SURNAMES.filter((s) => s.endsWith('er'));
    fc.assert(
      fc.property(fc.constantFrom(...er), fc.constantFrom('a', 'ah'), (s, end) => {
        const heard = `${s.slice(0, -2)}${end}`;
        expect(soundKey(normalizeName(heard))).toBe(soundKey(normalizeName(s)));
      }),
    );
  });
  it('a surname written with letters outside German folds as its plain-Latin spelling', () => {
    const plain: Record<string, string> = {
      ı: 'i',
      ş: 's',
      ğ: 'g',
      ç: 'c',
      ł: 'l',
      ś: 's',
      ż: 'z',
      ø: 'o',
      å: 'a',
      č: 'c',
      ř: 'r',
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Object.keys(plain), ...letters('a e i k l m n o r s t u z')), {
          minLength: 1,
          maxLength: 10,
        }),
        (letters) => {
          const word = letters.join('');
          expect(foldText(word)).toBe(letters.map((l) => plain[l] ?? l).join(''));
        },
      ),
    );
  });
});

describe('compound first names in any spelling', () => {
  const idx = createNameIndex([
    { id: 'hp', name: 'Hans-Peter Kowalski', firstName: 'Hans-Peter', lastName: 'Kowalski' },
    { id: 'kh', name: 'Karlheinz Lehmann', firstName: 'Karlheinz', lastName: 'Lehmann' },
    { id: 'am', name: 'Anne-Marie Brandt', firstName: 'Anne-Marie', lastName: 'Brandt' },
    { id: 'x', name: 'Hans Kowalczyk', firstName: 'Hans', lastName: 'Kowalczyk' },
  ]);
  it.each([
    ['Hans-Peter Kowalski', 'hp'],
    ['Hanspeter Kowalski', 'hp'],
    ['Hans Peter Kowalski', 'hp'],
    ['Karl-Heinz Lehmann', 'kh'],
    ['Karl Heinz Lehmann', 'kh'],
    ['Karlheinz Lehmann', 'kh'],
    ['Annemarie Brandt', 'am'],
    ['Anne Marie Brandt', 'am'],
  ])('%s finds %s', (q, id) => {
    const r = idx.match(q);
    expect(r.verdict).toBe('match');
    expect(r.best?.id).toBe(id);
  });
});
