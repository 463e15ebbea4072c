import type { Tenant } from '../types.js';

/**
 * Where tenants come from: routing of a call (called number, Retell agent id) to its company.
 * Implementations: {@link MemoryTenantDirectory} (from an object or a JSON/YAML file);
 * `PostgresTenantDirectory` from `@voicebook/store-postgres`.
 */
export interface TenantDirectory {
  /**
   * The tenant with this id, or `undefined`.
   * @param tenantId - the tenant's id.
   */
  get(tenantId: string): Promise<Tenant | undefined>;
  /**
   * The tenant a called number (E.164) belongs to, or `undefined`.
   * @param e164 - the called number, normalised (`+4930123456`).
   */
  findByPhoneNumber(e164: string): Promise<Tenant | undefined>;
  /**
   * The tenant a Retell agent id belongs to, or `undefined`.
   * @param agentId - the Retell agent id.
   */
  findByAgentId(agentId: string): Promise<Tenant | undefined>;
  /** Every tenant (for prefetching and the reconciler). */
  list(): Promise<readonly Tenant[]>;
  /**
   * Registers a listener called with a tenant id whenever that tenant changed (its services or
   * staff), so indexes built from it are rebuilt. Returns the unsubscribe function.
   * @param listener - called with the changed tenant's id; must not throw.
   * @returns a function that removes the listener.
   */
  onChange(listener: (tenantId: string) => void): () => void;
}
