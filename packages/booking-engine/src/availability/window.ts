// Day arithmetic, the slots window of a check and the tenant's booking policies, all in the
// tenant's zone. Pure functions of their inputs (the clock is passed in).
import { DateTime } from 'luxon';
import { dayOf, isoDate } from '../dates/calendar.js';
import type { IsoWeekday, TenantPolicies } from '../types.js';

/** Policy codes a wish can break, in the order they are checked. @internal */
export type PolicyCode = 'min-notice' | 'max-days-ahead' | 'business-hours';

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const openingsByHours = new WeakMap<object, Map<string, Array<[number, number]>>>();

function formatDay(ms: number, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (dayFormats.size < 1_000) dayFormats.set(zone, f);
  }
  return f.format(ms);
}

// Days of whole 15-minute buckets per zone: a check judges every slot start of its range
// (hundreds with a two-week prefetch window) and one Intl format costs microseconds. A bucket is
// kept only when its first and last millisecond fall on the same day, so a bucket that holds a
// midnight (whatever the offset) is always formatted exactly.
const BUCKET_MS = 900_000;
const dayBuckets = new Map<string, Map<number, string>>();

/** `YYYY-MM-DD` of `ms` in `zone` (memoised per 15 minutes; luxon is ~100× slower here). @internal */
export function localDay(ms: number, zone: string): string {
  const bucket = Math.floor(ms / BUCKET_MS);
  let days = dayBuckets.get(zone);
  const known = days?.get(bucket);
  if (known !== undefined) return known;
  const first = formatDay(bucket * BUCKET_MS, zone);
  if (first !== formatDay(bucket * BUCKET_MS + BUCKET_MS - 1, zone)) return formatDay(ms, zone);
  if (!days) {
    if (dayBuckets.size >= 1_000) return first;
    days = new Map();
    dayBuckets.set(zone, days);
  }
  if (days.size >= 100_000) days.clear();
  days.set(bucket, first);
  return first;
}

/** Day number of a `YYYY-MM-DD` (plain arithmetic: luxon costs ~20 µs a call here). */
const dayNumber = (day: string): number | undefined =>
  /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? dayOf(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))
    : undefined;

/** `day` plus `n` calendar days. @internal */
export const addDays = (day: string, n: number): string => {
  const d = dayNumber(day);
  return d === undefined
    ? (DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: n }).toISODate() ?? day)
    : isoDate(d + Math.round(n));
};

/** Calendar days from `from` to `to` (negative when `to` is earlier). @internal */
export const daysBetween = (from: string, to: string): number => {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a !== undefined && b !== undefined) return b - a;
  return Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days')
      .days,
  );
};

const maxDay = (a: string, b: string): string => (a > b ? a : b);
const minDay = (a: string, b: string): string => (a < b ? a : b);

/** Everything a slot is judged by: the clock, the zone and the tenant's policies. @internal */
export interface PolicyContext {
  readonly zone: string;
  readonly policies: TenantPolicies;
  readonly durationMinutes: number;
  readonly nowMs: number;
  /** Today in the zone. */
  readonly today: string;
  /** Last bookable day (`today + maxDaysAhead`). */
  readonly lastDay: string;
  /** Opening intervals per day, computed once per check. */
  readonly openingsByDay: Map<string, Array<[number, number]>>;
}

/** @internal */
export function policyContext(
  zone: string,
  policies: TenantPolicies,
  durationMinutes: number,
  nowMs: number,
): PolicyContext {
  const today = localDay(nowMs, zone);
  return {
    zone,
    policies,
    durationMinutes,
    nowMs,
    today,
    lastDay: addDays(today, Math.max(0, Math.floor(policies.maxDaysAhead))),
    openingsByDay: new Map(),
  };
}

/** Opening intervals of `day` as epoch ms `[open, close)`, from local `HH:MM` (`24:00` allowed). */
function openings(ctx: PolicyContext, day: string): Array<[number, number]> {
  const known = ctx.openingsByDay.get(day);
  if (known) return known;
  // Shared between checks of the same hours (a tenant's policies object): pure of zone and day.
  let byDay = openingsByHours.get(ctx.policies.businessHours);
  if (byDay === undefined) {
    byDay = new Map();
    openingsByHours.set(ctx.policies.businessHours, byDay);
  }
  const shared = byDay.get(`${ctx.zone}\n${day}`);
  if (shared) {
    ctx.openingsByDay.set(day, shared);
    return shared;
  }
  const base = DateTime.fromISO(day, { zone: ctx.zone });
  const intervals = ctx.policies.businessHours[base.weekday as IsoWeekday] ?? [];
  // Set the wall time (never add hours to midnight: a DST day has 23 or 25 of them).
  const wall = (hhmm: string): number => {
    const [h = 0, m = 0] = hhmm.split(':').map(Number);
    if (h >= 24) return base.plus({ days: 1 }).startOf('day').plus({ minutes: m }).toMillis();
    return base.set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
  };
  const out = intervals.map((i): [number, number] => [wall(i.open), wall(i.close)]);
  ctx.openingsByDay.set(day, out);
  if (byDay.size >= 2_000) byDay.clear();
  byDay.set(`${ctx.zone}\n${day}`, out);
  return out;
}

/** Whether the tenant opens at all on `day`. @internal */
export const isOpenDay = (ctx: PolicyContext, day: string): boolean =>
  openings(ctx, day).length > 0;

/** The policy a start instant breaks, or `undefined` when it may be booked. @internal */
export function slotViolation(ctx: PolicyContext, startMs: number): PolicyCode | undefined {
  if (startMs < ctx.nowMs + ctx.policies.minNoticeToBookMinutes * 60_000) return 'min-notice';
  const day = localDay(startMs, ctx.zone);
  if (day > ctx.lastDay) return 'max-days-ahead';
  const endMs = startMs + ctx.durationMinutes * 60_000;
  const inside = openings(ctx, day).some(([open, close]) => open <= startMs && endMs <= close);
  return inside ? undefined : 'business-hours';
}

/** The policy a whole-day wish breaks (a past day counts as `min-notice`). @internal */
export function dayViolation(ctx: PolicyContext, day: string): PolicyCode | undefined {
  if (day < ctx.today) return 'min-notice';
  if (day > ctx.lastDay) return 'max-days-ahead';
  return isOpenDay(ctx, day) ? undefined : 'business-hours';
}

/**
 * Days prefetch warms and checks share one slots range for, by default: two weeks, so the wishes
 * callers name ("next Friday", "in ten days") are answered from the range prefetch loaded.
 * @internal
 */
export const DEFAULT_PREFETCH_DAYS = 14;

/**
 * The one slots range of a check for `wishDay`. Wishes within the first `prefetchDays` days all
 * use the same range `[today, today + prefetchDays - 1 + alternativeDays]`, which is exactly what
 * {@link prefetch} loads, so they are served from its cache entry; later wishes use
 * `[wishDay, wishDay + alternativeDays]`; both end at the last bookable day. A wish past that day
 * looks back over the last `alternativeDays` bookable days.
 * @internal
 */
export function slotsWindow(
  ctx: PolicyContext,
  wishDay: string,
  alternativeDays: number,
  prefetchDays: number,
): { startDate: string; endDate: string } {
  const anchor = Math.max(1, prefetchDays);
  if (wishDay < addDays(ctx.today, anchor)) {
    return {
      startDate: ctx.today,
      endDate: minDay(addDays(ctx.today, anchor - 1 + alternativeDays), ctx.lastDay),
    };
  }
  if (wishDay > ctx.lastDay) {
    return {
      startDate: maxDay(ctx.today, addDays(ctx.lastDay, -alternativeDays)),
      endDate: ctx.lastDay,
    };
  }
  return { startDate: wishDay, endDate: minDay(addDays(wishDay, alternativeDays), ctx.lastDay) };
}
