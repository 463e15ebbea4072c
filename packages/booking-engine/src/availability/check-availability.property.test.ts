import type { CalcomMock } from '@voicebook/calcom-mock';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalcomCalendarProvider } from '../calcom/calcom-calendar-provider.js';
import type { IsoWeekday, OpeningInterval, TenantPolicies } from '../types.js';
import { NOW, salonTenant, startSalon } from '../../test/availability/salon.js';
import { checkAvailability } from './check-availability.js';

let mock: CalcomMock;
beforeAll(async () => {
  mock = await startSalon();
});
afterAll(async () => {
  await mock.close();
});

const ZONE = 'Europe/Berlin';
const TODAY = DateTime.fromMillis(NOW, { zone: ZONE }).startOf('day');
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

const hours = fc.option(
  fc
    .record({ open: fc.integer({ min: 7, max: 12 }), close: fc.integer({ min: 12, max: 20 }) })
    .map(({ open, close }): OpeningInterval[] => [
      { open: hh(open), close: hh(Math.max(close, open + 1)) },
    ]),
  { nil: undefined, freq: 6 },
);
const policies = fc.record({
  minNoticeToBookMinutes: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 48 }).map((n) => n * 30),
  ),
  maxDaysAhead: fc.integer({ min: 0, max: 20 }),
  week: fc.tuple(hours, hours, hours, hours, hours, hours, hours),
});
const wish = fc.oneof(
  fc.record({
    kind: fc.constant('start' as const),
    day: fc.integer({ min: -1, max: 16 }),
    quarter: fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 36, max: 71 })),
  }),
  fc.record({
    kind: fc.constant('date' as const),
    day: fc.integer({ min: -1, max: 16 }),
    quarter: fc.constant(0),
  }),
);

describe('checkAvailability (property)', () => {
  it('offers at most 3 free alternatives that respect every policy, in the documented order', async () => {
    const calendar = createCalcomCalendarProvider({ clientOptions: { cache: false } });
    await fc.assert(
      fc.asyncProperty(policies, wish, fc.integer({ min: 0, max: 2 }), async (p, w, s) => {
        const businessHours: Partial<Record<IsoWeekday, readonly OpeningInterval[]>> = {};
        p.week.forEach((h, i) => {
          if (h) businessHours[(i + 1) as IsoWeekday] = h;
        });
        const policy: Partial<TenantPolicies> = {
          minNoticeToBookMinutes: p.minNoticeToBookMinutes,
          maxDaysAhead: p.maxDaysAhead,
          businessHours,
        };
        const tenant = salonTenant(mock, { policies: policy });
        const service = tenant.services[s]!;
        const wishedDay = TODAY.plus({ days: w.day });
        const startMs =
          w.kind === 'start' ? wishedDay.plus({ minutes: w.quarter * 15 }).toMillis() : undefined;
        const request =
          startMs === undefined
            ? { date: wishedDay.toISODate()! }
            : { start: DateTime.fromMillis(startMs, { zone: ZONE }).toISO()! };
        const r = await checkAvailability({ tenant, service, request, calendar, now: NOW });

        // The oracle: what Cal.com offers, judged by the policies written out independently.
        const all = await calendar.findSlots(tenant, {
          eventTypeId: service.eventTypeId,
          startDate: TODAY.minus({ days: 1 }).toISODate()!,
          endDate: TODAY.plus({ days: 30 }).toISODate()!,
          zone: ZONE,
        });
        const free = new Set(
          Object.values(all.byDate).flatMap((d) => d.map((x) => Date.parse(x.start))),
        );
        const lastDay = TODAY.plus({ days: p.maxDaysAhead }).toISODate()!;
        const ok = (t: number): boolean => {
          const dt = DateTime.fromMillis(t, { zone: ZONE });
          const day = dt.toISODate()!;
          const inHours = (businessHours[dt.weekday as IsoWeekday] ?? []).some(
            (i) =>
              DateTime.fromISO(`${day}T${i.open}`, { zone: ZONE }).toMillis() <= t &&
              t + service.durationMinutes * 60_000 <=
                DateTime.fromISO(`${day}T${i.close}`, { zone: ZONE }).toMillis(),
          );
          return t >= NOW + p.minNoticeToBookMinutes * 60_000 && day <= lastDay && inHours;
        };

        const alts = r.alternatives.map((a) => Date.parse(a));
        expect(alts.length).toBeLessThanOrEqual(3);
        expect(new Set(alts).size).toBe(alts.length);
        for (const t of alts) {
          expect(free.has(t)).toBe(true);
          expect(ok(t)).toBe(true);
        }
        if (startMs !== undefined) {
          expect(r.available).toBe(free.has(startMs) && ok(startMs));
          if (!ok(startMs)) expect(r.policy).toBeDefined();
        }
        if (r.available) expect(alts).toEqual([]);
        else {
          // Order: the wished day (nearest to the wish, earlier on a tie; by time for a date),
          // then later days earliest first, then earlier days latest first.
          const dayOf = (t: number) => DateTime.fromMillis(t, { zone: ZONE }).toISODate()!;
          const wd = wishedDay.toISODate()!;
          const rank = (t: number): [number, number] => {
            const d = dayOf(t);
            if (d === wd)
              return [
                0,
                startMs === undefined ? t : Math.abs(t - startMs) * 2 + (t < startMs ? 0 : 1),
              ];
            return d > wd ? [1, t] : [2, -t];
          };
          const before = (a: number, b: number) => {
            const [ga, ka] = rank(a);
            const [gb, kb] = rank(b);
            return ga < gb || (ga === gb && ka < kb);
          };
          for (let i = 1; i < alts.length; i++) expect(before(alts[i - 1]!, alts[i]!)).toBe(true);
          // Nothing better on the wished day was left out.
          const sameDay = [...free].filter((t) => dayOf(t) === wd && ok(t) && t !== startMs);
          const worst = alts.at(-1);
          for (const t of sameDay) {
            if (!alts.includes(t))
              expect(alts.length === 3 && worst !== undefined && before(worst, t)).toBe(true);
          }
        }
      }),
      { numRuns: 120, seed: 20261125 },
    );
  });
});
