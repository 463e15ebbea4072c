import calendarFixture from '../../fixtures/demo-calendar.json' with { type: 'json' };
import tenantsFile from '../../fixtures/demo-tenant.json' with { type: 'json' };
import type { Tenant } from '../types.js';
import { deepFreeze } from './freeze.js';
import { parseTenants } from './parse.js';

const [demo] = parseTenants(tenantsFile, 'fixtures/demo-tenant.json');
if (demo === undefined) throw new Error('fixtures/demo-tenant.json holds no tenant');

/**
 * The demo tenant of the examples and the demo (`fixtures/demo-tenant.json`): "Salon
 * Sonnenschein", Europe/Berlin, German, called on +4930123456 or through Retell agent
 * `agent_demo`; five services (Beratung, Haarschnitt, Färben, Dauerwelle, Styling) in three
 * categories with synonyms and prices, and three staff (Anna Schmidt, Stefan Schmitt — a
 * sound-alike pair — and Katharina Hoffmann). Its event types 1001–1005 and the user
 * `salon-demo` are those of {@link DEMO_CALENDAR_FIXTURE}; its API key is the Cal.com stand-in's
 * default (`cal_test_voicebook`) and its base URL the stand-in CLI's default port — point
 * `calendar.baseUrl` at the stand-in you started.
 *
 * @example
 * ```ts
 * const directory = new MemoryTenantDirectory([
 *   { ...DEMO_TENANT, calendar: { ...DEMO_TENANT.calendar, baseUrl: mock.url } },
 * ]);
 * ```
 */
export const DEMO_TENANT: Tenant = deepFreeze(demo);

/**
 * The Cal.com stand-in calendar for {@link DEMO_TENANT} (`fixtures/demo-calendar.json`): the
 * stand-in's default salon (`salon-demo`: Haarschnitt 1001, Färben 1002, Beratung 1003; Mon–Fri
 * 09–18, Sat 09–14) plus Dauerwelle (1004, 120 min every 30 min) and Styling (1005, 30 min). Pass
 * it to `@voicebook/calcom-mock` as `fixture: parseFixture(DEMO_CALENDAR_FIXTURE)`, or the file
 * with `--fixture` on its CLI.
 *
 * @example
 * ```ts
 * const mock = await startCalcomMock({ port: 0, fixture: parseFixture(DEMO_CALENDAR_FIXTURE) });
 * ```
 */
export const DEMO_CALENDAR_FIXTURE: unknown = deepFreeze(calendarFixture);
