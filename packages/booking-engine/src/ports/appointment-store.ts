import type { Appointment, AppointmentStatus } from '../types.js';

/** Changes {@link AppointmentStore.transition} may make besides the status. */
export type AppointmentPatch = Partial<
  Pick<
    Appointment,
    | 'bookingUid'
    | 'start'
    | 'end'
    | 'startMs'
    | 'rescheduledTo'
    | 'alternatives'
    | 'reason'
    | 'fence'
  >
>;

/** Filters of {@link AppointmentStore.listByCustomer}. */
export interface ListAppointmentsQuery {
  /** Only appointments starting at or after this instant (epoch ms). */
  readonly fromMs?: number | undefined;
  /** Only these statuses. @default every status */
  readonly statuses?: readonly AppointmentStatus[] | undefined;
  /** At most this many, earliest first. @default 50 */
  readonly limit?: number | undefined;
}

/** Outcome of {@link AppointmentStore.insert}. */
export type InsertAppointmentResult =
  | {
      /** The record was inserted. */
      readonly ok: true;
    }
  /** A record with this id or idempotency key exists already; it is returned unchanged. */
  | {
      /** Nothing was inserted. */
      readonly ok: false;
      /** Why: `duplicate`, the id or idempotency key is taken. */
      readonly reason: 'duplicate';
      /** The record that holds the id or idempotency key. */
      readonly existing: Appointment;
    }
  /** A lease with a higher fencing token has written this slot since: this writer's lock expired. */
  | {
      /** Nothing was inserted. */
      readonly ok: false;
      /** Why: `stale-fence`, a lease with a higher fencing token wrote this slot since. */
      readonly reason: 'stale-fence';
      /** The highest fence written for the slot. */
      readonly fence: number;
    };

/**
 * Appointments of a tenant, which are also the booking ledger: a record is inserted
 * (`requested`) before Cal.com is asked and moved on by {@link AppointmentStore.transition}.
 * Implementations: {@link MemoryAppointmentStore}, `RedisAppointmentStore`, `PostgresAppointmentStore`.
 */
export interface AppointmentStore {
  /**
   * Inserts a new record. Refused when its id or its idempotency key exists in the tenant
   * (`duplicate`), or when `appointment.fence` is lower than the highest fence already written for
   * its `slotKey` (`stale-fence`; the fencing check that makes an expired lock harmless).
   * @param appointment - the whole record, its `tenantId` included.
   * @returns `{ ok: true }`, or why nothing was written.
   */
  insert(appointment: Appointment): Promise<InsertAppointmentResult>;
  /**
   * The record, or `undefined`.
   * @param tenantId - the tenant; another tenant's record is never returned.
   * @param appointmentId - the record's id.
   */
  get(tenantId: string, appointmentId: string): Promise<Appointment | undefined>;
  /**
   * The record with this idempotency key, or `undefined`.
   * @param tenantId - the tenant.
   * @param idempotencyKey - the key the booking was requested with.
   */
  getByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<Appointment | undefined>;
  /**
   * The record of a Cal.com booking, or `undefined`.
   * @param tenantId - the tenant.
   * @param bookingUid - Cal.com's booking uid (from a webhook, say).
   */
  getByBookingUid(tenantId: string, bookingUid: string): Promise<Appointment | undefined>;
  /**
   * A customer's appointments, earliest start first.
   * @param tenantId - the tenant.
   * @param customerId - the customer.
   * @param query - start bound, statuses and limit.
   */
  listByCustomer(
    tenantId: string,
    customerId: string,
    query?: ListAppointmentsQuery,
  ): Promise<Appointment[]>;
  /**
   * Records of one status across tenants (`undefined` tenant) or within one, oldest `updatedAt`
   * first: the reconciler's work list (`requested`, `pending`).
   * @param status - the status to list.
   * @param options - one tenant only, and at most `limit` records.
   */
  listByStatus(
    status: AppointmentStatus,
    options?: { tenantId?: string | undefined; limit?: number | undefined },
  ): Promise<Appointment[]>;
  /**
   * Compare-and-set: moves the record from one of `from` to `to` and applies `patch`, stamping
   * `updatedAt`. Resolves to the new record, or `undefined` when the record is missing or its
   * status is not in `from` (someone else moved it first).
   * @param tenantId - the tenant.
   * @param appointmentId - the record.
   * @param from - the statuses it may be in now.
   * @param to - the status it moves to.
   * @param patch - fields changed with the move.
   * @param nowMs - the new `updatedAt`, epoch ms.
   */
  transition(
    tenantId: string,
    appointmentId: string,
    from: readonly AppointmentStatus[],
    to: AppointmentStatus,
    patch?: AppointmentPatch,
    nowMs?: number,
  ): Promise<Appointment | undefined>;
}
