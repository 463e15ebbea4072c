// The adopter's plain ESM consumer (.mjs, no build step): book one haircut
// through @voicebook/booking-engine against the packed Cal.com stand-in.
import { startCalcomMock } from '@voicebook/calcom-mock';
import {
  createBookingEngine,
  createCalcomCalendarProvider,
  MemoryTenantDirectory,
} from '@voicebook/booking-engine';

// Wednesday 2026-11-25, 09:00 in Berlin: the stand-in's fixed clock.
const NOW = Date.parse('2026-11-25T08:00:00.000Z');
const mock = await startCalcomMock({ port: 0, now: () => new Date(NOW) });
const hours = [{ open: '09:00', close: '18:00' }];
const tenant = {
  id: 'salon',
  companyName: 'Salon Demo',
  zone: 'Europe/Berlin',
  locale: 'de',
  calendar: { apiKey: mock.apiKey, baseUrl: mock.url, username: 'salon-demo' },
  phoneNumbers: ['+4930123456'],
  agentIds: [],
  services: [
    { id: 'cut', name: 'Haarschnitt', synonyms: [], durationMinutes: 30, eventTypeId: 1001 },
  ],
  staff: [],
  policies: {
    minNoticeToBookMinutes: 60,
    minNoticeToCancelMinutes: 60,
    minNoticeToRescheduleMinutes: 60,
    maxDaysAhead: 30,
    businessHours: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours },
    whenCalendarDown: 'fail',
  },
};
const t0 = Date.now();
const engine = createBookingEngine({
  tenants: new MemoryTenantDirectory([tenant]),
  calendar: createCalcomCalendarProvider(),
  now: () => NOW + (Date.now() - t0),
});
try {
  const ctx = await engine.resolveCall({
    callId: 'smoke-esm',
    toNumber: '030 123456',
    fromNumber: '0171 1234567',
  });
  const result = await engine.book(ctx, {
    serviceId: 'cut',
    start: '2026-11-26T11:00:00.000+01:00',
    customerName: 'Erika Muster',
  });
  if (result.status !== 'booked') throw new Error(`not booked: ${result.status}`);
  const uid = result.appointment.bookingUid;
  if (uid === undefined) throw new Error('booked without a Cal.com uid');
  console.log(`booked ${uid}`);
} finally {
  await mock.close();
}
