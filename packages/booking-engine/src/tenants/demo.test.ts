import { defaultFixture, parseFixture, startCalcomMock } from '@voicebook/calcom-mock';
import { describe, expect, it } from 'vitest';
import { listServices } from '../catalogue/list-services.js';
import { DEMO_CALENDAR_FIXTURE, DEMO_TENANT } from './demo.js';
import { MemoryTenantDirectory } from './memory-tenant-directory.js';

interface EventTypeAnswer {
  data: { id: number; lengthInMinutes: number }[];
}

describe('DEMO_TENANT', () => {
  it('is Salon Sonnenschein, routed by its number and agent id', async () => {
    const directory = new MemoryTenantDirectory([DEMO_TENANT]);
    expect((await directory.findByPhoneNumber('030 123456'))?.companyName).toBe('Salon Sonnenschein'); // prettier-ignore
    expect((await directory.findByAgentId('agent_demo'))?.zone).toBe('Europe/Berlin');
    expect(DEMO_TENANT.services.map((s) => s.name)).toEqual(['Beratung', 'Haarschnitt', 'Färben', 'Dauerwelle', 'Styling']); // prettier-ignore
    expect(DEMO_TENANT.staff).toHaveLength(3);
    expect(listServices(DEMO_TENANT).say.de).toBe(
      'Wir bieten Beratung, Haarschnitt, Färben, Dauerwelle oder Styling an. Was darf es sein?',
    );
  });

  it('books only event types the stand-in serves with the demo calendar, of the same length', async () => {
    const mock = await startCalcomMock({ port: 0, fixture: parseFixture(DEMO_CALENDAR_FIXTURE) });
    try {
      const res = await fetch(`${mock.url}/v2/event-types?username=${DEMO_TENANT.calendar.username ?? ''}`, {
        headers: { 'cal-api-version': '2024-06-14', authorization: `Bearer ${DEMO_TENANT.calendar.apiKey}` },
      }); // prettier-ignore
      expect(res.status).toBe(200);
      const served = new Map(((await res.json()) as EventTypeAnswer).data.map((e) => [e.id, e.lengthInMinutes])); // prettier-ignore
      const wanted = DEMO_TENANT.services.map((s) => [s.id, s.eventTypeId, s.durationMinutes]);
      const got = DEMO_TENANT.services.map((s) => [s.id, s.eventTypeId, served.get(s.eventTypeId)]);
      expect(got).toEqual(wanted);
    } finally {
      await mock.close();
    }
  });

  it('extends the stand-in default calendar without changing its event types', () => {
    const demo = parseFixture(DEMO_CALENDAR_FIXTURE);
    expect(demo.user).toEqual(defaultFixture.user);
    expect(demo.hours).toEqual(defaultFixture.hours);
    expect(demo.eventTypes.slice(0, defaultFixture.eventTypes.length)).toEqual(defaultFixture.eventTypes); // prettier-ignore
    expect(demo.eventTypes.map((e) => e.id)).toEqual([1001, 1002, 1003, 1004, 1005]);
  });
});
