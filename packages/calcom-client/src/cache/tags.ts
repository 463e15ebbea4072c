import { zonedToInstant } from '@voicebook/tz';
import { LRUCache } from 'lru-cache';

const DAY_MS = 86_400_000;
const MAX_DAYS = 400;

/** Instant of local midnight of `date` (YYYY-MM-DD) in `timeZone`. */
function zonedMidnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return zonedToInstant(y ?? 1970, m ?? 1, d ?? 1, 0, 0, timeZone);
}

function toInstant(iso: string, timeZone: string, end: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const start = zonedMidnight(iso, timeZone);
    if (!end) return start;
    const next = new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    return zonedMidnight(next, timeZone) - 1;
  }
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`Not an ISO date or date-time: ${iso}`);
  return t;
}

function utcDays(startMs: number, endMs: number): string[] {
  const days: string[] = [];
  const last = Math.floor(Math.max(startMs, endMs) / DAY_MS);
  const first = Math.floor(startMs / DAY_MS);
  if (last - first > MAX_DAYS) throw new RangeError(`Range longer than ${String(MAX_DAYS)} days`);
  for (let day = first; day <= last; day++) {
    days.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  }
  return days;
}

/** Tag of every cached availability answer of the account (everything sharing the cache). */
export const ACCOUNT_TAG = 'acct';

/**
 * Which cached availability a booking (your own create / cancel / reschedule, or a Cal.com
 * webhook) makes wrong, beyond its own event type's days:
 *
 * - `'account'` (default): the booking's UTC days **of every event type** of the account. Cal.com
 *   computes an event type's slots from the busy times of its hosts, so a booking of one event
 *   type removes overlapping slots of every other event type that shares a host (a haircut and a
 *   colouring by the same stylists). The client cannot see who hosts what, so it invalidates the
 *   affected dates for all of them: still only those dates (`acct:day:<YYYY-MM-DD>`, one tag per
 *   day that every cached slots answer of that day carries), never the whole calendar.
 * - `'event-type'`: only the booked event type's days. Right only when no two of your event
 *   types share a host (or a calendar that Cal.com checks for conflicts).
 * - a function `(eventTypeId) => relatedEventTypeIds`: the booked event type's days plus those
 *   of the returned event types, for when you know which event types share hosts. Called
 *   synchronously on every invalidation. Should it throw (or return something that is not an
 *   array), that booking falls back to `'account'`, the safe scope, and the error is reported
 *   ({@link InvalidationOptions.onScopeError}, the client's `invalidation:scope-failed` event).
 *
 * "Account" means every event type whose answers live in the same cache (the same Redis key
 * prefix): give each Cal.com account its own prefix when one Redis serves several.
 */
export type InvalidationScope =
  'account' | 'event-type' | ((eventTypeId: number | string) => readonly (number | string)[]);

/** Options of {@link invalidationForWebhook}. */
export interface InvalidationOptions {
  /**
   * Which event types a booking invalidates (see {@link InvalidationScope}).
   * @default 'account'
   */
  readonly scope?: InvalidationScope;
  /**
   * Called when a scope function throws (or returns something that is not an array); the tags
   * are then those of scope `'account'`. Must not throw (a throw is ignored).
   */
  readonly onScopeError?: (error: unknown) => void;
}

/** Event type ids a scope function relates to `id`, or `undefined` when it failed. */
function relatedIds(
  scope: (eventTypeId: number | string) => readonly (number | string)[],
  id: number | string,
  onError: ((error: unknown) => void) | undefined,
): string[] | undefined {
  try {
    const related: unknown = scope(id);
    if (!Array.isArray(related)) throw new TypeError('scope did not return an array');
    return related.map((other) => `et:${String(other)}`);
  } catch (error) {
    try {
      onError?.(error);
    } catch {
      // a listener must not break the invalidation
    }
    return undefined;
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Tags of a cached availability answer: `et:<id>` and `acct`, plus `et:<id>:day:<YYYY-MM-DD>` and
 * `acct:day:<YYYY-MM-DD>` for every **UTC** day the range touches. Date-only bounds are read as
 * local days in `timeZone` (the end day is inclusive); date-times are absolute instants. UTC days
 * keep the tags identical to those of {@link invalidationForWebhook}, whatever time zone the
 * caller asked in. The `acct` tags let a booking of another event type reach this answer
 * (invalidation scope `'account'`, see {@link InvalidationScope}).
 *
 * @param eventTypeId - the event type asked for.
 * @param startIso - start of the range, a date or ISO date-time.
 * @param endIso - end of the range.
 * @param timeZone - the zone the range was asked in. (default `'UTC'`).
 * @returns the tags, event type and account, each per UTC day the range touches.
 * @example
 * ```ts
 * slotTagsFor(1001, '2026-11-26', '2026-11-26', 'America/New_York');
 * // ['et:1001', 'acct', 'et:1001:day:2026-11-26', 'acct:day:2026-11-26',
 * //  'et:1001:day:2026-11-27', 'acct:day:2026-11-27']
 * ```
 */
export function slotTagsFor(
  eventTypeId: number | string,
  startIso: string,
  endIso: string,
  timeZone = 'UTC',
): string[] {
  // Every availability read asks for the tags of its range: the same few ranges again and again.
  const memoKey = `${String(eventTypeId)}|${startIso}|${endIso}|${timeZone}`;
  const memo = recentTags.get(memoKey);
  if (memo) return [...memo];
  const start = toInstant(startIso, timeZone, false);
  const end = toInstant(endIso, timeZone, true);
  const et = `et:${String(eventTypeId)}`;
  const tags = [
    et,
    ACCOUNT_TAG,
    ...utcDays(start, end).flatMap((d) => [`${et}:day:${d}`, `${ACCOUNT_TAG}:day:${d}`]),
  ];
  recentTags.set(memoKey, tags);
  return [...tags];
}

/** The tags of recently asked ranges (a pure function of its arguments). */
const recentTags = new LRUCache<string, readonly string[]>({ max: 2_000 });

/** The parts of a Cal.com webhook that decide which cached availability is now wrong. */
export interface CalcomWebhookPayload {
  /** e.g. `BOOKING_CREATED`, `BOOKING_CANCELLED`, `BOOKING_RESCHEDULED`. */
  readonly triggerEvent: string;
  /** The booking. */
  readonly payload?: {
    /** The booking's event type: its cached slots are dropped. */
    readonly eventTypeId?: number | string | null;
    /** Start of the booking, ISO 8601: picks the cached days to drop. */
    readonly startTime?: string;
    /** End of the booking, ISO 8601. */
    readonly endTime?: string;
    /** `BOOKING_RESCHEDULED`: start of the old booking (its day is freed too). */
    readonly rescheduleStartTime?: string;
    /** `BOOKING_RESCHEDULED`: end of the old booking. */
    readonly rescheduleEndTime?: string;
    /** `BOOKING_RESCHEDULED`: uid of the old booking. */
    readonly rescheduleUid?: string;
  } & Record<string, unknown>;
}

/**
 * Tags to invalidate for a Cal.com webhook (or your own booking write, in the same shape): the
 * UTC days of the booking, and of its previous time for a reschedule, for the event types of
 * `options.scope`: by default every event type of the account, since a booking blocks its hosts
 * for all their event types (see {@link InvalidationScope}). Falls back to whole event types
 * (`et:<id>`, or `acct` for scope `'account'`) when the payload has no usable times. Scope
 * `'account'` gives only the `acct:day:<D>` tags (every cached slots answer carries them, so an
 * `et:<id>:day:<D>` tag besides would bump the same entries twice). Returns `[]`
 * for triggers that do not change availability or lack an event type. An `EVENT_TYPE_*` trigger
 * invalidates that event type only.
 *
 * @param webhook - the verified webhook (its `triggerEvent` and booking payload).
 * @param options - the invalidation scope. (default `{ scope: 'account' }`).
 * @returns the tags to invalidate; `[]` when nothing cached changes.
 * @example
 * ```ts
 * await cache.invalidateTags(invalidationForWebhook(req.body));
 * // hosts known not to overlap between event types:
 * await cache.invalidateTags(invalidationForWebhook(req.body, { scope: 'event-type' }));
 * ```
 */
export function invalidationForWebhook(
  webhook: CalcomWebhookPayload,
  options: InvalidationOptions = {},
): string[] {
  const p = webhook.payload;
  const id = p?.eventTypeId;
  if (p === undefined || (typeof id !== 'number' && typeof id !== 'string')) return [];
  if (!ID.test(String(id))) return [];
  if (!/^(BOOKING_|MEETING_ENDED|EVENT_TYPE_)/.test(webhook.triggerEvent)) return [];
  const days = new Set<string>();
  const add = (s?: string, e?: string) => {
    if (!s) return;
    const start = Date.parse(s);
    const end = e ? Date.parse(e) : start;
    if (Number.isNaN(start) || Number.isNaN(end)) return;
    // Implausible ranges fall back to whole event types (below), never throw.
    if (end < start || end - start > (MAX_DAYS - 1) * DAY_MS) return;
    for (const d of utcDays(start, end)) days.add(d);
  };
  add(p.startTime, p.endTime);
  add(p.rescheduleStartTime, p.rescheduleEndTime);
  const prior = p as { previousStartTime?: unknown; previousEndTime?: unknown };
  if (typeof prior.previousStartTime === 'string') {
    add(
      prior.previousStartTime,
      typeof prior.previousEndTime === 'string' ? prior.previousEndTime : undefined,
    );
  }
  const self = `et:${String(id)}`;
  // A change of the event type itself (length, hours) concerns that event type only.
  if (webhook.triggerEvent.startsWith('EVENT_TYPE_')) {
    return [...[...days].map((d) => `${self}:day:${d}`), self];
  }
  const scope = options.scope ?? 'account';
  const related =
    typeof scope === 'function' ? relatedIds(scope, id, options.onScopeError) : undefined;
  let ids: string[];
  if (scope === 'event-type') {
    ids = [self];
  } else if (related !== undefined) {
    ids = [self];
    for (const t of related) {
      if (ID.test(t.slice(3)) && !ids.includes(t)) ids.push(t);
    }
  } else {
    // 'account', or a scope function that failed: the safe, account-wide days. Every cached
    // slots answer carries `acct` and `acct:day:<D>` (see slotTagsFor), the booked event type's
    // too, so the account tags alone reach all of them: no `et:<id>` tag besides.
    ids = [ACCOUNT_TAG];
  }
  if (days.size === 0) return ids;
  const tags: string[] = [];
  for (const d of days) for (const t of ids) tags.push(`${t}:day:${d}`);
  return tags;
}
