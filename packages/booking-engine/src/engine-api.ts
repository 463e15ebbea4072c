// The engine's public surface: what retell-tools, the servers and adopters call. Every method takes
// the CallContext from `resolveCall`, never a tenant or customer id from the LLM's arguments.
import type {
  Appointment,
  Customer,
  Locale,
  Service,
  Spoken,
  StaffMember,
  Tenant,
} from './types.js';
import type { SpokenDateTimeInput, SpokenDateTimeResult } from './dates/types.js';
import type {
  AppointmentStore,
  CalendarProvider,
  CallStore,
  CustomerStore,
  IdempotencyStore,
  LockManager,
  TenantDirectory,
} from './ports/index.js';

/** Options of {@link createBookingEngine}. Every store defaults to its in-memory adapter. */
export interface BookingEngineOptions {
  /** Where tenants come from. */
  tenants: TenantDirectory;
  /** The calendar; {@link createCalcomCalendarProvider} for Cal.com. */
  calendar: CalendarProvider;
  /**
   * Customers by (tenant, phone); `book` creates one per new caller.
   * @default a new MemoryCustomerStore
   */
  customers?: CustomerStore | undefined;
  /** Appointments, which are also the booking ledger. @default a new MemoryAppointmentStore */
  appointments?: AppointmentStore | undefined;
  /**
   * The first answer of each `book`, `cancel` and `reschedule`, replayed to retries.
   * @default a new MemoryIdempotencyStore
   */
  idempotency?: IdempotencyStore | undefined;
  /**
   * Slot locks: one `book` per slot at a time.
   * @default a new MemoryLockManager (one process only; use RedisLockManager for several)
   */
  locks?: LockManager | undefined;
  /** Call records written by the voice platform's webhook. @default a new MemoryCallStore */
  calls?: CallStore | undefined;
  /** The clock, epoch ms. @default Date.now */
  now?: (() => number) | undefined;
  /** Receives {@link BookingEngineEvent}s (figures only). Must not throw. */
  onEvent?: ((event: BookingEngineEvent) => void) | undefined;
  /** Country for reading national phone numbers (`0171 1234567`). @default 'DE' */
  defaultCountry?: string | undefined;
  /** How long a slot lock is held at most. @default 20_000 */
  lockTtlMs?: number | undefined;
  /**
   * How long `book` waits for a slot another caller's booking holds (0–10 000 ms, at most half
   * of `lockTtlMs`) before answering it as taken with alternatives. The holder's Cal.com create
   * takes seconds, so the default answers at once; the answer is not stored as final, so a
   * repeat (the same call, service and start) looks again. A duplicate of the same request
   * (same call, service and start) never reaches the lock: it waits for the first answer.
   * @default 0
   */
  lockWaitMs?: number | undefined;
  /** How long an idempotency record is kept. @default 86_400_000 (24 h) */
  idempotencyTtlMs?: number | undefined;
  /** Days searched for alternatives after the wished day (one range query). @default 7 */
  alternativeDays?: number | undefined;
  /**
   * Days {@link BookingEngine.prefetch} warms, today included. A check for a wish within these
   * days reads the very slots range prefetch loaded (no Cal.com request); a wish past them asks
   * Cal.com for its own range. @default 14
   */
  prefetchDays?: number | undefined;
}

/** Who is calling whom, as the voice platform says (never the LLM). */
export interface CallIdentity {
  /** The voice platform's call id. */
  readonly callId: string;
  /** A tenant id set by configuration (e.g. a header on the tool); wins over the others. */
  readonly tenantId?: string | undefined;
  /** The called number (any format; normalised to E.164). */
  readonly toNumber?: string | undefined;
  /** The voice agent's id. */
  readonly agentId?: string | undefined;
  /** The caller's number (any format; normalised to E.164 in the tenant's country). */
  readonly fromNumber?: string | undefined;
}

/** A resolved call: the tenant and, when the caller's number is known, the customer. */
export interface CallContext {
  /** Retell's `call_id`; idempotency keys and call records are scoped by it. */
  readonly callId: string;
  /** The tenant the call was routed to (by tenant id, called number or agent id). */
  readonly tenant: Tenant;
  /** The caller's number in E.164, when the call had a readable one. */
  readonly callerPhone?: string | undefined;
  /** The existing customer with that number (found, not created; `book` creates one). */
  readonly customer?: Customer | undefined;
}

/** Per-call options of engine methods that reach the calendar. */
export interface EngineCallOptions {
  /** Aborts the call, e.g. when the tool call's own deadline passes or the caller hangs up. */
  readonly signal?: AbortSignal | undefined;
  /** Total time budget in ms. */
  readonly deadlineMs?: number | undefined;
}

/** Answer of {@link BookingEngine.listServices}: at most 5 options per spoken answer. */
export type ServiceListing =
  | {
      /** Five services or fewer (of the category asked for): listed as they are. */
      readonly kind: 'services';
      /** The services, in the tenant's order. */
      readonly services: readonly Service[];
      /** The list as one sentence to read out. */
      readonly say: Spoken;
    }
  /** More than 5 services: the categories to choose from first. */
  | {
      /** More than 5 services: the caller picks a category first. */
      readonly kind: 'categories';
      /** The categories, in the tenant's order. */
      readonly categories: readonly {
        /** Category name as spoken (`Haare`); pass it back as the category to list. */
        name: string;
        /** How many services it holds. */
        count: number;
      }[];
      /** The question naming the categories. */
      readonly say: Spoken;
    };

/** Answer of {@link BookingEngine.resolveService} and {@link BookingEngine.resolveStaff}. */
export type NameResolution<T> =
  | {
      /** One confident match. */
      readonly verdict: 'match';
      /** The service or staff member meant. */
      readonly value: T;
      /** The turns so far (pass back to continue the same dialogue). */
      readonly state: readonly string[];
    }
  | {
      /** Several fit: ask the caller which one. */
      readonly verdict: 'ambiguous';
      /** The best candidates, best first (at most 3). */
      readonly candidates: readonly T[];
      /** The question to ask the caller. */
      readonly say: Spoken;
      /**
       * The turns so far; pass back as `state` with the caller's answer to narrow it down. No server
       * memory: the engine replays them on its index.
       */
      readonly state: readonly string[];
    }
  | {
      /** Nothing fits well enough. */
      readonly verdict: 'none';
      /** What to tell the caller (and, for services, what is on offer). */
      readonly say: Spoken;
      /** The turns so far. */
      readonly state: readonly string[];
    };

/** Input of {@link BookingEngine.checkAvailability}. */
export interface AvailabilityRequest {
  /** The {@link Service} to book (its length and event type decide the slots). */
  readonly serviceId: string;
  /** A {@link StaffMember} the caller asked for; missing: anyone who performs the service. */
  readonly staffId?: string | undefined;
  /** The wish: an exact start (ISO 8601 with offset) or a whole day (`YYYY-MM-DD`). */
  readonly start?: string | undefined;
  /** A whole day `YYYY-MM-DD` in the tenant's zone: the free starts of that day are offered. */
  readonly date?: string | undefined;
}

/** Answer of {@link BookingEngine.checkAvailability}. */
export interface AvailabilityResult {
  /** The wished start is free (only for a `start` wish). */
  readonly available: boolean;
  /** The wished start, when `available`. */
  readonly start?: string | undefined;
  /** At most 3 nearest free starts (same day first, then the following days), ISO 8601 with offset. */
  readonly alternatives: readonly string[];
  /** Some slots came from a stale cache (Cal.com unreachable); booking confirms them. */
  readonly stale: boolean;
  /** The wish broke a policy: the stable code (then `alternatives` respect the policy). */
  readonly policy?: 'min-notice' | 'max-days-ahead' | 'business-hours' | undefined;
  /** The answer as a sentence for the caller (the start, or the alternatives). */
  readonly say: Spoken;
}

/** Input of {@link BookingEngine.book}. */
export interface BookRequest {
  /** The {@link Service} to book. */
  readonly serviceId: string;
  /** A {@link StaffMember} the caller asked for; missing: whoever Cal.com assigns. */
  readonly staffId?: string | undefined;
  /** ISO 8601 with offset. */
  readonly start: string;
  /** Name to book under; defaults to the known customer's name. */
  readonly customerName?: string | undefined;
  /** E-mail for Cal.com's confirmation; also stored on the customer. */
  readonly email?: string | undefined;
  /**
   * The caller agreed that, should Cal.com be down, the wish is noted and confirmed later
   * (tenant policy `whenCalendarDown: 'accept-pending'`).
   */
  readonly acceptPending?: boolean | undefined;
}

/** Answer of {@link BookingEngine.book}. */
export type BookResult =
  | {
      /** Cal.com holds the booking. */
      readonly status: 'booked';
      /** The confirmed appointment (`bookingUid` set). */
      readonly appointment: Appointment;
      /** A repeat of an earlier identical request: this is the first answer. */
      readonly replayed: boolean;
      /** The confirmation to read out (service, day and time). */
      readonly say: Spoken;
    }
  | {
      /** Cal.com was down: noted, the reconciler books it. */
      readonly status: 'pending';
      /** The noted request (status `pending`). */
      readonly appointment: Appointment;
      /** A repeat of an earlier identical request: this is the first answer. */
      readonly replayed: boolean;
      /** Tells the caller the wish is noted and will be confirmed. */
      readonly say: Spoken;
    }
  | {
      /** Taken: the nearest alternatives. */
      readonly status: 'unavailable';
      /** At most 3 nearest free starts, ISO 8601 with offset. */
      readonly alternatives: readonly string[];
      /** A repeat of an earlier identical request: this is the first answer. */
      readonly replayed: boolean;
      /** Says the time is taken and offers the alternatives. */
      readonly say: Spoken;
    };

/** Answer of {@link BookingEngine.cancel}. */
export interface CancelResult {
  /** The appointment, now `cancelled`. */
  readonly appointment: Appointment;
  /** The confirmation to read out. */
  readonly say: Spoken;
}

/** Answer of {@link BookingEngine.reschedule}. */
export type RescheduleResult =
  | {
      /** Moved. */
      readonly status: 'rescheduled';
      /** The new appointment (the old one is `cancelled`, with `rescheduledTo` set). */
      readonly appointment: Appointment;
      /** The confirmation to read out. */
      readonly say: Spoken;
    }
  | {
      /** The new time is taken; the old appointment stays. */
      readonly status: 'unavailable';
      /** At most 3 nearest free starts, ISO 8601 with offset. */
      readonly alternatives: readonly string[];
      /** Says the time is taken and offers the alternatives. */
      readonly say: Spoken;
    };

/** What one {@link BookingEngine.reconcile} run did (figures only). */
export interface ReconcileReport {
  /** Pending requests booked. */
  readonly booked: number;
  /** Pending requests whose slot was taken: marked for a call back with alternatives. */
  readonly callback: number;
  /** Ledger rows left `requested` by a dead instance, found booked in Cal.com. */
  readonly recovered: number;
  /** Ledger rows left `requested`, not in Cal.com: marked failed. */
  readonly failed: number;
  /** Left for a later run (Cal.com still unreachable). */
  readonly deferred: number;
}

/** Events of the engine: figures and codes only, never names or numbers. */
export type BookingEngineEvent =
  | {
      /** A `checkAvailability` call answered. */
      readonly type: 'availability:checked';
      /** The tenant of the call. */
      readonly tenantId: string;
      /** Time the call took, ms. */
      readonly durationMs: number;
      /** Whether the wished start was free. */
      readonly available: boolean;
      /** How many alternatives were offered. */
      readonly alternatives: number;
      /** Whether some slots came from a stale cache. */
      readonly stale: boolean;
    }
  | {
      /** A `book` call finished. */
      readonly type: 'booking:done';
      /** The tenant of the call. */
      readonly tenantId: string;
      /** How it ended; `replayed`: an idempotent repeat answered from the record. */
      readonly outcome: 'booked' | 'pending' | 'unavailable' | 'replayed' | 'failed';
      /** Time the call took, ms. */
      readonly durationMs: number;
      /** The {@link BookingEngineErrorCode} of a `failed` outcome. */
      readonly code?: string | undefined;
    }
  | {
      /** An idempotency key was reused with a different request (refused). */
      readonly type: 'booking:mismatch';
      /** The tenant of the call. */
      readonly tenantId: string;
    }
  | {
      /** The reconciler resolved a pending request. */
      readonly type: 'pending:resolved';
      /** The tenant of the request. */
      readonly tenantId: string;
      /** `booked`, or `callback` when the slot was taken meanwhile. */
      readonly outcome: 'booked' | 'callback';
    }
  | {
      /** An appointment was cancelled or moved. */
      readonly type: 'appointment:changed';
      /** The tenant of the appointment. */
      readonly tenantId: string;
      /** What happened to it. */
      readonly change: 'cancelled' | 'rescheduled';
    }
  | {
      /** A spoken service or staff name was resolved. */
      readonly type: 'name:resolved';
      /** The tenant of the call. */
      readonly tenantId: string;
      /** What was looked up. */
      readonly kind: 'service' | 'staff';
      /** The answer's verdict. */
      readonly verdict: 'match' | 'ambiguous' | 'none';
      /** Time the lookup took, ms. */
      readonly durationMs: number;
    };

/**
 * The booking domain for one process, many tenants. Create it with {@link createBookingEngine}.
 */
export interface BookingEngine {
  /** The tenant directory in use. */
  readonly tenants: TenantDirectory;
  /** The call store in use (retell-tools records call webhooks through it). */
  readonly calls: CallStore;
  /** The engine's clock (epoch ms). */
  readonly now: () => number;
  /**
   * Finds the tenant (configured id, else called number, else agent id) and the customer of the
   * caller's number.
   * @param identity - who is calling whom, from the voice platform (never from the LLM).
   * @returns the tenant, the caller's E.164 number and the existing customer, if any.
   * @throws {@link BookingEngineError} `E_TENANT_UNKNOWN`
   */
  resolveCall(identity: CallIdentity): Promise<CallContext>;
  /**
   * Parses a spoken date and time in the tenant's zone and language, at the engine's `now`.
   * @param ctx - the call (its tenant gives zone and language).
   * @param input - the phrase (`morgen um halb drei`), or day and time said apart.
   * @param locale - the phrase's language when it differs from the tenant's.
   * @returns the local date and, when a time was said, the start; or a code and a question back.
   */
  parseDateTime(
    ctx: CallContext,
    input: SpokenDateTimeInput,
    locale?: Locale,
  ): SpokenDateTimeResult;
  /**
   * The services to offer, at most 5 at a time; grouped by category past 5 (or within `category`).
   * @param ctx - the call.
   * @param options.category - a category the caller chose from an earlier answer.
   * @returns the services or the categories, with a sentence to read out.
   */
  listServices(
    ctx: CallContext,
    options?: { category?: string | undefined },
  ): Promise<ServiceListing>;
  /**
   * A spoken service name (or synonym) to a service.
   * @param ctx - the call.
   * @param spoken - what the caller said, or their answer to the clarifying question.
   * @param state - the `state` of the previous answer, to continue the same dialogue.
   * @returns `match`, `ambiguous` (with a question) or `none`.
   */
  resolveService(
    ctx: CallContext,
    spoken: string,
    state?: readonly string[],
  ): Promise<NameResolution<Service>>;
  /**
   * A spoken staff name to a staff member, with a clarifying question when several fit.
   * @param ctx - the call.
   * @param spoken - what the caller said (`Frau Maier`), or their answer to the question.
   * @param state - the `state` of the previous answer, to continue the same dialogue.
   * @returns `match`, `ambiguous` (with a question) or `none`.
   */
  resolveStaff(
    ctx: CallContext,
    spoken: string,
    state?: readonly string[],
  ): Promise<NameResolution<StaffMember>>;
  /**
   * Whether the wish is free; otherwise at most 3 nearest alternatives from one range query.
   * @param ctx - the call.
   * @param request - the service, an optional staff member, and a start or a day.
   * @param options - abort signal and time budget.
   * @returns whether the start is free, the alternatives and a sentence to read out.
   * @throws {@link BookingEngineError} `E_INVALID_INPUT`, `E_CALENDAR_UNAVAILABLE`
   */
  checkAvailability(
    ctx: CallContext,
    request: AvailabilityRequest,
    options?: EngineCallOptions,
  ): Promise<AvailabilityResult>;
  /**
   * Warms the cache with the next days' slots of the tenant's services (call start). Never throws.
   * @param ctx - the call.
   * @param options.days - days to warm (default: the engine's `prefetchDays`, 14).
   */
  prefetch(ctx: CallContext, options?: { days?: number | undefined }): Promise<void>;
  /**
   * Books exactly once per (call, service, start): locked, idempotent, checked against what
   * Cal.com booked, recorded.
   * @param ctx - the call (the caller's number identifies the customer).
   * @param request - service, staff, start, name and e-mail, and consent to a pending booking.
   * @param options - abort signal and time budget.
   * @returns `booked`, `pending` (Cal.com down, with consent) or `unavailable` with alternatives.
   * @throws {@link BookingEngineError} `E_POLICY`, `E_IN_PROGRESS`, `E_IDEMPOTENCY_MISMATCH`,
   * `E_CALENDAR_UNAVAILABLE`, `E_OUTCOME_UNKNOWN`, `E_BOOKING_MISMATCH`, `E_CUSTOMER_REQUIRED`
   */
  book(ctx: CallContext, request: BookRequest, options?: EngineCallOptions): Promise<BookResult>;
  /**
   * The caller's own upcoming appointments (confirmed and pending), earliest first.
   * @param ctx - the call; without a known customer the answer is empty.
   * @returns the appointments.
   */
  getCustomerAppointments(ctx: CallContext): Promise<Appointment[]>;
  /**
   * Cancels one of the caller's own appointments under the notice policy.
   * @param ctx - the call (only the caller's own appointments can be cancelled).
   * @param request - the appointment's id and an optional reason.
   * @param options - abort signal and time budget.
   * @returns the cancelled appointment and a confirmation to read out.
   * @throws {@link BookingEngineError} `E_APPOINTMENT_NOT_FOUND`, `E_POLICY`, `E_APPOINTMENT_STATE`
   */
  cancel(
    ctx: CallContext,
    request: { appointmentId: string; reason?: string | undefined },
    options?: EngineCallOptions,
  ): Promise<CancelResult>;
  /**
   * Moves one of the caller's own appointments under the notice policy.
   * @param ctx - the call (only the caller's own appointments can be moved).
   * @param request - the appointment's id and the new start (ISO 8601 with offset).
   * @param options - abort signal and time budget.
   * @returns `rescheduled` with the new appointment, or `unavailable` with alternatives.
   * @throws {@link BookingEngineError} `E_APPOINTMENT_NOT_FOUND`, `E_POLICY`, `E_APPOINTMENT_STATE`
   */
  reschedule(
    ctx: CallContext,
    request: { appointmentId: string; start: string },
    options?: EngineCallOptions,
  ): Promise<RescheduleResult>;
  /**
   * Books pending requests in order and resolves ledger rows left `requested` by a dead
   * instance. Safe to run on every instance at once. Never throws.
   * @param options.limit - most records handled in this run, 1–1000 (default 50).
   * @returns how many were booked, marked for a call back, recovered, failed or deferred.
   */
  reconcile(options?: { limit?: number | undefined }): Promise<ReconcileReport>;
}
