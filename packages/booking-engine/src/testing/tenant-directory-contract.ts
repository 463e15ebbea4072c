import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TenantDirectory } from '../ports/tenant-directory.js';
import { parseTenants } from '../tenants/parse.js';
import type { Tenant } from '../types.js';

/** What a {@link describeTenantDirectoryContract} factory hands the suite. */
export interface TenantDirectoryUnderTest {
  /** The adapter, holding exactly the tenants the factory was given. */
  readonly directory: TenantDirectory;
  /** Adds or replaces a tenant the way the adapter's own admin path does (must fire `onChange`). */
  update(tenant: Tenant): Promise<void>;
  /** Removes a tenant the way the adapter's own admin path does (must fire `onChange`). */
  remove(tenantId: string): Promise<void>;
  /** Releases what the factory opened (connections, rows). */
  cleanup?: (() => Promise<void>) | undefined;
}

/** Two tenants the suite seeds every adapter with. */
function contractTenants(): [Tenant, Tenant] {
  const base = {
    zone: 'Europe/Berlin',
    calendar: { apiKey: 'cal_test_contract' },
    staff: [{ id: 'anna', firstName: 'Anna', lastName: 'Berger', gender: 'female' }],
  };
  const [salon, practice] = parseTenants({
    tenants: [
      {
        ...base,
        id: 'contract-salon',
        companyName: 'Salon Contract',
        locale: 'de',
        phoneNumbers: ['+4930123456', '+49 171 1234567'],
        agentIds: ['agent_contract_1', 'agent_contract_2'],
        services: [
          { id: 'cut', name: 'Haarschnitt', durationMinutes: 30, eventTypeId: 1001 },
          { id: 'dye', name: 'Färben', durationMinutes: 90, eventTypeId: 1002 },
        ],
        policies: { maxDaysAhead: 30 },
      },
      {
        ...base,
        id: 'contract-practice',
        companyName: 'Practice Contract',
        locale: 'en',
        zone: 'Europe/London',
        phoneNumbers: ['+442079460958'],
        agentIds: ['agent_contract_3'],
        services: [{ id: 'consult', name: 'Consultation', durationMinutes: 60, eventTypeId: 1003 }],
      },
    ],
  });
  if (salon === undefined || practice === undefined) throw new Error('contract tenants missing');
  return [salon, practice];
}

/**
 * The behaviour every {@link TenantDirectory} adapter must have, as a vitest suite: look-ups by
 * id, called number and agent id, the whole list, tenants kept apart, and change notification
 * (possibly asynchronous: the suite waits up to 5 s for a notification).
 *
 * @returns nothing; registers the suite with vitest's `describe`.
 * @param name - Shown in the suite's title (`'MemoryTenantDirectory'`).
 * @param create - Builds an adapter holding exactly `tenants` (fresh for every test).
 * @example
 * ```ts
 * describeTenantDirectoryContract('MemoryTenantDirectory', async (tenants) => {
 *   const directory = new MemoryTenantDirectory(tenants);
 *   return {
 *     directory,
 *     update: async (t) => void directory.set(t),
 *     remove: async (id) => void directory.remove(id),
 *   };
 * });
 * ```
 */
export function describeTenantDirectoryContract(
  name: string,
  create: (tenants: readonly Tenant[]) => Promise<TenantDirectoryUnderTest>,
): void {
  describe(`${name} as TenantDirectory`, () => {
    let current: TenantDirectoryUnderTest | undefined;
    const setup = async (): Promise<{
      sut: TenantDirectoryUnderTest;
      tenants: [Tenant, Tenant];
    }> => {
      const tenants = contractTenants();
      current = await create(tenants);
      return { sut: current, tenants };
    };
    afterEach(async () => {
      await current?.cleanup?.();
      current = undefined;
    });

    it('gets a tenant by id, complete and equal to what was stored', async () => {
      const { sut, tenants } = await setup();
      await expect(sut.directory.get('contract-salon')).resolves.toEqual(tenants[0]);
      await expect(sut.directory.get('contract-practice')).resolves.toEqual(tenants[1]);
      await expect(sut.directory.get('nobody')).resolves.toBeUndefined();
    });

    it('finds a tenant by each of its called numbers in E.164', async () => {
      const { sut } = await setup();
      const byNumber = async (n: string) => (await sut.directory.findByPhoneNumber(n))?.id;
      await expect(byNumber('+4930123456')).resolves.toBe('contract-salon');
      await expect(byNumber('+491711234567')).resolves.toBe('contract-salon');
      await expect(byNumber('+442079460958')).resolves.toBe('contract-practice');
      await expect(byNumber('+4930999999')).resolves.toBeUndefined();
    });

    it('finds a tenant by each of its agent ids, and nothing for another', async () => {
      const { sut } = await setup();
      const byAgent = async (a: string) => (await sut.directory.findByAgentId(a))?.id;
      await expect(byAgent('agent_contract_1')).resolves.toBe('contract-salon');
      await expect(byAgent('agent_contract_2')).resolves.toBe('contract-salon');
      await expect(byAgent('agent_contract_3')).resolves.toBe('contract-practice');
      await expect(byAgent('agent_other')).resolves.toBeUndefined();
    });

    it('lists every tenant once', async () => {
      const { sut } = await setup();
      const ids = (await sut.directory.list()).map((t) => t.id).sort();
      expect(ids).toEqual(['contract-practice', 'contract-salon']);
    });

    it('serves an update and notifies listeners with the tenant id', async () => {
      const { sut, tenants } = await setup();
      const heard = vi.fn<(id: string) => void>();
      sut.directory.onChange(heard);
      const salon = tenants[0];
      const changed: Tenant = {
        ...salon,
        agentIds: ['agent_contract_9'],
        services: [
          ...salon.services,
          { id: 'perm', name: 'Dauerwelle', synonyms: [], durationMinutes: 120, eventTypeId: 1004 },
        ],
      };
      await sut.update(changed);
      await vi.waitFor(() => expect(heard).toHaveBeenCalledWith('contract-salon'), {
        timeout: 5000,
      });
      expect((await sut.directory.get('contract-salon'))?.services.map((s) => s.id)).toEqual([
        'cut',
        'dye',
        'perm',
      ]);
      await expect(sut.directory.findByAgentId('agent_contract_9')).resolves.toMatchObject({
        id: 'contract-salon',
      });
      await expect(sut.directory.findByAgentId('agent_contract_1')).resolves.toBeUndefined();
      expect(heard).not.toHaveBeenCalledWith('contract-practice');
    });

    it('forgets a removed tenant everywhere and notifies listeners', async () => {
      const { sut } = await setup();
      const heard = vi.fn<(id: string) => void>();
      sut.directory.onChange(heard);
      await sut.remove('contract-practice');
      await vi.waitFor(() => expect(heard).toHaveBeenCalledWith('contract-practice'), {
        timeout: 5000,
      });
      await expect(sut.directory.get('contract-practice')).resolves.toBeUndefined();
      await expect(sut.directory.findByPhoneNumber('+442079460958')).resolves.toBeUndefined();
      await expect(sut.directory.findByAgentId('agent_contract_3')).resolves.toBeUndefined();
      expect((await sut.directory.list()).map((t) => t.id)).toEqual(['contract-salon']);
    });

    it('stops notifying a listener that unsubscribed', async () => {
      const { sut, tenants } = await setup();
      const gone = vi.fn<(id: string) => void>();
      const stays = vi.fn<(id: string) => void>();
      const unsubscribe = sut.directory.onChange(gone);
      sut.directory.onChange(stays);
      unsubscribe();
      await sut.update({ ...tenants[1], companyName: 'Practice Renamed' });
      await vi.waitFor(() => expect(stays).toHaveBeenCalledWith('contract-practice'), {
        timeout: 5000,
      });
      expect(gone).not.toHaveBeenCalled();
      expect((await sut.directory.get('contract-practice'))?.companyName).toBe('Practice Renamed');
    });
  });
}
