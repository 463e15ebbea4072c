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
  /** Cal.com user id of the host. */
  id: number;
  /** The host's display name. */
  name: string;
  /** The host's e-mail address. */
  email: string;
  /** The host's Cal.com username. */
  username: string;
  /** The host's IANA time zone. */
  timeZone: string;
}

/** An attendee of a booking (`BookingAttendee`). */
export interface BookingAttendee {
  /** Full name as booked. */
  name: string;
  /** E-mail address the booking was made with. */
  email: string;
  /** IANA time zone the attendee's times are shown in. */
  timeZone: string;
  /** Language of Cal.com's e-mails to the attendee (`de`, `en`). */
  language?: string | undefined;
  /** Marked as a no-show. */
  absent?: boolean | undefined;
  /** Phone number in international format, when booked with one. */
  phoneNumber?: string | undefined;
}

/**
 * A booking (`BookingOutput_2024_08_13`). Times are ISO 8601 instants in UTC.
 * Unknown extra fields Cal.com sends are kept on the object.
 */
export interface Booking {
  /** Cal.com's numeric booking id (the `uid` is what the API takes). */
  id: number;
  /** Cal.com's booking uid: use it to get, cancel or reschedule. */
  uid: string;
  /** Title Cal.com gave the booking (`Haarschnitt between Salon and Anna Schmidt`). */
  title: string;
  /** `accepted`, `pending` (awaits the host's confirmation), `cancelled` or `rejected`. */
  status: BookingStatus;
  /** Start, ISO 8601 instant in UTC (`2026-10-24T12:30:00.000Z`). */
  start: string;
  /** End, ISO 8601 instant in UTC. */
  end: string;
  /** Length in minutes. */
  duration: number;
  /** The event type it was booked on. */
  eventTypeId: number;
  /** The event type's id and slug, when Cal.com includes it. */
  eventType?:
    | {
        /** Event type id (same as `eventTypeId`). */
        id: number;
        /** Event type slug (`haarschnitt`). */
        slug: string;
      }
    | undefined;
  /** The hosts (staff) of the booking. */
  hosts: BookingHost[];
  /** The attendees; the first is the person it was booked for. */
  attendees: BookingAttendee[];
  /** Free-text description (the event type's, or what the attendee wrote). */
  description?: string | undefined;
  /** Where it happens (an address, a link), or `null` for none. */
  location?: string | null | undefined;
  /** The host was marked as a no-show. */
  absentHost?: boolean | undefined;
  /** When the booking was created, ISO 8601. */
  createdAt?: string | undefined;
  /** When the booking last changed, ISO 8601. */
  updatedAt?: string | undefined;
  /** User metadata (string values); holds the client's idempotency key. */
  metadata?: Record<string, unknown> | undefined;
  /** Answers to the event type's booking fields, by field slug (`name`, `email`, custom ones). */
  bookingFieldsResponses?: Record<string, unknown> | undefined;
  /** Reason given when it was cancelled. */
  cancellationReason?: string | undefined;
  /** E-mail of whoever cancelled it. */
  cancelledByEmail?: string | undefined;
  /** Reason given when it was rescheduled. */
  reschedulingReason?: string | undefined;
  /** On a booking made by rescheduling: the uid of the booking it replaced. */
  rescheduledFromUid?: string | undefined;
  /** On a rescheduled (cancelled) booking: the uid of the booking that replaced it. */
  rescheduledToUid?: string | undefined;
  /** E-mail of whoever rescheduled it. */
  rescheduledByEmail?: string | undefined;
  /** E-mail addresses of extra guests. */
  guests?: string[] | undefined;
}

/** One offered slot. `end` is present with `format: 'range'`; seated events add seat counts. */
export interface Slot {
  /** ISO 8601 with the offset of the requested `timeZone` (UTC `Z` without one). */
  start: string;
  /** End, same format as `start`; only with `format: 'range'`. */
  end?: string | undefined;
  /** Seated events: seats already taken. */
  seatsBooked?: number | undefined;
  /** Seated events: seats still free. */
  seatsRemaining?: number | undefined;
  /** Seated events: seats in all. */
  seatsTotal?: number | undefined;
}

/** Free slots grouped by local date (`YYYY-MM-DD` in the requested time zone); empty days are left out. */
export type SlotsByDate = Record<string, Slot[]>;

/** An event type (`EventTypeOutput_2024_06_14`), the fields a booking flow needs. */
export interface EventType {
  /** Event type id: what slots, bookings and reservations take. */
  id: number;
  /** Display title (`Haarschnitt`). */
  title: string;
  /** URL slug, unique per owner (`haarschnitt`). */
  slug: string;
  /** Default length in minutes. */
  lengthInMinutes: number;
  /** Other lengths an attendee may choose, minutes. */
  lengthInMinutesOptions?: number[] | undefined;
  /** Description shown on the booking page. */
  description?: string | undefined;
  /** Hidden from the owner's public profile (still bookable by id). */
  hidden?: boolean | undefined;
  /** Minutes between offered starts; `null`: the event's length. */
  slotInterval?: number | null | undefined;
  /** Minutes from now a booking must start at least (Cal.com's own notice rule). */
  minimumBookingNotice?: number | undefined;
  /** Price in the smallest unit of `currency` (cents); 0 for free. */
  price?: number | undefined;
  /** ISO 4217 code, lower- or upper-case as Cal.com returns it. */
  currency?: string | undefined;
  /** Cal.com user id of the owner; `null` for team event types. */
  ownerId?: number | null | undefined;
}

/** A slot reservation (`ReserveSlotOutput_2024_09_04`). */
export interface Reservation {
  /** The event type the slot belongs to. */
  eventTypeId: number;
  /** Start of the held slot, ISO 8601. */
  slotStart: string;
  /** End of the held slot, ISO 8601. */
  slotEnd: string;
  /** Minutes. */
  slotDuration: number;
  /** Use it to get, update or delete the reservation. */
  reservationUid: string;
  /** Minutes the reservation holds. */
  reservationDuration: number;
  /** When the hold ends, ISO 8601. */
  reservationUntil: string;
}

/** Paging of a bookings list (`PaginationMetaDto`). */
export interface Pagination {
  /** Bookings matching the query, across all pages. */
  totalItems: number;
  /** Matching bookings after this page. */
  remainingItems: number;
  /** Bookings on this page. */
  returnedItems: number;
  /** Page size (the query's `take`). */
  itemsPerPage: number;
  /** This page's number, from 1. */
  currentPage: number;
  /** Number of pages. */
  totalPages: number;
  /** Whether another page follows (`skip + take`). */
  hasNextPage: boolean;
  /** Whether a page comes before. */
  hasPreviousPage: boolean;
}

/** A page of bookings. */
export interface BookingPage {
  /** The bookings of this page, in the query's order. */
  bookings: Booking[];
  /** Where this page is in the whole list. */
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
