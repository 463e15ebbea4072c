import { z } from 'zod';
import { CalcomValidationError, type InputIssue } from './errors.js';
import type { CalcomOperation } from './operations.js';

/** A point in time: an ISO 8601 string with `Z` or an offset, or a `Date`. Sent to Cal.com in UTC. */
export type Instant = string | Date;

/** A day (`YYYY-MM-DD`, read in the query's `timeZone`) or a point in time. */
export type DayOrInstant = string | Date;

/** Query of {@link SlotsApi.find}. */
export interface SlotsQuery {
  /** Event type to check. */
  eventTypeId: number;
  /** First day (`YYYY-MM-DD`) or instant of the range. */
  start: DayOrInstant;
  /** Last day (`YYYY-MM-DD`, inclusive) or instant of the range; at most 400 days after `start`. */
  end: DayOrInstant;
  /** IANA zone the slots are expressed and grouped in. @default 'UTC' */
  timeZone?: string;
  /** Minutes, for event types with several lengths. */
  duration?: number;
  /** `range` adds each slot's `end`. @default 'time' */
  format?: 'time' | 'range';
  /** While rescheduling, the booking whose own time counts as free (never cached). */
  bookingUidToReschedule?: string;
}

/** The person a booking is for. Either `email` or `phoneNumber` is required. */
export interface AttendeeInput {
  /** Full name as the caller gave it; must not be empty. */
  name: string;
  /** IANA time zone of the attendee, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** E-mail address; Cal.com sends its confirmation there. */
  email?: string;
  /** International format, `+4930123456`. */
  phoneNumber?: string;
  /** Language of Cal.com's e-mails, e.g. `de`. @default 'en' */
  language?: string;
}

/** Input of {@link BookingsApi.create}. */
export interface CreateBookingInput {
  /** The event type to book. */
  eventTypeId: number;
  /** Start of the appointment; must be one of the offered slots. */
  start: Instant;
  /** Who the booking is for. */
  attendee: AttendeeInput;
  /** Extra attendees' e-mail addresses. */
  guests?: string[];
  /** Your metadata (≤ 49 keys of ≤ 40 chars, string values ≤ 500 chars; one key is the client's). */
  metadata?: Record<string, string>;
  /** Answers to the event type's booking fields, keyed by field slug. */
  bookingFieldsResponses?: Record<string, unknown>;
  /** Minutes, for event types with several lengths. */
  lengthInMinutes?: number;
  /** Where the appointment happens, in API v2's object form, e.g. `{ type: 'address' }`. */
  location?: {
    /** Kind of location: `address`, `link`, `phone`, `attendeePhone`, an integration … */
    type: string;
  } & Record<string, unknown>;
  /**
   * Makes the create safe to repeat: stamped into the booking's metadata, and used to find the
   * booking when an attempt got no answer. Pass the same key when you retry a create yourself.
   * @default a random UUID per call
   */
  idempotencyKey?: string;
}

/** Input of {@link BookingsApi.cancel}. */
export interface CancelBookingInput {
  /** Why, shown to the host and in Cal.com's e-mails. */
  cancellationReason?: string;
}

/** Input of {@link BookingsApi.reschedule}. */
export interface RescheduleBookingInput {
  /** New start; must be one of the offered slots (pass `bookingUidToReschedule` when asking). */
  start: Instant;
  /** Why, shown to the host and in Cal.com's e-mails. */
  reschedulingReason?: string;
  /** E-mail of whoever reschedules. */
  rescheduledBy?: string;
}

/** Filters of {@link BookingsApi.list}. */
export interface ListBookingsQuery {
  /** Only bookings in these lists (`unconfirmed`: pending the host's confirmation). @default all */
  status?: Array<'upcoming' | 'recurring' | 'past' | 'cancelled' | 'unconfirmed'>;
  /** Only bookings with an attendee of this e-mail address. */
  attendeeEmail?: string;
  /** Only bookings with an attendee of this name. */
  attendeeName?: string;
  /** Only bookings of this event type. */
  eventTypeId?: number;
  /** Only bookings of these event types. */
  eventTypeIds?: number[];
  /** Only bookings starting at or after this instant. */
  afterStart?: Instant;
  /** Only bookings ending at or before this instant. */
  beforeEnd?: Instant;
  /** Only bookings created at or after this instant. */
  afterCreatedAt?: Instant;
  /** Only bookings created at or before this instant. */
  beforeCreatedAt?: Instant;
  /** Order by start time. */
  sortStart?: 'asc' | 'desc';
  /** Order by creation time. */
  sortCreated?: 'asc' | 'desc';
  /** Page size, 1–250. @default 100 */
  take?: number;
  /** Bookings to skip before the page (`take` × page number). @default 0 */
  skip?: number;
}

/** Query of {@link EventTypesApi.list}. */
export interface ListEventTypesQuery {
  /** Cal.com username whose public event types to list. */
  username: string;
  /** Only the event type with this slug. */
  eventSlug?: string;
}

/** Input of {@link ReservationsApi.create} and {@link ReservationsApi.update}. */
export interface ReserveSlotInput {
  /** The event type whose slot to hold. */
  eventTypeId: number;
  /** Start of the slot; must be one of the offered slots. */
  slotStart: Instant;
  /** Minutes, only for event types with several lengths. */
  slotDuration?: number;
  /** Minutes the hold lasts (needs the API key's owner to own the event type). @default 5 */
  reservationDuration?: number;
}

const zoneCache = new Map<string, boolean>();
/** Whether `zone` is an IANA time zone this runtime knows. @internal */
export function isTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    if (zoneCache.size < 1_000) zoneCache.set(zone, ok);
  }
  return ok;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  }
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  // Reject impossible calendar dates that Date.parse rolls over (2026-02-30).
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  if (probe.getUTCMonth() + 1 !== m || probe.getUTCDate() !== d) return undefined;
  return new Date(t).toISOString();
}

function isRealDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const probe = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return probe.getUTCMonth() + 1 === m && probe.getUTCDate() === d;
}

const instant = z.custom<Instant>((v) => toUtc(v) !== undefined, {
  message: 'must be an ISO 8601 date-time with Z or an offset (or a valid Date)',
});
const dayOrInstant = z.custom<DayOrInstant>(
  (v) => (typeof v === 'string' && isRealDay(v)) || toUtc(v) !== undefined,
  { message: 'must be a YYYY-MM-DD day or an ISO 8601 date-time with Z or an offset' },
);
const zone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone' });
const id = z.number().int().positive();
const minutes = z.number().int().positive().max(1_440);
const nonEmpty = z
  .string()
  .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
  .refine((s) => s.length <= 200, { message: 'must be at most 200 characters' });
const email = z.email({ message: 'must be an e-mail address' });
const phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be in international format, e.g. +4930123456');

const slotsQuerySchema = z.strictObject({
  eventTypeId: id,
  start: dayOrInstant,
  end: dayOrInstant,
  timeZone: zone.optional(),
  duration: minutes.optional(),
  format: z.enum(['time', 'range']).optional(),
  bookingUidToReschedule: z.string().min(1).optional(),
});

const attendeeSchema = z
  .strictObject({
    name: nonEmpty,
    timeZone: zone,
    email: email.optional(),
    phoneNumber: phone.optional(),
    language: z.string().min(2).max(10).optional(),
  })
  .refine((a) => a.email !== undefined || a.phoneNumber !== undefined, {
    message: 'needs an email or a phoneNumber',
    path: ['email'],
  });

const metadataSchema = z
  .record(
    z.string().min(1).max(40, 'metadata keys must be at most 40 characters'),
    z.string().max(500, 'metadata values must be at most 500 characters'),
  )
  .refine((m) => Object.keys(m).length <= 49, { message: 'must have at most 49 keys' });

/** Whether `value` survives `JSON.stringify` as it is (what is sent must be what was given). */
function serialisable(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return sameAsJson(value, 0);
  } catch {
    return false; // a BigInt, a cycle, a throwing toJSON
  }
}

/** No function, symbol or undefined silently dropped, at most 64 levels deep. */
function sameAsJson(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (value === null) return true;
  const t = typeof value;
  if (t === 'string' || t === 'boolean' || t === 'undefined') return true;
  if (t === 'number') return Number.isFinite(value);
  if (t !== 'object') return false;
  const children = Array.isArray(value) ? value : Object.values(value as object);
  return children.every((c) => sameAsJson(c, depth + 1));
}

const createSchema = z.strictObject({
  eventTypeId: id,
  start: instant,
  attendee: attendeeSchema,
  guests: z.array(email).max(30).optional(),
  metadata: metadataSchema.optional(),
  bookingFieldsResponses: z
    .record(z.string(), z.unknown())
    .refine(serialisable, { message: 'must be plain JSON (no BigInt, cycle or function)' })
    .optional(),
  lengthInMinutes: minutes.optional(),
  location: z.looseObject({ type: z.string().min(1) }).optional(),
  idempotencyKey: z.string().min(8).max(200).optional(),
});

const cancelSchema = z.strictObject({ cancellationReason: z.string().max(1_000).optional() });

const rescheduleSchema = z.strictObject({
  start: instant,
  reschedulingReason: z.string().max(1_000).optional(),
  rescheduledBy: email.optional(),
});

const listSchema = z.strictObject({
  status: z.array(z.enum(['upcoming', 'recurring', 'past', 'cancelled', 'unconfirmed'])).optional(),
  attendeeEmail: z.string().min(1).optional(),
  attendeeName: z.string().min(1).optional(),
  eventTypeId: id.optional(),
  eventTypeIds: z.array(id).min(1).optional(),
  afterStart: instant.optional(),
  beforeEnd: instant.optional(),
  afterCreatedAt: instant.optional(),
  beforeCreatedAt: instant.optional(),
  sortStart: z.enum(['asc', 'desc']).optional(),
  sortCreated: z.enum(['asc', 'desc']).optional(),
  take: z.number().int().min(1).max(250).optional(),
  skip: z.number().int().min(0).optional(),
});

const eventTypesSchema = z.strictObject({
  username: z.string().min(1),
  eventSlug: z.string().min(1).optional(),
});

const reserveSchema = z.strictObject({
  eventTypeId: id,
  slotStart: instant,
  slotDuration: minutes.optional(),
  reservationDuration: z.number().int().min(1).max(60).optional(),
});

const uidSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a Cal.com uid (letters, digits, - and _)');

function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
}

function check<T>(operation: CalcomOperation, schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CalcomValidationError(operation, issuesOf(r.error));
  return r.data;
}

/** UTC ISO string of a validated instant. @internal */
export function utc(value: Instant): string {
  return toUtc(value) ?? '';
}

/** Day strings pass as they are; instants go to UTC. @internal */
function dayOrUtc(value: DayOrInstant): string {
  return typeof value === 'string' && ISO_DAY.test(value) ? value : utc(value);
}

/** Validated slots query with normalised bounds. @internal */
export interface NormalisedSlotsQuery extends Omit<SlotsQuery, 'start' | 'end'> {
  start: string;
  end: string;
  timeZone: string;
}

/** @internal */
export function parseSlotsQuery(query: SlotsQuery): NormalisedSlotsQuery {
  const q = check('getSlots', slotsQuerySchema, query);
  const start = dayOrUtc(q.start);
  const end = dayOrUtc(q.end);
  const s = Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
  const e = Date.parse(end.length === 10 ? `${end}T23:59:59Z` : end);
  if (e < s) {
    throw new CalcomValidationError('getSlots', [
      { field: 'end', message: 'must not be before start' },
    ]);
  }
  if (e - s > 400 * 86_400_000) {
    throw new CalcomValidationError('getSlots', [
      { field: 'end', message: 'must be at most 400 days after start' },
    ]);
  }
  return { ...q, start, end, timeZone: q.timeZone ?? 'UTC' };
}

/** @internal */
export function parseCreateBooking(
  input: CreateBookingInput,
): CreateBookingInput & { start: string } {
  const v = check('createBooking', createSchema, input);
  return { ...v, start: utc(v.start) };
}

/** @internal */
export function parseCancel(
  uid: string,
  input: CancelBookingInput | undefined,
): CancelBookingInput {
  check(
    'cancelBooking',
    uidSchema.transform(() => undefined),
    uid,
  );
  return check('cancelBooking', cancelSchema, input ?? {});
}

/** @internal */
export function parseReschedule(
  uid: string,
  input: RescheduleBookingInput,
): RescheduleBookingInput & { start: string } {
  check(
    'rescheduleBooking',
    uidSchema.transform(() => undefined),
    uid,
  );
  const v = check('rescheduleBooking', rescheduleSchema, input);
  return { ...v, start: utc(v.start) };
}

/** @internal */
export function parseUid(operation: CalcomOperation, uid: unknown): string {
  return check(operation, uidSchema, uid);
}

/** Query string of a validated bookings list. @internal */
export function parseListBookings(query: ListBookingsQuery | undefined): Record<string, string> {
  const q = check('listBookings', listSchema, query ?? {});
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q) as Array<[string, unknown]>) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.map(String).join(',');
    else if (v instanceof Date || (typeof v === 'string' && /^(after|before)/.test(k))) {
      out[k] = utc(v);
    } else if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return out;
}

const lookupSchema = z.strictObject({
  idempotencyKey: z.string().min(1, 'must not be empty').max(200),
  eventTypeId: id,
  start: instant,
  attendeeEmail: email.optional(),
});

/** Validated arguments of `findByIdempotencyKey`, `start` in UTC. @internal */
export function parseIdempotencyLookup<W extends { start: Instant }>(
  idempotencyKey: unknown,
  where: W,
): W & { start: string } {
  const v = check('listBookings', lookupSchema, { idempotencyKey, ...where });
  const { idempotencyKey: _key, ...rest } = v;
  return { ...(rest as unknown as W), start: utc(v.start) };
}

/** @internal */
export function parseEventTypesQuery(query: ListEventTypesQuery): ListEventTypesQuery {
  return check('listEventTypes', eventTypesSchema, query);
}

/** @internal */
export function parseReserve(
  operation: CalcomOperation,
  input: ReserveSlotInput,
): ReserveSlotInput & { slotStart: string } {
  const v = check(operation, reserveSchema, input);
  return { ...v, slotStart: utc(v.slotStart) };
}
