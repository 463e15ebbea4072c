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
  /** @default a new MemoryCustomerStore */
  customers?: CustomerStore | undefined;
  /** @default a new MemoryAppointmentStore */
  appointments?: AppointmentStore | undefined;
  /** @default a new MemoryIdempotencyStore */
  idempotency?: IdempotencyStore | undefined;
  /** @default a new MemoryLockManager (one process only; use RedisLockManager for several) */
  locks?: LockManager | undefined;
  /** @default a new MemoryCallStore */
  calls?: CallStore | undefined;
  /** The clock, epoch ms. @default Date.now */
  now?: (() => number) | undefined;
  /** Receives {@link BookingEngineEvent}s (figures only). Must not throw. */
  onEvent?: ((event: BookingEngineEvent) => void) | undefined;
  /** Country for reading national phone numbers (`0171 1234567`). @default 'DE' */
  defaultCountry?: string | undefined;
  /** How long a slot lock is held at most. @default 20_000 */
  lockTtlMs?: number | undefined;
  /** How long an idempotency record is kept. @default 86_400_000 (24 h) */
  idempotencyTtlMs?: number | undefined;
  /** Days searched for alternatives after the wished day (one range query). @default 7 */
  alternativeDays?: number | undefined;
  /** Days {@link BookingEngine.prefetch} warms. @default 3 */
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
  readonly callId: string;
  readonly tenant: Tenant;
  /** The caller's number in E.164, when the call had a readable one. */
  readonly callerPhone?: string | undefined;
  /** The existing customer with that number (found, not created; `book` creates one). */
  readonly customer?: Customer | undefined;
}

/** Per-call options of engine methods that reach the calendar. */
export interface EngineCallOptions {
  readonly signal?: AbortSignal | undefined;
  /** Total time budget in ms. */
  readonly deadlineMs?: number | undefined;
}

/** Answer of {@link BookingEngine.listServices}: at most 5 options per spoken answer. */
export type ServiceListing =
  | { readonly kind: 'services'; readonly services: readonly Service[]; readonly say: Spoken }
  /** More than 5 services: the categories to choose from first. */
  | {
      readonly kind: 'categories';
      readonly categories: readonly { name: string; count: number }[];
      readonly say: Spoken;
    };

/** Answer of {@link BookingEngine.resolveService} and {@link BookingEngine.resolveStaff}. */
export type NameResolution<T> =
  | { readonly verdict: 'match'; readonly value: T; readonly state: readonly string[] }
  | {
      readonly verdict: 'ambiguous';
      readonly candidates: readonly T[];
      /** The question to ask the caller. */
      readonly say: Spoken;
      /**
       * The turns so far; pass back as `state` with the caller's answer to narrow it down. No server
       * memory: the engine replays them on its index.
       */
      readonly state: readonly string[];
    }
  | { readonly verdict: 'none'; readonly say: Spoken; readonly state: readonly string[] };

/** Input of {@link BookingEngine.checkAvailability}. */
export interface AvailabilityRequest {
  readonly serviceId: string;
  readonly staffId?: string | undefined;
  /** The wish: an exact start (ISO 8601 with offset) or a whole day (`YYYY-MM-DD`). */
  readonly start?: string | undefined;
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
  readonly say: Spoken;
}

/** Input of {@link BookingEngine.book}. */
export interface BookRequest {
  readonly serviceId: string;
  readonly staffId?: string | undefined;
  /** ISO 8601 with offset. */
  readonly start: string;
  /** Name to book under; defaults to the known customer's name. */
  readonly customerName?: string | undefined;
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
      readonly status: 'booked';
      readonly appointment: Appointment;
      /** A repeat of an earlier identical request: this is the first answer. */
      readonly replayed: boolean;
      readonly say: Spoken;
    }
  | {
      /** Cal.com was down: noted, the reconciler books it. */
      readonly status: 'pending';
      readonly appointment: Appointment;
      readonly replayed: boolean;
      readonly say: Spoken;
    }
  | {
      /** Taken: the nearest alternatives. */
      readonly status: 'unavailable';
      readonly alternatives: readonly string[];
      readonly replayed: boolean;
      readonly say: Spoken;
    };

/** Answer of {@link BookingEngine.cancel}. */
export interface CancelResult {
  readonly appointment: Appointment;
  readonly say: Spoken;
}

/** Answer of {@link BookingEngine.reschedule}. */
export type RescheduleResult =
  | { readonly status: 'rescheduled'; readonly appointment: Appointment; readonly say: Spoken }
  | {
      readonly status: 'unavailable';
      readonly alternatives: readonly string[];
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
      readonly type: 'availability:checked';
      readonly tenantId: string;
      readonly durationMs: number;
      readonly available: boolean;
      readonly alternatives: number;
      readonly stale: boolean;
    }
  | {
      readonly type: 'booking:done';
      readonly tenantId: string;
      readonly outcome: 'booked' | 'pending' | 'unavailable' | 'replayed' | 'failed';
      readonly durationMs: number;
      readonly code?: string | undefined;
    }
  | { readonly type: 'booking:mismatch'; readonly tenantId: string }
  | {
      readonly type: 'pending:resolved';
      readonly tenantId: string;
      readonly outcome: 'booked' | 'callback';
    }
  | {
      readonly type: 'appointment:changed';
      readonly tenantId: string;
      readonly change: 'cancelled' | 'rescheduled';
    }
  | {
      readonly type: 'name:resolved';
      readonly tenantId: string;
      readonly kind: 'service' | 'staff';
      readonly verdict: 'match' | 'ambiguous' | 'none';
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
   * @throws {@link BookingEngineError} `E_TENANT_UNKNOWN`
   */
  resolveCall(identity: CallIdentity): Promise<CallContext>;
  /** Parses a spoken date and time in the tenant's zone and language, at the engine's `now`. */
  parseDateTime(
    ctx: CallContext,
    input: SpokenDateTimeInput,
    locale?: Locale,
  ): SpokenDateTimeResult;
  /** The services to offer, at most 5 at a time; grouped by category past 5 (or within `category`). */
  listServices(
    ctx: CallContext,
    options?: { category?: string | undefined },
  ): Promise<ServiceListing>;
  /** A spoken service name (or synonym) to a service. */
  resolveService(
    ctx: CallContext,
    spoken: string,
    state?: readonly string[],
  ): Promise<NameResolution<Service>>;
  /** A spoken staff name to a staff member, with a clarifying question when several fit. */
  resolveStaff(
    ctx: CallContext,
    spoken: string,
    state?: readonly string[],
  ): Promise<NameResolution<StaffMember>>;
  /**
   * Whether the wish is free; otherwise at most 3 nearest alternatives from one range query.
   * @throws {@link BookingEngineError} `E_INVALID_INPUT`, `E_CALENDAR_UNAVAILABLE`
   */
  checkAvailability(
    ctx: CallContext,
    request: AvailabilityRequest,
    options?: EngineCallOptions,
  ): Promise<AvailabilityResult>;
  /** Warms the cache with the next days' slots of the tenant's services (call start). Never throws. */
  prefetch(ctx: CallContext, options?: { days?: number | undefined }): Promise<void>;
  /**
   * Books exactly once per (call, service, start): locked, idempotent, checked against what
   * Cal.com booked, recorded.
   * @throws {@link BookingEngineError} `E_POLICY`, `E_IN_PROGRESS`, `E_IDEMPOTENCY_MISMATCH`,
   * `E_CALENDAR_UNAVAILABLE`, `E_OUTCOME_UNKNOWN`, `E_BOOKING_MISMATCH`, `E_CUSTOMER_REQUIRED`
   */
  book(ctx: CallContext, request: BookRequest, options?: EngineCallOptions): Promise<BookResult>;
  /** The caller's own upcoming appointments (confirmed and pending), earliest first. */
  getCustomerAppointments(ctx: CallContext): Promise<Appointment[]>;
  /**
   * Cancels one of the caller's own appointments under the notice policy.
   * @throws {@link BookingEngineError} `E_APPOINTMENT_NOT_FOUND`, `E_POLICY`, `E_APPOINTMENT_STATE`
   */
  cancel(
    ctx: CallContext,
    request: { appointmentId: string; reason?: string | undefined },
    options?: EngineCallOptions,
  ): Promise<CancelResult>;
  /**
   * Moves one of the caller's own appointments under the notice policy.
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
   */
  reconcile(options?: { limit?: number | undefined }): Promise<ReconcileReport>;
}
