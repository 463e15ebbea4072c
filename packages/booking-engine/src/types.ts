/** Languages the engine speaks. */
export type Locale = 'de' | 'en';

/** A sentence the voice agent can say, in every supported language. */
export interface Spoken {
  readonly de: string;
  readonly en: string;
}

/** Day of the week, ISO numbering (1 = Monday … 7 = Sunday). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening interval of a day, local wall-clock times `HH:MM` (end exclusive). */
export interface OpeningInterval {
  readonly open: string;
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
  readonly firstName?: string | undefined;
  readonly lastName: string;
  /** `Dr.`, `Prof.` … */
  readonly title?: string | undefined;
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
  readonly teamSlug?: string | undefined;
}

/** A company answering calls through voicebook. */
export interface Tenant {
  /** Stable id; every record of the tenant is scoped by it. */
  readonly id: string;
  readonly companyName: string;
  /** IANA zone, e.g. `Europe/Berlin`. */
  readonly zone: string;
  readonly locale: Locale;
  readonly calendar: TenantCalendar;
  /** Numbers (E.164) whose calls belong to this tenant. */
  readonly phoneNumbers: readonly string[];
  /** Retell agent ids whose calls belong to this tenant. */
  readonly agentIds: readonly string[];
  readonly services: readonly Service[];
  readonly staff: readonly StaffMember[];
  readonly policies: TenantPolicies;
}

/** A caller known to a tenant, found by phone number. */
export interface Customer {
  readonly id: string;
  readonly tenantId: string;
  /** E.164, e.g. `+491711234567`. */
  readonly phone: string;
  readonly name?: string | undefined;
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
  readonly id: string;
  readonly tenantId: string;
  readonly customerId: string;
  readonly serviceId: string;
  readonly staffId?: string | undefined;
  readonly eventTypeId: number;
  /** ISO 8601 with the tenant zone's offset. */
  readonly start: string;
  /** ISO 8601 with the tenant zone's offset. */
  readonly end: string;
  /** `start` as epoch ms (for ordering and range queries). */
  readonly startMs: number;
  readonly status: AppointmentStatus;
  /** Cal.com booking uid once confirmed. */
  readonly bookingUid?: string | undefined;
  /** Retell call that asked for it. */
  readonly callId?: string | undefined;
  /** The idempotency key the booking was made with (also stamped into Cal.com's metadata). */
  readonly idempotencyKey: string;
  /** Lock key of the slot and the fencing token of the lease that wrote this record. */
  readonly slotKey: string;
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
  readonly callId: string;
  readonly tenantId: string;
  readonly agentId?: string | undefined;
  /** Caller number, E.164 (stored, never logged). */
  readonly fromNumber?: string | undefined;
  readonly toNumber?: string | undefined;
  readonly customerId?: string | undefined;
  /** Epoch ms. */
  readonly startedAt?: number | undefined;
  /** Epoch ms. */
  readonly endedAt?: number | undefined;
  readonly durationMs?: number | undefined;
  readonly outcome?: CallOutcome | undefined;
  readonly disconnectionReason?: string | undefined;
  /** Whether Retell's post-call analysis judged the call successful. */
  readonly successful?: boolean | undefined;
  /** Webhook events already applied (`call_started`, `call_ended`, …), for deduplication. */
  readonly events: readonly string[];
  /** Epoch ms. */
  readonly updatedAt: number;
}
