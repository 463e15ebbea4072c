import type {
  IdempotencyBegin,
  IdempotencyRecord,
  IdempotencyStore,
} from '@voicebook/booking-engine';
import type { Db } from './db.js';
import { checkId, checkText, LIMITS } from './validate.js';

interface KeyRow {
  key: string;
  fingerprint: string;
  status: 'in-progress' | 'completed' | 'failed';
  response: unknown;
  lease_expires_at: string;
  expires_at: string;
  finished_at: string | null;
}

const toRecord = (row: KeyRow): IdempotencyRecord => ({
  key: row.key,
  fingerprint: row.fingerprint,
  status: row.status === 'failed' ? 'failed' : 'completed',
  response: row.response,
  finishedAt: Number(row.finished_at ?? 0),
});

/**
 * Stripe-style {@link IdempotencyStore} on PostgreSQL. A new key is reserved by one
 * `INSERT … ON CONFLICT DO NOTHING`; only a key seen before takes a row lock to decide between
 * replay, in progress, mismatch and taking over an expired lease.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  readonly #db: Db;

  /** @internal Created by {@link createPostgresStores}. */
  constructor(options: { db: Db }) {
    this.#db = options.db;
  }

  async begin(
    tenantId: string,
    key: string,
    fingerprint: string,
    options: { leaseMs: number; ttlMs: number; nowMs: number },
  ): Promise<IdempotencyBegin> {
    checkId('tenantId', tenantId);
    checkId('key', key);
    checkText('fingerprint', fingerprint, LIMITS.text);
    const table = this.#db.t('idempotency_keys');
    const lease = options.nowMs + options.leaseMs;
    const fresh = await this.#db.query(
      `INSERT INTO ${table} (tenant_id, key, fingerprint, status, lease_expires_at, expires_at)
       VALUES ($1, $2, $3, 'in-progress', $4, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [tenantId, key, fingerprint, lease],
    );
    if (fresh.length > 0) return { state: 'started', recovered: false };
    return this.#db.transaction(async (client) => {
      const { rows } = await client.query<KeyRow>(
        `SELECT * FROM ${table} WHERE tenant_id = $1 AND key = $2 FOR UPDATE`,
        [tenantId, key],
      );
      const row = rows[0];
      const restart = async (recovered: boolean): Promise<IdempotencyBegin> => {
        await client.query(
          `INSERT INTO ${table} (tenant_id, key, fingerprint, status, lease_expires_at, expires_at)
           VALUES ($1, $2, $3, 'in-progress', $4, $4)
           ON CONFLICT (tenant_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
             status = 'in-progress', response = NULL, finished_at = NULL,
             lease_expires_at = EXCLUDED.lease_expires_at, expires_at = EXCLUDED.expires_at`,
          [tenantId, key, fingerprint, lease],
        );
        return { state: 'started', recovered };
      };
      // Deleted between the insert and the lock, or finished so long ago that it expired.
      if (!row || (row.status !== 'in-progress' && Number(row.expires_at) <= options.nowMs)) {
        return restart(false);
      }
      if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
      if (row.status !== 'in-progress') return { state: 'done', record: toRecord(row) };
      if (Number(row.lease_expires_at) > options.nowMs) {
        return { state: 'in-progress', leaseExpiresAt: Number(row.lease_expires_at) };
      }
      return restart(true);
    });
  }

  async finish(
    tenantId: string,
    key: string,
    outcome: { status: 'completed' | 'failed'; response: unknown },
    options: { ttlMs: number; nowMs: number },
  ): Promise<void> {
    checkId('tenantId', tenantId);
    checkId('key', key);
    await this.#db.query(
      `UPDATE ${this.#db.t('idempotency_keys')}
       SET status = $3, response = $4::jsonb, finished_at = $5, expires_at = $6
       WHERE tenant_id = $1 AND key = $2`,
      [
        tenantId,
        key,
        outcome.status,
        JSON.stringify(outcome.response ?? null),
        options.nowMs,
        options.nowMs + options.ttlMs,
      ],
    );
  }

  async abandon(tenantId: string, key: string): Promise<void> {
    checkId('tenantId', tenantId);
    checkId('key', key);
    await this.#db.query(
      `DELETE FROM ${this.#db.t('idempotency_keys')}
       WHERE tenant_id = $1 AND key = $2 AND status = 'in-progress'`,
      [tenantId, key],
    );
  }

  async get(tenantId: string, key: string, nowMs: number): Promise<IdempotencyRecord | undefined> {
    checkId('tenantId', tenantId);
    checkId('key', key);
    const rows = await this.#db.query<KeyRow>(
      `SELECT * FROM ${this.#db.t('idempotency_keys')}
       WHERE tenant_id = $1 AND key = $2 AND status <> 'in-progress' AND expires_at > $3`,
      [tenantId, key, nowMs],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }
}
