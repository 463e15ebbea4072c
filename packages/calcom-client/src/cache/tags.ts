const DAY_MS = 86_400_000;
const MAX_DAYS = 400;

function offsetMs(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** Instant of local midnight of `date` (YYYY-MM-DD) in `timeZone`. */
function zonedMidnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const first = guess - offsetMs(guess, timeZone);
  return guess - offsetMs(first, timeZone);
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

function utcDayTags(eventTypeId: number | string, startMs: number, endMs: number): string[] {
  const tags: string[] = [];
  const last = Math.floor(Math.max(startMs, endMs) / DAY_MS);
  const first = Math.floor(startMs / DAY_MS);
  if (last - first > MAX_DAYS) throw new RangeError(`Range longer than ${String(MAX_DAYS)} days`);
  for (let day = first; day <= last; day++) {
    tags.push(`et:${String(eventTypeId)}:day:${new Date(day * DAY_MS).toISOString().slice(0, 10)}`);
  }
  return tags;
}

/**
 * Tags of a cached availability answer: `et:<id>` plus one `et:<id>:day:<YYYY-MM-DD>` per **UTC**
 * day the range touches. Date-only bounds are read as local days in `timeZone` (the end day is
 * inclusive); date-times are absolute instants. UTC days keep the tags identical to those of
 * {@link invalidationForWebhook}, whatever time zone the caller asked in.
 *
 * @example
 * ```ts
 * slotTagsFor(1001, '2026-11-26', '2026-11-26', 'America/New_York');
 * // ['et:1001', 'et:1001:day:2026-11-26', 'et:1001:day:2026-11-27']
 * ```
 */
export function slotTagsFor(
  eventTypeId: number | string,
  startIso: string,
  endIso: string,
  timeZone = 'UTC',
): string[] {
  const start = toInstant(startIso, timeZone, false);
  const end = toInstant(endIso, timeZone, true);
  return [`et:${String(eventTypeId)}`, ...utcDayTags(eventTypeId, start, end)];
}

/** The parts of a Cal.com webhook that decide which cached availability is now wrong. */
export interface CalcomWebhookPayload {
  /** e.g. `BOOKING_CREATED`, `BOOKING_CANCELLED`, `BOOKING_RESCHEDULED`. */
  readonly triggerEvent: string;
  /** The booking. */
  readonly payload?: {
    readonly eventTypeId?: number | string | null;
    readonly startTime?: string;
    readonly endTime?: string;
    readonly rescheduleStartTime?: string;
    readonly rescheduleEndTime?: string;
    readonly rescheduleUid?: string;
  } & Record<string, unknown>;
}

/**
 * Tags to invalidate for a Cal.com webhook: the UTC days of the booking (and of its previous
 * time for a reschedule). Falls back to the whole event type (`et:<id>`) when the payload has no
 * times; returns `[]` for triggers that do not change availability or lack an event type.
 *
 * @example
 * ```ts
 * const tags = invalidationForWebhook(req.body);
 * await cache.invalidateTags(tags);
 * ```
 */
export function invalidationForWebhook(webhook: CalcomWebhookPayload): string[] {
  const p = webhook.payload;
  const id = p?.eventTypeId;
  if (p === undefined || (typeof id !== 'number' && typeof id !== 'string')) return [];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(String(id))) return [];
  if (!/^(BOOKING_|MEETING_ENDED|EVENT_TYPE_)/.test(webhook.triggerEvent)) return [];
  const tags = new Set<string>();
  const add = (s?: string, e?: string) => {
    if (!s) return;
    const start = Date.parse(s);
    const end = e ? Date.parse(e) : start;
    if (Number.isNaN(start) || Number.isNaN(end)) return;
    // Implausible ranges fall back to the whole event type (below), never throw.
    if (end < start || end - start > (MAX_DAYS - 1) * DAY_MS) return;
    for (const t of utcDayTags(id, start, end)) tags.add(t);
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
  if (tags.size === 0 || webhook.triggerEvent.startsWith('EVENT_TYPE_'))
    tags.add(`et:${String(id)}`);
  return [...tags];
}
