import type { EndpointGroup } from './breaker/options.js';

/**
 * The client's operations, one per Cal.com endpoint. These names appear in errors and events
 * (and map onto `@voicebook/slo-metrics`' operation allow-list: `getSlots` → `get_slots`).
 */
export type CalcomOperation =
  | 'getSlots'
  | 'reserveSlot'
  | 'getReservation'
  | 'updateReservation'
  | 'deleteReservation'
  | 'createBooking'
  | 'getBooking'
  | 'listBookings'
  | 'cancelBooking'
  | 'rescheduleBooking'
  | 'listEventTypes';

/**
 * How an operation may be tried again after a failure without an answer:
 * - `safe`: retried with backoff (reads, deletes);
 * - `reconcile`: the client first finds out whether the first attempt took effect (create by
 *   its idempotency key, cancel and reschedule by reading the booking), then retries;
 * - `never`: not retried (e.g. a slot reservation; it expires by itself).
 */
export type RetryMode = 'safe' | 'reconcile' | 'never';

/** Static facts of one operation. @internal */
export interface OperationSpec {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `cal-api-version` this endpoint needs (a missing or wrong one routes to a legacy 404). */
  readonly version: '2024-08-13' | '2024-09-04' | '2024-06-14';
  /** Breaker group. */
  readonly group: EndpointGroup;
  readonly retry: RetryMode;
  /** Default per-attempt timeouts in ms; the last one repeats. */
  readonly timeoutsMs: readonly number[];
  /** Default total deadline of one call, retries and reconciliation included. */
  readonly deadlineMs: number;
  /** Default attempts (first try included). */
  readonly attempts: number;
}

const READ = { group: 'read', retry: 'safe', timeoutsMs: [3_000], deadlineMs: 10_000, attempts: 3 };

/**
 * Per-operation defaults: version header, breaker group, retry mode, timeouts and deadline.
 * Slots get 3 s per attempt; a booking create gets 3 s, then 5 s on the retry.
 * @internal
 */
export const OPERATIONS: Readonly<Record<CalcomOperation, OperationSpec>> = {
  getSlots: { ...READ, method: 'GET', version: '2024-09-04' } as OperationSpec,
  getReservation: { ...READ, method: 'GET', version: '2024-09-04' } as OperationSpec,
  reserveSlot: {
    method: 'POST',
    version: '2024-09-04',
    group: 'write',
    retry: 'never',
    timeoutsMs: [3_000],
    deadlineMs: 10_000,
    attempts: 1,
  },
  updateReservation: {
    method: 'PATCH',
    version: '2024-09-04',
    group: 'write',
    retry: 'never',
    timeoutsMs: [3_000],
    deadlineMs: 10_000,
    attempts: 1,
  },
  deleteReservation: {
    method: 'DELETE',
    version: '2024-09-04',
    group: 'write',
    retry: 'safe',
    timeoutsMs: [3_000],
    deadlineMs: 10_000,
    attempts: 3,
  },
  createBooking: {
    method: 'POST',
    version: '2024-08-13',
    group: 'write',
    retry: 'reconcile',
    timeoutsMs: [3_000, 5_000],
    deadlineMs: 15_000,
    attempts: 2,
  },
  getBooking: { ...READ, method: 'GET', version: '2024-08-13' } as OperationSpec,
  listBookings: { ...READ, method: 'GET', version: '2024-08-13' } as OperationSpec,
  cancelBooking: {
    method: 'POST',
    version: '2024-08-13',
    group: 'write',
    retry: 'reconcile',
    timeoutsMs: [5_000],
    deadlineMs: 15_000,
    attempts: 2,
  },
  rescheduleBooking: {
    method: 'POST',
    version: '2024-08-13',
    group: 'write',
    retry: 'reconcile',
    timeoutsMs: [5_000],
    deadlineMs: 15_000,
    attempts: 2,
  },
  listEventTypes: { ...READ, method: 'GET', version: '2024-06-14' } as OperationSpec,
};

/** Every operation name, in a stable order. */
export const CALCOM_OPERATIONS: readonly CalcomOperation[] = Object.freeze(
  Object.keys(OPERATIONS) as CalcomOperation[],
);
