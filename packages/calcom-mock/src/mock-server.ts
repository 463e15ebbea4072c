import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { z } from 'zod';
import type { CalcomMock } from './api.js';
import { createContractValidator, type ContractValidator } from './contract.js';
import { defaultFixture, type FixtureEventType } from './fixture.js';
import type { BookingOutput, MockRequestRecord, ReservationOutput } from './outputs.js';
import {
  VERSIONS,
  KNOWN_VERSIONS,
  EXCEPTION,
  SLOT_TAKEN,
  OUT_OF_BOUNDS,
  HttpFailure,
  slotsQuery,
  createBody,
  reserveBody,
  REALISTIC,
  THROTTLED,
  prng,
  cancelBody,
  listQuery,
  eventTypesQuery,
  rescheduleBody,
  locationString,
  zodMessage,
  MAX_BODY_DEPTH,
  nestedDeeper,
  isJsonContentType,
  decodeParam,
  shortUid,
} from './requests.js';
import { formatInZone, localDate, zonedToInstant } from './time.js';
import {
  DEFAULT_MOCK_API_KEY,
  defaultContractMode,
  type CalcomMockOperation,
  type CalcomMockOptions,
  type LatencyTable,
  type WebhookDelivery,
  type WebhookSubscription,
  type WebhookTrigger,
} from './types.js';

export type { CalcomMock } from './api.js';
export type { BookingOutput, MockRequestRecord, ReservationOutput } from './outputs.js';
export { DEFAULT_MOCK_API_KEY, defaultContractMode } from './types.js';
export type {
  CalcomMockOperation,
  CalcomMockOptions,
  ContractMode,
  ErrorRateOptions,
  LatencySpec,
  LatencyTable,
  RateLimitOptions,
  WebhookDelivery,
  WebhookSubscription,
  WebhookTrigger,
} from './types.js';

// Compiling the document's schemas takes a while; every stand-in of a process shares one.
let sharedContract: ContractValidator | undefined;

/**
 * Starts a local Cal.com API v2 stand-in on 127.0.0.1.
 *
 * @param options - port, fixture, clock, faults, webhooks and the contract check; every field optional.
 * @returns the running stand-in, once it listens; `close()` stops it.
 * @throws Node's listen error (e.g. `EADDRINUSE`) when the port cannot be bound.
 * @example
 * ```ts
 * const mock = await startCalcomMock({ port: 0 });
 * const res = await fetch(`${mock.url}/v2/event-types?username=salon-demo`, {
 *   headers: { 'cal-api-version': '2024-06-14' },
 * });
 * await mock.close();
 * ```
 */
export async function startCalcomMock(options: CalcomMockOptions = {}): Promise<CalcomMock> {
  const fixture = options.fixture ?? defaultFixture;
  const apiKeys = options.apiKeys ?? [DEFAULT_MOCK_API_KEY];
  const now = options.now ?? (() => new Date());
  const zone = fixture.user.timeZone;
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const maxRangeDays = options.maxSlotsRangeDays ?? 400;
  /** Webhook sends of the request being handled: started only once its answer commits. */
  let outbox: Array<() => void> | undefined;
  const requests: MockRequestRecord[] = [];
  const failures = new Map<CalcomMockOperation, Array<{ status: number; body?: unknown }>>();
  const lost = new Map<CalcomMockOperation, { delayMs?: number }>();
  const sockets = new Set<Socket>();
  const held = new Set<ReturnType<typeof setTimeout>>();
  let bookings: BookingOutput[] = [];
  let nextId = 1;
  interface Reservation {
    uid: string;
    eventTypeId: number;
    startMs: number;
    lengthMin: number;
    durationMin: number;
    untilMs: number;
  }
  const reservations = new Map<string, Reservation>();
  let random = prng(options.seed ?? 1);
  let latency: LatencyTable =
    options.latency === 'realistic'
      ? { ...REALISTIC }
      : options.latency === 'none' || options.latency === undefined
        ? {}
        : { ...options.latency };
  const errorRates = new Map<
    CalcomMockOperation | '*',
    { rate: number; statuses: number[]; burst: number; left: number; status: number }
  >();
  const rateLimit =
    options.rateLimit === undefined || options.rateLimit === false
      ? undefined
      : {
          limit: options.rateLimit.limit ?? 120,
          windowMs: options.rateLimit.windowMs ?? 60_000,
          blockMs: options.rateLimit.blockMs ?? 60_000,
        };
  const buckets = new Map<string, { windowStart: number; count: number; blockedUntil: number }>();
  const webhooks: WebhookSubscription[] = [...(options.webhooks ?? [])];
  const deliveries: WebhookDelivery[] = [];
  const pendingDeliveries = new Set<Promise<void>>();
  const contractMode = options.contract ?? defaultContractMode();
  const contract: ContractValidator | undefined =
    contractMode === 'off' ? undefined : (sharedContract ??= createContractValidator());
  const contractViolations: Array<{
    operation: CalcomMockOperation | undefined;
    status: number;
    errors: string[];
  }> = [];
  /** Checks one answer; returns whether it conforms (always `true` with the check off). */
  const conforms = (
    operation: CalcomMockOperation | undefined,
    status: number,
    payload: unknown,
  ): boolean => {
    if (!contract) return true;
    const errors = contract.validate(operation, status, JSON.parse(JSON.stringify(payload)));
    if (errors.length === 0) return true;
    contractViolations.push({ operation, status, errors });
    return false;
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

  const hhmm = (s: string): [number, number] => {
    const [h, m] = s.split(':').map(Number);
    return [h ?? 0, m ?? 0];
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
      id: nextId++,
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
    bookings = [];
    nextId = 1;
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
      bookings.push(
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
    for (const r of reservations.values()) {
      if (r.untilMs <= nowMs || r.uid === ignoreReservation) continue;
      if (r.startMs < endMs && startMs < r.startMs + r.lengthMin * 60_000) return true;
    }
    return false;
  };

  const busy = (startMs: number, endMs: number, ignoreUid?: string): boolean =>
    reserved(startMs, endMs) ||
    bookings.some(
      (b) =>
        b.status === 'accepted' &&
        b.uid !== ignoreUid &&
        Date.parse(b.start) < endMs &&
        startMs < Date.parse(b.end),
    );

  /** Free slot starts of `et` in [fromMs, toMs], honouring hours, bookings and the clock. */
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
    const b = bookings.find((x) => x.uid === uid);
    if (!b) throw new HttpFailure(404, `Booking with uid=${uid} was not found in the database`);
    return b;
  };

  const parse = <T>(schema: z.ZodType<T>, input: unknown): T => {
    const r = schema.safeParse(input);
    if (!r.success) throw new HttpFailure(400, zodMessage(r.error));
    return r.data;
  };

  const route = (
    method: string,
    path: string,
  ): { operation: CalcomMockOperation; uid?: string } | undefined => {
    if (method === 'GET' && path === '/v2/slots') return { operation: 'slots.find' };
    if (method === 'POST' && path === '/v2/slots/reservations')
      return { operation: 'slots.reserve' };
    const r = /^\/v2\/slots\/reservations\/([^/]+)$/.exec(path);
    if (r?.[1]) {
      const ruid = decodeParam(r[1]);
      if (method === 'GET') return { operation: 'slots.getReservation', uid: ruid };
      if (method === 'PATCH') return { operation: 'slots.updateReservation', uid: ruid };
      if (method === 'DELETE') return { operation: 'slots.deleteReservation', uid: ruid };
      return undefined;
    }
    if (method === 'GET' && path === '/v2/event-types') return { operation: 'eventTypes.list' };
    if (method === 'POST' && path === '/v2/bookings') return { operation: 'bookings.create' };
    if (method === 'GET' && path === '/v2/bookings') return { operation: 'bookings.list' };
    const m = /^\/v2\/bookings\/([^/]+)(\/cancel|\/reschedule)?$/.exec(path);
    if (!m?.[1]) return undefined;
    const uid = decodeParam(m[1]);
    if (method === 'GET' && !m[2]) return { operation: 'bookings.get', uid };
    if (method === 'POST' && m[2] === '/cancel') return { operation: 'bookings.cancel', uid };
    if (method === 'POST' && m[2] === '/reschedule')
      return { operation: 'bookings.reschedule', uid };
    return undefined;
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
    bookings.push(booking);
    return booking;
  };

  /** Cal.com's webhook payload: the CalendarEvent plus event-type fields (NOTES.md §4). */
  const webhookPayload = (
    trigger: WebhookTrigger,
    b: BookingOutput,
    previous?: BookingOutput,
  ): Record<string, unknown> => {
    const et = fixture.eventTypes.find((e) => e.id === b.eventTypeId);
    const u = fixture.user;
    return {
      type: et?.slug ?? b.eventType.slug,
      title: b.title,
      description: b.description,
      additionalNotes: '',
      startTime: b.start,
      endTime: b.end,
      organizer: {
        id: u.id,
        name: u.name,
        email: u.email,
        username: u.username,
        timeZone: u.timeZone,
        language: { locale: 'de' },
        timeFormat: 'HH:mm',
      },
      attendees: b.attendees.map((a) => ({
        name: a.name,
        email: a.email,
        timeZone: a.timeZone,
        language: { locale: a.language },
        ...(a.phoneNumber ? { phoneNumber: a.phoneNumber } : {}),
      })),
      responses: b.bookingFieldsResponses,
      location: b.location,
      uid: b.uid,
      bookingId: b.id,
      eventTypeId: b.eventTypeId,
      eventTitle: et?.title ?? b.title,
      length: b.duration,
      price: 0,
      currency: 'eur',
      metadata: b.metadata ?? {},
      status: trigger === 'BOOKING_CANCELLED' ? 'CANCELLED' : 'ACCEPTED',
      ...(trigger === 'BOOKING_CANCELLED'
        ? {
            cancellationReason: b.cancellationReason ?? null,
            cancelledBy: u.email,
            requestReschedule: false,
          }
        : {}),
      ...(trigger === 'BOOKING_RESCHEDULED' && previous
        ? {
            rescheduleId: previous.id,
            rescheduleUid: previous.uid,
            rescheduleStartTime: previous.start,
            rescheduleEndTime: previous.end,
            rescheduledBy: u.email,
          }
        : {}),
    };
  };

  /** Sends `trigger` to every subscription that wants it; asynchronous, never throws. */
  const fire = (trigger: WebhookTrigger, b: BookingOutput, previous?: BookingOutput): void => {
    if (outbox) {
      const snapshot = structuredClone(b);
      const before = previous && structuredClone(previous);
      outbox.push(() => {
        fireNow(trigger, snapshot, before);
      });
      return;
    }
    fireNow(trigger, b, previous);
  };

  const fireNow = (trigger: WebhookTrigger, b: BookingOutput, previous?: BookingOutput): void => {
    for (const sub of webhooks) {
      if (sub.triggers && !sub.triggers.includes(trigger)) continue;
      const body = JSON.stringify({
        triggerEvent: trigger,
        createdAt: now().toISOString(),
        payload: webhookPayload(trigger, b, previous),
      });
      const signature = sub.secret
        ? createHmac('sha256', sub.secret).update(body).digest('hex')
        : 'no-secret-provided';
      const delivery = (async () => {
        let status: number | 'error';
        try {
          const res = await fetch(sub.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-cal-signature-256': signature,
              'x-cal-webhook-version': '2021-10-20',
            },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer().catch(() => undefined);
          status = res.status;
        } catch {
          status = 'error';
        }
        deliveries.push({ url: sub.url, trigger, status, body, signature });
      })();
      pendingDeliveries.add(delivery);
      void delivery.finally(() => pendingDeliveries.delete(delivery));
    }
  };

  const handle = (
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
        const existing = uid === undefined ? undefined : reservations.get(uid);
        if (uid !== undefined && !existing) {
          throw new HttpFailure(404, `Slot with uid=${uid} not found`);
        }
        const et = fixture.eventTypes.find((e) => e.id === input.eventTypeId);
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
        if (reserved(startMs, endMs, existing?.uid)) {
          throw new HttpFailure(
            422,
            'This time slot is already reserved by another user. Please choose a different time.',
          );
        }
        if (
          bookings.some(
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
          untilMs: now().getTime() + durationMin * 60_000,
        };
        reservations.set(r.uid, r);
        return { status: uid === undefined ? 201 : 200, data: reservationOutput(r) };
      }
      case 'slots.getReservation': {
        const r = reservations.get(uid ?? '');
        const live = r && r.untilMs > now().getTime() ? r : undefined;
        return { status: 200, data: live ? reservationOutput(live) : null };
      }
      case 'slots.deleteReservation': {
        reservations.delete(uid ?? '');
        return { status: 200, data: undefined };
      }
      case 'eventTypes.list': {
        const q = parse(eventTypesQuery, Object.fromEntries(query));
        if (q.eventSlug !== undefined && q.username === undefined) {
          throw new HttpFailure(400, 'eventSlug requires username');
        }
        // `usernames` asks for a dynamic group event of several users; the stand-in has one.
        const data =
          q.username === fixture.user.username && q.orgSlug === undefined && q.orgId === undefined
            ? fixture.eventTypes
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
                  ownerId: fixture.user.id,
                  users: [fixture.user.username],
                  slotInterval: e.slotIntervalMinutes ?? null,
                }))
            : [];
        return { status: 200, data };
      }
      case 'slots.find': {
        const q = parse(slotsQuery, Object.fromEntries(query));
        const et = slotsEventType(q);
        const [from, to] = parseRange(q.start, q.end);
        const length = q.duration ?? et.lengthInMinutes;
        const data: Record<string, Array<{ start: string; end?: string }>> = {};
        for (const s of freeSlots(et, from, to, length, q.bookingUidToReschedule)) {
          const key = localDate(s, q.timeZone ?? 'UTC');
          const slot: { start: string; end?: string } = { start: formatInZone(s, q.timeZone) };
          if (q.format === 'range') slot.end = formatInZone(s + length * 60_000, q.timeZone);
          (data[key] ??= []).push(slot);
        }
        return { status: 200, data };
      }
      case 'bookings.create': {
        const booking = createBooking(parse(createBody, body));
        fire('BOOKING_CREATED', booking);
        return { status: 201, data: booking };
      }
      case 'bookings.get':
        return { status: 200, data: findBooking(uid ?? '') };
      case 'bookings.list': {
        if (!authed) {
          throw new HttpFailure(
            401,
            "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers",
          );
        }
        const q = parse(listQuery, Object.fromEntries(query));
        const nowMs = now().getTime();
        const t = (v: string) => Date.parse(v);
        let list = bookings.slice();
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
        const b = findBooking(uid ?? '');
        const input = parse(cancelBody, body ?? {});
        if (b.status === 'cancelled')
          throw new HttpFailure(400, 'This booking has already been cancelled.');
        if (Date.parse(b.end) <= now().getTime()) {
          throw new HttpFailure(400, 'Cannot cancel a booking that has already ended');
        }
        b.status = 'cancelled';
        b.updatedAt = now().toISOString();
        if (input.cancellationReason) b.cancellationReason = input.cancellationReason;
        fire('BOOKING_CANCELLED', b);
        return { status: 200, data: b };
      }
      case 'bookings.reschedule': {
        const old = findBooking(uid ?? '');
        const input = parse(rescheduleBody, body);
        if (old.status === 'cancelled') {
          throw new HttpFailure(
            400,
            old.rescheduledToUid
              ? `Can't reschedule booking with uid=${old.uid} because it has been cancelled and rescheduled already to booking with uid=${old.rescheduledToUid}.`
              : `Can't reschedule booking with uid=${old.uid} because it has been cancelled.`,
          );
        }
        const et = eventType(old.eventTypeId);
        const start = Date.parse(input.start);
        if (start <= now().getTime()) {
          throw new HttpFailure(400, 'Attempting to book a meeting in the past.');
        }
        if (!freeSlots(et, start, start, old.duration, old.uid).includes(start)) {
          const end = start + old.duration * 60_000;
          const taken =
            reserved(start, end) ||
            bookings.some(
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
          timeZone: zone,
          language: 'en',
          absent: false,
        };
        const next = makeBooking(et, start, attendee, {
          rescheduledFromUid: old.uid,
          ...(input.reschedulingReason ? { reschedulingReason: input.reschedulingReason } : {}),
          ...(input.rescheduledBy ? { rescheduledByEmail: input.rescheduledBy } : {}),
          ...(old.metadata ? { metadata: old.metadata } : {}),
        });
        old.status = 'cancelled';
        old.rescheduledToUid = next.uid;
        old.updatedAt = now().toISOString();
        bookings.push(next);
        fire('BOOKING_RESCHEDULED', next, old);
        return { status: 201, data: next };
      }
    }
  };

  const send = (res: ServerResponse, status: number, payload: unknown): void => {
    const body = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  };

  const sendError = (
    res: ServerResponse,
    operation: CalcomMockOperation | undefined,
    status: number,
    path: string,
    message: string,
  ): void => {
    res.setHeader('X-Request-Id', randomUUID());
    const code = EXCEPTION[status] ?? 'HttpException';
    const payload = {
      status: 'error',
      timestamp: new Date().toISOString(),
      path,
      error: {
        code,
        message,
        details: { message, error: code.replace(/Exception$/, ''), statusCode: status },
      },
    };
    conforms(operation, status, payload);
    send(res, status, payload);
  };

  /** Draws this request's delay from the seeded PRNG (0 without latency configured). */
  const delayFor = (operation: CalcomMockOperation): number => {
    const spec = latency[operation] ?? latency['*'];
    if (!spec) return 0;
    const hang = spec.hangProbability ?? 0;
    if (hang > 0 && random() < hang) return spec.hangMs ?? 19_000;
    return Math.round(spec.minMs + random() * Math.max(0, spec.maxMs - spec.minMs));
  };

  /** A seeded injected status for this request, if an error rate says so. */
  const injectedError = (operation: CalcomMockOperation): number | undefined => {
    const rate = errorRates.get(operation) ?? errorRates.get('*');
    if (!rate || rate.rate <= 0) return undefined;
    if (rate.left > 0) {
      rate.left -= 1;
      return rate.status;
    }
    if (random() >= rate.rate) return undefined;
    rate.status = rate.statuses[Math.floor(random() * rate.statuses.length)] ?? 500;
    rate.left = rate.burst - 1;
    return rate.status;
  };

  /** Counts the request against its key's window; returns the headers and whether it is refused. */
  const throttle = (
    key: string,
  ): { headers: Record<string, string>; refused: boolean } | undefined => {
    if (!rateLimit) return undefined;
    const nowMs = now().getTime();
    let b = buckets.get(key);
    if (!b || nowMs - b.windowStart >= rateLimit.windowMs) {
      b = { windowStart: nowMs, count: 0, blockedUntil: b?.blockedUntil ?? 0 };
      buckets.set(key, b);
    }
    let refused = nowMs < b.blockedUntil;
    if (!refused) {
      b.count += 1;
      if (b.count > rateLimit.limit) {
        b.blockedUntil = nowMs + rateLimit.blockMs;
        refused = true;
      }
    }
    const resetMs = refused ? b.blockedUntil - nowMs : b.windowStart + rateLimit.windowMs - nowMs;
    return {
      refused,
      headers: {
        'X-RateLimit-Limit-Default': String(rateLimit.limit),
        'X-RateLimit-Remaining-Default': String(Math.max(0, rateLimit.limit - b.count)),
        'X-RateLimit-Reset-Default': String(Math.max(0, Math.ceil(resetMs / 1000))),
      },
    };
  };

  /** Answers a request that cannot be read or routed: a bare error envelope, never a crash. */
  const refuse = (res: ServerResponse, status: number, path: string, message: string): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(res, undefined, status, path, message);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      if (tooLarge) return;
      size += c.length;
      if (size <= maxBodyBytes) {
        chunks.push(c);
        return;
      }
      tooLarge = true;
      chunks.length = 0;
      res.setHeader('connection', 'close');
      refuse(res, 413, req.url ?? '/', 'request entity too large');
      res.once('finish', () => req.destroy());
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (tooLarge) return;
      try {
        onRequest(req, res, chunks);
      } catch {
        refuse(res, 500, '/', 'Internal server error');
      }
    });
  });

  const onRequest = (req: IncomingMessage, res: ServerResponse, chunks: Buffer[]): void => {
    {
      let url: URL;
      try {
        url = new URL(`http://localhost${req.url ?? '/'}`);
      } catch {
        return refuse(res, 400, '/', 'Bad request: invalid request target');
      }
      const path = url.pathname.replace(/^\/api\/v2\//, '/v2/');
      const method = req.method ?? 'GET';
      const record: MockRequestRecord = { method, path, status: 0, delayMs: 0 };
      requests.push(record);
      let delayMs = 0;
      const later = (send: () => void): void => {
        if (delayMs <= 0) return send();
        const t = setTimeout(() => {
          held.delete(t);
          send();
        }, delayMs);
        held.add(t);
      };
      const reply = (status: number, text: string): void => {
        record.status = status;
        later(() => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
        });
      };
      const fail = (status: number, message: string): void => {
        record.status = status;
        later(() => {
          sendError(res, record.operation, status, url.pathname, message);
        });
      };

      let matched: ReturnType<typeof route>;
      try {
        matched = route(method, path);
      } catch (error) {
        if (error instanceof HttpFailure) return fail(error.status, error.message);
        throw error;
      }
      if (!matched) return fail(404, `Cannot ${method} ${url.pathname}`);
      const operation = matched.operation;
      record.operation = operation;

      const version = req.headers['cal-api-version'];
      if (version !== VERSIONS[operation]) {
        // A missing or unknown version is routed to 2024-04-15 (NOTES.md §1.3). Its legacy
        // bookings controller serves /v2/bookings with another request and response shape and
        // fails on today's (calcom/cal.com#16924): Nest's bare 500, no envelope. Every other
        // route has no controller for that version (or for the wrong one sent): 404.
        const routed =
          typeof version === 'string' && KNOWN_VERSIONS.includes(version) ? version : '2024-04-15';
        if (operation.startsWith('bookings.') && routed === '2024-04-15') {
          record.status = 500;
          res.setHeader('X-Request-Id', randomUUID());
          const payload = { statusCode: 500, message: 'Internal server error' };
          conforms(operation, 500, payload);
          return later(() => {
            send(res, 500, payload);
          });
        }
        return fail(404, `Cannot ${method} ${url.pathname}`);
      }

      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
      if (token !== undefined && !apiKeys.includes(token)) {
        return fail(
          401,
          token.startsWith('cal_')
            ? 'CustomThrottlerGuard - Invalid API Key'
            : 'ApiAuthStrategy - api key - Your api key is not valid',
        );
      }

      // The throttler guard runs before any controller.
      const limited = throttle(token ?? `ip:${req.socket.remoteAddress ?? ''}`);
      if (limited) for (const [k, v] of Object.entries(limited.headers)) res.setHeader(k, v);
      if (limited?.refused) return fail(429, THROTTLED);

      delayMs = delayFor(operation);
      record.delayMs = delayMs;
      const forced = failures.get(operation)?.shift();
      if (forced?.body !== undefined) {
        const { status, body: answer } = forced;
        record.status = status;
        return later(() => {
          res.setHeader('X-Request-Id', randomUUID());
          conforms(operation, status, answer);
          send(res, status, answer);
        });
      }
      const injected = forced?.status ?? injectedError(operation);
      if (injected !== undefined) {
        if (injected === 429 && !limited) {
          res.setHeader('X-RateLimit-Limit-Default', '120');
          res.setHeader('X-RateLimit-Remaining-Default', '0');
          res.setHeader('X-RateLimit-Reset-Default', '1');
        }
        return fail(
          injected,
          injected === 429
            ? THROTTLED
            : injected >= 500
              ? 'Internal server error'
              : 'Injected failure',
        );
      }

      let body: unknown;
      if (chunks.length > 0 && isJsonContentType(req.headers['content-type'])) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return fail(400, 'Unexpected token in JSON body');
        }
        if (nestedDeeper(body, MAX_BODY_DEPTH)) {
          return fail(400, `body property is wrong,nested deeper than ${String(MAX_BODY_DEPTH)}`);
        }
      }

      // A write is a transaction: an answer that fails (an error, a contract 500) stores nothing.
      const saved = method === 'GET' ? undefined : snapshot();
      outbox = [];
      try {
        const out = handle(operation, matched.uid, url.searchParams, body, token !== undefined);
        const payload = { status: 'success', data: out.data, ...out.extra };
        const text = JSON.stringify(payload);
        if (!conforms(operation, out.status, payload) && contractMode === 'throw') {
          if (saved) restore(saved);
          return fail(500, 'Stand-in answer breaks the OpenAPI contract');
        }
        for (const send of outbox) send();
        const lose = lost.get(operation);
        if (lose) {
          lost.delete(operation);
          record.status = -1;
          if (lose.delayMs !== undefined) {
            const t = setTimeout(() => {
              held.delete(t);
              req.socket.destroy();
            }, lose.delayMs);
            held.add(t);
          }
          return; // processed, never answered
        }
        reply(out.status, text);
      } catch (error) {
        if (saved) restore(saved);
        if (error instanceof HttpFailure) return fail(error.status, error.message);
        return fail(500, 'Internal server error');
      } finally {
        outbox = undefined;
      }
    }
  };

  interface Saved {
    bookings: BookingOutput[];
    nextId: number;
    reservations: Map<string, Reservation>;
  }
  const snapshot = (): Saved => ({
    bookings: bookings.map((b) => ({ ...b })),
    nextId,
    reservations: new Map(reservations),
  });
  const restore = (saved: Saved): void => {
    bookings = saved.bookings;
    nextId = saved.nextId;
    reservations.clear();
    for (const [k, v] of saved.reservations) reservations.set(k, v);
  };
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    apiKey: apiKeys[0] ?? DEFAULT_MOCK_API_KEY,
    requests,
    failNext(operation, { status = 500, count = 1, body } = {}) {
      const queue = failures.get(operation) ?? [];
      for (let i = 0; i < count; i++)
        queue.push(body === undefined ? { status } : { status, body });
      failures.set(operation, queue);
    },
    loseNextResponse(operation, opts = {}) {
      lost.set(operation, opts);
    },
    bookings: () => bookings.map((b) => structuredClone(b)),
    bookElsewhere(input) {
      const r = createBody.safeParse(input);
      if (!r.success) throw new Error(`bookElsewhere: ${zodMessage(r.error)}`);
      let booking: BookingOutput;
      try {
        booking = createBooking(r.data);
      } catch (error) {
        if (error instanceof HttpFailure) throw new Error(`bookElsewhere: ${error.message}`);
        throw error;
      }
      fire('BOOKING_CREATED', booking);
      return structuredClone(booking);
    },
    setLatency(operation, spec) {
      if (spec === 'none') {
        const { [operation]: _removed, ...rest } = latency;
        latency = rest;
      } else {
        latency = { ...latency, [operation]: spec };
      }
    },
    setErrorRate(operation, { rate, statuses = [500, 502, 503, 429], burst = 1 }) {
      if (rate <= 0) errorRates.delete(operation);
      else {
        const b = Math.max(1, Math.floor(burst));
        errorRates.set(operation, {
          rate: Math.min(1, rate),
          statuses,
          burst: b,
          left: 0,
          status: 0,
        });
      }
    },
    addWebhook(subscription) {
      webhooks.push(subscription);
    },
    webhookDeliveries: () => deliveries.slice(),
    async flushWebhooks() {
      while (pendingDeliveries.size > 0) await Promise.allSettled([...pendingDeliveries]);
    },
    contractViolations,
    reset() {
      failures.clear();
      lost.clear();
      errorRates.clear();
      reservations.clear();
      buckets.clear();
      requests.length = 0;
      deliveries.length = 0;
      contractViolations.length = 0;
      random = prng(options.seed ?? 1);
      seed();
    },
    async close() {
      for (const t of held) clearTimeout(t);
      held.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (contractMode === 'throw' && contractViolations.length > 0) {
        const list = contractViolations
          .map((v) => `${v.operation ?? '(no route)'} ${String(v.status)}: ${v.errors.join('; ')}`)
          .join('\n');
        throw new Error(`calcom-mock answered outside the OpenAPI contract:\n${list}`);
      }
    },
  };
}
