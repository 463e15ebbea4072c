import { randomUUID } from 'node:crypto';
import type { Customer, CustomerDetails, CustomerStore } from '@voicebook/booking-engine';
import { LRUCache } from 'lru-cache';
import type { Db } from './db.js';
import { checkId, checkPhone, checkText, LIMITS } from './validate.js';

interface CustomerRow {
  tenant_id: string;
  id: string;
  phone: string;
  name: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}

const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  tenantId: row.tenant_id,
  phone: row.phone,
  name: row.name ?? undefined,
  email: row.email ?? undefined,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** @internal */
export interface PostgresCustomerStoreOptions {
  db: Db;
  now: () => number;
  cacheTtlMs: number;
  cacheMax: number;
}

/**
 * {@link CustomerStore} on PostgreSQL: unique on (tenant, E.164 phone), find-or-create as one
 * `INSERT … ON CONFLICT DO NOTHING`. Look-ups by phone are cached in-process for `cacheTtlMs`
 * and dropped on every write through this store.
 */
export class PostgresCustomerStore implements CustomerStore {
  readonly #db: Db;
  readonly #now: () => number;
  readonly #byPhone: LRUCache<string, Customer> | undefined;

  /** @internal Created by {@link createPostgresStores}. */
  constructor(options: PostgresCustomerStoreOptions) {
    this.#db = options.db;
    this.#now = options.now;
    this.#byPhone =
      options.cacheTtlMs > 0
        ? new LRUCache({ max: options.cacheMax, ttl: options.cacheTtlMs })
        : undefined;
  }

  async findOrCreateByPhone(
    tenantId: string,
    phone: string,
    details: CustomerDetails = {},
  ): Promise<{
    /** The customer found or created. */
    customer: Customer;
    /** `true` when this call created it. */
    created: boolean;
  }> {
    const found = await this.findByPhone(tenantId, phone);
    if (found) return { customer: found, created: false };
    checkText('name', details.name, LIMITS.name);
    checkText('email', details.email, LIMITS.email);
    const now = this.#now();
    const rows = await this.#db.query<CustomerRow>(
      `INSERT INTO ${this.#db.t('customers')} (tenant_id, id, phone, name, email, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (tenant_id, phone) DO NOTHING RETURNING *`,
      [tenantId, randomUUID(), phone, details.name ?? null, details.email ?? null, now],
    );
    if (rows[0]) return { customer: this.#remember(toCustomer(rows[0])), created: true };
    // Lost the race to a concurrent caller with the same number: theirs is the customer.
    const winner = await this.#select(tenantId, phone);
    if (!winner) throw new Error('customer vanished between insert and select');
    return { customer: winner, created: false };
  }

  async findByPhone(tenantId: string, phone: string): Promise<Customer | undefined> {
    checkId('tenantId', tenantId);
    checkPhone(phone);
    const cached = this.#byPhone?.get(`${tenantId}\u0000${phone}`);
    if (cached) return cached;
    return this.#select(tenantId, phone);
  }

  async get(tenantId: string, customerId: string): Promise<Customer | undefined> {
    checkId('tenantId', tenantId);
    checkId('customerId', customerId);
    const rows = await this.#db.query<CustomerRow>(
      `SELECT * FROM ${this.#db.t('customers')} WHERE tenant_id = $1 AND id = $2`,
      [tenantId, customerId],
    );
    return rows[0] ? toCustomer(rows[0]) : undefined;
  }

  async update(
    tenantId: string,
    customerId: string,
    details: CustomerDetails,
  ): Promise<Customer | undefined> {
    checkId('tenantId', tenantId);
    checkId('customerId', customerId);
    checkText('name', details.name, LIMITS.name);
    checkText('email', details.email, LIMITS.email);
    const rows = await this.#db.query<CustomerRow>(
      `UPDATE ${this.#db.t('customers')}
       SET name = COALESCE($3, name), email = COALESCE($4, email), updated_at = $5
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, customerId, details.name ?? null, details.email ?? null, this.#now()],
    );
    if (!rows[0]) return undefined;
    const customer = toCustomer(rows[0]);
    this.#byPhone?.delete(`${tenantId}\u0000${customer.phone}`);
    return customer;
  }

  async #select(tenantId: string, phone: string): Promise<Customer | undefined> {
    const rows = await this.#db.query<CustomerRow>(
      `SELECT * FROM ${this.#db.t('customers')} WHERE tenant_id = $1 AND phone = $2`,
      [tenantId, phone],
    );
    return rows[0] ? this.#remember(toCustomer(rows[0])) : undefined;
  }

  #remember(customer: Customer): Customer {
    this.#byPhone?.set(`${customer.tenantId}\u0000${customer.phone}`, customer);
    return customer;
  }
}
