// The booking ledger: a `requested` row is written with the lease's fence BEFORE Cal.com is asked,
// then moved on by compare-and-set transitions.
import { randomUUID } from 'node:crypto';
import { BookingEngineError } from '../errors.js';
import type { AppointmentPatch } from '../ports/index.js';
import type { Appointment, AppointmentStatus } from '../types.js';
import type { EngineDeps } from './deps.js';
import { storeCall } from './store-call.js';
import type { SlotWish } from './validate.js';

/** Fields of a new ledger row besides the wish. @internal */
export interface LedgerRowInput {
  readonly tenantId: string;
  readonly customerId: string;
  readonly callId?: string | undefined;
  readonly idempotencyKey: string;
  readonly slotKey: string;
  readonly fence: number;
  readonly attendeeName?: string | undefined;
  readonly rescheduledFrom?: string | undefined;
  readonly status?: AppointmentStatus | undefined;
}

/** Outcome of {@link insertLedgerRow}. @internal */
export type LedgerInsert =
  /** This request's row, `requested`, to book now. */
  | { readonly kind: 'fresh'; readonly row: Appointment }
  /** An earlier attempt with the same key was settled already: answer from it. */
  | { readonly kind: 'settled'; readonly row: Appointment };

/**
 * Builds a new appointment record for the wish.
 * @internal
 */
export function newRow(wish: SlotWish, input: LedgerRowInput, nowMs: number): Appointment {
  return {
    id: randomUUID(),
    tenantId: input.tenantId,
    customerId: input.customerId,
    serviceId: wish.service.id,
    staffId: wish.staff?.id,
    eventTypeId: wish.eventTypeId,
    start: wish.start,
    end: wish.end,
    startMs: wish.startMs,
    status: input.status ?? 'requested',
    callId: input.callId,
    idempotencyKey: input.idempotencyKey,
    slotKey: input.slotKey,
    fence: input.fence,
    attendeeName: input.attendeeName,
    rescheduledFrom: input.rescheduledFrom,
    createdAt: nowMs,
    updatedAt: nowMs,
  };
}

/**
 * Inserts the row. A row of an earlier attempt with the same key is taken over when it never got
 * booked (`requested`, `failed`) and answered from when it was (`confirmed`, `pending`).
 * @throws {@link BookingEngineError} `E_CONFLICT` (stale fence: this lease expired),
 * `E_STORE_UNAVAILABLE`
 * @internal
 */
export async function insertLedgerRow(deps: EngineDeps, row: Appointment): Promise<LedgerInsert> {
  const inserted = await storeCall('appointments.insert', () => deps.appointments.insert(row));
  if (inserted.ok) return { kind: 'fresh', row };
  if (inserted.reason === 'stale-fence') {
    throw new BookingEngineError(
      'E_CONFLICT',
      'the slot lock expired before the booking was recorded (a newer holder wrote the slot)',
      true,
    );
  }
  const existing = inserted.existing;
  if (existing.status === 'confirmed' || existing.status === 'pending') {
    return { kind: 'settled', row: existing };
  }
  if (existing.status === 'requested' || existing.status === 'failed') {
    // An earlier attempt died or failed retryably; the calendar finds a booking by the same key.
    const taken = await transitionRow(deps, existing, [existing.status], 'requested', {
      fence: row.fence,
    });
    if (taken !== undefined) return { kind: 'fresh', row: taken };
  }
  throw new BookingEngineError(
    'E_CONFLICT',
    `an earlier request with the same key is ${existing.status}`,
    false,
  );
}

/**
 * Compare-and-set transition of a row at the engine's clock.
 * @internal
 */
export function transitionRow(
  deps: EngineDeps,
  row: Appointment,
  from: readonly AppointmentStatus[],
  to: AppointmentStatus,
  patch?: AppointmentPatch,
): Promise<Appointment | undefined> {
  return storeCall('appointments.transition', () =>
    deps.appointments.transition(row.tenantId, row.id, from, to, patch, deps.now()),
  );
}
