import type { Customer } from '../types.js';

/** Fields a caller can give about themselves. */
export interface CustomerDetails {
  /** Full name as the caller gave it. */
  readonly name?: string | undefined;
  /** E-mail address for Cal.com's confirmation. */
  readonly email?: string | undefined;
}

/**
 * Customers of a tenant, keyed by (tenant, E.164 phone). Every method is scoped by tenant:
 * a customer of one tenant is never visible to another.
 * Implementations: {@link MemoryCustomerStore}, `RedisCustomerStore`, `PostgresCustomerStore`.
 */
export interface CustomerStore {
  /**
   * The customer with this phone, created when there is none. Atomic: any number of concurrent
   * calls for one (tenant, phone) create exactly one customer and all resolve to it.
   * `details` fill a new customer only (an existing one is returned unchanged).
   * @param tenantId - the tenant.
   * @param phone - E.164, already normalised by the engine.
   * @param details - name and e-mail for a new customer.
   */
  findOrCreateByPhone(
    tenantId: string,
    phone: string,
    details?: CustomerDetails,
  ): Promise<{
    /** The customer found or created. */
    customer: Customer;
    /** `true` when this call created it. */
    created: boolean;
  }>;
  /**
   * The customer with this phone, or `undefined`.
   * @param tenantId - the tenant.
   * @param phone - E.164.
   */
  findByPhone(tenantId: string, phone: string): Promise<Customer | undefined>;
  /**
   * The customer with this id, or `undefined`.
   * @param tenantId - the tenant.
   * @param customerId - the customer's id.
   */
  get(tenantId: string, customerId: string): Promise<Customer | undefined>;
  /**
   * Sets the given fields (an `undefined` field stays as it is).
   * @param tenantId - the tenant.
   * @param customerId - the customer's id.
   * @param details - the fields to set.
   * @returns the updated customer, or `undefined` when there is no such customer in this tenant.
   */
  update(
    tenantId: string,
    customerId: string,
    details: CustomerDetails,
  ): Promise<Customer | undefined>;
}
