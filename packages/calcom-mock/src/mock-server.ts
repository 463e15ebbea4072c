import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import { defaultFixture, type CalcomFixture, type FixtureEventType } from './fixture.js';
import { formatInZone, isValidTimeZone, localDate, zonedToInstant } from './time.js';

/** The stand-in's operations, used by the fault API and the request log. */
export type CalcomMockOperation =
  | 'slots.find'
  | 'bookings.create'
  | 'bookings.get'
  | 'bookings.list'
  | 'bookings.cancel'
  | 'bookings.reschedule'
  | 'eventTypes.list';

/** The Bearer key the stand-in accepts unless told otherwise. */
export const DEFAULT_MOCK_API_KEY = 'cal_test_voicebook';

/** Options of {@link startCalcomMock}. */
export interface CalcomMockOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Accepted Bearer keys. @default [DEFAULT_MOCK_API_KEY] */
  apiKeys?: string[];
  /** The calendar. @default defaultFixture */
  fixture?: CalcomFixture;
  /** The calendar's clock. @default () => new Date() */
  now?: () => Date;
}

/** A booking as `BookingOutput_2024_08_13` describes it. */
export interface BookingOutput {
  id: number;
  uid: string;
  title: string;
  description: string;
  hosts: Array<{ id: number; name: string; email: string; username: string; timeZone: string }>;
  status: 'accepted' | 'cancelled' | 'rejected' | 'pending';
  start: string;
  end: string;
  duration: number;
  eventTypeId: number;
  eventType: { id: number; slug: string };
  location: string;
  absentHost: boolean;
  createdAt: string;
  updatedAt: string;
  attendees: Array<{
    name: string;
    email: string;
    timeZone: string;
    language: string;
    absent: boolean;
    phoneNumber?: string;
  }>;
  bookingFieldsResponses: Record<string, unknown>;
  metadata?: Record<string, string>;
  cancellationReason?: string;
  rescheduledFromUid?: string;
  rescheduledToUid?: string;
}

/** A request the stand-in received, for tests that count upstream calls. */
export interface MockRequestRecord {
  method: string;
  path: string;
  operation?: CalcomMockOperation;
  status: number;
}

/** A running stand-in. */
export interface CalcomMock {
  /** `http://127.0.0.1:<port>`: pass as the client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** The first accepted key. */
  readonly apiKey: string;
  /** Requests received so far. */
  readonly requests: readonly MockRequestRecord[];
  /** The next `count` requests to `operation` answer `status` with the real envelope and no side effect. */
  failNext(operation: CalcomMockOperation, options?: { status?: number; count?: number }): void;
  /** The next request to `operation` is processed (a booking IS stored) but its response is never sent. */
  loseNextResponse(operation: CalcomMockOperation, options?: { delayMs?: number }): void;
  /** Every booking, all statuses. */
  bookings(): BookingOutput[];
  /** Restores the fixture's calendar and clears faults and the request log. */
  reset(): void;
  /** Stops the server, cutting held connections. */
  close(): Promise<void>;
}

const VERSIONS: Record<CalcomMockOperation, string> = {
  'slots.find': '2024-09-04',
  'bookings.create': '2024-08-13',
  'bookings.get': '2024-08-13',
  'bookings.list': '2024-08-13',
  'bookings.cancel': '2024-08-13',
  'bookings.reschedule': '2024-08-13',
  'eventTypes.list': '2024-06-14',
};

const EXCEPTION: Record<number, string> = {
  400: 'BadRequestException',
  401: 'UnauthorizedException',
  403: 'ForbiddenException',
  404: 'NotFoundException',
  409: 'ConflictException',
  422: 'UnprocessableEntityException',
  429: 'ThrottlerException',
  500: 'InternalServerErrorException',
  502: 'BadGatewayException',
  503: 'ServiceUnavailableException',
  504: 'GatewayTimeoutException',
};

const SLOT_TAKEN = 'User either already has booking at this time or is not available';
const OUT_OF_BOUNDS =
  'The event type can\'t be booked at the "start" time provided. This could be because it\'s too soon (violating the minimum booking notice) or too far in the future (outside the event\'s scheduling window). Try fetching available slots first using the GET /v2/slots endpoint and then make a booking with "start" time equal to one of the available slots: https://cal.com/docs/api-reference/v2/slots';

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const utcIso = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z)?$/.test(s), {
    message: 'must be a valid ISO 8601 date in UTC',
  });
const timeZone = z.string().refine(isValidTimeZone, { message: 'must be a valid IANA time zone' });

const slotsQuery = z.strictObject({
  start: utcIso,
  end: utcIso,
  eventTypeId: z.coerce.number().int().positive(),
  timeZone: timeZone.optional(),
  format: z.enum(['time', 'range']).optional(),
  duration: z.coerce.number().int().positive().optional(),
  bookingUidToReschedule: z.string().optional(),
});

const createBody = z.strictObject({
  start: utcIso,
  eventTypeId: z.number().int().positive(),
  attendee: z
    .strictObject({
      name: z.string().min(1),
      timeZone,
      email: z.email().optional(),
      phoneNumber: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/)
        .optional(),
      language: z.string().optional(),
    })
    .refine((a) => a.email !== undefined || a.phoneNumber !== undefined, {
      message: 'email or phoneNumber is required',
    }),
  guests: z.array(z.email()).optional(),
  metadata: z
    .record(z.string().max(40), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, { message: 'at most 50 keys' })
    .optional(),
  bookingFieldsResponses: z.record(z.string(), z.unknown()).optional(),
  lengthInMinutes: z.number().int().positive().optional(),
});

const cancelBody = z.strictObject({
  cancellationReason: z.string().optional(),
  cancelSubsequentBookings: z.boolean().optional(),
});

const rescheduleBody = z.strictObject({
  start: utcIso,
  rescheduledBy: z.string().optional(),
  reschedulingReason: z.string().optional(),
});

function zodMessage(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.join('.') || 'body'} property is wrong,${i.message}`)
    .join(' ');
}

function shortUid(): string {
  // 22 characters of base62, as Cal.com's short ids.
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const bytes = randomBytes(22);
  let out = '';
  for (const b of bytes) out += alphabet.charAt(b % 62);
  return out;
}

/**
 * Starts a local Cal.com API v2 stand-in on 127.0.0.1.
 *
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
  const requests: MockRequestRecord[] = [];
  const failures = new Map<CalcomMockOperation, Array<{ status: number }>>();
  const lost = new Map<CalcomMockOperation, { delayMs?: number }>();
  const sockets = new Set<Socket>();
  const held = new Set<ReturnType<typeof setTimeout>>();
  let bookings: BookingOutput[] = [];
  let nextId = 1;

  const eventType = (id: number): FixtureEventType => {
    const et = fixture.eventTypes.find((e) => e.id === id);
    if (!et) throw new HttpFailure(404, `Event type with id ${id} not found.`);
    return et;
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

  const busy = (startMs: number, endMs: number, ignoreUid?: string): boolean =>
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
    if (method === 'GET' && path === '/v2/event-types') return { operation: 'eventTypes.list' };
    if (method === 'POST' && path === '/v2/bookings') return { operation: 'bookings.create' };
    if (method === 'GET' && path === '/v2/bookings') return { operation: 'bookings.list' };
    const m = /^\/v2\/bookings\/([^/]+)(\/cancel|\/reschedule)?$/.exec(path);
    if (!m?.[1]) return undefined;
    const uid = decodeURIComponent(m[1]);
    if (method === 'GET' && !m[2]) return { operation: 'bookings.get', uid };
    if (method === 'POST' && m[2] === '/cancel') return { operation: 'bookings.cancel', uid };
    if (method === 'POST' && m[2] === '/reschedule')
      return { operation: 'bookings.reschedule', uid };
    return undefined;
  };

  const handle = (
    operation: CalcomMockOperation,
    uid: string | undefined,
    query: URLSearchParams,
    body: unknown,
    authed: boolean,
  ): { status: number; data: unknown; extra?: Record<string, unknown> } => {
    switch (operation) {
      case 'eventTypes.list': {
        const username = query.get('username');
        const data =
          username === fixture.user.username
            ? fixture.eventTypes.map((e) => ({
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
        const et = eventType(q.eventTypeId);
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
        const b = parse(createBody, body);
        const et = eventType(b.eventTypeId);
        const start = Date.parse(b.start);
        if (start <= now().getTime())
          throw new HttpFailure(400, 'Attempting to book a meeting in the past.');
        const length = b.lengthInMinutes ?? et.lengthInMinutes;
        const offered = freeSlots(et, start, start, length);
        if (!offered.includes(start)) {
          throw new HttpFailure(
            400,
            busy(start, start + length * 60_000) ? SLOT_TAKEN : OUT_OF_BOUNDS,
          );
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
          b.metadata ? { metadata: b.metadata } : {},
        );
        bookings.push(booking);
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
        let list = bookings.slice();
        const et = query.get('eventTypeId');
        if (et) list = list.filter((b) => b.eventTypeId === Number(et));
        const email = query.get('attendeeEmail');
        if (email) list = list.filter((b) => b.attendees.some((a) => a.email === email));
        const after = query.get('afterStart');
        if (after) list = list.filter((b) => Date.parse(b.start) >= Date.parse(after));
        const before = query.get('beforeEnd');
        if (before) list = list.filter((b) => Date.parse(b.end) <= Date.parse(before));
        const take = Math.min(250, Math.max(1, Number(query.get('take') ?? 100) || 100));
        const skip = Math.max(0, Number(query.get('skip') ?? 0) || 0);
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
        b.status = 'cancelled';
        b.updatedAt = now().toISOString();
        if (input.cancellationReason) b.cancellationReason = input.cancellationReason;
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
        if (!freeSlots(et, start, start, old.duration, old.uid).includes(start)) {
          throw new HttpFailure(400, SLOT_TAKEN);
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
          ...(old.metadata ? { metadata: old.metadata } : {}),
        });
        old.status = 'cancelled';
        old.rescheduledToUid = next.uid;
        old.updatedAt = now().toISOString();
        bookings.push(next);
        return { status: 201, data: next };
      }
    }
  };

  const send = (res: ServerResponse, status: number, payload: unknown): void => {
    const body = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  };

  const sendError = (res: ServerResponse, status: number, path: string, message: string): void => {
    res.setHeader('X-Request-Id', randomUUID());
    const code = EXCEPTION[status] ?? 'HttpException';
    send(res, status, {
      status: 'error',
      timestamp: new Date().toISOString(),
      path,
      error: {
        code,
        message,
        details: { message, error: code.replace(/Exception$/, ''), statusCode: status },
      },
    });
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/^\/api\/v2\//, '/v2/');
      const method = req.method ?? 'GET';
      const record: MockRequestRecord = { method, path, status: 0 };
      requests.push(record);
      const reply = (status: number, payload: unknown): void => {
        record.status = status;
        send(res, status, payload);
      };
      const fail = (status: number, message: string): void => {
        record.status = status;
        sendError(res, status, url.pathname, message);
      };

      const matched = route(method, path);
      if (!matched) return fail(404, `Cannot ${method} ${url.pathname}`);
      record.operation = matched.operation;

      // Unknown or missing versions land on legacy controllers that have none of these routes.
      if (req.headers['cal-api-version'] !== VERSIONS[matched.operation]) {
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

      const injected = failures.get(matched.operation)?.shift();
      if (injected) {
        return fail(
          injected.status,
          injected.status >= 500 ? 'Internal server error' : 'Injected failure',
        );
      }

      let body: unknown;
      if (chunks.length > 0) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return fail(400, 'Unexpected token in JSON body');
        }
      }

      try {
        const out = handle(
          matched.operation,
          matched.uid,
          url.searchParams,
          body,
          token !== undefined,
        );
        const lose = lost.get(matched.operation);
        if (lose) {
          lost.delete(matched.operation);
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
        reply(out.status, { status: 'success', data: out.data, ...out.extra });
      } catch (error) {
        if (error instanceof HttpFailure) return fail(error.status, error.message);
        return fail(500, 'Internal server error');
      }
    });
  });
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
    failNext(operation, { status = 500, count = 1 } = {}) {
      const queue = failures.get(operation) ?? [];
      for (let i = 0; i < count; i++) queue.push({ status });
      failures.set(operation, queue);
    },
    loseNextResponse(operation, opts = {}) {
      lost.set(operation, opts);
    },
    bookings: () => bookings.map((b) => structuredClone(b)),
    reset() {
      failures.clear();
      lost.clear();
      requests.length = 0;
      seed();
    },
    async close() {
      for (const t of held) clearTimeout(t);
      held.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
