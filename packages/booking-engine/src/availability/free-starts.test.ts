import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TenantPolicies } from '../types.js';
import { freeStarts } from './free-starts.js';
import { policyContext, slotViolation } from './window.js';

const ZONE = 'Europe/Berlin';
const DAY0 = Date.parse('2026-10-20T00:00:00.000+02:00'); // a week before the autumn DST change
const HALF_HOUR = 1_800_000;

const policiesOf = (minNotice: number, maxDaysAhead: number, close: string): TenantPolicies => ({
  minNoticeToBookMinutes: minNotice,
  minNoticeToCancelMinutes: 0,
  minNoticeToRescheduleMinutes: 0,
  maxDaysAhead,
  businessHours: {
    1: [{ open: '09:00', close }],
    2: [{ open: '09:00', close }],
    3: [{ open: '09:00', close }],
    4: [{ open: '09:00', close }],
    5: [{ open: '09:00', close }],
    6: [{ open: '10:00', close: '14:00' }],
  },
  whenCalendarDown: 'fail',
});

/** What the check did before the memo: parse, dedupe, judge every start, sort. */
const naive = (
  byDate: Record<string, { start: string }[]>,
  ctx: ReturnType<typeof policyContext>,
  taken?: number,
) =>
  [...new Set(Object.values(byDate).flatMap((d) => d.map((s) => Date.parse(s.start))))]
    .filter((t) => Number.isFinite(t) && t !== taken && slotViolation(ctx, t) === undefined)
    .sort((a, b) => a - b);

describe('freeStarts', () => {
  it('equals judging every start, however often one answer is asked at changing clocks', () => {
    fc.assert(
      fc.property(
        // Half-hour starts over 21 days (with duplicates, a garbage start, any order).
        fc.array(fc.integer({ min: 0, max: 21 * 48 }), { minLength: 0, maxLength: 300 }),
        fc.array(
          fc.record({
            nowStep: fc.integer({ min: 0, max: 14 * 48 }),
            policy: fc.nat({ max: 3 }),
            duration: fc.constantFrom(30, 90),
            takenIndex: fc.option(fc.nat(), { nil: undefined }),
          }),
          { minLength: 2, maxLength: 8 },
        ),
        (steps, asks) => {
          const byDate: Record<string, { start: string }[]> = {};
          for (const [i, step] of steps.entries()) {
            const day = `d${String(i % 5)}`;
            (byDate[day] ??= []).push({ start: new Date(DAY0 + step * HALF_HOUR).toISOString() });
          }
          byDate.bad = [{ start: 'not a date' }];
          // Few policies objects, so asks share one and the memo must notice the clock, the
          // duration and the last bookable day moving.
          const pool = [
            policiesOf(0, 30, '18:00'),
            policiesOf(60, 5, '12:30'),
            policiesOf(24 * 60, 12, '24:00'),
            policiesOf(60, 30, '18:00'),
          ];
          for (const ask of asks) {
            const policies = pool[ask.policy] ?? pool[0]!;
            const ctx = policyContext(ZONE, policies, ask.duration, DAY0 + ask.nowStep * HALF_HOUR);
            const taken =
              ask.takenIndex === undefined || steps.length === 0
                ? undefined
                : DAY0 + (steps[ask.takenIndex % steps.length] ?? 0) * HALF_HOUR;
            expect(freeStarts(byDate, ctx, taken)).toEqual(naive(byDate, ctx, taken));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hands out a copy: changing one answer does not change the next', () => {
    const byDate = { a: [{ start: '2026-10-21T09:00:00.000+02:00' }] };
    const ctx = policyContext(ZONE, policiesOf(0, 30, '18:00'), 30, DAY0);
    freeStarts(byDate, ctx).push(1);
    expect(freeStarts(byDate, ctx)).toEqual([Date.parse('2026-10-21T09:00:00.000+02:00')]);
  });
});
