import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, keyToken, soundKey } from './normalize.js';

describe('soundKey', () => {
  it.each([
    ['schneider', 'shnyder'],
    ['schneider', 'schnaider'],
    ['nau', 'now'],
    ['leiteritz', 'lyteritts'],
    ['hoffmann', 'hofman'],
    ['lutje', 'lutye'],
    ['koj', 'koy'],
    ['zschunke', 'tsschunke'],
    ['braun', 'brown'],
    ['neumann', 'noyman'],
    ['dieter', 'deeter'],
    ['huber', 'hoober'],
    ['juergen', 'yurgen'],
    ['strauss', 'shtrauss'],
    ['carter', 'karter'],
  ])('spells %s and %s the same', (a, b) => {
    expect(soundKey(a)).toBe(soundKey(b));
  });
  it.each([
    ['schneider', 'schroeder'],
    ['weis', 'vass'],
    ['meyer', 'mueller'],
    ['jaervinen', 'jerde'],
  ])('tells %s from %s', (a, b) => {
    expect(soundKey(a)).not.toBe(soundKey(b));
  });
  it('keeps vowels and is not truncated, unlike the other keys', () => {
    expect(soundKey('leiteritz')).toBe('lATErIZ');
    expect(keyToken('mueller').s).not.toBe(keyToken('moeller').s);
    expect(soundKey('hohenzollernberger').length).toBeGreaterThan(10);
  });
  it('is total, bounded and blind to doubled consonants for any folded token', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.stringMatching(/^[a-zäöüß ]{1,30}$/),
        ),
        fc.nat(59),
        (raw, at) => {
          for (const t of foldText(raw).split(' ').filter(Boolean)) {
            const k = soundKey(t);
            expect(k.length).toBeLessThanOrEqual(2 * t.length);
            expect(k).toMatch(/^[a-zA-Z0-9]*$/);
            const i = at % t.length;
            const c = t[i] ?? '';
            if (/[b-df-hj-np-tv-z]/.test(c)) {
              expect(soundKey(t.slice(0, i) + c + t.slice(i))).toBe(k);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
