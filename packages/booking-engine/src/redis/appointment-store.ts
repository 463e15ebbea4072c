import type {
  AppointmentPatch,
  AppointmentStore,
  InsertAppointmentResult,
  ListAppointmentsQuery,
} from '../ports/appointment-store.js';
import type { Appointment, AppointmentStatus } from '../types.js';
import { RedisBase, script, type RedisAdapterOptions } from './redis-base.js';

// KEYS: doc, idem index, fence, customer zset, status zset (tenant), status zset (all).
// ARGV: id, idempotency key, fence, doc JSON, startMs, updatedAt, member of the global status set,
// doc key prefix, bookingUid index key ('' for none).
const INSERT = script(`
local existing = redis.call('GET', KEYS[1])
if not existing then
  local byKey = redis.call('GET', KEYS[2])
  if byKey then existing = redis.call('GET', ARGV[8] .. byKey) end
end
if existing then return {'duplicate', existing} end
local highest = redis.call('GET', KEYS[3])
if highest and tonumber(ARGV[3]) < tonumber(highest) then return {'stale-fence', highest} end
redis.call('SET', KEYS[3], ARGV[3])
redis.call('SET', KEYS[1], ARGV[4])
redis.call('SET', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[6], ARGV[1])
redis.call('ZADD', KEYS[6], ARGV[6], ARGV[7])
if ARGV[9] ~= '' then redis.call('SET', ARGV[9], ARGV[1]) end
return {'ok'}`);

// Compare-and-set of a document plus its indexes. KEYS: doc, customer zset, old status zset
// (tenant), new status zset (tenant), old status zset (all), new status zset (all).
// ARGV: old JSON, new JSON, id, startMs, updatedAt, global member, bookingUid index key or ''.
const TRANSITION = script(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[3])
redis.call('ZREM', KEYS[5], ARGV[6])
redis.call('ZADD', KEYS[6], ARGV[5], ARGV[6])
if ARGV[7] ~= '' then redis.call('SET', ARGV[7], ARGV[3]) end
return 1`);

/** Options of {@link RedisAppointmentStore}. */
export interface RedisAppointmentStoreOptions extends RedisAdapterOptions {
  /** The clock, epoch ms (for `transition` without `nowMs`). @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * {@link AppointmentStore} and ledger on Redis, shared by every instance: inserts check the
 * slot's fence and uniqueness in one Lua script; transitions are compare-and-set on the record.
 * Redis here keeps nothing on disk: use `@voicebook/store-postgres` for records that must survive.
 */
export class RedisAppointmentStore extends RedisBase implements AppointmentStore {
  readonly #now: () => number;

  constructor(options: RedisAppointmentStoreOptions) {
    super(options);
    this.#now = options.now ?? Date.now;
  }

  async insert(a: Appointment): Promise<InsertAppointmentResult> {
    const ns = this.ns('appt', a.tenantId);
    const r = (await this.run('appointment insert', () =>
      this.script(
        INSERT,
        [
          `${ns}id:${a.id}`,
          `${ns}key:${a.idempotencyKey}`,
          `${ns}fence:${a.slotKey}`,
          `${ns}cust:${a.customerId}`,
          `${ns}status:${a.status}`,
          this.#globalStatus(a.status),
        ],
        [
          a.id,
          a.idempotencyKey,
          a.fence,
          JSON.stringify(a),
          a.startMs,
          a.updatedAt,
          this.#member(a),
          `${ns}id:`,
          a.bookingUid ? `${ns}uid:${a.bookingUid}` : '',
        ],
      ),
    )) as string[];
    if (r[0] === 'duplicate')
      return {
        ok: false,
        reason: 'duplicate',
        existing: JSON.parse(r[1] ?? 'null') as Appointment,
      };
    if (r[0] === 'stale-fence') return { ok: false, reason: 'stale-fence', fence: Number(r[1]) };
    return { ok: true };
  }

  async get(tenantId: string, appointmentId: string): Promise<Appointment | undefined> {
    return this.#doc(`${this.ns('appt', tenantId)}id:${appointmentId}`);
  }

  async getByIdempotencyKey(tenantId: string, key: string): Promise<Appointment | undefined> {
    return this.#byIndex(tenantId, `key:${key}`);
  }

  async getByBookingUid(tenantId: string, bookingUid: string): Promise<Appointment | undefined> {
    const found = await this.#byIndex(tenantId, `uid:${bookingUid}`);
    return found?.bookingUid === bookingUid ? found : undefined;
  }

  async listByCustomer(
    tenantId: string,
    customerId: string,
    query: ListAppointmentsQuery = {},
  ): Promise<Appointment[]> {
    const ns = this.ns('appt', tenantId);
    const ids = await this.run('appointments of a customer', () =>
      this.client.zrangebyscore(`${ns}cust:${customerId}`, query.fromMs ?? '-inf', '+inf'),
    );
    const statuses = query.statuses ? new Set(query.statuses) : undefined;
    const found = (await this.#docs(ids.map((id) => `${ns}id:${id}`)))
      .filter(
        (a) =>
          a.startMs >= (query.fromMs ?? Number.NEGATIVE_INFINITY) &&
          (!statuses || statuses.has(a.status)),
      )
      .sort((x, y) => x.startMs - y.startMs || x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
    return found.slice(0, limitOf(query.limit, 50));
  }

  async listByStatus(
    status: AppointmentStatus,
    options: { tenantId?: string | undefined; limit?: number | undefined } = {},
  ): Promise<Appointment[]> {
    const limit = limitOf(options.limit, 100);
    const keys =
      options.tenantId === undefined
        ? (
            await this.run('appointments by status', () =>
              this.client.zrange(this.#globalStatus(status), 0, limit - 1),
            )
          ).map((m) => {
            const [tenant = '', id = ''] = m.split('\u0000');
            return `${this.prefix}appt:${tenant}:id:${id}`;
          })
        : (
            await this.run('appointments by status', () =>
              this.client.zrange(
                `${this.ns('appt', options.tenantId ?? '')}status:${status}`,
                0,
                limit - 1,
              ),
            )
          ).map((id) => `${this.ns('appt', options.tenantId ?? '')}id:${id}`);
    return (await this.#docs(keys)).filter((a) => a.status === status);
  }

  async transition(
    tenantId: string,
    appointmentId: string,
    from: readonly AppointmentStatus[],
    to: AppointmentStatus,
    patch: AppointmentPatch = {},
    nowMs: number = this.#now(),
  ): Promise<Appointment | undefined> {
    const ns = this.ns('appt', tenantId);
    const key = `${ns}id:${appointmentId}`;
    const defined = Object.fromEntries(
      Object.entries(patch as Record<string, unknown>).filter(([, v]) => v !== undefined),
    );
    for (;;) {
      const doc = await this.run('appointment get', () => this.client.get(key));
      if (doc === null) return undefined;
      const current = JSON.parse(doc) as Appointment;
      if (!from.includes(current.status)) return undefined;
      const next: Appointment = { ...current, ...defined, status: to, updatedAt: nowMs };
      const written = await this.run('appointment transition', () =>
        this.script(
          TRANSITION,
          [
            key,
            `${ns}cust:${next.customerId}`,
            `${ns}status:${current.status}`,
            `${ns}status:${to}`,
            this.#globalStatus(current.status),
            this.#globalStatus(to),
          ],
          [
            doc,
            JSON.stringify(next),
            next.id,
            next.startMs,
            nowMs,
            this.#member(next),
            next.bookingUid && next.bookingUid !== current.bookingUid
              ? `${ns}uid:${next.bookingUid}`
              : '',
          ],
        ),
      );
      if (written === 1) return next;
    }
  }

  #member(a: Appointment): string {
    return `${encodeURIComponent(a.tenantId)}\u0000${a.id}`;
  }

  #globalStatus(status: AppointmentStatus): string {
    return `${this.prefix}appt-status:${status}`;
  }

  async #byIndex(tenantId: string, index: string): Promise<Appointment | undefined> {
    const ns = this.ns('appt', tenantId);
    const id = await this.run('appointment index', () => this.client.get(`${ns}${index}`));
    return id === null ? undefined : this.#doc(`${ns}id:${id}`);
  }

  async #doc(key: string): Promise<Appointment | undefined> {
    const doc = await this.run('appointment get', () => this.client.get(key));
    return doc === null ? undefined : (JSON.parse(doc) as Appointment);
  }

  async #docs(keys: string[]): Promise<Appointment[]> {
    if (keys.length === 0) return [];
    const docs = await this.run('appointments get', () => this.client.mget(...keys));
    return docs.filter((d): d is string => d !== null).map((d) => JSON.parse(d) as Appointment);
  }
}

const limitOf = (limit: number | undefined, fallback: number) =>
  limit === undefined || !Number.isFinite(limit)
    ? fallback
    : Math.max(1, Math.min(500, Math.floor(limit)));
