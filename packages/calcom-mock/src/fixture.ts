import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isValidTimeZone } from './time.js';

/** One bookable event type of the stand-in's calendar. */
export interface FixtureEventType {
  /** Event type id, as a tenant's `eventTypeId` names it. */
  id: number;
  /** URL slug (`haarschnitt`). */
  slug: string;
  /** Display title (`Haarschnitt`). */
  title: string;
  /** Length of an appointment, minutes. */
  lengthInMinutes: number;
  /** Minutes between offered slot starts. @default lengthInMinutes */
  slotIntervalMinutes?: number;
}

/** Opening hours of one weekday (`0` = Sunday … `6` = Saturday), local `HH:MM` in the user's zone. */
export interface FixtureHours {
  /** Weekday, `0` = Sunday … `6` = Saturday; a day not listed is closed. */
  day: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** First slot start, `HH:MM`. */
  from: string;
  /** Closing time, `HH:MM`: the last slot ends by then. */
  to: string;
}

/** A booking present when the stand-in starts; `daysFromToday` keeps the fixture valid on any date. */
export interface FixtureBooking {
  /** The event type it is booked on. */
  eventTypeId: number;
  /** Day of the booking: `0` today, `1` tomorrow, … (in the user's zone). */
  daysFromToday: number;
  /** Local `HH:MM` in the user's zone. */
  time: string;
  /** Who it is booked for. */
  attendee: {
    /** Full name. */
    name: string;
    /** E-mail address. */
    email: string;
    /** IANA time zone. */
    timeZone: string;
  };
}

/** The calendar the stand-in serves: plain JSON (see `fixtures/salon-demo.json`). */
export interface CalcomFixture {
  /** The Cal.com user owning every event type (the host of every booking). */
  user: {
    /** User id. */
    id: number;
    /** Username, as `GET /v2/event-types?username=` takes it. */
    username: string;
    /** Display name. */
    name: string;
    /** E-mail address. */
    email: string;
    /** IANA zone the opening hours are in (`Europe/Berlin`). */
    timeZone: string;
  };
  /** The bookable event types. */
  eventTypes: FixtureEventType[];
  /** Opening hours per weekday; slots are offered only within them. */
  hours: FixtureHours[];
  /** Bookings present at start (and after `reset()`). */
  bookings: FixtureBooking[];
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const zone = z.string().refine(isValidTimeZone, 'must be an IANA time zone');

const fixtureSchema = z
  .strictObject({
    user: z.strictObject({
      id: z.number().int().positive(),
      username: z.string().min(1),
      name: z.string().min(1),
      email: z.email(),
      timeZone: zone,
    }),
    eventTypes: z
      .array(
        z.strictObject({
          id: z.number().int().positive(),
          slug: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case slug'),
          title: z.string().min(1),
          lengthInMinutes: z.number().int().positive(),
          slotIntervalMinutes: z.number().int().positive().optional(),
        }),
      )
      .min(1),
    hours: z.array(
      z
        .strictObject({
          day: z.union([0, 1, 2, 3, 4, 5, 6].map((d) => z.literal(d))),
          from: hhmm,
          to: hhmm,
        })
        .refine((h) => h.from < h.to, { message: 'from must be before to', path: ['to'] }),
    ),
    bookings: z.array(
      z.strictObject({
        eventTypeId: z.number().int().positive(),
        daysFromToday: z.number().int(),
        time: hhmm,
        attendee: z.strictObject({ name: z.string().min(1), email: z.email(), timeZone: zone }),
      }),
    ),
  })
  .superRefine((f, ctx) => {
    const ids = f.eventTypes.map((e) => e.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        ctx.addIssue({ code: 'custom', message: 'duplicate id', path: ['eventTypes', i, 'id'] });
      }
    });
    f.bookings.forEach((b, i) => {
      if (!ids.includes(b.eventTypeId)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown event type ${String(b.eventTypeId)}`,
          path: ['bookings', i, 'eventTypeId'],
        });
      }
    });
  });

/**
 * Checks a fixture (e.g. parsed from a JSON file) and returns it typed.
 *
 * @param value - the fixture as plain JSON data.
 * @returns the same fixture, typed.
 * @throws Error naming the first bad field, e.g. `bookings.0.time must be HH:MM`.
 * @example
 * ```ts
 * const fixture = parseFixture({ ...defaultFixture, bookings: [] }); // an empty calendar
 * const mock = await startCalcomMock({ fixture });
 * ```
 */
export function parseFixture(value: unknown): CalcomFixture {
  const r = fixtureSchema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(
      `Invalid calcom-mock fixture: ${i?.path.map(String).join('.') || '(fixture)'} ${i?.message ?? 'is invalid'}`,
    );
  }
  return r.data as CalcomFixture;
}

/**
 * Reads and checks a JSON fixture file.
 *
 * @param path - the file, a path or a `file:` URL.
 * @returns the fixture, typed.
 * @throws as {@link parseFixture}, or when the file cannot be read or is not JSON.
 * @example
 * ```ts
 * const mock = await startCalcomMock({ fixture: loadFixture('./test/my-calendar.json') });
 * ```
 */
export function loadFixture(path: string | URL): CalcomFixture {
  return parseFixture(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * A hair salon in Berlin (`fixtures/salon-demo.json`): three services, Mon–Fri 09–18, Sat 09–14,
 * a few bookings ahead.
 */
export const defaultFixture: CalcomFixture = loadFixture(
  new URL('../fixtures/salon-demo.json', import.meta.url),
);
