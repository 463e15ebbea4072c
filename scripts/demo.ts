/**
 * The voicebook demo: one booking call, end to end, in-process and without keys.
 *
 * 1. A local Cal.com (the `@voicebook/calcom-mock` stand-in) serves a Berlin hair salon.
 * 2. The caller names a service and a person; the phonetic matcher resolves both, asks back when
 *    two names sound alike, and understands the spelled answer.
 * 3. The Cal.com client finds slots, books one although Cal.com loses the first answer (no double
 *    booking), hears "taken" for a second caller, moves and cancels, and keeps answering from its
 *    cache while Cal.com is down.
 * 4. Every step is recorded as SLIs; the `/slo` report shows the error budgets.
 *
 * Run: `pnpm demo` (root). Everything here is embedded: no Redis, no Cal.com account.
 */
import {
  SlotUnavailableError,
  createCalcomClient,
  isCalcomError,
  type Booking,
} from '@voicebook/calcom-client';
import { startCalcomMock } from '@voicebook/calcom-mock';
import { createNameIndex } from '@voicebook/phonetic-matcher';
import { createSloMetrics } from '@voicebook/slo-metrics';

const TZ = 'Europe/Berlin';
const line = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};
const say = (text: string): void => line(`Caller: "${text}"`);
const agent = (text: string): void => line(`Agent:  "${text}"`);
const note = (text: string): void => line(`        · ${text}`);
const clock = (iso: string): string =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: TZ,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

const slo = createSloMetrics();
const calcom = await startCalcomMock({ port: 0, seed: 7, contract: 'throw' });
const cal = createCalcomClient({
  apiKey: calcom.apiKey,
  baseUrl: calcom.url,
  timeouts: { createBooking: [1_000, 2_000] },
  breaker: { failureThreshold: 2 },
  onEvent: (e) => {
    slo.onCalcomEvent(e);
    if (e.type === 'booking:reconciled') note(`client: lost answer reconciled → ${e.outcome}`);
    if (e.type === 'breaker:state') note(`client: ${e.group} breaker ${e.state}`);
  },
});

try {
  line(`voicebook demo — Cal.com stand-in at ${calcom.url}\n`);

  // --- which service? ------------------------------------------------------------------------
  const { eventTypes } = await cal.eventTypes.list({ username: 'salon-demo' });
  const services = createNameIndex(eventTypes.map((e) => ({ id: String(e.id), name: e.title })));
  let timer = slo.startTimer('list_services');
  say('Ich hätte gern einen Harschnit.');
  const service = services.match('Harschnit');
  const eventType = eventTypes.find((e) => String(e.id) === service.best?.id);
  if (!eventType) throw new Error('the demo expects the salon fixture');
  note(
    `service "${eventType.title}" (${String(eventType.lengthInMinutes)} min), ${service.verdict}`,
  );
  timer.end('ok');

  // --- with whom? ----------------------------------------------------------------------------
  const staff = createNameIndex([
    { id: 'st1', name: 'Stefan Schmidt', title: 'Dr.', gender: 'm', role: 'staff' },
    { id: 'sa1', name: 'Sandra Schmitt', gender: 'f', role: 'staff' },
    { id: 'ka1', name: 'Katharina Weber', gender: 'f', role: 'staff' },
  ]);
  timer = slo.startTimer('match_name');
  say('Bei Schmidt, bitte.');
  let who = staff.match('Schmidt');
  const askBack = who.verdict === 'ambiguous' ? who.clarification?.spellingDe : undefined;
  if (askBack) agent(askBack);
  say('S C H M I T T');
  who = staff.refine(who, 'S C H M I T T');
  note(`staff: ${who.best?.name ?? '-'} (${who.verdict}, ${who.best?.reason ?? '-'})`);
  timer.end('ok');

  // --- when? ---------------------------------------------------------------------------------
  let day = new Date(Date.now() + 3 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day = new Date(day.getTime() + 86_400_000);
  const date = day.toISOString().slice(0, 10);
  timer = slo.startTimer('check_availability');
  const found = await cal.slots.find({
    eventTypeId: eventType.id,
    start: date,
    end: date,
    timeZone: TZ,
  });
  const offered = (found.slots[date] ?? []).slice(0, 3).map((s) => s.start);
  timer.end('ok');
  agent(
    `Am ${clock(`${date}T12:00:00Z`).split(' um')[0] ?? date} hätte ich ${offered.map((s) => s.slice(11, 16)).join(', ')} Uhr frei.`,
  );
  const [first, second] = offered;
  if (!first || !second) throw new Error('no free slots');

  // --- book, while Cal.com loses the answer ---------------------------------------------------
  say(`Um ${first.slice(11, 16)}, bitte.`);
  calcom.loseNextResponse('bookings.create');
  timer = slo.startTimer('book_appointment');
  const booking: Booking = await cal.bookings.create({
    eventTypeId: eventType.id,
    start: first,
    attendee: { name: 'Erika Muster', email: 'erika@example.com', timeZone: TZ, language: 'de' },
  });
  timer.end('ok');
  slo.recordBookingAttempt({ outcome: 'success' });
  const stored = calcom
    .bookings()
    .filter((b) => b.start === booking.start && b.status === 'accepted');
  agent(`Gebucht: ${eventType.title} am ${clock(booking.start)} Uhr.`);
  note(`Cal.com holds ${String(stored.length)} booking at that time (uid ${booking.uid})`);

  // --- a second caller wants the same slot ----------------------------------------------------
  timer = slo.startTimer('book_appointment');
  try {
    await cal.bookings.create({
      eventTypeId: eventType.id,
      start: first,
      attendee: { name: 'Max Muster', phoneNumber: '+4930123456', timeZone: TZ },
    });
  } catch (error) {
    if (!(error instanceof SlotUnavailableError)) throw error;
    timer.end('ok');
    slo.recordBookingAttempt({ outcome: 'no_availability' });
    note(`second caller: ${error.code} (${error.reason}) → offer ${second.slice(11, 16)} instead`);
  }

  // --- move, then cancel -----------------------------------------------------------------------
  const moved = await cal.bookings.reschedule(booking.uid, { start: second });
  agent(`Verschoben auf ${clock(moved.start)} Uhr.`);
  const again = await cal.slots.find({
    eventTypeId: eventType.id,
    start: date,
    end: date,
    timeZone: TZ,
  });
  note(
    `${first.slice(11, 16)} is free again: ${String((again.slots[date] ?? []).some((s) => s.start === first))} (own write invalidated the cache)`,
  );
  const cancelled = await cal.bookings.cancel(moved.uid, {
    cancellationReason: 'Caller cancelled',
  });
  agent(`Storniert (${cancelled.status}).`);

  // --- Cal.com goes down --------------------------------------------------------------------------
  calcom.setErrorRate('*', { rate: 1, statuses: [503] });
  for (const d of [1, 2]) {
    const other = new Date(day.getTime() + (d + 7) * 86_400_000).toISOString().slice(0, 10);
    await cal.slots
      .find({ eventTypeId: eventType.id, start: other, end: other })
      .catch((e: unknown) => {
        note(`Cal.com down: ${isCalcomError(e) ? e.code : String(e)}`);
      });
  }
  await cal.applyWebhook({
    triggerEvent: 'BOOKING_CREATED',
    payload: {
      eventTypeId: eventType.id,
      startTime: `${date}T12:00:00Z`,
      endTime: `${date}T12:30:00Z`,
    },
  });
  const stale = await cal.slots.find({
    eventTypeId: eventType.id,
    start: date,
    end: date,
    timeZone: TZ,
  });
  note(
    `while down: ${String((stale.slots[date] ?? []).length)} slots from cache, stale=${String(stale.stale)}`,
  );
  calcom.setErrorRate('*', { rate: 0 });

  slo.recordCall({ durationMs: 41_000, outcome: 'booked' });
  line('\nSLO report (what GET /slo answers):');
  for (const s of slo.evaluate().slos) {
    const sli = s.sli === null ? 'no events yet' : `${(s.sli * 100).toFixed(1)} %`;
    line(`  ${s.name.padEnd(28)} objective ${(s.objective * 100).toFixed(1)} %  SLI ${sli}`);
  }
  line('\nPrometheus exposition (Cal.com errors, cache, breakers — from GET /metrics):');
  const metrics = await slo.metrics();
  line(
    metrics
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('voicebook_upstream_errors_total') ||
          l.startsWith('voicebook_cache_requests_total') ||
          l.startsWith('voicebook_circuit_breaker_state'),
      )
      .slice(0, 12)
      .join('\n'),
  );
} finally {
  await calcom.close();
}
