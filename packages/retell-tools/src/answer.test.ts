import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_BUDGET, RETELL_ANSWER_LIMIT, serialiseAnswer, type ToolAnswer } from './answer.js';

// Every tool answer leaves the handler through serialiseAnswer, so its bound is every tool's
// bound, whatever the engine hands back (long names, many alternatives, stacked late results).
const big = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 16_000, size: 'max' }),
);
const answer: fc.Arbitrary<ToolAnswer> = fc.record(
  {
    say: big,
    result: fc.oneof(fc.constantFrom('available', 'booked', 'list'), big),
    alternatives: fc.array(fc.record({ start: big, when: big }), { maxLength: 60 }),
    appointments: fc.array(fc.dictionary(fc.string(), big, { maxKeys: 5 }), { maxLength: 40 }),
    state: big,
    late_results: fc.array(fc.record({ tool: fc.string(), result: fc.string(), say: big })),
  },
  { requiredKeys: ['say', 'result'] },
);

describe('serialiseAnswer', () => {
  it('keeps any answer under the budget as JSON with its result and the start of its say', () => {
    fc.assert(
      fc.property(answer, (a) => {
        const json = serialiseAnswer(a);
        expect(json.length).toBeLessThanOrEqual(ANSWER_BUDGET);
        expect(ANSWER_BUDGET).toBeLessThan(RETELL_ANSWER_LIMIT);
        const back = JSON.parse(json) as ToolAnswer;
        expect(a.result.startsWith(back.result)).toBe(true);
        expect(a.say.startsWith(back.say)).toBe(true);
        if (JSON.stringify(a).length <= ANSWER_BUDGET)
          expect(back).toEqual(JSON.parse(JSON.stringify(a)));
        else expect(back.truncated).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('cuts lists to three before it drops fields', () => {
    const alternatives = Array.from({ length: 400 }, (_, i) => ({
      start: `2026-11-26T${i}`,
      when: 'x'.repeat(40),
    }));
    const back = JSON.parse(
      serialiseAnswer({ say: 'Frei wäre …', result: 'unavailable', alternatives }),
    ) as ToolAnswer;
    expect(back).toMatchObject({ say: 'Frei wäre …', result: 'unavailable', truncated: true });
    expect(back.alternatives).toEqual(alternatives.slice(0, 3));
  });
});
