import type { Tenant } from '../types.js';

/** Per-call options of the calendar. */
export interface CalendarCallOptions {
  /** Aborts the call (the tool call's own deadline or the caller hanging up). */
  readonly signal?: AbortSignal | undefined;
  /** Total budget in ms. */
  readonly deadlineMs?: number | undefined;
}

/** A free slot. */
export interface CalendarSlot {
  /** ISO 8601 with offset. */
  readonly start: string;
}

/** Free slots of a range, by local date (`YYYY-MM-DD` in the asked zone). */
export interface CalendarSlots {
  /** Free slots per local date `YYYY-MM-DD`, earliest first; a date without slots may be absent. */
  readonly byDate: Readonly<Record<string, readonly CalendarSlot[]>>;
  /** Served from cache past freshness (Cal.com unreachable); a booking confirms it. */
  readonly stale: boolean;
}

/** A booking as the calendar holds it. */
export interface CalendarBooking {
  /** The calendar's booking uid (Cal.com `uid`). */
  readonly uid: string;
  /** ISO 8601. */
  readonly start: string;
  /** ISO 8601. */
  readonly end: string;
  /** The event type it is booked on. */
  readonly eventTypeId: number;
  /** Cal.com's status: `pending` awaits the host's confirmation; `rejected` the host declined. */
  readonly status: 'accepted' | 'pending' | 'cancelled' | 'rejected';
}

/** Input of {@link CalendarProvider.createBooking}. */
export interface CalendarBookingInput {
  /** The event type to book on. */
  readonly eventTypeId: number;
  /** ISO 8601 with offset. */
  readonly start: string;
  /** Length in minutes, for event types offering several; missing: the event type's default. */
  readonly lengthInMinutes?: number | undefined;
  /** Who the booking is for. */
  readonly attendee: {
    /** Full name (stored in the calendar, never logged). */
    readonly name: string;
    /** E.164. */
    readonly phone: string;
    /** E-mail for the calendar's confirmation; missing: none is sent to the caller. */
    readonly email?: string | undefined;
    /** IANA zone the attendee's times are shown in (the tenant's zone). */
    readonly timeZone: string;
    /** Language of the calendar's messages to the attendee (`de`, `en`). */
    readonly language: string;
  };
  /** Makes the create safe to repeat (the calendar finds the booking by it). */
  readonly idempotencyKey: string;
  /** Extra key–value pairs stored with the booking (Cal.com `metadata`). */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** Why a calendar call failed; see {@link CalendarError}. */
export type CalendarErrorKind =
  /** The slot is taken, reserved, outside bookable hours or in the past. */
  | 'slot-unavailable'
  /** Cal.com is unreachable: timeout, 5xx, rate limit, breaker open. Retry later. */
  | 'unavailable'
  /** Cal.com never answered a write and the lookup failed too: it may or may not have happened. */
  | 'outcome-unknown'
  /** The booking or event type does not exist (in this tenant's account). */
  | 'not-found'
  /** The booking cannot be changed (cancelled, ended). */
  | 'state'
  /** Bad input or configuration (a bug, not a caller's fault). */
  | 'invalid';

/**
 * The one error shape a {@link CalendarProvider} throws, so the engine never depends on a
 * provider's own errors.
 */
export class CalendarError extends Error {
  /** Always `'CalendarError'`. */
  override name = 'CalendarError';
  /**
   * @param kind Why the call failed.
   * @param message What failed, naming the operation (never a caller's number or name).
   * @param options.cause The provider's own error.
   */
  constructor(
    /** Why the call failed; decides {@link CalendarError.retryable}. */
    readonly kind: CalendarErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  /** Whether the same call may succeed later. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'outcome-unknown';
  }
}

/**
 * The calendar the engine books into, per tenant.
 * Implementation: {@link createCalcomCalendarProvider} over `@voicebook/calcom-client`.
 * Every method throws {@link CalendarError} only.
 */
export interface CalendarProvider {
  /**
   * Free slots of an event type from `startDate` to `endDate` (inclusive, `YYYY-MM-DD` in
   * `zone`): one range query.
   * @param tenant - whose calendar (its Cal.com credentials).
   * @param query - event type, date range, zone, length, and a booking being moved.
   * @param options - abort signal and time budget.
   */
  findSlots(
    tenant: Tenant,
    query: {
      eventTypeId: number;
      startDate: string;
      endDate: string;
      zone: string;
      durationMinutes?: number | undefined;
      /** While rescheduling: this booking's own time counts as free. */
      bookingUidToReschedule?: string | undefined;
    },
    options?: CalendarCallOptions,
  ): Promise<CalendarSlots>;
  /**
   * Books; never twice for one idempotency key (a lost answer is reconciled).
   * @param tenant - whose calendar.
   * @param input - event type, start, attendee, idempotency key and metadata.
   * @param options - abort signal and time budget.
   */
  createBooking(
    tenant: Tenant,
    input: CalendarBookingInput,
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking>;
  /**
   * The live booking created with `idempotencyKey`, or `undefined` (the reconciler's lookup).
   * @param tenant - whose calendar.
   * @param idempotencyKey - the key the create was made with.
   * @param where - the event type and start the create asked for.
   * @param options - abort signal and time budget.
   */
  findBookingByIdempotencyKey(
    tenant: Tenant,
    idempotencyKey: string,
    where: { eventTypeId: number; start: string },
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking | undefined>;
  /**
   * Cancels; cancelling a cancelled booking succeeds.
   * @param tenant - whose calendar.
   * @param bookingUid - the calendar's booking uid.
   * @param reason - passed on to the calendar.
   * @param options - abort signal and time budget.
   */
  cancelBooking(
    tenant: Tenant,
    bookingUid: string,
    reason?: string,
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking>;
  /**
   * Moves a booking; resolves to the new booking (Cal.com gives it a new uid).
   * @param tenant - whose calendar.
   * @param bookingUid - the booking to move.
   * @param start - the new start, ISO 8601 with offset.
   * @param options - abort signal and time budget.
   */
  rescheduleBooking(
    tenant: Tenant,
    bookingUid: string,
    start: string,
    options?: CalendarCallOptions,
  ): Promise<CalendarBooking>;
  /**
   * Whether writes to this tenant's calendar are currently refused up front (breaker open).
   * @param tenant - whose calendar.
   */
  writesBlocked(tenant: Tenant): boolean;
}
