/** Languages the engine speaks. */
export type Locale = 'de' | 'en';

/** A sentence the voice agent can say, in every supported language. */
export interface Spoken {
  /** The sentence in German (`de`), as the agent says it to a German-speaking caller. */
  readonly de: string;
  /** The same sentence in English (`en`). */
  readonly en: string;
}

/** Day of the week, ISO numbering (1 = Monday … 7 = Sunday). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening interval of a day, local wall-clock times `HH:MM` (end exclusive). */
export interface OpeningInterval {
  /** Opening time, `HH:MM` local wall-clock time (`09:00`); the first bookable minute. */
  readonly open: string;
  /** Closing time, `HH:MM` (`18:00`, up to `24:00`), exclusive: an appointment must end by then. */
  readonly close: string;
}

/** What a tenant allows; every duration in minutes or days as its name says. */
export interface TenantPolicies {
  /** Earliest a booking may start, counted from now. */
  readonly minNoticeToBookMinutes: number;
  /** A cancel must come at least this long before the appointment. */
  readonly minNoticeToCancelMinutes: number;
  /** A reschedule must come at least this long before the (old) appointment. */
  readonly minNoticeToRescheduleMinutes: number;
  /** Latest day that can be booked, counted from today in the tenant's zone. */
  readonly maxDaysAhead: number;
  /** Opening hours per ISO weekday; a missing day is closed. Cal.com's own availability still applies. */
  readonly businessHours: Readonly<Partial<Record<IsoWeekday, readonly OpeningInterval[]>>>;
  /**
   * What `book` does when Cal.com is unreachable (write breaker open, timeout): `'fail'` answers
   * with a retryable error; `'accept-pending'` records the wish as a pending request, with the
   * caller's consent, for the reconciler to book once Cal.com answers again.
   */
  readonly whenCalendarDown: 'fail' | 'accept-pending';
}

/** A bookable service of a tenant. */
export interface Service {
  /** Stable id, unique within the tenant. */
  readonly id: string;
  /** Name as spoken back to callers, e.g. `Haarschnitt`. */
  readonly name: string;
  /** Other words callers use for it (`Schneiden`, `Haare schneiden`). */
  readonly synonyms: readonly string[];
  /** Category for grouping long lists (`Haare`, `Beratung`). */
  readonly category?: string | undefined;
  /** Length of the appointment. */
  readonly durationMinutes: number;
  /** Price in the smallest unit of `currency` (cents). */
  readonly priceCents?: number | undefined;
  /** ISO 4217 code. @default 'EUR' */
  readonly currency?: string | undefined;
  /** The Cal.com event type that books it. */
  readonly eventTypeId: number;
  /** Staff who perform it (ids); empty or missing: anybody on the event type. */
  readonly staffIds?: readonly string[] | undefined;
}

/** A member of staff callers may ask for. */
export interface StaffMember {
  /** Stable id, unique within the tenant. */
  readonly id: string;
  /** Given name, as callers say it (`Anna`); optional, many ask for staff by last name only. */
  readonly firstName?: string | undefined;
  /** Family name, as callers say it (`Schmidt`); the name matcher resolves spoken names to it. */
  readonly lastName: string;
  /** `Dr.`, `Prof.` … */
  readonly title?: string | undefined;
  /**
   * Grammatical gender for German salutations (`Frau Schmidt`, `Herr Schmidt`); `diverse` or
   * missing: the full name without salutation.
   */
  readonly gender?: 'female' | 'male' | 'diverse' | undefined;
  /** Their own Cal.com event types per service id, when bookings with them use a separate event type. */
  readonly eventTypeIds?: Readonly<Record<string, number>> | undefined;
  /** Their Cal.com user (informational; hosts are chosen by the event type). */
  readonly calcomUsername?: string | undefined;
}

/** Cal.com credentials of a tenant. */
export interface TenantCalendar {
  /** Cal.com API key (`cal_…`). Never logged. */
  readonly apiKey: string;
  /** Base URL without `/v2`. @default 'https://api.cal.com' */
  readonly baseUrl?: string | undefined;
  /** Cal.com username or team slug owning the event types. */
  readonly username?: string | undefined;
  /** Cal.com team slug, when the event types belong to a team rather than a user. */
  readonly teamSlug?: string | undefined;
}

/** A company answering calls through voicebook. */
export interface Tenant {
  /** Stable id; every record of the tenant is scoped by it. */
  readonly id: string;
  /** The business name the agent greets with (`Salon Haarmonie`). */
  readonly companyName: string;
  /** IANA zone, e.g. `Europe/Berlin`. */
  readonly zone: string;
  /** Language the agent speaks by default and the sentences (`say`) come in. */
  readonly locale: Locale;
  /** The tenant's Cal.com account. */
  readonly calendar: TenantCalendar;
  /** Numbers (E.164) whose calls belong to this tenant. */
  readonly phoneNumbers: readonly string[];
  /** Retell agent ids whose calls belong to this tenant. */
  readonly agentIds: readonly string[];
  /** What callers can book; at least one. */
  readonly services: readonly Service[];
  /** Staff callers may ask for by name; empty when the business has no named staff. */
  readonly staff: readonly StaffMember[];
  /** Booking rules; fields left out of the tenants file take {@link DEFAULT_TENANT_POLICIES}. */
  readonly policies: TenantPolicies;
}

/** A caller known to a tenant, found by phone number. */
export interface Customer {
  /** Store-assigned id, unique within the tenant. */
  readonly id: string;
  /** The tenant the customer belongs to; never visible to another tenant. */
  readonly tenantId: string;
  /** E.164, e.g. `+491711234567`. */
  readonly phone: string;
  /** Full name as the caller gave it (stored, never logged). */
  readonly name?: string | undefined;
  /** E-mail address for Cal.com's confirmation, when the caller gave one. */
  readonly email?: string | undefined;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly updatedAt: number;
}

/**
 * Life of an appointment record, which is also the booking ledger:
 * - `requested`: written before Cal.com is asked; a row left here by a dead instance is
 *   resolved against Cal.com by the reconciler (looked up by its idempotency key).
 * - `confirmed`: Cal.com holds the booking (`bookingUid`).
 * - `pending`: taken while Cal.com was down, with the caller's consent; booked by the reconciler.
 * - `callback`: a pending request whose slot was taken meanwhile; call the customer back.
 * - `failed`: Cal.com refused it; nothing is booked.
 * - `cancelled`: cancelled (or moved away: see `rescheduledTo`).
 */
export type AppointmentStatus =
  'requested' | 'confirmed' | 'pending' | 'callback' | 'failed' | 'cancelled';

/** An appointment as the engine records it. */
export interface Appointment {
  /** Engine-assigned id, unique within the tenant (what `cancel`/`reschedule` take). */
  readonly id: string;
  /** The tenant it belongs to. */
  readonly tenantId: string;
  /** The {@link Customer} it was booked for. */
  readonly customerId: string;
  /** The {@link Service} booked. */
  readonly serviceId: string;
  /** The {@link StaffMember} asked for, if any. */
  readonly staffId?: string | undefined;
  /** The Cal.com event type it was booked on (the service's or the staff member's own). */
  readonly eventTypeId: number;
  /** ISO 8601 with the tenant zone's offset. */
  readonly start: string;
  /** ISO 8601 with the tenant zone's offset. */
  readonly end: string;
  /** `start` as epoch ms (for ordering and range queries). */
  readonly startMs: number;
  /** Where the record is in its life; see {@link AppointmentStatus}. */
  readonly status: AppointmentStatus;
  /** Cal.com booking uid once confirmed. */
  readonly bookingUid?: string | undefined;
  /** Retell call that asked for it. */
  readonly callId?: string | undefined;
  /** The idempotency key the booking was made with (also stamped into Cal.com's metadata). */
  readonly idempotencyKey: string;
  /** Lock key of the slot and the fencing token of the lease that wrote this record. */
  readonly slotKey: string;
  /** Fencing token of the lease that last wrote the record (see {@link Lease.fence}). */
  readonly fence: number;
  /** Name the booking was made for (stored, never logged). */
  readonly attendeeName?: string | undefined;
  /** Id of the appointment this one replaced (reschedule). */
  readonly rescheduledFrom?: string | undefined;
  /** Id of the appointment that replaced this one (reschedule). */
  readonly rescheduledTo?: string | undefined;
  /** Nearest alternatives (ISO starts) for a `callback`. */
  readonly alternatives?: readonly string[] | undefined;
  /** A stable code why it failed or needs a call back. */
  readonly reason?: string | undefined;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly updatedAt: number;
}

/** What happened in a call, as far as booking is concerned. */
export type CallOutcome =
  'booked' | 'pending' | 'rescheduled' | 'cancelled' | 'no-booking' | 'failed';

/** What the Retell side records per call. */
export interface CallRecord {
  /** Retell's `call_id`. */
  readonly callId: string;
  /** The tenant the call was routed to. */
  readonly tenantId: string;
  /** Retell agent that answered. */
  readonly agentId?: string | undefined;
  /** Caller number, E.164 (stored, never logged). */
  readonly fromNumber?: string | undefined;
  /** Called number, E.164: the tenant's number the call came in on. */
  readonly toNumber?: string | undefined;
  /** The {@link Customer} the caller was identified as, once known. */
  readonly customerId?: string | undefined;
  /** Epoch ms. */
  readonly startedAt?: number | undefined;
  /** Epoch ms. */
  readonly endedAt?: number | undefined;
  /** Length of the call in ms, as Retell reports it. */
  readonly durationMs?: number | undefined;
  /** What the call achieved, booking-wise; set when it ends. */
  readonly outcome?: CallOutcome | undefined;
  /** Retell's `disconnection_reason` (`user_hangup`, `agent_hangup`, …). */
  readonly disconnectionReason?: string | undefined;
  /** Whether Retell's post-call analysis judged the call successful. */
  readonly successful?: boolean | undefined;
  /** Webhook events already applied (`call_started`, `call_ended`, …), for deduplication. */
  readonly events: readonly string[];
  /** Epoch ms. */
  readonly updatedAt: number;
}
