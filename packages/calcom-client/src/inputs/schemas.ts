import { z } from 'zod';
import { CalcomValidationError, type InputIssue } from '../errors.js';
import type { CalcomOperation } from '../operations.js';
import type { Instant, DayOrInstant } from './types.js';

// The zod schemas of the client's inputs (internal; the parsers in ./parse use them).

export const zoneCache = new Map<string, boolean>();
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

export const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function toUtc(value: unknown): string | undefined {
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

export function isRealDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const probe = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return probe.getUTCMonth() + 1 === m && probe.getUTCDate() === d;
}

export const instant = z.custom<Instant>((v) => toUtc(v) !== undefined, {
  message: 'must be an ISO 8601 date-time with Z or an offset (or a valid Date)',
});
export const dayOrInstant = z.custom<DayOrInstant>(
  (v) => (typeof v === 'string' && isRealDay(v)) || toUtc(v) !== undefined,
  { message: 'must be a YYYY-MM-DD day or an ISO 8601 date-time with Z or an offset' },
);
export const zone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone' });
export const id = z.number().int().positive();
export const minutes = z.number().int().positive().max(1_440);
export const nonEmpty = z
  .string()
  .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
  .refine((s) => s.length <= 200, { message: 'must be at most 200 characters' });
export const email = z.email({ message: 'must be an e-mail address' });
export const phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be in international format, e.g. +4930123456');

export const slotsQuerySchema = z.strictObject({
  eventTypeId: id,
  start: dayOrInstant,
  end: dayOrInstant,
  timeZone: zone.optional(),
  duration: minutes.optional(),
  format: z.enum(['time', 'range']).optional(),
  bookingUidToReschedule: z.string().min(1).optional(),
});

export const attendeeSchema = z
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

export const metadataSchema = z
  .record(
    z.string().min(1).max(40, 'metadata keys must be at most 40 characters'),
    z.string().max(500, 'metadata values must be at most 500 characters'),
  )
  .refine((m) => Object.keys(m).length <= 49, { message: 'must have at most 49 keys' });

/** Whether `value` survives `JSON.stringify` as it is (what is sent must be what was given). */
export function serialisable(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return sameAsJson(value, 0);
  } catch {
    return false; // a BigInt, a cycle, a throwing toJSON
  }
}

/** No function, symbol or undefined silently dropped, at most 64 levels deep. */
export function sameAsJson(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (value === null) return true;
  const t = typeof value;
  if (t === 'string' || t === 'boolean' || t === 'undefined') return true;
  if (t === 'number') return Number.isFinite(value);
  if (t !== 'object') return false;
  const children = Array.isArray(value) ? value : Object.values(value as object);
  return children.every((c) => sameAsJson(c, depth + 1));
}

export const createSchema = z.strictObject({
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

export const cancelSchema = z.strictObject({
  cancellationReason: z.string().max(1_000).optional(),
});

export const rescheduleSchema = z.strictObject({
  start: instant,
  reschedulingReason: z.string().max(1_000).optional(),
  rescheduledBy: email.optional(),
});

export const listSchema = z.strictObject({
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

export const eventTypesSchema = z.strictObject({
  username: z.string().min(1),
  eventSlug: z.string().min(1).optional(),
});

export const reserveSchema = z.strictObject({
  eventTypeId: id,
  slotStart: instant,
  slotDuration: minutes.optional(),
  reservationDuration: z.number().int().min(1).max(60).optional(),
});

export const uidSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a Cal.com uid (letters, digits, - and _)');

export function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
}

export function check<T>(operation: CalcomOperation, schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CalcomValidationError(operation, issuesOf(r.error));
  return r.data;
}
