import { randomUUID } from 'node:crypto';
import type { Calendar, Reservation } from './calendar.js';
import type { BookingOutput } from './outputs.js';
import {
  SLOT_TAKEN,
  OUT_OF_BOUNDS,
  HttpFailure,
  slotsQuery,
  createBody,
  reserveBody,
  cancelBody,
  listQuery,
  eventTypesQuery,
  rescheduleBody,
} from './requests.js';
import { parse } from './routes.js';
import { formatInZone, localDate } from './time.js';
import type { CalcomMockOperation } from './types.js';
import type { Webhooks } from './webhooks.js';

// What each operation does to the calendar and answers (Cal.com's controllers, NOTES.md §2–3).
// Throws `HttpFailure` for Cal.com's 4xx answers.

/** Runs `operation`; returns the status and `data` of the success envelope. */
export const handle = (
  cal: Calendar,
  webhooks: Webhooks,
  operation: CalcomMockOperation,
  uid: string | undefined,
  query: URLSearchParams,
  body: unknown,
  authed: boolean,
): { status: number; data: unknown; extra?: Record<string, unknown> } => {
  switch (operation) {
    case 'slots.reserve':
    case 'slots.updateReservation': {
      const input = parse(reserveBody, body);
      const existing = uid === undefined ? undefined : cal.reservations.get(uid);
      if (uid !== undefined && !existing) {
        throw new HttpFailure(404, `Slot with uid=${uid} not found`);
      }
      const et = cal.fixture.eventTypes.find((e) => e.id === input.eventTypeId);
      if (!et) throw new HttpFailure(404, `Event Type with ID=${input.eventTypeId} not found`);
      if (input.slotDuration !== undefined && input.slotDuration !== et.lengthInMinutes) {
        throw new HttpFailure(
          400,
          'slotDuration can only be specified for event types with multiple possible durations',
        );
      }
      if (input.reservationDuration !== undefined && !authed) {
        throw new HttpFailure(
          401,
          'reservationDuration can only be used for authenticated requests. If you want to reserve a slot for a custom duration, please provide an API key or access token.',
        );
      }
      const startMs = Date.parse(input.slotStart);
      const endMs = startMs + et.lengthInMinutes * 60_000;
      if (cal.reserved(startMs, endMs, existing?.uid)) {
        throw new HttpFailure(
          422,
          'This time slot is already reserved by another user. Please choose a different time.',
        );
      }
      if (
        cal.bookings.some(
          (b) =>
            b.status === 'accepted' && Date.parse(b.start) < endMs && startMs < Date.parse(b.end),
        )
      ) {
        throw new HttpFailure(422, "Can't reserve a slot if the event is already booked.");
      }
      const durationMin = input.reservationDuration ?? existing?.durationMin ?? 5;
      const r: Reservation = {
        uid: existing?.uid ?? randomUUID(),
        eventTypeId: et.id,
        startMs,
        lengthMin: et.lengthInMinutes,
        durationMin,
        untilMs: cal.now().getTime() + durationMin * 60_000,
      };
      cal.reservations.set(r.uid, r);
      return { status: uid === undefined ? 201 : 200, data: cal.reservationOutput(r) };
    }
    case 'slots.getReservation': {
      const r = cal.reservations.get(uid ?? '');
      const live = r && r.untilMs > cal.now().getTime() ? r : undefined;
      return { status: 200, data: live ? cal.reservationOutput(live) : null };
    }
    case 'slots.deleteReservation': {
      cal.reservations.delete(uid ?? '');
      return { status: 200, data: undefined };
    }
    case 'eventTypes.list': {
      const q = parse(eventTypesQuery, Object.fromEntries(query));
      if (q.eventSlug !== undefined && q.username === undefined) {
        throw new HttpFailure(400, 'eventSlug requires username');
      }
      // `usernames` asks for a dynamic group event of several users; the stand-in has one.
      const data =
        q.username === cal.fixture.user.username && q.orgSlug === undefined && q.orgId === undefined
          ? cal.fixture.eventTypes
              .filter((e) => q.eventSlug === undefined || e.slug === q.eventSlug)
              .map((e) => ({
                id: e.id,
                lengthInMinutes: e.lengthInMinutes,
                title: e.title,
                slug: e.slug,
                description: '',
                locations: [],
                bookingFields: [],
                disableGuests: false,
                recurrence: null,
                metadata: {},
                price: 0,
                currency: 'eur',
                lockTimeZoneToggleOnBookingPage: false,
                forwardParamsSuccessRedirect: null,
                successRedirectUrl: null,
                isInstantEvent: false,
                scheduleId: null,
                hidden: false,
                bookingRequiresAuthentication: false,
                ownerId: cal.fixture.user.id,
                users: [cal.fixture.user.username],
                slotInterval: e.slotIntervalMinutes ?? null,
              }))
          : [];
      return { status: 200, data };
    }
    case 'slots.find': {
      const q = parse(slotsQuery, Object.fromEntries(query));
      const et = cal.slotsEventType(q);
      const [from, to] = cal.parseRange(q.start, q.end);
      const length = q.duration ?? et.lengthInMinutes;
      const data: Record<string, Array<{ start: string; end?: string }>> = {};
      for (const s of cal.freeSlots(et, from, to, length, q.bookingUidToReschedule)) {
        const key = localDate(s, q.timeZone ?? 'UTC');
        const slot: { start: string; end?: string } = { start: formatInZone(s, q.timeZone) };
        if (q.format === 'range') slot.end = formatInZone(s + length * 60_000, q.timeZone);
        (data[key] ??= []).push(slot);
      }
      return { status: 200, data };
    }
    case 'bookings.create': {
      const booking = cal.createBooking(parse(createBody, body));
      webhooks.fire('BOOKING_CREATED', booking);
      return { status: 201, data: booking };
    }
    case 'bookings.get':
      return { status: 200, data: cal.findBooking(uid ?? '') };
    case 'bookings.list': {
      if (!authed) {
        throw new HttpFailure(
          401,
          "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers",
        );
      }
      const q = parse(listQuery, Object.fromEntries(query));
      const nowMs = cal.now().getTime();
      const t = (v: string) => Date.parse(v);
      let list = cal.bookings.slice();
      if (q.status) {
        const wanted = q.status.split(',');
        list = list.filter((b) => {
          const over = t(b.end) <= nowMs;
          const live = b.status === 'accepted' || b.status === 'pending';
          return (
            (wanted.includes('upcoming') && !over && live) ||
            (wanted.includes('past') && over && live) ||
            (wanted.includes('cancelled') &&
              (b.status === 'cancelled' || b.status === 'rejected')) ||
            (wanted.includes('unconfirmed') && !over && b.status === 'pending')
            // 'recurring': the fixture has no recurring event types
          );
        });
      }
      const ids = [
        ...(q.eventTypeIds?.split(',').map(Number) ?? []),
        ...(q.eventTypeId ? [Number(q.eventTypeId)] : []),
      ];
      if (ids.length > 0) list = list.filter((b) => ids.includes(b.eventTypeId));
      // The stand-in's calendar belongs to one user, in no team.
      if (q.teamId !== undefined || q.teamsIds !== undefined) list = [];
      const email = q.attendeeEmail?.toLowerCase();
      if (email)
        list = list.filter((b) => b.attendees.some((a) => a.email.toLowerCase() === email));
      const name = q.attendeeName?.toLowerCase();
      if (name) {
        list = list.filter((b) => b.attendees.some((a) => a.name.toLowerCase().includes(name)));
      }
      if (q.bookingUid) list = list.filter((b) => b.uid === q.bookingUid);
      const bound = (
        v: string | undefined,
        field: (b: BookingOutput) => string,
        after: boolean,
      ) => {
        if (v === undefined) return;
        list = list.filter((b) => (after ? t(field(b)) >= t(v) : t(field(b)) <= t(v)));
      };
      bound(q.afterStart, (b) => b.start, true);
      bound(q.beforeEnd, (b) => b.end, false);
      bound(q.afterCreatedAt, (b) => b.createdAt, true);
      bound(q.beforeCreatedAt, (b) => b.createdAt, false);
      bound(q.afterUpdatedAt, (b) => b.updatedAt, true);
      bound(q.beforeUpdatedAt, (b) => b.updatedAt, false);
      const sorts: Array<[('asc' | 'desc') | undefined, (b: BookingOutput) => string]> = [
        [q.sortStart, (b) => b.start],
        [q.sortEnd, (b) => b.end],
        [q.sortCreated, (b) => b.createdAt],
        [q.sortUpdatedAt, (b) => b.updatedAt],
      ];
      for (const [dir, field] of sorts) {
        if (!dir) continue;
        list.sort((a, b) => (t(field(a)) - t(field(b))) * (dir === 'asc' ? 1 : -1));
        break;
      }
      const take = q.take ?? 100;
      const skip = q.skip ?? 0;
      const page = list.slice(skip, skip + take);
      const pagination = {
        totalItems: list.length,
        remainingItems: Math.max(0, list.length - skip - page.length),
        returnedItems: page.length,
        itemsPerPage: take,
        currentPage: Math.floor(skip / take) + 1,
        totalPages: Math.max(1, Math.ceil(list.length / take)),
        hasNextPage: skip + page.length < list.length,
        hasPreviousPage: skip > 0,
      };
      return { status: 200, data: page, extra: { pagination } };
    }
    case 'bookings.cancel': {
      const b = cal.findBooking(uid ?? '');
      const input = parse(cancelBody, body ?? {});
      if (b.status === 'cancelled')
        throw new HttpFailure(400, 'This booking has already been cancelled.');
      if (Date.parse(b.end) <= cal.now().getTime()) {
        throw new HttpFailure(400, 'Cannot cancel a booking that has already ended');
      }
      b.status = 'cancelled';
      b.updatedAt = cal.now().toISOString();
      if (input.cancellationReason) b.cancellationReason = input.cancellationReason;
      webhooks.fire('BOOKING_CANCELLED', b);
      return { status: 200, data: b };
    }
    case 'bookings.reschedule': {
      const old = cal.findBooking(uid ?? '');
      const input = parse(rescheduleBody, body);
      if (old.status === 'cancelled') {
        throw new HttpFailure(
          400,
          old.rescheduledToUid
            ? `Can't reschedule booking with uid=${old.uid} because it has been cancelled and rescheduled already to booking with uid=${old.rescheduledToUid}.`
            : `Can't reschedule booking with uid=${old.uid} because it has been cancelled.`,
        );
      }
      const et = cal.eventType(old.eventTypeId);
      const start = Date.parse(input.start);
      if (start <= cal.now().getTime()) {
        throw new HttpFailure(400, 'Attempting to book a meeting in the past.');
      }
      if (!cal.freeSlots(et, start, start, old.duration, old.uid).includes(start)) {
        const end = start + old.duration * 60_000;
        const taken =
          cal.reserved(start, end) ||
          cal.bookings.some(
            (b) =>
              b.status === 'accepted' &&
              b.uid !== old.uid &&
              Date.parse(b.start) < end &&
              start < Date.parse(b.end),
          );
        throw new HttpFailure(400, taken ? SLOT_TAKEN : OUT_OF_BOUNDS);
      }
      const attendee = old.attendees[0] ?? {
        name: '',
        email: '',
        timeZone: cal.zone,
        language: 'en',
        absent: false,
      };
      const next = cal.makeBooking(et, start, attendee, {
        rescheduledFromUid: old.uid,
        ...(input.reschedulingReason ? { reschedulingReason: input.reschedulingReason } : {}),
        ...(input.rescheduledBy ? { rescheduledByEmail: input.rescheduledBy } : {}),
        ...(old.metadata ? { metadata: old.metadata } : {}),
      });
      old.status = 'cancelled';
      old.rescheduledToUid = next.uid;
      old.updatedAt = cal.now().toISOString();
      cal.bookings.push(next);
      webhooks.fire('BOOKING_RESCHEDULED', next, old);
      return { status: 201, data: next };
    }
  }
};
