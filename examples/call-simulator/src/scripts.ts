// The scripted calls of the demo (German and English; known and new callers; a service by name
// and by listing; a taken wish and an accepted alternative; a staff name asked back and spelled;
// a lost Cal.com answer; a second caller refused; reschedule; cancel while Cal.com is briefly down).
import type { CalcomMock } from '@voicebook/calcom-mock';
import type { Memory, Script } from './calls.js';

const alt = (m: Memory, tool: string): { date: string; time: string } => {
  const start = m[tool]?.alternatives?.[0]?.start ?? '';
  return { date: start.slice(0, 10), time: start.slice(11, 16) };
};
const firstAppointment = (m: Memory) => m.get_customer_appointments?.appointments?.[0]?.id ?? '';

/** Days used by the scripts (weekdays from `nextWeekday`). */
export interface ScriptDays {
  readonly d1: string;
  readonly d2: string;
  readonly d3: string;
  readonly d4: string;
}

/**
 * The scripts, in the order they are played (later calls know the earlier callers).
 *
 * @param days - The days to book on.
 * @param mock - The stand-in (to book elsewhere, lose an answer, go down).
 * @returns The scripts.
 */
export function demoScripts(days: ScriptDays, mock: CalcomMock): Script[] {
  const { d1, d2, d3, d4 } = days;
  const erika = '+4917011110001';
  const john = '+4917011110002';
  const de = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.`;
  return [
    {
      title: 'DE · new caller · service by name · wish taken → alternative · lost answer',
      callId: 'call_sim_1',
      from: erika,
      locale: 'de',
      books: true,
      steps: [
        {
          note: `someone books Haarschnitt on ${d1} 10:00 on Cal.com's own page (its signed webhook updates our cache)`,
          run: async () => {
            mock.bookElsewhere({
              eventTypeId: 1001,
              start: `${d1}T09:00:00Z`,
              attendee: { name: 'Walk In', email: 'walkin@example.com', timeZone: 'Europe/Berlin' },
            });
            await mock.flushWebhooks();
          },
        },
        { caller: `Ich hätte gern einen Haarschnitt am ${de(d1)} um 10 Uhr.` },
        {
          tool: 'check_availability',
          args: () => ({ dienstleistung: 'Haarschnitt', datum: de(d1), uhrzeit: '10 Uhr' }),
          expect: ['unavailable'],
        },
        { caller: 'Dann nehme ich den ersten Termin. Erika Muster.' },
        {
          note: 'Cal.com will process the next booking but lose its answer',
          run: () => mock.loseNextResponse('bookings.create', { delayMs: 300 }),
        },
        {
          tool: 'book_appointment',
          args: (m) => ({
            dienstleistung: 'Haarschnitt',
            datum: alt(m, 'check_availability').date,
            uhrzeit: alt(m, 'check_availability').time,
            name: 'Erika Muster',
            bestaetigung: 'ja',
          }),
          expect: ['booked'],
        },
        {
          note: 'lost answer reconciled: exactly one booking exists at that time',
          run: () => {
            // Made through voicebook (the fixture holds bookings of its own).
            const n = mock
              .bookings()
              .filter(
                (b) => b.status === 'accepted' && b.metadata?.voicebook_appointment !== undefined,
              ).length;
            if (n !== 1) throw new Error(`expected one booking, found ${n}`);
          },
        },
      ],
    },
    {
      title: 'EN · new caller · services by listing (args at root) · free wish',
      callId: 'call_sim_2',
      from: john,
      locale: 'en',
      books: true,
      steps: [
        { caller: 'Hi, what can I book with you?' },
        {
          tool: 'list_services',
          args: () => ({}),
          shape: 'root',
          expect: ['categories', 'services'],
        },
        { caller: 'Hair, please.' },
        {
          tool: 'list_services',
          args: () => ({ category: 'Haare' }),
          shape: 'root',
          expect: ['services'],
        },
        { caller: `Styling on ${d2} at 2 pm.` },
        {
          tool: 'check_availability',
          args: () => ({ service: 'Styling', date: d2, time: '2pm' }),
          shape: 'root',
          expect: ['available'],
        },
        { caller: 'Yes, please book it. John Smith.' },
        {
          tool: 'book_appointment',
          args: () => ({
            service: 'Styling',
            date: d2,
            time: '14:00',
            customer_name: 'John Smith',
            confirmed: true,
          }),
          expect: ['booked'],
        },
      ],
    },
    {
      title: 'EN · second caller wants the same slot · refused → alternative',
      callId: 'call_sim_3',
      from: '+4917011110003',
      locale: 'en',
      books: true,
      steps: [
        { caller: `Styling on ${d2} at 2 pm, my name is Mary Major, yes book it.` },
        {
          tool: 'book_appointment',
          args: () => ({
            service: 'Styling',
            date: d2,
            time: '14:00',
            customer_name: 'Mary Major',
            confirmed: true,
          }),
          expect: ['unavailable'],
        },
        { caller: 'The first one you offered, then.' },
        {
          tool: 'book_appointment',
          args: (m) => ({
            service: 'Styling',
            ...alt(m, 'book_appointment'),
            customer_name: 'Mary Major',
            confirmed: true,
          }),
          expect: ['booked'],
        },
      ],
    },
    {
      title: 'DE · known caller · staff name asked back and spelled',
      callId: 'call_sim_4',
      from: erika,
      locale: 'de',
      books: true,
      steps: [
        { caller: 'Ich möchte zum Färben, am liebsten bei Schmidt.' },
        { tool: 'resolve_name', args: () => ({ name: 'Schmidt' }), expect: ['ambiguous', 'match'] },
        { caller: 'S C H M I D T' },
        {
          tool: 'resolve_name',
          args: (m) => ({ name: 'S C H M I D T', state: m.resolve_name?.state }),
          expect: ['match'],
        },
        { caller: `Am ${de(d3)} um 11 Uhr.` },
        {
          tool: 'check_availability',
          args: () => ({
            dienstleistung: 'Färben',
            datum: de(d3),
            uhrzeit: '11:00',
            mitarbeiter: 'Anna Schmidt',
          }),
          expect: ['available', 'unavailable'],
        },
        { caller: 'Ja, bitte buchen.' },
        {
          tool: 'book_appointment',
          args: (m) => {
            const c = m.check_availability;
            const slot =
              c?.result === 'available'
                ? { datum: de(d3), uhrzeit: '11:00' }
                : {
                    datum: alt(m, 'check_availability').date,
                    uhrzeit: alt(m, 'check_availability').time,
                  };
            return {
              dienstleistung: 'Färben',
              ...slot,
              mitarbeiter: 'Anna Schmidt',
              bestaetigung: true,
            };
          },
          expect: ['booked'],
        },
      ],
    },
    {
      title: 'DE · known caller · reschedule',
      callId: 'call_sim_5',
      from: erika,
      locale: 'de',
      books: false,
      steps: [
        { caller: 'Ich muss meinen Haarschnitt verschieben.' },
        { tool: 'get_customer_appointments', args: () => ({}), expect: ['found'] },
        { caller: `Auf den ${de(d4)} um 15 Uhr, bitte.` },
        {
          tool: 'reschedule_appointment',
          args: (m) => ({
            termin_id: firstAppointment(m),
            datum: de(d4),
            uhrzeit: '15 Uhr',
            bestaetigung: 'ja',
          }),
          expect: ['rescheduled', 'unavailable'],
        },
      ],
    },
    {
      title: 'EN · known caller · cancel · Cal.com down for a moment',
      callId: 'call_sim_6',
      from: john,
      locale: 'en',
      books: false,
      steps: [
        { caller: 'Please cancel my appointment.' },
        { tool: 'get_customer_appointments', args: () => ({}), expect: ['found'] },
        {
          tool: 'cancel_appointment',
          args: (m) => ({ appointment_id: firstAppointment(m), confirmed: true }),
          expect: ['cancelled', 'error'],
        },
        {
          note: 'Cal.com goes down (every request 503)',
          run: () => mock.setErrorRate('*', { rate: 1, statuses: [503] }),
        },
        { caller: `And is Styling on ${d2} at 3 pm still free, for a friend?` },
        {
          tool: 'check_availability',
          args: () => ({ service: 'Styling', date: d2, time: '15:00' }),
          shape: 'root',
        },
        { note: 'Cal.com is back', run: () => mock.setErrorRate('*', { rate: 0 }) },
      ],
    },
  ];
}
