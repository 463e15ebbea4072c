import { z } from 'zod';

// Response schemas of Cal.com API v2 (openapi-v2.json: BookingOutput_2024_08_13,
// EventTypeOutput_2024_06_14, ReserveSlotOutput_2024_09_04, PaginationMetaDto, slots 2024-09-04).
// Rule: every field the client or an adopter relies on is required and typed; documented fields
// we do not rely on are type-checked when present; unknown extra fields are kept (Cal.com adds
// fields over time, that must not break anyone).

const isoDateTime = z.iso.datetime({ offset: true, local: false });
const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date key');

/** Status of a booking, lower-case as API v2 returns it. */
export type BookingStatus = 'accepted' | 'cancelled' | 'rejected' | 'pending';

/** A host of a booking (`BookingHost`). */
export interface BookingHost {
  id: number;
  name: string;
  email: string;
  username: string;
  timeZone: string;
}

/** An attendee of a booking (`BookingAttendee`). */
export interface BookingAttendee {
  name: string;
  email: string;
  timeZone: string;
  language?: string | undefined;
  absent?: boolean | undefined;
  phoneNumber?: string | undefined;
}

/**
 * A booking (`BookingOutput_2024_08_13`). Times are ISO 8601 instants in UTC.
 * Unknown extra fields Cal.com sends are kept on the object.
 */
export interface Booking {
  id: number;
  /** Cal.com's booking uid: use it to get, cancel or reschedule. */
  uid: string;
  title: string;
  status: BookingStatus;
  start: string;
  end: string;
  /** Length in minutes. */
  duration: number;
  eventTypeId: number;
  eventType?: { id: number; slug: string } | undefined;
  hosts: BookingHost[];
  attendees: BookingAttendee[];
  description?: string | undefined;
  location?: string | null | undefined;
  absentHost?: boolean | undefined;
  createdAt?: string | undefined;
  updatedAt?: string | undefined;
  /** User metadata (string values); holds the client's idempotency key. */
  metadata?: Record<string, unknown> | undefined;
  bookingFieldsResponses?: Record<string, unknown> | undefined;
  cancellationReason?: string | undefined;
  cancelledByEmail?: string | undefined;
  reschedulingReason?: string | undefined;
  rescheduledFromUid?: string | undefined;
  rescheduledToUid?: string | undefined;
  rescheduledByEmail?: string | undefined;
  guests?: string[] | undefined;
}

/** One offered slot. `end` is present with `format: 'range'`; seated events add seat counts. */
export interface Slot {
  /** ISO 8601 with the offset of the requested `timeZone` (UTC `Z` without one). */
  start: string;
  end?: string | undefined;
  seatsBooked?: number | undefined;
  seatsRemaining?: number | undefined;
  seatsTotal?: number | undefined;
}

/** Free slots grouped by local date (`YYYY-MM-DD` in the requested time zone); empty days are left out. */
export type SlotsByDate = Record<string, Slot[]>;

/** An event type (`EventTypeOutput_2024_06_14`), the fields a booking flow needs. */
export interface EventType {
  id: number;
  title: string;
  slug: string;
  lengthInMinutes: number;
  lengthInMinutesOptions?: number[] | undefined;
  description?: string | undefined;
  hidden?: boolean | undefined;
  slotInterval?: number | null | undefined;
  minimumBookingNotice?: number | undefined;
  price?: number | undefined;
  currency?: string | undefined;
  ownerId?: number | null | undefined;
}

/** A slot reservation (`ReserveSlotOutput_2024_09_04`). */
export interface Reservation {
  eventTypeId: number;
  slotStart: string;
  slotEnd: string;
  /** Minutes. */
  slotDuration: number;
  /** Use it to get, update or delete the reservation. */
  reservationUid: string;
  /** Minutes the reservation holds. */
  reservationDuration: number;
  reservationUntil: string;
}

/** Paging of a bookings list (`PaginationMetaDto`). */
export interface Pagination {
  totalItems: number;
  remainingItems: number;
  returnedItems: number;
  itemsPerPage: number;
  currentPage: number;
  totalPages: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A page of bookings. */
export interface BookingPage {
  bookings: Booking[];
  pagination: Pagination;
}

const hostSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  username: z.string(),
  timeZone: z.string(),
});

const attendeeSchema = z.looseObject({
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  language: z.string().optional(),
  absent: z.boolean().optional(),
  phoneNumber: z.string().optional(),
});

/** @internal */
export const bookingSchema: z.ZodType<Booking> = z.looseObject({
  id: z.number().int(),
  uid: z.string().min(1),
  title: z.string(),
  status: z.enum(['accepted', 'cancelled', 'rejected', 'pending']),
  start: isoDateTime,
  end: isoDateTime,
  duration: z.number(),
  eventTypeId: z.number().int(),
  eventType: z.looseObject({ id: z.number(), slug: z.string() }).optional(),
  hosts: z.array(hostSchema),
  attendees: z.array(attendeeSchema),
  description: z.string().optional(),
  location: z.string().nullable().optional(),
  absentHost: z.boolean().optional(),
  createdAt: isoDateTime.optional(),
  updatedAt: isoDateTime.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  bookingFieldsResponses: z.record(z.string(), z.unknown()).optional(),
  cancellationReason: z.string().optional(),
  cancelledByEmail: z.string().optional(),
  reschedulingReason: z.string().optional(),
  rescheduledFromUid: z.string().optional(),
  rescheduledToUid: z.string().optional(),
  rescheduledByEmail: z.string().optional(),
  guests: z.array(z.string()).optional(),
});

const slotSchema = z.looseObject({
  start: isoDateTime,
  end: isoDateTime.optional(),
  seatsBooked: z.number().optional(),
  seatsRemaining: z.number().optional(),
  seatsTotal: z.number().optional(),
});

/** @internal */
export const slotsSchema: z.ZodType<SlotsByDate> = z.record(dateKey, z.array(slotSchema));

/** @internal */
export const eventTypeSchema: z.ZodType<EventType> = z.looseObject({
  id: z.number().int(),
  title: z.string(),
  slug: z.string(),
  lengthInMinutes: z.number().int().positive(),
  lengthInMinutesOptions: z.array(z.number()).optional(),
  description: z.string().optional(),
  hidden: z.boolean().optional(),
  slotInterval: z.number().nullable().optional(),
  minimumBookingNotice: z.number().optional(),
  price: z.number().optional(),
  currency: z.string().optional(),
  ownerId: z.number().nullable().optional(),
});

/** @internal */
export const reservationSchema: z.ZodType<Reservation> = z.looseObject({
  eventTypeId: z.number().int(),
  slotStart: isoDateTime,
  slotEnd: isoDateTime,
  slotDuration: z.number(),
  reservationUid: z.string().min(1),
  reservationDuration: z.number(),
  reservationUntil: isoDateTime,
});

/** @internal */
export const paginationSchema: z.ZodType<Pagination> = z.looseObject({
  totalItems: z.number().int(),
  remainingItems: z.number().int(),
  returnedItems: z.number().int(),
  itemsPerPage: z.number().int(),
  currentPage: z.number().int(),
  totalPages: z.number().int(),
  hasNextPage: z.boolean(),
  hasPreviousPage: z.boolean(),
});

/** `{ status: 'success', data }` around `data`. @internal */
export function successEnvelope<T>(data: z.ZodType<T>) {
  return z.looseObject({ status: z.literal('success'), data });
}

/** Success envelope of `GET /v2/bookings` (adds `pagination`). @internal */
export const bookingListEnvelope = z.looseObject({
  status: z.literal('success'),
  data: z.array(bookingSchema),
  pagination: paginationSchema,
});

/** Success envelope without data (`DELETE /v2/slots/reservations/{uid}`). @internal */
export const emptyEnvelope = z.looseObject({ status: z.literal('success') });

/** Cal.com's error bodies: the main envelope, or Nest's default `{statusCode, message}`. @internal */
export const errorBodySchema = z.union([
  z.looseObject({
    status: z.literal('error'),
    error: z.looseObject({ code: z.string().optional(), message: z.unknown().optional() }),
  }),
  z.looseObject({ statusCode: z.number(), message: z.unknown() }),
]);
