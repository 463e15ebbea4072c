import type { z } from 'zod';
import type { CalcomFixture, FixtureEventType } from './fixture.js';
import type { BookingOutput, ReservationOutput } from './outputs.js';
import {
  HttpFailure,
  OUT_OF_BOUNDS,
  SLOT_TAKEN,
  locationString,
  shortUid,
  type createBody,
  type slotsQuery,
} from './requests.js';
import { localDate, zonedToInstant } from './time.js';

// The stand-in's calendar: the fixture's event types and hours, the bookings and slot
// reservations made, and the free slots they leave. Saved and restored around every write.

/** A held slot as the stand-in stores it (answered as a `ReservationOutput`). */
export interface Reservation {
  uid: string;
  eventTypeId: number;
  startMs: number;
  lengthMin: number;
  durationMin: number;
  untilMs: number;
}

/** What {@link Calendar.snapshot} saves. */
export interface Saved {
  bookings: BookingOutput[];
  nextId: number;
  reservations: Map<string, Reservation>;
}

/** The calendar's state and rules. */
export type Calendar = ReturnType<typeof createCalendar>;

const hhmm = (s: string): [number, number] => {
  const [h, m] = s.split(':').map(Number);
  return [h ?? 0, m ?? 0];
};

/** Creates the calendar of `fixture`, seeded with its bookings. */
export function createCalendar(fixture: CalcomFixture, now: () => Date, maxRangeDays: number) {
  const zone = fixture.user.timeZone;
  const state = {
    bookings: [] as BookingOutput[],
    nextId: 1,
    reservations: new Map<string, Reservation>(),
  };
  const eventType = (id: number): FixtureEventType => {
    const et = fixture.eventTypes.find((e) => e.id === id);
    if (!et) throw new HttpFailure(404, `Event type with id ${id} not found.`);
    return et;
  };

  /** The event type a slots query names, by id, slug + username, team or usernames (NOTES §2.1). */
  const slotsEventType = (q: z.infer<typeof slotsQuery>): FixtureEventType => {
    const notFound = new HttpFailure(404, 'Event Type not found');
    const userOf = (name: string) => {
      if (name !== fixture.user.username || q.organizationSlug !== undefined) {
        throw new HttpFailure(404, `User with username ${name} not found`);
      }
    };
    if (q.eventTypeId !== undefined) {
      const et = fixture.eventTypes.find((e) => e.id === q.eventTypeId);
      if (!et) throw notFound;
      return et;
    }
    if (q.usernames !== undefined) {
      // A dynamic event needs at least two users; the stand-in has one.
      for (const name of q.usernames.split(',')) userOf(name);
      throw new HttpFailure(400, 'usernames must name at least 2 users');
    }
    if (q.eventTypeSlug !== undefined && q.teamSlug !== undefined) {
      throw new HttpFailure(404, `Team with slug ${q.teamSlug} not found`);
    }
    if (q.eventTypeSlug !== undefined && q.username !== undefined) {
      userOf(q.username);
      const et = fixture.eventTypes.find((e) => e.slug === q.eventTypeSlug);
      if (!et) throw notFound;
      return et;
    }
    throw new HttpFailure(
      400,
      'Provide eventTypeId, eventTypeSlug with username or teamSlug, or usernames',
    );
  };

  const makeBooking = (
    et: FixtureEventType,
    startMs: number,
    attendee: BookingOutput['attendees'][number],
    extra: Partial<BookingOutput> = {},
  ): BookingOutput => {
    const stamp = now().toISOString();
    const u = fixture.user;
    return {
      id: state.nextId++,
      uid: shortUid(),
      title: `${et.title} between ${u.name} and ${attendee.name}`,
      description: '',
      hosts: [{ id: u.id, name: u.name, email: u.email, username: u.username, timeZone: zone }],
      status: 'accepted',
      start: new Date(startMs).toISOString(),
      end: new Date(startMs + et.lengthInMinutes * 60_000).toISOString(),
      duration: et.lengthInMinutes,
      eventTypeId: et.id,
      eventType: { id: et.id, slug: et.slug },
      location: 'integrations:daily',
      absentHost: false,
      createdAt: stamp,
      updatedAt: stamp,
      attendees: [attendee],
      bookingFieldsResponses: { name: attendee.name, email: attendee.email },
      ...extra,
    };
  };

  const seed = (): void => {
    state.bookings = [];
    state.nextId = 1;
    const today = localDate(now().getTime(), zone);
    const [y, m, d] = today.split('-').map(Number);
    for (const b of fixture.bookings) {
      const [h, min] = hhmm(b.time);
      const day = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + b.daysFromToday));
      const start = zonedToInstant(
        day.getUTCFullYear(),
        day.getUTCMonth() + 1,
        day.getUTCDate(),
        h,
        min,
        zone,
      );
      state.bookings.push(
        makeBooking(eventType(b.eventTypeId), start, {
          ...b.attendee,
          language: 'de',
          absent: false,
        }),
      );
    }
  };
  seed();

  const reserved = (startMs: number, endMs: number, ignoreReservation?: string): boolean => {
    const nowMs = now().getTime();
    for (const r of state.reservations.values()) {
      if (r.untilMs <= nowMs || r.uid === ignoreReservation) continue;
      if (r.startMs < endMs && startMs < r.startMs + r.lengthMin * 60_000) return true;
    }
    return false;
  };

  const busy = (startMs: number, endMs: number, ignoreUid?: string): boolean =>
    reserved(startMs, endMs) ||
    state.bookings.some(
      (b) =>
        b.status === 'accepted' &&
        b.uid !== ignoreUid &&
        Date.parse(b.start) < endMs &&
        startMs < Date.parse(b.end),
    );

  /** Free slot starts of `et` in [fromMs, toMs], honouring hours, state.bookings and the clock. */
  const freeSlots = (
    et: FixtureEventType,
    fromMs: number,
    toMs: number,
    lengthMin: number,
    ignoreUid?: string,
  ): number[] => {
    const out: number[] = [];
    const interval = (et.slotIntervalMinutes ?? et.lengthInMinutes) * 60_000;
    const nowMs = now().getTime();
    // Walk local days from one before `fromMs` to one after `toMs` (zone offsets).
    const first = new Date(Date.parse(`${localDate(fromMs, zone)}T00:00:00Z`) - 86_400_000);
    const lastMs = Date.parse(`${localDate(toMs, zone)}T00:00:00Z`) + 86_400_000;
    for (let day = first; day.getTime() <= lastMs; day = new Date(day.getTime() + 86_400_000)) {
      const hours = fixture.hours.find((h) => h.day === day.getUTCDay());
      if (!hours) continue;
      const [fh, fm] = hhmm(hours.from);
      const [th, tm] = hhmm(hours.to);
      const y = day.getUTCFullYear();
      const mo = day.getUTCMonth() + 1;
      const d = day.getUTCDate();
      const open = zonedToInstant(y, mo, d, fh, fm, zone);
      const close = zonedToInstant(y, mo, d, th, tm, zone);
      for (let s = open; s + lengthMin * 60_000 <= close; s += interval) {
        if (s < fromMs || s > toMs || s <= nowMs) continue;
        if (!busy(s, s + lengthMin * 60_000, ignoreUid)) out.push(s);
      }
    }
    return out;
  };

  const parseRange = (start: string, end: string): [number, number] => {
    const s = Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
    let e = Date.parse(end.length === 10 ? `${end}T00:00:00Z` : end);
    if (end.length === 10 || end.endsWith('T00:00:00Z') || end.endsWith('T00:00:00.000Z')) {
      e += 86_399_000; // Cal.com pushes a midnight `end` to 23:59:59Z
    }
    if (!Number.isFinite(s) || !Number.isFinite(e) || e < s) {
      throw new HttpFailure(
        400,
        "Invalid time range given - check the 'start' and 'end' query parameters.",
      );
    }
    if (e - s > maxRangeDays * 86_400_000) {
      throw new HttpFailure(
        400,
        `Invalid time range given - the range between 'start' and 'end' must not exceed ${String(maxRangeDays)} days.`,
      );
    }
    return [s, e];
  };

  const findBooking = (uid: string): BookingOutput => {
    const b = state.bookings.find((x) => x.uid === uid);
    if (!b) throw new HttpFailure(404, `Booking with uid=${uid} was not found in the database`);
    return b;
  };

  const reservationOutput = (r: Reservation): ReservationOutput => ({
    eventTypeId: r.eventTypeId,
    slotStart: new Date(r.startMs).toISOString(),
    slotEnd: new Date(r.startMs + r.lengthMin * 60_000).toISOString(),
    slotDuration: r.lengthMin,
    reservationUid: r.uid,
    reservationDuration: r.durationMin,
    reservationUntil: new Date(r.untilMs).toISOString(),
  });

  const createBooking = (b: z.infer<typeof createBody>): BookingOutput => {
    const et = eventType(b.eventTypeId);
    const start = Date.parse(b.start);
    if (start <= now().getTime()) {
      throw new HttpFailure(400, 'Attempting to book a meeting in the past.');
    }
    const length = b.lengthInMinutes ?? et.lengthInMinutes;
    const offered = freeSlots(et, start, start, length);
    if (!offered.includes(start)) {
      throw new HttpFailure(400, busy(start, start + length * 60_000) ? SLOT_TAKEN : OUT_OF_BOUNDS);
    }
    const booking = makeBooking(
      et,
      start,
      {
        name: b.attendee.name,
        email: b.attendee.email ?? '',
        timeZone: b.attendee.timeZone,
        language: b.attendee.language ?? 'en',
        absent: false,
        ...(b.attendee.phoneNumber ? { phoneNumber: b.attendee.phoneNumber } : {}),
      },
      {
        ...(b.metadata ? { metadata: b.metadata } : {}),
        ...(b.location ? { location: locationString(b.location) } : {}),
        ...(b.guests ? { guests: b.guests } : {}),
        // Cal.com answers every response, the attendee's own included.
        bookingFieldsResponses: {
          name: b.attendee.name,
          ...(b.attendee.email ? { email: b.attendee.email } : {}),
          ...(b.attendee.phoneNumber ? { attendeePhoneNumber: b.attendee.phoneNumber } : {}),
          ...(b.guests ? { guests: b.guests } : {}),
          ...b.bookingFieldsResponses,
        },
      },
    );
    state.bookings.push(booking);
    return booking;
  };

  const snapshot = (): Saved => ({
    bookings: state.bookings.map((b) => ({ ...b })),
    nextId: state.nextId,
    reservations: new Map(state.reservations),
  });
  const restore = (saved: Saved): void => {
    state.bookings = saved.bookings;
    state.nextId = saved.nextId;
    state.reservations.clear();
    for (const [k, v] of saved.reservations) state.reservations.set(k, v);
  };

  return {
    fixture,
    zone,
    now,
    /** Every booking (the array is replaced on seed and restore: read it each time). */
    get bookings(): BookingOutput[] {
      return state.bookings;
    },
    reservations: state.reservations,
    eventType,
    slotsEventType,
    makeBooking,
    seed,
    reserved,
    busy,
    freeSlots,
    parseRange,
    findBooking,
    reservationOutput,
    createBooking,
    snapshot,
    restore,
  };
}
