/** One bookable event type of the stand-in's calendar. */
export interface FixtureEventType {
  id: number;
  slug: string;
  title: string;
  lengthInMinutes: number;
  /** Minutes between offered slot starts. @default lengthInMinutes */
  slotIntervalMinutes?: number;
}

/** Opening hours of one weekday (`0` = Sunday … `6` = Saturday), local `HH:MM` in the user's zone. */
export interface FixtureHours {
  day: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  from: string;
  to: string;
}

/** A booking present when the stand-in starts; `daysFromToday` keeps the fixture valid on any date. */
export interface FixtureBooking {
  eventTypeId: number;
  daysFromToday: number;
  /** Local `HH:MM` in the user's zone. */
  time: string;
  attendee: { name: string; email: string; timeZone: string };
}

/** The calendar the stand-in serves. */
export interface CalcomFixture {
  user: { id: number; username: string; name: string; email: string; timeZone: string };
  eventTypes: FixtureEventType[];
  hours: FixtureHours[];
  bookings: FixtureBooking[];
}

/** A hair salon in Berlin: three services, Mon–Fri 09–18, Sat 09–14, a few bookings ahead. */
export const defaultFixture: CalcomFixture = {
  user: {
    id: 1,
    username: 'salon-demo',
    name: 'Salon Demo',
    email: 'owner@salon-demo.example',
    timeZone: 'Europe/Berlin',
  },
  eventTypes: [
    { id: 1001, slug: 'haarschnitt', title: 'Haarschnitt', lengthInMinutes: 30 },
    { id: 1002, slug: 'faerben', title: 'Färben', lengthInMinutes: 90, slotIntervalMinutes: 30 },
    { id: 1003, slug: 'beratung', title: 'Beratung', lengthInMinutes: 60 },
  ],
  hours: [1, 2, 3, 4, 5]
    .map((day) => ({ day: day as FixtureHours['day'], from: '09:00', to: '18:00' }))
    .concat([{ day: 6, from: '09:00', to: '14:00' }]),
  bookings: [
    {
      eventTypeId: 1001,
      daysFromToday: 1,
      time: '10:00',
      attendee: { name: 'Erika Muster', email: 'erika@example.com', timeZone: 'Europe/Berlin' },
    },
    {
      eventTypeId: 1003,
      daysFromToday: 2,
      time: '14:00',
      attendee: { name: 'Max Muster', email: 'max@example.com', timeZone: 'Europe/Berlin' },
    },
  ],
};
