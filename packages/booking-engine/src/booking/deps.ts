// What every step of the engine works with: the ports, the clock, the event sink, the settings.
import type {
  AvailabilityRequest,
  AvailabilityResult,
  BookingEngineEvent,
  CallContext,
  EngineCallOptions,
} from '../engine-api.js';
import type {
  AppointmentStore,
  CalendarProvider,
  CallStore,
  CustomerStore,
  IdempotencyStore,
  LockManager,
  TenantDirectory,
} from '../ports/index.js';
import type { ResolvedEngineSettings } from './options.js';
import type { SlotGate } from './slot-gate.js';

/**
 * The availability check the booking steps ask for alternatives.
 * @internal
 */
export type AvailabilityCheck = (
  ctx: CallContext,
  request: AvailabilityRequest,
  options?: EngineCallOptions,
  /** A start (epoch ms) to treat as taken whatever the cached slots say. */
  takenMs?: number,
) => Promise<AvailabilityResult>;

/**
 * The engine's wiring, resolved once in {@link createBookingEngine}.
 * @internal
 */
export interface EngineDeps {
  readonly tenants: TenantDirectory;
  readonly calendar: CalendarProvider;
  readonly customers: CustomerStore;
  readonly appointments: AppointmentStore;
  readonly idempotency: IdempotencyStore;
  readonly locks: LockManager;
  readonly calls: CallStore;
  readonly now: () => number;
  readonly emit: (event: BookingEngineEvent) => void;
  readonly settings: ResolvedEngineSettings;
  readonly availability: AvailabilityCheck;
  /** In-process queue per slot in front of {@link EngineDeps.locks}. */
  readonly gate: SlotGate;
}
