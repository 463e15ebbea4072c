import type { CallPatch, CallRecord, CallStore } from '@voicebook/booking-engine';
import { LRUCache } from 'lru-cache';
import type { Db } from './db.js';
import { checkId, checkText, LIMITS } from './validate.js';

interface CallRow {
  tenant_id: string;
  call_id: string;
  agent_id: string | null;
  from_number: string | null;
  to_number: string | null;
  customer_id: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: string | null;
  outcome: CallRecord['outcome'] | null;
  disconnection_reason: string | null;
  successful: boolean | null;
  events: string[];
  updated_at: string;
  inserted?: boolean;
}

const FIELDS = [
  ['agentId', 'agent_id', 'text'],
  ['fromNumber', 'from_number', 'text'],
  ['toNumber', 'to_number', 'text'],
  ['customerId', 'customer_id', 'text'],
  ['startedAt', 'started_at', 'bigint'],
  ['endedAt', 'ended_at', 'bigint'],
  ['durationMs', 'duration_ms', 'bigint'],
  ['outcome', 'outcome', 'text'],
  ['disconnectionReason', 'disconnection_reason', 'text'],
  ['successful', 'successful', 'boolean'],
] as const satisfies readonly (readonly [keyof CallPatch, keyof CallRow, string])[];

function toCall(row: CallRow): CallRecord {
  const out: Record<string, unknown> = {
    callId: row.call_id,
    tenantId: row.tenant_id,
    events: row.events,
    updatedAt: Number(row.updated_at),
  };
  for (const [field, column, type] of FIELDS) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    out[field] = type === 'bigint' ? Number(value) : value;
  }
  return out as unknown as CallRecord;
}

/**
 * {@link CallStore} on PostgreSQL: one upsert per webhook, applied at most once per
 * (call, event) by a `WHERE NOT events @> ARRAY[event]` guard. Calls by id are cached
 * in-process and refreshed by every write through this store.
 */
export class PostgresCallStore implements CallStore {
  readonly #db: Db;
  readonly #cache: LRUCache<string, CallRecord> | undefined;

  /** @internal Created by {@link createPostgresStores}. */
  constructor(options: { db: Db; cacheTtlMs: number; cacheMax: number }) {
    this.#db = options.db;
    this.#cache =
      options.cacheTtlMs > 0
        ? new LRUCache({ max: options.cacheMax, ttl: options.cacheTtlMs })
        : undefined;
  }

  async apply(
    tenantId: string,
    callId: string,
    event: string | undefined,
    patch: CallPatch,
    nowMs: number,
  ): Promise<{
    /** `false` when `event` was applied to this call before (nothing changed). */
    applied: boolean;
    /** The call as stored after the update. */
    record: CallRecord;
  }> {
    checkId('tenantId', tenantId);
    checkId('callId', callId);
    checkText('event', event, LIMITS.id);
    for (const [field] of FIELDS) {
      const value = patch[field];
      if (typeof value === 'string') checkText(field, value, LIMITS.text);
    }
    const columns = FIELDS.map(([, column]) => column);
    const values: unknown[] = [tenantId, callId, event === undefined ? [] : [event], nowMs];
    for (const [field] of FIELDS) values.push(patch[field] ?? null);
    const params = FIELDS.map(([, , type], i) => `$${i + 5}::${type}`);
    const table = this.#db.t('calls');
    const rows = await this.#db.query<CallRow>(
      `INSERT INTO ${table} AS c (tenant_id, call_id, events, updated_at, ${columns.join(', ')})
       VALUES ($1, $2, $3::text[], $4, ${params.join(', ')})
       ON CONFLICT (tenant_id, call_id) DO UPDATE SET
         events = c.events || EXCLUDED.events, updated_at = EXCLUDED.updated_at,
         ${columns.map((col) => `${col} = COALESCE(EXCLUDED.${col}, c.${col})`).join(', ')}
       WHERE NOT (c.events @> EXCLUDED.events) OR cardinality(EXCLUDED.events) = 0
       RETURNING *`,
      values,
    );
    if (rows[0]) return { applied: true, record: this.#remember(toCall(rows[0])) };
    const existing = await this.#select(tenantId, callId);
    if (!existing) throw new Error('call vanished between upsert and select');
    return { applied: false, record: existing };
  }

  async get(tenantId: string, callId: string): Promise<CallRecord | undefined> {
    checkId('tenantId', tenantId);
    checkId('callId', callId);
    return this.#cache?.get(`${tenantId}\u0000${callId}`) ?? this.#select(tenantId, callId);
  }

  async #select(tenantId: string, callId: string): Promise<CallRecord | undefined> {
    const rows = await this.#db.query<CallRow>(
      `SELECT * FROM ${this.#db.t('calls')} WHERE tenant_id = $1 AND call_id = $2`,
      [tenantId, callId],
    );
    return rows[0] ? this.#remember(toCall(rows[0])) : undefined;
  }

  #remember(record: CallRecord): CallRecord {
    this.#cache?.set(`${record.tenantId}\u0000${record.callId}`, record);
    return record;
  }
}
