import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isValidTimeZone } from './time.js';

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

/** The calendar the stand-in serves: plain JSON (see `fixtures/salon-demo.json`). */
export interface CalcomFixture {
  user: { id: number; username: string; name: string; email: string; timeZone: string };
  eventTypes: FixtureEventType[];
  hours: FixtureHours[];
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
 * @throws Error naming the first bad field, e.g. `bookings.0.time must be HH:MM`.
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

/** Reads and checks a JSON fixture file. @throws as {@link parseFixture}, or when the file is not JSON. */
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
