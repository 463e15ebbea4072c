import type {
  Appointment,
  AppointmentPatch,
  AppointmentStatus,
  AppointmentStore,
  InsertAppointmentResult,
  ListAppointmentsQuery,
} from '@voicebook/booking-engine';
import type { PoolClient } from 'pg';
import {
  COLUMNS,
  PATCH_COLUMNS,
  toAppointment,
  toValues,
  type AppointmentRow,
} from './appointment-rows.js';
import type { Db } from './db.js';
import { checkId, checkText, LIMITS } from './validate.js';

const MAX_LIMIT = 500;

/**
 * {@link AppointmentStore} on PostgreSQL; the table is also the booking ledger. Inserts check the
 * slot's fencing token in the same transaction (`slot_fences`), transitions are one
 * compare-and-set `UPDATE … WHERE status = ANY(…)`.
 */
export class PostgresAppointmentStore implements AppointmentStore {
  readonly #db: Db;
  readonly #now: () => number;

  /** @internal Created by {@link createPostgresStores}. */
  constructor(options: { db: Db; now: () => number }) {
    this.#db = options.db;
    this.#now = options.now;
  }

  async insert(appointment: Appointment): Promise<InsertAppointmentResult> {
    checkId('tenantId', appointment.tenantId);
    checkId('id', appointment.id);
    checkId('idempotencyKey', appointment.idempotencyKey);
    checkText('attendeeName', appointment.attendeeName, LIMITS.name);
    checkText('reason', appointment.reason, LIMITS.text);
    const table = this.#db.t('appointments');
    return this.#db.transaction(async (client) => {
      const existing = await this.#duplicate(client, appointment);
      if (existing) return { ok: false, reason: 'duplicate', existing };
      const fenced = await client.query<{ fence: string }>(
        `INSERT INTO ${this.#db.t('slot_fences')} AS f (tenant_id, slot_key, fence) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, slot_key) DO UPDATE SET fence = EXCLUDED.fence
         WHERE f.fence <= EXCLUDED.fence RETURNING fence`,
        [appointment.tenantId, appointment.slotKey, appointment.fence],
      );
      if (fenced.rows.length === 0) {
        const current = await client.query<{ fence: string }>(
          `SELECT fence FROM ${this.#db.t('slot_fences')} WHERE tenant_id = $1 AND slot_key = $2`,
          [appointment.tenantId, appointment.slotKey],
        );
        return { ok: false, reason: 'stale-fence', fence: Number(current.rows[0]?.fence ?? 0) };
      }
      const placeholders = COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      const inserted = await client.query(
        `INSERT INTO ${table} (${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (${placeholders})
         ON CONFLICT DO NOTHING RETURNING id`,
        toValues(appointment),
      );
      if (inserted.rows.length === 0) {
        // A concurrent insert of the same id or key committed first.
        const winner = await this.#duplicate(client, appointment);
        if (winner) return { ok: false, reason: 'duplicate', existing: winner };
        throw new Error('appointment insert conflicted without a duplicate');
      }
      return { ok: true };
    });
  }

  async get(tenantId: string, appointmentId: string): Promise<Appointment | undefined> {
    checkId('tenantId', tenantId);
    checkId('appointmentId', appointmentId);
    return this.#one(`tenant_id = $1 AND id = $2`, [tenantId, appointmentId]);
  }

  async getByIdempotencyKey(tenantId: string, key: string): Promise<Appointment | undefined> {
    checkId('tenantId', tenantId);
    checkId('idempotencyKey', key);
    return this.#one(`tenant_id = $1 AND idempotency_key = $2`, [tenantId, key]);
  }

  async getByBookingUid(tenantId: string, bookingUid: string): Promise<Appointment | undefined> {
    checkId('tenantId', tenantId);
    checkId('bookingUid', bookingUid);
    return this.#one(`tenant_id = $1 AND booking_uid = $2`, [tenantId, bookingUid]);
  }

  async listByCustomer(
    tenantId: string,
    customerId: string,
    query: ListAppointmentsQuery = {},
  ): Promise<Appointment[]> {
    checkId('tenantId', tenantId);
    checkId('customerId', customerId);
    const rows = await this.#db.query<AppointmentRow>(
      `SELECT * FROM ${this.#db.t('appointments')}
       WHERE tenant_id = $1 AND customer_id = $2 AND start_ms >= $3
         AND ($4::text[] IS NULL OR status = ANY($4::text[]))
       ORDER BY start_ms, created_at, id LIMIT $5`,
      [
        tenantId,
        customerId,
        query.fromMs ?? Number.MIN_SAFE_INTEGER,
        query.statuses ? [...query.statuses] : null,
        clampLimit(query.limit, 50),
      ],
    );
    return rows.map(toAppointment);
  }

  async listByStatus(
    status: AppointmentStatus,
    options: { tenantId?: string | undefined; limit?: number | undefined } = {},
  ): Promise<Appointment[]> {
    if (options.tenantId !== undefined) checkId('tenantId', options.tenantId);
    const rows = await this.#db.query<AppointmentRow>(
      `SELECT * FROM ${this.#db.t('appointments')}
       WHERE status = $1 AND ($2::text IS NULL OR tenant_id = $2)
       ORDER BY updated_at, id LIMIT $3`,
      [status, options.tenantId ?? null, clampLimit(options.limit, 100)],
    );
    return rows.map(toAppointment);
  }

  async transition(
    tenantId: string,
    appointmentId: string,
    from: readonly AppointmentStatus[],
    to: AppointmentStatus,
    patch: AppointmentPatch = {},
    nowMs: number = this.#now(),
  ): Promise<Appointment | undefined> {
    checkId('tenantId', tenantId);
    checkId('appointmentId', appointmentId);
    checkText('reason', patch.reason, LIMITS.text);
    const values: unknown[] = [tenantId, appointmentId, [...from], to, nowMs];
    const sets = ['status = $4', 'updated_at = $5'];
    for (const [field, column] of Object.entries(PATCH_COLUMNS) as [
      keyof AppointmentPatch,
      string,
    ][]) {
      if (!(field in patch) || patch[field] === undefined) continue;
      const value = patch[field];
      values.push(field === 'alternatives' ? JSON.stringify(value) : value);
      sets.push(`${column} = $${values.length}`);
    }
    const rows = await this.#db.query<AppointmentRow>(
      `UPDATE ${this.#db.t('appointments')} SET ${sets.join(', ')}
       WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) RETURNING *`,
      values,
    );
    return rows[0] ? toAppointment(rows[0]) : undefined;
  }

  async #one(where: string, values: unknown[]): Promise<Appointment | undefined> {
    const rows = await this.#db.query<AppointmentRow>(
      `SELECT * FROM ${this.#db.t('appointments')} WHERE ${where} LIMIT 1`,
      values,
    );
    return rows[0] ? toAppointment(rows[0]) : undefined;
  }

  async #duplicate(client: PoolClient, a: Appointment): Promise<Appointment | undefined> {
    const found = await client.query<AppointmentRow>(
      `SELECT * FROM ${this.#db.t('appointments')}
       WHERE tenant_id = $1 AND (id = $2 OR idempotency_key = $3) LIMIT 1`,
      [a.tenantId, a.id, a.idempotencyKey],
    );
    return found.rows[0] ? toAppointment(found.rows[0]) : undefined;
  }
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}
