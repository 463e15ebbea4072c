import { normalizePhone } from '../phone.js';
import type { TenantDirectory } from '../ports/tenant-directory.js';
import type { Tenant } from '../types.js';
import { deepFreeze } from './freeze.js';
import { parseTenant, parseTenants, readTenantsFile, TenantConfigError } from './parse.js';
import type { TenantInput } from './schema.js';

/** Options of {@link MemoryTenantDirectory}. */
export interface MemoryTenantDirectoryOptions {
  /**
   * Country used to read a called number given in national form (`030 123456`) by
   * {@link MemoryTenantDirectory.findByPhoneNumber}.
   * @default 'DE'
   */
  defaultCountry?: string | undefined;
}

/**
 * The in-memory {@link TenantDirectory}: tenants from an array or a JSON / YAML file, validated
 * with zod, looked up by id, called number (normalised to E.164) or Retell agent id. Tenants are
 * frozen copies; {@link MemoryTenantDirectory.set} and {@link MemoryTenantDirectory.remove}
 * replace them at run time and notify `onChange` listeners, so name indexes are rebuilt.
 *
 * @example
 * ```ts
 * const directory = await MemoryTenantDirectory.fromFile('./tenants.yaml');
 * const tenant = await directory.findByPhoneNumber('+4930123456');
 * ```
 */
export class MemoryTenantDirectory implements TenantDirectory {
  #byId = new Map<string, Tenant>();
  #byPhone = new Map<string, string>();
  #byAgent = new Map<string, string>();
  #listeners = new Set<(tenantId: string) => void>();
  readonly #defaultCountry: string;

  /**
   * @param tenants - The tenants, validated as a tenants file is (defaults filled in).
   * @param options - See {@link MemoryTenantDirectoryOptions}.
   * @throws {@link TenantConfigError} (`E_CONFIG_INVALID`) naming the first bad field.
   */
  constructor(
    tenants: readonly (Tenant | TenantInput)[] = [],
    options: MemoryTenantDirectoryOptions = {},
  ) {
    this.#defaultCountry = options.defaultCountry ?? 'DE';
    for (const tenant of parseTenants(tenants)) this.#index(tenant);
  }

  /**
   * Loads a tenants file: JSON for `.json`, YAML otherwise; `{ tenants: [...] }` or a bare array.
   *
   * @param path - The file.
   * @param options - See {@link MemoryTenantDirectoryOptions}.
   * @returns A directory holding the file's tenants.
   * @throws {@link TenantConfigError} (`E_CONFIG_INVALID`) naming the file and the first bad field,
   * e.g. `Invalid tenants file ./t.yaml: tenants[0].services[2].durationMinutes: must be a
   * positive integer`.
   * @example
   * ```ts
   * const directory = await MemoryTenantDirectory.fromFile('./tenants.json');
   * ```
   */
  static async fromFile(
    path: string,
    options: MemoryTenantDirectoryOptions = {},
  ): Promise<MemoryTenantDirectory> {
    return new MemoryTenantDirectory(await readTenantsFile(path), options);
  }

  /** {@inheritDoc TenantDirectory.get} */
  get(tenantId: string): Promise<Tenant | undefined> {
    return Promise.resolve(this.#byId.get(tenantId));
  }

  /**
   * The tenant a called number belongs to. Any readable form works (`+49 30 123456`,
   * `030 123456` in the default country); an unreadable one finds nothing.
   */
  findByPhoneNumber(e164: string): Promise<Tenant | undefined> {
    const phone = normalizePhone(e164, this.#defaultCountry);
    const id = phone === undefined ? undefined : this.#byPhone.get(phone);
    return Promise.resolve(id === undefined ? undefined : this.#byId.get(id));
  }

  /** {@inheritDoc TenantDirectory.findByAgentId} */
  findByAgentId(agentId: string): Promise<Tenant | undefined> {
    const id = this.#byAgent.get(agentId);
    return Promise.resolve(id === undefined ? undefined : this.#byId.get(id));
  }

  /** {@inheritDoc TenantDirectory.list} */
  list(): Promise<readonly Tenant[]> {
    return Promise.resolve([...this.#byId.values()]);
  }

  /** {@inheritDoc TenantDirectory.onChange} */
  onChange(listener: (tenantId: string) => void): () => void {
    const own = (id: string): void => listener(id);
    this.#listeners.add(own);
    return () => this.#listeners.delete(own);
  }

  /**
   * Adds a tenant or replaces the one with its id, then notifies `onChange` listeners.
   *
   * @param tenant - The tenant, validated as in a tenants file.
   * @returns The stored (complete, frozen) tenant.
   * @throws {@link TenantConfigError} (`E_CONFIG_INVALID`) for a bad field, or when one of its
   * numbers or agent ids already routes to another tenant; nothing is changed then.
   * @example
   * ```ts
   * directory.set({ ...tenant, services: [...tenant.services, extraService] });
   * ```
   */
  set(tenant: Tenant | TenantInput): Tenant {
    const parsed = parseTenant(tenant);
    for (const [field, map] of [
      ['phoneNumbers', this.#byPhone],
      ['agentIds', this.#byAgent],
    ] as const) {
      parsed[field].forEach((value, i) => {
        const owner = map.get(value);
        if (owner !== undefined && owner !== parsed.id) {
          throw new TenantConfigError(`${field}[${String(i)}]`, 'routes to another tenant already');
        }
      });
    }
    this.#unindex(parsed.id);
    const stored = this.#index(parsed);
    this.#notify(parsed.id);
    return stored;
  }

  /**
   * Removes a tenant and notifies `onChange` listeners.
   *
   * @param tenantId - The tenant's id.
   * @returns Whether there was such a tenant.
   */
  remove(tenantId: string): boolean {
    if (!this.#unindex(tenantId)) return false;
    this.#notify(tenantId);
    return true;
  }

  #index(tenant: Tenant): Tenant {
    const stored = deepFreeze(structuredClone(tenant));
    this.#byId.set(stored.id, stored);
    for (const phone of stored.phoneNumbers) this.#byPhone.set(phone, stored.id);
    for (const agent of stored.agentIds) this.#byAgent.set(agent, stored.id);
    return stored;
  }

  #unindex(tenantId: string): boolean {
    const old = this.#byId.get(tenantId);
    if (old === undefined) return false;
    this.#byId.delete(tenantId);
    for (const phone of old.phoneNumbers) this.#byPhone.delete(phone);
    for (const agent of old.agentIds) this.#byAgent.delete(agent);
    return true;
  }

  #notify(tenantId: string): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(tenantId);
      } catch {
        // A listener must not throw; one that does must not stop the others or undo the change.
      }
    }
  }
}
