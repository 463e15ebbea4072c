import type {
  AppointmentPatch,
  AppointmentStore,
  InsertAppointmentResult,
  ListAppointmentsQuery,
} from '../ports/appointment-store.js';
import type { Appointment, AppointmentStatus } from '../types.js';

/** Options of {@link MemoryAppointmentStore}. */
export interface MemoryAppointmentStoreOptions {
  /** The clock, epoch ms (for `transition` without `nowMs`). @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * In-process {@link AppointmentStore} and ledger (the embedded default). Inserts check the
 * slot's fencing token; transitions are compare-and-set. Nothing awaits inside an operation, so
 * each is atomic within the process.
 */
export class MemoryAppointmentStore implements AppointmentStore {
  readonly #now: () => number;
  readonly #byId = new Map<string, Appointment>();
  readonly #idByKey = new Map<string, string>();
  readonly #fences = new Map<string, number>();

  constructor(options: MemoryAppointmentStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  insert(appointment: Appointment): Promise<InsertAppointmentResult> {
    const t = appointment.tenantId;
    const existing =
      this.#byId.get(k(t, appointment.id)) ?? this.#byKeySync(t, appointment.idempotencyKey);
    if (existing)
      return Promise.resolve({ ok: false, reason: 'duplicate', existing: copy(existing) });
    const highest = this.#fences.get(k(t, appointment.slotKey)) ?? Number.NEGATIVE_INFINITY;
    if (appointment.fence < highest) {
      return Promise.resolve({ ok: false, reason: 'stale-fence', fence: highest });
    }
    this.#fences.set(k(t, appointment.slotKey), appointment.fence);
    this.#byId.set(k(t, appointment.id), copy(appointment));
    this.#idByKey.set(k(t, appointment.idempotencyKey), appointment.id);
    return Promise.resolve({ ok: true });
  }

  get(tenantId: string, appointmentId: string): Promise<Appointment | undefined> {
    return Promise.resolve(copy(this.#byId.get(k(tenantId, appointmentId))));
  }

  getByIdempotencyKey(tenantId: string, key: string): Promise<Appointment | undefined> {
    return Promise.resolve(copy(this.#byKeySync(tenantId, key)));
  }

  getByBookingUid(tenantId: string, bookingUid: string): Promise<Appointment | undefined> {
    for (const a of this.#byId.values()) {
      if (a.tenantId === tenantId && a.bookingUid === bookingUid) return Promise.resolve(copy(a));
    }
    return Promise.resolve(undefined);
  }

  listByCustomer(
    tenantId: string,
    customerId: string,
    query: ListAppointmentsQuery = {},
  ): Promise<Appointment[]> {
    const from = query.fromMs ?? Number.NEGATIVE_INFINITY;
    const statuses = query.statuses ? new Set(query.statuses) : undefined;
    const found = [...this.#byId.values()]
      .filter(
        (a) =>
          a.tenantId === tenantId &&
          a.customerId === customerId &&
          a.startMs >= from &&
          (!statuses || statuses.has(a.status)),
      )
      .sort((a, b) => a.startMs - b.startMs || a.createdAt - b.createdAt || cmp(a.id, b.id));
    return Promise.resolve(found.slice(0, limitOf(query.limit, 50)).map(copy));
  }

  listByStatus(
    status: AppointmentStatus,
    options: { tenantId?: string | undefined; limit?: number | undefined } = {},
  ): Promise<Appointment[]> {
    const found = [...this.#byId.values()]
      .filter(
        (a) =>
          a.status === status &&
          (options.tenantId === undefined || a.tenantId === options.tenantId),
      )
      .sort((a, b) => a.updatedAt - b.updatedAt || cmp(a.id, b.id));
    return Promise.resolve(found.slice(0, limitOf(options.limit, 100)).map(copy));
  }

  transition(
    tenantId: string,
    appointmentId: string,
    from: readonly AppointmentStatus[],
    to: AppointmentStatus,
    patch: AppointmentPatch = {},
    nowMs: number = this.#now(),
  ): Promise<Appointment | undefined> {
    const current = this.#byId.get(k(tenantId, appointmentId));
    if (!current || !from.includes(current.status)) return Promise.resolve(undefined);
    const defined = Object.fromEntries(
      Object.entries(patch as Record<string, unknown>).filter(([, v]) => v !== undefined),
    );
    const next: Appointment = { ...current, ...copy(defined), status: to, updatedAt: nowMs };
    this.#byId.set(k(tenantId, appointmentId), next);
    return Promise.resolve(copy(next));
  }

  #byKeySync(tenantId: string, key: string): Appointment | undefined {
    const id = this.#idByKey.get(k(tenantId, key));
    return id === undefined ? undefined : this.#byId.get(k(tenantId, id));
  }
}

const k = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const limitOf = (limit: number | undefined, fallback: number) =>
  limit === undefined || !Number.isFinite(limit)
    ? fallback
    : Math.max(1, Math.min(500, Math.floor(limit)));

/** A deep copy: callers never share an object the store keeps (fields are flat but one list). */
function copy<T extends object | undefined>(value: T): T {
  if (value === undefined) return value;
  const alternatives: unknown = (value as { alternatives?: unknown }).alternatives;
  if (!Array.isArray(alternatives)) return { ...value };
  return { ...value, alternatives: alternatives.map((a: unknown) => a) };
}
