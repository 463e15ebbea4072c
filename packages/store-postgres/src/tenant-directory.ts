import {
  BookingEngineError,
  parseTenant,
  type Tenant,
  type TenantDirectory,
} from '@voicebook/booking-engine';
import { LRUCache } from 'lru-cache';
import type { Db } from './db.js';
import { checkId } from './validate.js';

/**
 * {@link TenantDirectory} on PostgreSQL: each tenant as validated JSON (`tenants.data`), routed
 * by `tenant_routes` (called number, agent id). Look-ups are cached for 30 s; `upsert` and
 * `remove` through this directory refresh the cache and notify `onChange` listeners at once.
 */
export class PostgresTenantDirectory implements TenantDirectory {
  readonly #db: Db;
  readonly #now: () => number;
  readonly #listeners = new Set<(tenantId: string) => void>();
  readonly #cache = new LRUCache<string, { tenant: Tenant | null }>({ max: 10_000, ttl: 30_000 });

  /** @internal Created by {@link createPostgresStores}. */
  constructor(options: { db: Db; now: () => number }) {
    this.#db = options.db;
    this.#now = options.now;
  }

  /**
   * Validates and stores a tenant (insert or replace), with its routes.
   * @throws `BookingEngineError` `E_CONFIG_INVALID` for an invalid tenant, or a number or agent
   * id that routes to another tenant already
   */
  async upsert(data: unknown): Promise<Tenant> {
    const tenant = parseTenant(data);
    const routes = [
      ...tenant.phoneNumbers.map((value) => ['phone', value] as const),
      ...tenant.agentIds.map((value) => ['agent', value] as const),
    ];
    await this.#db.transaction(async (client) => {
      await client.query(
        `INSERT INTO ${this.#db.t('tenants')} (id, data, updated_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
        [tenant.id, JSON.stringify(tenant), this.#now()],
      );
      await client.query(`DELETE FROM ${this.#db.t('tenant_routes')} WHERE tenant_id = $1`, [
        tenant.id,
      ]);
      for (const [kind, value] of routes) {
        const taken = await client.query(
          `INSERT INTO ${this.#db.t('tenant_routes')} (kind, value, tenant_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING value`,
          [kind, value, tenant.id],
        );
        if (taken.rows.length === 0) {
          throw new BookingEngineError(
            'E_CONFIG_INVALID',
            `tenant ${tenant.id}: that ${kind === 'phone' ? 'phone number' : 'agent id'} routes to another tenant`,
            false,
          );
        }
      }
    });
    this.#changed(tenant.id);
    return tenant;
  }

  /** Deletes a tenant and its routes (its customers and appointments stay). Resolves to whether it existed. */
  async remove(tenantId: string): Promise<boolean> {
    checkId('tenantId', tenantId);
    const rows = await this.#db.query(
      `DELETE FROM ${this.#db.t('tenants')} WHERE id = $1 RETURNING id`,
      [tenantId],
    );
    this.#changed(tenantId);
    return rows.length > 0;
  }

  async get(tenantId: string): Promise<Tenant | undefined> {
    if (typeof tenantId !== 'string' || tenantId.length === 0 || tenantId.length > 200)
      return undefined;
    return this.#cached(
      `id:${tenantId}`,
      `SELECT data FROM ${this.#db.t('tenants')} WHERE id = $1`,
      tenantId,
    );
  }

  async findByPhoneNumber(e164: string): Promise<Tenant | undefined> {
    return this.#route('phone', e164);
  }

  async findByAgentId(agentId: string): Promise<Tenant | undefined> {
    return this.#route('agent', agentId);
  }

  async list(): Promise<readonly Tenant[]> {
    const rows = await this.#db.query<{ data: Tenant }>(
      `SELECT data FROM ${this.#db.t('tenants')} ORDER BY id`,
      [],
    );
    return rows.map((r) => r.data);
  }

  onChange(listener: (tenantId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #route(kind: 'phone' | 'agent', value: string): Promise<Tenant | undefined> {
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) return undefined;
    return this.#cached(
      `${kind}:${value}`,
      `SELECT t.data FROM ${this.#db.t('tenant_routes')} r JOIN ${this.#db.t('tenants')} t ON t.id = r.tenant_id
       WHERE r.kind = $2 AND r.value = $1`,
      value,
      kind,
    );
  }

  async #cached(cacheKey: string, sql: string, ...values: string[]): Promise<Tenant | undefined> {
    const hit = this.#cache.get(cacheKey);
    if (hit) return hit.tenant ?? undefined;
    const rows = await this.#db.query<{ data: Tenant }>(sql, values);
    const tenant = rows[0]?.data;
    this.#cache.set(cacheKey, { tenant: tenant ?? null });
    return tenant;
  }

  #changed(tenantId: string): void {
    this.#cache.clear();
    for (const listener of this.#listeners) {
      try {
        listener(tenantId);
      } catch {
        // A listener's failure must not fail the write that already committed.
      }
    }
  }
}
