import { randomUUID } from 'node:crypto';
import type { CustomerDetails, CustomerStore } from '../ports/customer-store.js';
import type { Customer } from '../types.js';
import { CAS, RedisBase, script, type RedisAdapterOptions } from './redis-base.js';

// KEYS: phone index, customer doc. ARGV: id, doc JSON. Returns the existing doc, or false when created.
const FIND_OR_CREATE = script(`
local id = redis.call('GET', KEYS[1])
if id then return redis.call('GET', ARGV[3] .. id) end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
return false`);

/** Options of {@link RedisCustomerStore}. */
export interface RedisCustomerStoreOptions extends RedisAdapterOptions {
  /** The clock, epoch ms. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * {@link CustomerStore} on Redis, shared by every instance: find-or-create is one Lua script
 * (exactly one customer per tenant and phone), updates are compare-and-set.
 */
export class RedisCustomerStore extends RedisBase implements CustomerStore {
  readonly #now: () => number;

  constructor(options: RedisCustomerStoreOptions) {
    super(options);
    this.#now = options.now ?? Date.now;
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
    const now = this.#now();
    const customer: Customer = {
      id: randomUUID(),
      tenantId,
      phone,
      name: details.name,
      email: details.email,
      createdAt: now,
      updatedAt: now,
    };
    const ns = this.ns('cust', tenantId);
    const existing = await this.run('customer find-or-create', () =>
      this.script(
        FIND_OR_CREATE,
        [`${ns}phone:${phone}`, `${ns}id:${customer.id}`],
        [customer.id, JSON.stringify(customer), `${ns}id:`],
      ),
    );
    if (typeof existing === 'string')
      return { customer: JSON.parse(existing) as Customer, created: false };
    return { customer, created: true };
  }

  async findByPhone(tenantId: string, phone: string): Promise<Customer | undefined> {
    const ns = this.ns('cust', tenantId);
    const id = await this.run('customer by phone', () => this.client.get(`${ns}phone:${phone}`));
    return id === null ? undefined : this.get(tenantId, id);
  }

  async get(tenantId: string, customerId: string): Promise<Customer | undefined> {
    const doc = await this.run('customer get', () =>
      this.client.get(`${this.ns('cust', tenantId)}id:${customerId}`),
    );
    return doc === null ? undefined : (JSON.parse(doc) as Customer);
  }

  async update(
    tenantId: string,
    customerId: string,
    details: CustomerDetails,
  ): Promise<Customer | undefined> {
    const key = `${this.ns('cust', tenantId)}id:${customerId}`;
    for (;;) {
      const doc = await this.run('customer get', () => this.client.get(key));
      if (doc === null) return undefined;
      const current = JSON.parse(doc) as Customer;
      const next: Customer = {
        ...current,
        name: details.name ?? current.name,
        email: details.email ?? current.email,
        updatedAt: this.#now(),
      };
      const written = await this.run('customer update', () =>
        this.script(CAS, [key], [doc, JSON.stringify(next)]),
      );
      if (written === 1) return next;
    }
  }
}
