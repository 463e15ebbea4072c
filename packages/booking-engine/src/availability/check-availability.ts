import { DateTime } from 'luxon';
import type { AvailabilityRequest, AvailabilityResult } from '../engine-api.js';
import { BookingEngineError } from '../errors.js';
import type { CalendarCallOptions, CalendarProvider } from '../ports/calendar-provider.js';
import type { Service, StaffMember, Tenant } from '../types.js';
import { calendarReadFailure } from './calendar-failure.js';
import { instantOf, isoInZone } from '../dates/instant.js';
import { freeStarts } from './free-starts.js';
import { sayAvailability } from './say.js';
import {
  DEFAULT_PREFETCH_DAYS,
  dayViolation,
  isOpenDay,
  localDay,
  policyContext,
  slotViolation,
  slotsWindow,
  type PolicyCode,
  type PolicyContext,
} from './window.js';

/** Most alternatives one answer offers (three is what a caller can keep in mind). @internal */
export const MAX_ALTERNATIVES = 3;

/** Tuning of {@link checkAvailability} and {@link prefetch}; the engine passes its own options. @internal */
export interface AvailabilityOptions {
  /** Days after the wished day searched for alternatives (capped by `maxDaysAhead`). @default 7 */
  readonly alternativeDays?: number | undefined;
  /**
   * Days {@link prefetch} warms. Wishes within these days share one slots range with it, so give
   * both the same value. @default 14
   */
  readonly prefetchDays?: number | undefined;
}

/** Input of {@link checkAvailability}. @internal */
export interface CheckAvailabilityInput {
  readonly tenant: Tenant;
  readonly service: Service;
  /** The staff member asked for: their own event type for the service is used when they have one. */
  readonly staff?: StaffMember | undefined;
  /** The wish (the engine's request as it is; service and staff come resolved above). */
  readonly request: Pick<AvailabilityRequest, 'start' | 'date'>;
  /**
   * A start (epoch ms) known to be taken although the slots may still list it (another caller's
   * booking of it is under way): never answered free nor offered.
   */
  readonly taken?: number | undefined;
  readonly calendar: CalendarProvider;
  /** The engine's clock reading, epoch ms. */
  readonly now: number;
  readonly options?: AvailabilityOptions | undefined;
  readonly call?: CalendarCallOptions | undefined;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const invalid = (message: string): BookingEngineError =>
  new BookingEngineError('E_INVALID_INPUT', `checkAvailability: ${message}`, false);

/** The wish as an instant and/or a day in the tenant's zone. */
function readWish(
  request: Pick<AvailabilityRequest, 'start' | 'date'>,
  zone: string,
): { day: string; startMs?: number } {
  const { start, date } = request;
  if (date !== undefined && (!ISO_DAY.test(date) || !DateTime.fromISO(date).isValid)) {
    throw invalid('date must be a real day as YYYY-MM-DD');
  }
  if (start === undefined) {
    if (date === undefined) throw invalid('give a start or a date');
    return { day: date };
  }
  // instantOf answers as luxon's fromISO does, without building a DateTime (µs per check).
  const startMs = ISO_WITH_OFFSET.test(start) ? instantOf(start) : Number.NaN;
  if (!Number.isFinite(startMs)) {
    throw invalid('start must be ISO 8601 with an offset, e.g. 2026-03-31T14:30:00.000+02:00');
  }
  const day = localDay(startMs, zone);
  if (date !== undefined && date !== day) throw invalid('start does not lie on date');
  return { day, startMs };
}

/** Same day nearest to the wish first (ties: earlier), then later days, then earlier days. */
function rank(
  free: readonly number[],
  ctx: PolicyContext,
  day: string,
  startMs?: number,
): number[] {
  const same: number[] = [];
  const later: number[] = [];
  const earlier: number[] = [];
  for (const t of free) {
    if (t === startMs) continue;
    const d = localDay(t, ctx.zone);
    if (d === day) same.push(t);
    else if (d > day) later.push(t);
    else earlier.push(t);
  }
  if (startMs !== undefined) {
    same.sort((a, b) => Math.abs(a - startMs) - Math.abs(b - startMs) || a - b);
  }
  earlier.reverse();
  return [...same, ...later, ...earlier].slice(0, MAX_ALTERNATIVES);
}

/** ISO 8601 with milliseconds and the zone's own offset (luxon's `toISO`, without a DateTime). */
const iso = (ms: number, zone: string): string => isoInZone(ms, zone);

/**
 * Whether a wish (an exact `start` or a whole `date`) is free for a service, and otherwise the
 * nearest free starts: at most {@link MAX_ALTERNATIVES}, on the wished day nearest in time to the
 * wish first (for a `date` wish: that day's first), then the following days earliest first, then,
 * only when those run out (a wish past `maxDaysAhead`), earlier days latest first. Everything
 * comes from ONE slots range query ({@link slotsWindow}) and respects the tenant's policies:
 * minimum notice from `now`, maximum days ahead, business hours (the whole appointment inside one
 * opening interval of its local weekday). A wish that breaks a policy answers `available: false`
 * with the policy's code. Times are spoken in the tenant's zone; `stale` is the calendar's.
 *
 * @param input The tenant, service, optional staff member, the wish, the calendar and `now`.
 * @returns The answer, with a sentence in German and English.
 * @throws {@link BookingEngineError} `E_INVALID_INPUT` for a malformed wish or a staff member who
 * does not perform the service; `E_CALENDAR_UNAVAILABLE` (retryable) when the calendar cannot be
 * read; `E_CONFIG_INVALID` when it refuses the tenant's event type or key.
 * @internal the engine's `checkAvailability` composes it.
 * @example
 * ```ts
 * const result = await checkAvailability({
 *   tenant, service, request: { start: '2026-11-26T14:30:00.000+01:00' }, calendar, now: Date.now(),
 * });
 * result.say.de; // 'Um 14:30 Uhr ist leider schon belegt. Ich hätte 15:00 Uhr oder 16:30 Uhr frei, …'
 * ```
 */
export async function checkAvailability(
  input: CheckAvailabilityInput,
): Promise<AvailabilityResult> {
  const { tenant, service, staff } = input;
  if (staff && service.staffIds?.length && !service.staffIds.includes(staff.id)) {
    throw invalid('the staff member does not perform this service');
  }
  const wish = readWish(input.request, tenant.zone);
  const ctx = policyContext(tenant.zone, tenant.policies, service.durationMinutes, input.now);
  const policy: PolicyCode | undefined =
    wish.startMs === undefined ? dayViolation(ctx, wish.day) : slotViolation(ctx, wish.startMs);
  const window = slotsWindow(
    ctx,
    wish.day,
    Math.max(0, Math.floor(input.options?.alternativeDays ?? 7)),
    Math.max(0, Math.floor(input.options?.prefetchDays ?? DEFAULT_PREFETCH_DAYS)),
  );
  let slots: Awaited<ReturnType<CalendarProvider['findSlots']>>;
  try {
    slots = await input.calendar.findSlots(
      tenant,
      {
        eventTypeId: staff?.eventTypeIds?.[service.id] ?? service.eventTypeId,
        ...window,
        zone: tenant.zone,
      },
      input.call,
    );
  } catch (error) {
    throw calendarReadFailure(error, 'checkAvailability');
  }
  const free = freeStarts(slots.byDate, ctx, input.taken);
  const available =
    wish.startMs !== undefined && policy === undefined && free.includes(wish.startMs);
  const alternatives = available ? [] : rank(free, ctx, wish.day, wish.startMs);
  const say = sayAvailability({
    zone: tenant.zone,
    today: ctx.today,
    day: wish.day,
    startMs: wish.startMs,
    available,
    alternatives,
    policy,
    closedDay: !isOpenDay(ctx, wish.day),
    pastWish: wish.startMs === undefined ? wish.day < ctx.today : wish.startMs < input.now,
    maxDaysAhead: tenant.policies.maxDaysAhead,
  });
  return {
    available,
    ...(available && wish.startMs !== undefined ? { start: iso(wish.startMs, tenant.zone) } : {}),
    alternatives: alternatives.map((t) => iso(t, tenant.zone)),
    stale: slots.stale,
    ...(policy === undefined ? {} : { policy }),
    say,
  };
}
