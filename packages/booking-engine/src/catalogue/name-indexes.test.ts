import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '../tenants/demo.js';
import { MemoryTenantDirectory } from '../tenants/memory-tenant-directory.js';
import type { NameResolution } from '../engine-api.js';
import { TenantNameIndexes } from './name-indexes.js';

const idOf = (r: NameResolution<{ id: string }>) =>
  r.verdict === 'match' ? r.value.id : r.verdict;
const sayOf = (r: NameResolution<unknown>) => (r.verdict === 'match' ? undefined : r.say);

describe('TenantNameIndexes.resolveService', () => {
  const names = new TenantNameIndexes();

  it.each([
    ['Haarschnitt', 'haarschnitt'],
    ['färben', 'faerben'],
    ['Dauerwelle', 'dauerwelle'],
    ['Haare schneiden', 'haarschnitt'],
    ['Föhnen', 'styling'],
    ['Tönen', 'faerben'],
    ['Harschnitt', 'haarschnitt'],
    ['Färbn', 'faerben'],
    ['Dauer welle', 'dauerwelle'],
    ['Stailing', 'styling'],
    ['ich hätte gern einen Haarschnitt bitte', 'haarschnitt'],
    ['Haare färben', 'faerben'],
    ['Herrenhaarschnitt', 'haarschnitt'],
    ['Beratungsgespräch', 'beratung'],
  ])('resolves %j to %s', (spoken, id) => {
    expect(idOf(names.resolveService(DEMO_TENANT, spoken))).toBe(id);
  });

  it('answers none for an unknown service, offering the services', () => {
    const r = names.resolveService(DEMO_TENANT, 'Maniküre');
    expect(r.verdict).toBe('none');
    expect(sayOf(r)?.de).toBe(
      'Diese Leistung finde ich leider nicht. Wir bieten Beratung, Haarschnitt, Färben, Dauerwelle oder Styling an. Was darf es sein?',
    );
    expect(r.state).toEqual(['Maniküre']);
  });

  it('asks which one when a phrase names two services, then takes the answer', () => {
    const first = names.resolveService(DEMO_TENANT, 'Schnitt und Färben');
    expect(first.verdict).toBe('ambiguous');
    expect(sayOf(first)).toEqual({
      de: 'Meinen Sie Haarschnitt oder Färben?',
      en: 'Do you mean Haarschnitt or Färben?',
    });
    const second = names.resolveService(DEMO_TENANT, 'Färben', first.state);
    expect(idOf(second)).toBe('faerben');
  });

  it('does not guess a service from filler words alone', () => {
    expect(idOf(names.resolveService(DEMO_TENANT, 'ich möchte einen Termin bitte'))).toBe('none');
  });

  it('returns the turns as state with a match', () => {
    expect(names.resolveService(DEMO_TENANT, 'Haarschnitt').state).toEqual(['Haarschnitt']);
  });
});

describe('TenantNameIndexes.resolveStaff', () => {
  const names = new TenantNameIndexes();

  it('matches a full name, a salutation and a first name', () => {
    expect(idOf(names.resolveStaff(DEMO_TENANT, 'Katharina Hoffmann'))).toBe('katharina-hoffmann');
    expect(idOf(names.resolveStaff(DEMO_TENANT, 'Frau Hofmann'))).toBe('katharina-hoffmann');
    expect(idOf(names.resolveStaff(DEMO_TENANT, 'bei Stefan'))).toBe('stefan-schmitt');
  });

  it('asks between sound-alike surnames, then settles on the first name', () => {
    const first = names.resolveStaff(DEMO_TENANT, 'Schmidt');
    expect(first.verdict).toBe('ambiguous');
    if (first.verdict !== 'ambiguous') return;
    expect(first.candidates.map((c) => c.id).sort()).toEqual(['anna-schmidt', 'stefan-schmitt']);
    expect(first.say.de).toMatch(/^Meinen Sie .*(Anna Schmidt|Stefan Schmitt).* oder .*\?$/);
    expect(first.say.en).toMatch(/^Do you mean /);
    expect(first.state).toEqual(['Schmidt']);
    const second = names.resolveStaff(DEMO_TENANT, 'die Anna', first.state);
    expect(idOf(second)).toBe('anna-schmidt');
    expect(second.state).toEqual(['Schmidt', 'die Anna']);
  });

  it('settles a sound-alike surname by spelling, replaying the state', () => {
    const first = names.resolveStaff(DEMO_TENANT, 'Schmitt');
    expect(first.verdict).toBe('ambiguous');
    expect(idOf(names.resolveStaff(DEMO_TENANT, 'S C H M I T T', first.state))).toBe(
      'stefan-schmitt',
    );
    expect(idOf(names.resolveStaff(DEMO_TENANT, 'mit d-t', first.state))).toBe('anna-schmidt');
  });

  it('asks for the spelling when only the spelling tells the candidates apart', () => {
    const twins = {
      ...DEMO_TENANT,
      id: 'twins',
      staff: [
        { id: 'a', firstName: 'Anna', lastName: 'Schmidt', gender: 'female' as const },
        { id: 'b', firstName: 'Anna', lastName: 'Schmitt', gender: 'female' as const },
      ],
    };
    // As ASR may write it: neither spelling exactly (an exact spelling is a confident match).
    const r = names.resolveStaff(twins, 'Anna Schmid');
    expect(r.verdict).toBe('ambiguous');
    expect(sayOf(r)?.de).toMatch(/mit/);
    expect(idOf(names.resolveStaff(twins, 'mit zwei t', r.state))).toBe('b');
  });

  it('starts over when the answer is a new name rather than a clarification', () => {
    const first = names.resolveStaff(DEMO_TENANT, 'Schmidt');
    const r = names.resolveStaff(DEMO_TENANT, 'nein, Katharina Hoffmann', first.state);
    expect(idOf(r)).toBe('katharina-hoffmann');
    expect(r.state).toEqual(['nein, Katharina Hoffmann']);
  });

  it('answers none for an unknown name, naming the team', () => {
    const r = names.resolveStaff(DEMO_TENANT, 'Herr Özdemir');
    expect(r.verdict).toBe('none');
    expect(sayOf(r)?.de).toBe(
      'Diesen Namen finde ich bei uns leider nicht. Bei uns arbeiten Anna Schmidt, Stefan Schmitt und Katharina Hoffmann.',
    );
  });

  it('refuses a state that is not a list of strings', () => {
    let error: unknown;
    try {
      names.resolveStaff(DEMO_TENANT, 'Anna', [42] as unknown as readonly string[]);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_INVALID_INPUT', retryable: false });
  });

  it('starts over with the answer alone when the state is longer than maxTurns', () => {
    const short = new TenantNameIndexes({ maxTurns: 2 });
    const r = short.resolveStaff(DEMO_TENANT, 'Katharina', ['Schmidt', 'hm', 'äh']);
    expect(idOf(r)).toBe('katharina-hoffmann');
    expect(r.state).toEqual(['Katharina']);
  });
});

describe('TenantNameIndexes and tenant changes', () => {
  it('builds each index once per tenant and rebuilds after the directory changes it', async () => {
    const directory = new MemoryTenantDirectory([DEMO_TENANT]);
    const names = new TenantNameIndexes({ directory });
    const tenant = (await directory.get(DEMO_TENANT.id))!;
    for (let i = 0; i < 5; i++) {
      names.resolveService(tenant, 'Haarschnitt');
      names.resolveStaff(tenant, 'Anna');
    }
    expect(names.builds).toBe(2);
    expect(names.resolveService(tenant, 'Maniküre').verdict).toBe('none');

    const services = [
      ...tenant.services,
      {
        id: 'nails',
        name: 'Maniküre',
        synonyms: ['Nägel'],
        durationMinutes: 45,
        eventTypeId: 1005,
      },
    ];
    const changed = directory.set({ ...tenant, services });
    expect(idOf(names.resolveService(changed, 'Manikür'))).toBe('nails');
    expect(names.builds).toBe(3);
    names.close();
  });

  it('without a directory, rebuilds when a different tenant object comes in', () => {
    const names = new TenantNameIndexes();
    names.resolveService(DEMO_TENANT, 'Haarschnitt');
    names.resolveService(DEMO_TENANT, 'Styling');
    expect(names.builds).toBe(1);
    const renamed = {
      ...DEMO_TENANT,
      services: DEMO_TENANT.services.map((s) => (s.id === 'styling' ? { ...s, name: 'Frisieren', synonyms: [] } : s)), // prettier-ignore
    };
    expect(idOf(names.resolveService(renamed, 'Frisieren'))).toBe('styling');
    expect(names.builds).toBe(2);
  });

  it('keeps tenants apart: one tenant never resolves to another tenant’s staff', () => {
    const names = new TenantNameIndexes();
    const other = { ...DEMO_TENANT, id: 'other', staff: [{ id: 'x', lastName: 'Weber' }] };
    expect(idOf(names.resolveStaff(other, 'Katharina Hoffmann'))).toBe('none');
    expect(idOf(names.resolveStaff(DEMO_TENANT, 'Katharina Hoffmann'))).toBe('katharina-hoffmann');
  });
});

describe('TenantNameIndexes with any speech', () => {
  it('never throws for any spoken text and state, and a match is one of the tenant’s own', () => {
    const names = new TenantNameIndexes();
    const serviceIds = new Set(DEMO_TENANT.services.map((s) => s.id));
    const staffIds = new Set(DEMO_TENANT.staff.map((s) => s.id));
    const speech = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('Schmidt', 'Anna', 'nein', 'ja', 'S C H M I T T', 'Harschnitt', ''),
    );
    fc.assert(
      fc.property(speech, fc.array(speech, { maxLength: 8 }), (spoken, state) => {
        const service = names.resolveService(DEMO_TENANT, spoken, state);
        const staff = names.resolveStaff(DEMO_TENANT, spoken, state);
        if (service.verdict === 'match') expect(serviceIds.has(service.value.id)).toBe(true);
        if (staff.verdict === 'match') expect(staffIds.has(staff.value.id)).toBe(true);
        expect(staff.state.at(-1)).toBe(spoken);
        expect(staff.state.length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 400 },
    );
  });
});
