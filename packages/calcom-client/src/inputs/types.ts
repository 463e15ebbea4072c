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
