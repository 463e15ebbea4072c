// The bookable starts of one slots answer, memoised on the answer itself: a cached range is the
// same object on every hit (the calendar provider and calcom-client keep its identity), so its
// hundreds of ISO starts are parsed, sorted and judged by the tenant's hours once, not per check.
import type { CalendarSlots } from '../ports/calendar-provider.js';
import type { TenantPolicies } from '../types.js';
import { slotViolation, type PolicyContext } from './window.js';

interface Judged {
  readonly policies: TenantPolicies;
  readonly key: string;
  /** Starts inside business hours and on or before the last bookable day, ascending. */
  readonly starts: readonly number[];
}

interface Parsed {
  /** Distinct finite starts, ascending. */
  readonly all: readonly number[];
  judged?: Judged;
}

const parsedByAnswer = new WeakMap<object, Parsed>();

function parse(byDate: CalendarSlots['byDate']): Parsed {
  let parsed = parsedByAnswer.get(byDate);
  if (parsed === undefined) {
    const all = new Set<number>();
    for (const day of Object.values(byDate)) {
      for (const slot of day) {
        const t = Date.parse(slot.start);
        if (Number.isFinite(t)) all.add(t);
      }
    }
    parsed = { all: [...all].sort((a, b) => a - b) };
    parsedByAnswer.set(byDate, parsed);
  }
  return parsed;
}

/** First index of `sorted` whose value is at least `min`. */
function lowerBound(sorted: readonly number[], min: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The starts of `byDate` that `ctx` allows (`slotViolation` is `undefined`), ascending and
 * distinct, without `taken`. Only the minimum notice moves with the clock: it is a threshold on
 * the sorted starts; the rest (last bookable day, business hours for the duration) is judged once
 * per answer and context.
 * @internal
 */
export function freeStarts(
  byDate: CalendarSlots['byDate'],
  ctx: PolicyContext,
  taken?: number,
): number[] {
  const parsed = parse(byDate);
  const noticeMs = ctx.policies.minNoticeToBookMinutes * 60_000;
  const key = `${ctx.zone}\n${String(ctx.durationMinutes)}\n${ctx.lastDay}\n${String(noticeMs)}`;
  let judged = parsed.judged;
  if (judged?.policies !== ctx.policies || judged.key !== key) {
    // Judged as if now were long past: every start clears the notice, the rest decides.
    const timeless: PolicyContext = { ...ctx, nowMs: -Infinity };
    judged = {
      policies: ctx.policies,
      key,
      starts: parsed.all.filter((t) => slotViolation(timeless, t) === undefined),
    };
    parsed.judged = judged;
  }
  const from = lowerBound(judged.starts, ctx.nowMs + noticeMs);
  const out = judged.starts.slice(from);
  if (taken === undefined) return out;
  const at = out.indexOf(taken);
  if (at >= 0) out.splice(at, 1);
  return out;
}
