import { randomUUID } from 'node:crypto';
import type { CustomerDetails, CustomerStore } from '../ports/customer-store.js';
import type { Customer } from '../types.js';

/** Options of {@link MemoryCustomerStore}. */
export interface MemoryCustomerStoreOptions {
  /** The clock, epoch ms. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * In-process {@link CustomerStore} (the embedded default): one process only, nothing survives a
 * restart. Find-or-create is atomic because it never awaits between look-up and insert.
 */
export class MemoryCustomerStore implements CustomerStore {
  readonly #now: () => number;
  readonly #byId = new Map<string, Customer>();
  readonly #idByPhone = new Map<string, string>();

  constructor(options: MemoryCustomerStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  findOrCreateByPhone(
    tenantId: string,
    phone: string,
    details: CustomerDetails = {},
  ): Promise<{
    /** The customer found or created. */
    customer: Customer;
    /** `true` when this call created it. */
    created: boolean;
  }> {
    const existing = this.#findSync(tenantId, phone);
    if (existing) return Promise.resolve({ customer: copy(existing), created: false });
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
    this.#byId.set(key(tenantId, customer.id), customer);
    this.#idByPhone.set(key(tenantId, phone), customer.id);
    return Promise.resolve({ customer: copy(customer), created: true });
  }

  findByPhone(tenantId: string, phone: string): Promise<Customer | undefined> {
    return Promise.resolve(copy(this.#findSync(tenantId, phone)));
  }

  get(tenantId: string, customerId: string): Promise<Customer | undefined> {
    return Promise.resolve(copy(this.#byId.get(key(tenantId, customerId))));
  }

  update(
    tenantId: string,
    customerId: string,
    details: CustomerDetails,
  ): Promise<Customer | undefined> {
    const current = this.#byId.get(key(tenantId, customerId));
    if (!current) return Promise.resolve(undefined);
    const next: Customer = {
      ...current,
      name: details.name ?? current.name,
      email: details.email ?? current.email,
      updatedAt: this.#now(),
    };
    this.#byId.set(key(tenantId, customerId), next);
    return Promise.resolve(copy(next));
  }

  #findSync(tenantId: string, phone: string): Customer | undefined {
    const id = this.#idByPhone.get(key(tenantId, phone));
    return id === undefined ? undefined : this.#byId.get(key(tenantId, id));
  }
}

/** Tenant-scoped map key; NUL cannot occur in an id a tenant file or Retell hands us. */
const key = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

/** A deep copy: callers never share an object the store keeps. */
const copy = <T>(value: T): T => structuredClone(value);
