import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeTenantDirectoryContract } from '../testing/index.js';
import { MemoryTenantDirectory } from './memory-tenant-directory.js';
import { TenantConfigError } from './parse.js';

describeTenantDirectoryContract('MemoryTenantDirectory', (tenants) => {
  const directory = new MemoryTenantDirectory(tenants);
  return Promise.resolve({
    directory,
    update: (t) => Promise.resolve(void directory.set(t)),
    remove: (id) => Promise.resolve(void directory.remove(id)),
  });
});

const yamlFile = `
tenants:
  - id: salon
    companyName: Salon Sonnenschein
    zone: Europe/Berlin
    locale: de
    calendar: { apiKey: cal_test }
    phoneNumbers: ["+49 30 123456"]
    agentIds: [agent_demo]
    services:
      - { id: cut, name: Haarschnitt, synonyms: [Schneiden], durationMinutes: 30, eventTypeId: 1001 }
    policies:
      businessHours:
        mon: [{ open: "09:00", close: "18:00" }]
`;

describe('MemoryTenantDirectory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vb-tenants-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, content: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };

  it('loads a YAML file, validated, with defaults filled in', async () => {
    const directory = await MemoryTenantDirectory.fromFile(await file('t.yaml', yamlFile));
    const tenant = await directory.findByAgentId('agent_demo');
    expect(tenant?.phoneNumbers).toEqual(['+4930123456']);
    expect(tenant?.policies.businessHours).toEqual({ 1: [{ open: '09:00', close: '18:00' }] });
    expect(tenant?.policies.maxDaysAhead).toBe(60);
  });

  it('loads the same tenants from JSON', async () => {
    const { parse } = await import('yaml');
    const path = await file('t.json', JSON.stringify(parse(yamlFile)));
    const fromJson = await MemoryTenantDirectory.fromFile(path);
    const fromYaml = await MemoryTenantDirectory.fromFile(await file('same.yml', yamlFile));
    expect(await fromJson.list()).toEqual(await fromYaml.list());
  });

  it('names the file and the first bad field of a bad file', async () => {
    const path = await file('bad.yaml', yamlFile.replace('durationMinutes: 30', 'durationMinutes: -30')); // prettier-ignore
    const error = await MemoryTenantDirectory.fromFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantConfigError);
    expect((error as Error).message).toBe(
      `Invalid tenants file ${path}: tenants[0].services[0].durationMinutes: must be a positive integer`,
    );
  });

  it('names the first of several bad fields, the same in JSON and YAML', async () => {
    const { parse, stringify } = await import('yaml');
    const data = parse(yamlFile) as { tenants: Record<string, unknown>[] };
    const bad = structuredClone(data);
    const tenant = bad.tenants[0] ?? {};
    tenant.zone = 'Europe/Atlantis'; // first bad field in document order
    (tenant.services as Record<string, unknown>[])[0]!.durationMinutes = 0;
    tenant.locale = 'fr';
    for (const [name, text] of [
      ['bad-fields.json', JSON.stringify(bad, null, 2)],
      ['bad-fields.yaml', stringify(bad)],
    ] as const) {
      const path = await file(name, text);
      const error = await MemoryTenantDirectory.fromFile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TenantConfigError);
      expect(error).toMatchObject({ code: 'E_CONFIG_INVALID', field: 'tenants[0].zone' });
      expect((error as Error).message).toBe(
        `Invalid tenants file ${path}: tenants[0].zone: must be an IANA time zone`,
      );
    }
  });

  it('says when a file is missing or not YAML / JSON', async () => {
    const missing = join(dir, 'missing.yaml');
    await expect(MemoryTenantDirectory.fromFile(missing)).rejects.toThrow(
      `Invalid tenants file ${missing}: (file): cannot be read`,
    );
    const badJson = await file('bad.json', '{ "tenants": [ ');
    await expect(MemoryTenantDirectory.fromFile(badJson)).rejects.toThrow(
      `Invalid tenants file ${badJson}: (file): is not valid JSON`,
    );
    const badYaml = await file('bad2.yaml', 'tenants:\n  - id: [unclosed\n');
    await expect(MemoryTenantDirectory.fromFile(badYaml)).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      field: '(file)',
      message: expect.stringMatching(/is not valid YAML \(at line \d+, column \d+\)$/) as string,
    });
  });

  it('finds a tenant by a called number in any readable form', async () => {
    const directory = await MemoryTenantDirectory.fromFile(await file('p.yaml', yamlFile));
    for (const form of ['+4930123456', '+49 (0)30 123456', '030 123456', '0049 30 123456']) {
      expect((await directory.findByPhoneNumber(form))?.id).toBe('salon');
    }
    await expect(directory.findByPhoneNumber('not a number')).resolves.toBeUndefined();
  });

  it('refuses a set that would route a number to two tenants, and changes nothing', async () => {
    const directory = await MemoryTenantDirectory.fromFile(await file('s.yaml', yamlFile));
    const [salon] = await directory.list();
    const heard = vi.fn();
    directory.onChange(heard);
    expect(() => directory.set({ ...salon!, id: 'other', agentIds: [] })).toThrow(
      'Invalid tenants: phoneNumbers[0]: routes to another tenant already',
    );
    expect(heard).not.toHaveBeenCalled();
    expect((await directory.list()).map((t) => t.id)).toEqual(['salon']);
  });

  it('hands out frozen tenants, so no caller changes the directory by accident', async () => {
    const directory = await MemoryTenantDirectory.fromFile(await file('f.yaml', yamlFile));
    const tenant = await directory.get('salon');
    expect(Object.isFrozen(tenant)).toBe(true);
    expect(Object.isFrozen(tenant?.services[0])).toBe(true);
  });

  it('keeps notifying the other listeners when one throws', async () => {
    const directory = await MemoryTenantDirectory.fromFile(await file('l.yaml', yamlFile));
    const after = vi.fn();
    directory.onChange(() => {
      throw new Error('listener bug');
    });
    directory.onChange(after);
    const salon = await directory.get('salon');
    directory.set({ ...salon!, companyName: 'Renamed' });
    expect(after).toHaveBeenCalledWith('salon');
    expect(directory.remove('salon')).toBe(true);
    expect(directory.remove('salon')).toBe(false);
    expect(after).toHaveBeenCalledTimes(2);
  });
});
