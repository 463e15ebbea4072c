import type { CalcomMockOperation } from './types.js';

/** A slot reservation as `ReserveSlotOutput_2024_09_04` describes it. */
export interface ReservationOutput {
  /** The event type of the held slot. */
  eventTypeId: number;
  /** Start of the held slot, ISO 8601 UTC. */
  slotStart: string;
  /** End of the held slot, ISO 8601 UTC. */
  slotEnd: string;
  /** Length of the slot, minutes. */
  slotDuration: number;
  /** The reservation's uid (to get, update or delete it). */
  reservationUid: string;
  /** Minutes the hold lasts. */
  reservationDuration: number;
  /** When the hold ends, ISO 8601 UTC. */
  reservationUntil: string;
}

/** A booking as `BookingOutput_2024_08_13` describes it. */
export interface BookingOutput {
  /** Numeric booking id. */
  id: number;
  /** Booking uid (what the API paths take). */
  uid: string;
  /** Title, as Cal.com builds it (`<event type> between <host> and <attendee>`). */
  title: string;
  /** Description (empty unless given). */
  description: string;
  /** The fixture's user, the one host. */
  hosts: Array<{
    /** User id. */
    id: number;
    /** Display name. */
    name: string;
    /** E-mail address. */
    email: string;
    /** Username. */
    username: string;
    /** IANA time zone. */
    timeZone: string;
  }>;
  /** Lower-case status, as API v2 returns it. */
  status: 'accepted' | 'cancelled' | 'rejected' | 'pending';
  /** Start, ISO 8601 UTC. */
  start: string;
  /** End, ISO 8601 UTC. */
  end: string;
  /** Length, minutes. */
  duration: number;
  /** The event type booked. */
  eventTypeId: number;
  /** The event type's id and slug. */
  eventType: {
    /** Event type id. */
    id: number;
    /** Event type slug. */
    slug: string;
  };
  /** Where it happens (`integrations:daily`, Cal.com's video default). */
  location: string;
  /** The host was marked as a no-show (always `false` here). */
  absentHost: boolean;
  /** When it was created, ISO 8601 UTC. */
  createdAt: string;
  /** When it last changed, ISO 8601 UTC. */
  updatedAt: string;
  /** The attendees; the first is the one it was booked for. */
  attendees: Array<{
    /** Full name. */
    name: string;
    /** E-mail address. */
    email: string;
    /** IANA time zone. */
    timeZone: string;
    /** Language of the e-mails (`de`, `en`). */
    language: string;
    /** Marked as a no-show. */
    absent: boolean;
    /** Phone number, international format, when given. */
    phoneNumber?: string;
  }>;
  /** The booking-field answers by slug (`name`, `email`, custom ones). */
  bookingFieldsResponses: Record<string, unknown>;
  /** Extra guests' e-mail addresses. */
  guests?: string[];
  /** User metadata as sent (string values). */
  metadata?: Record<string, string>;
  /** Reason given for a cancellation. */
  cancellationReason?: string;
  /** Reason given for a reschedule. */
  reschedulingReason?: string;
  /** E-mail of whoever rescheduled it. */
  rescheduledByEmail?: string;
  /** On a booking made by rescheduling: the uid it replaced. */
  rescheduledFromUid?: string;
  /** On a rescheduled (cancelled) booking: the uid that replaced it. */
  rescheduledToUid?: string;
}

/** A request the stand-in received, for tests that count upstream calls. */
export interface MockRequestRecord {
  /** HTTP method. */
  method: string;
  /** Request path without the query (`/v2/slots`). */
  path: string;
  /** The operation it was routed to; missing for a path the stand-in does not serve. */
  operation?: CalcomMockOperation;
  /** The status answered. */
  status: number;
  /** The delay drawn for the answer (ms; 0 without latency, `hangMs` for a hang). */
  delayMs: number;
}
