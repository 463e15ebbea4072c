import { z } from 'zod';
import { CalcomValidationError } from '../errors.js';
import type { CalcomOperation } from '../operations.js';
import {
  ISO_DAY,
  toUtc,
  instant,
  id,
  email,
  slotsQuerySchema,
  createSchema,
  cancelSchema,
  rescheduleSchema,
  listSchema,
  eventTypesSchema,
  reserveSchema,
  uidSchema,
  check,
} from './schemas.js';
import type {
  Instant,
  DayOrInstant,
  SlotsQuery,
  CreateBookingInput,
  CancelBookingInput,
  RescheduleBookingInput,
  ListBookingsQuery,
  ListEventTypesQuery,
  ReserveSlotInput,
} from './types.js';

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
