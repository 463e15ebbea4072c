import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBookingEngineError } from '../errors.js';
import { parseTenant, parseTenants, TenantConfigError } from './parse.js';
import { DEFAULT_TENANT_POLICIES } from './schema.js';

/** A minimal valid tenant as written in a file; tests change one field at a time. */
function salon(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'salon',
    companyName: 'Salon',
    zone: 'Europe/Berlin',
    locale: 'de',
    calendar: { apiKey: 'cal_secret_key' },
    phoneNumbers: ['+49 30 123456'],
    services: [
      { id: 'cut', name: 'Haarschnitt', durationMinutes: 30, eventTypeId: 1001 },
      { id: 'dye', name: 'Färben', durationMinutes: 90, eventTypeId: 1002, staffIds: ['anna'] },
    ],
    staff: [{ id: 'anna', firstName: 'Anna', lastName: 'Berger', gender: 'female' }],
    ...overrides,
  };
}

function problemOf(data: unknown): TenantConfigError {
  try {
    parseTenants(data, 'tenants.yaml');
  } catch (e) {
    if (e instanceof TenantConfigError) return e;
    throw e;
  }
  throw new Error('expected the tenants to be refused');
}

describe('parseTenants', () => {
  it('fills in defaults and normalises phone numbers to E.164', () => {
    const [tenant] = parseTenants({ tenants: [salon({ policies: undefined })] });
    expect(tenant?.phoneNumbers).toEqual(['+4930123456']);
    expect(tenant?.agentIds).toEqual([]);
    expect(tenant?.services[0]?.synonyms).toEqual([]);
    expect(tenant?.policies).toEqual(DEFAULT_TENANT_POLICIES);
  });

  it('keeps given policies and defaults only the missing ones', () => {
    const [tenant] = parseTenants([
      salon({ policies: { maxDaysAhead: 14, businessHours: { mon: [{ open: '10:00', close: '12:00' }, { open: '08:00', close: '09:30' }], '7': [] } } }), // prettier-ignore
    ]);
    expect(tenant?.policies.maxDaysAhead).toBe(14);
    expect(tenant?.policies.minNoticeToBookMinutes).toBe(60);
    expect(tenant?.policies.whenCalendarDown).toBe('accept-pending');
    expect(tenant?.policies.businessHours).toEqual({
      1: [
        { open: '08:00', close: '09:30' },
        { open: '10:00', close: '12:00' },
      ],
    });
  });

  it('accepts the bare array and reports paths as tenants[i]', () => {
    expect(problemOf([salon(), salon({ id: 'x', zone: 'Mars/Olympus' })]).field).toBe(
      'tenants[1].zone',
    );
  });

  it.each([
    [
      { services: [{ id: 'a', name: 'A', durationMinutes: 30, eventTypeId: 1 }, { id: 'b', name: 'B', durationMinutes: 30, eventTypeId: 2 }, { id: 'c', name: 'C', durationMinutes: 0, eventTypeId: 3 }] }, // prettier-ignore
      'tenants[0].services[2].durationMinutes',
      'must be a positive integer',
    ],
    [{ zone: 'Europe/Berlinn' }, 'tenants[0].zone', 'must be an IANA time zone'],
    [{ locale: 'fr' }, 'tenants[0].locale', 'must be one of "de", "en"'],
    [{ companyName: undefined }, 'tenants[0].companyName', 'is required'],
    [{ companyName: 7 }, 'tenants[0].companyName', 'must be string'],
    [{ phoneNumbers: ['030 123456'] }, 'tenants[0].phoneNumbers[0]', 'must be a valid phone number in E.164 (+4930123456)'], // prettier-ignore
    [{ phoneNumbers: ['+49 12'] }, 'tenants[0].phoneNumbers[0]', 'must be a valid phone number in E.164 (+4930123456)'], // prettier-ignore
    [{ services: [] }, 'tenants[0].services', 'must list at least one service'],
    [{ services: [{ id: 'a', name: 'A', durationMinutes: 30, eventTypeId: 1.5 }] }, 'tenants[0].services[0].eventTypeId', 'must be a Cal.com event type id (a positive integer)'], // prettier-ignore
    [{ services: [{ id: 'a', name: '123', durationMinutes: 30, eventTypeId: 1 }] }, 'tenants[0].services[0].name', 'must contain a letter'], // prettier-ignore
    [{ services: [{ id: 'a', name: 'A', durationMinute: 30, durationMinutes: 30, eventTypeId: 1 }] }, 'tenants[0].services[0].durationMinute', 'is not a known field'], // prettier-ignore
    [{ services: [{ id: 'a', name: 'A', durationMinutes: 30, eventTypeId: 1 }, { id: 'a', name: 'B', durationMinutes: 30, eventTypeId: 2 }] }, 'tenants[0].services[1].id', 'is used twice'], // prettier-ignore
    [{ services: [{ id: 'a', name: 'A', durationMinutes: 30, eventTypeId: 1, staffIds: ['bob'] }] }, 'tenants[0].services[0].staffIds[0]', 'is not the id of a staff member of this tenant'], // prettier-ignore
    [{ staff: [{ id: 'x', lastName: 'X' }, { id: 'x', lastName: 'Y' }], services: [{ id: 'a', name: 'A', durationMinutes: 30, eventTypeId: 1 }] }, 'tenants[0].staff[1].id', 'is used twice'], // prettier-ignore
    [{ staff: [{ id: 'anna', lastName: 'X', eventTypeIds: { nope: 5 } }] }, 'tenants[0].staff[0].eventTypeIds.nope', 'is not the id of a service of this tenant'], // prettier-ignore
    [{ staff: [{ id: 'x', lastName: 'X', gender: 'w' }] }, 'tenants[0].staff[0].gender', 'must be one of "female", "male", "diverse"'], // prettier-ignore
    [{ policies: { businessHours: { mon: [{ open: '9:00', close: '18:00' }] } } }, 'tenants[0].policies.businessHours.mon[0].open', 'must be a time HH:MM'], // prettier-ignore
    [{ policies: { businessHours: { mon: [{ open: '18:00', close: '09:00' }] } } }, 'tenants[0].policies.businessHours.mon[0].close', 'must be after open'], // prettier-ignore
    [{ policies: { businessHours: { mon: [{ open: '09:00', close: '13:00' }, { open: '12:00', close: '18:00' }] } } }, 'tenants[0].policies.businessHours.mon', 'intervals must not overlap'], // prettier-ignore
    [{ policies: { businessHours: { funday: [] } } }, 'tenants[0].policies.businessHours.funday', 'must be a weekday: 1–7 (Monday = 1) or mon … sun'], // prettier-ignore
    [{ policies: { minNoticeToBookMinutes: -5 } }, 'tenants[0].policies.minNoticeToBookMinutes', 'must not be negative'], // prettier-ignore
    [{ policies: { whenCalendarDown: 'panic' } }, 'tenants[0].policies.whenCalendarDown', 'must be one of "fail", "accept-pending"'], // prettier-ignore
    [{ calendar: { apiKey: '' } }, 'tenants[0].calendar.apiKey', 'must not be empty'],
    [{ calendar: { apiKey: 'k', baseUrl: 'https://api.cal.com/v2/' } }, 'tenants[0].calendar.baseUrl', 'must be the base URL without /v2'], // prettier-ignore
    [{ calendar: { apiKey: 'k', baseUrl: 'ftp://cal' } }, 'tenants[0].calendar.baseUrl', 'must be an http(s) URL'], // prettier-ignore
  ])('refuses %j at %s', (overrides, field, problem) => {
    const error = problemOf({ tenants: [salon(overrides)] });
    expect(error.field).toBe(field);
    expect(error.problem).toBe(problem);
    expect(error.message).toBe(`Invalid tenants file tenants.yaml: ${field}: ${problem}`);
    expect(error).toMatchObject({ code: 'E_CONFIG_INVALID', retryable: false });
    expect(isBookingEngineError(error)).toBe(true);
  });

  it('refuses a number or agent id that routes to two tenants, and duplicate tenant ids', () => {
    const twoSalons = (b: Record<string, unknown>) => ({ tenants: [salon({ agentIds: ['ag'] }), salon({ id: 'b', phoneNumbers: [], ...b })] }); // prettier-ignore
    expect(problemOf(twoSalons({ phoneNumbers: ['+4930123456'] }))).toMatchObject({
      field: 'tenants[1].phoneNumbers[0]',
      problem: 'also routes to tenants[0]',
    });
    expect(problemOf(twoSalons({ agentIds: ['x', 'ag'] })).field).toBe('tenants[1].agentIds[1]');
    expect(problemOf(twoSalons({ id: 'salon' })).field).toBe('tenants[1].id');
  });

  it('never puts the API key or a phone number into the message', () => {
    const error = problemOf({ tenants: [salon({ phoneNumbers: ['+49 171 12'], calendar: { apiKey: 'cal_secret_key', extra: 1 } })] }); // prettier-ignore
    expect(error.message).not.toContain('cal_secret_key');
    expect(problemOf({ tenants: [salon({ phoneNumbers: ['+49 171 12'] })] }).message).not.toMatch(
      /171/,
    );
  });

  it('names a non-object file', () => {
    expect(problemOf('hello').field).toBe('(tenants)');
    expect(problemOf({ tenants: [salon()], extra: true }).field).toBe('extra');
  });
});

describe('parseTenant', () => {
  it('reports paths relative to the tenant', () => {
    expect(() => parseTenant(salon({ zone: 'nowhere' }))).toThrow(
      'Invalid tenants: zone: must be an IANA time zone',
    );
  });
});

describe('parseTenants with any input', () => {
  it('either returns tenants or throws a TenantConfigError naming a field', () => {
    const mutated = fc
      .tuple(
        fc.jsonValue(),
        fc.constantFrom(
          'zone',
          'services',
          'staff',
          'policies',
          'locale',
          'phoneNumbers',
          'calendar',
        ),
      ) // prettier-ignore
      .map(([value, key]) => ({ tenants: [salon({ [key]: value })] }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated), (data) => {
        try {
          const tenants = parseTenants(data);
          for (const t of tenants) expect(t.services.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(TenantConfigError);
          expect((e as TenantConfigError).field).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });
});
