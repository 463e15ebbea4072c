import { describe, expect, it } from 'vitest';
import { cardinalAt, ordinalAt } from './numbers.js';
import { tokenize } from './tokens.js';

const read = (phrase: string, at: typeof cardinalAt): number | undefined => {
  const tokens = tokenize(phrase);
  const r = at(tokens, 0);
  return r?.next === tokens.length ? r.value : undefined;
};

describe('number words', () => {
  it.each([
    ['eins', 1],
    ['zwo', 2],
    ['sieben', 7],
    ['zwölf', 12],
    ['sechzehn', 16],
    ['siebzehn', 17],
    ['zwanzig', 20],
    ['einundzwanzig', 21],
    ['dreißig', 30],
    ['fünfunddreißig', 35],
    ['achtundvierzig', 48],
    ['fünfzig', 50],
    ['neunundfünfzig', 59],
    ['one', 1],
    ['twelve', 12],
    ['fifteen', 15],
    ['twenty', 20],
    ['twenty one', 21],
    ['twenty-one', 21],
    ['forty five', 45],
    ['fifty-nine', 59],
    ['30', 30],
  ])('reads the cardinal %j as %i', (phrase, value) => {
    expect(read(phrase, cardinalAt)).toBe(value);
  });

  it.each([
    ['ersten', 1],
    ['erste', 1],
    ['zweiten', 2],
    ['dritten', 3],
    ['siebten', 7],
    ['siebenten', 7],
    ['achten', 8],
    ['zwölften', 12],
    ['neunzehnten', 19],
    ['zwanzigsten', 20],
    ['einundzwanzigsten', 21],
    ['dreißigsten', 30],
    ['einunddreißigsten', 31],
    ['first', 1],
    ['second', 2],
    ['third', 3],
    ['twelfth', 12],
    ['twentieth', 20],
    ['twenty first', 21],
    ['twenty-second', 22],
    ['thirtieth', 30],
    ['thirty-first', 31],
    ['24.', 24],
    ['2nd', 2],
    ['3rd', 3],
    ['31st', 31],
  ])('reads the ordinal %j as %i', (phrase, value) => {
    expect(read(phrase, ordinalAt)).toBe(value);
  });

  it('reads every German and English cardinal from 1 to 59 and no word twice', () => {
    const de = ['ein', 'zwei', 'drei', 'vier', 'fuenf', 'sechs', 'sieben', 'acht', 'neun'];
    const en = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const deTens = ['zwanzig', 'dreissig', 'vierzig', 'fuenfzig'];
    const enTens = ['twenty', 'thirty', 'forty', 'fifty'];
    for (let tens = 2; tens <= 5; tens++) {
      for (let unit = 1; unit <= 9; unit++) {
        const value = tens * 10 + unit;
        expect(read(`${de[unit - 1] ?? ''}und${deTens[tens - 2] ?? ''}`, cardinalAt)).toBe(value);
        expect(read(`${enTens[tens - 2] ?? ''} ${en[unit - 1] ?? ''}`, cardinalAt)).toBe(value);
      }
    }
  });

  it('does not read words that are no numbers', () => {
    expect(read('morgen', cardinalAt)).toBeUndefined();
    expect(read('acht', ordinalAt)).toBeUndefined();
    expect(read('zweiundvierzigsten', ordinalAt)).toBeUndefined();
  });
});
