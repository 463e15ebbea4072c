import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { startWebhookReceiver } from '@voicebook/test-utils';
import {
  BookingOutcomeUnknownError,
  BookingStateError,
  CalcomAbortedError,
  CalcomConfigError,
  CalcomContractError,
  CalcomNotFoundError,
  CalcomTimeoutError,
  CalcomUnauthorizedError,
  CalcomUpstreamError,
  CalcomValidationError,
  SlotUnavailableError,
  WebhookSignatureError,
  createCalcomClient,
  isCalcomError,
  verifyCalcomWebhook,
  type CalcomClient,
  type CalcomClientEvent,
  type CalcomClientOptions,
  type CalcomWebhookEvent,
  type CreateBookingInput,
} from '../src/index.js';

// Real clock on the client side; the stand-in's calendar is anchored a week ahead so every
// fixture slot is in the future whatever the date the suite runs on.
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const TZ = 'Europe/Berlin';

let mock: CalcomMock;
let events: CalcomClientEvent[];

beforeEach(async () => {
  mock = await startCalcomMock({ port: 0, contract: 'record' });
  events = [];
});
afterEach(async () => {
  // Every answer the client got in this suite conforms to Cal.com's OpenAPI document.
  expect(mock.contractViolations).toEqual([]);
  await mock.close();
});

function client(options: Partial<CalcomClientOptions> = {}): CalcomClient {
  return createCalcomClient({
    apiKey: mock.apiKey,
    baseUrl: mock.url,
    onEvent: (e) => events.push(e),
    retry: { initialDelayMs: 10, maxDelayMs: 50 },
    ...options,
  });
}

/** A weekday at least 3 days ahead (past the fixture's own bookings) (the fixture is open Mon–Fri 09–18 Berlin). */
function nextWeekday(minOffset = 3): string {
  for (let i = minOffset; i < minOffset + 7; i++) {
    const d = new Date(`${day(i)}T12:00:00Z`).getUTCDay();
    if (d >= 1 && d <= 5) return day(i);
  }
  throw new Error('unreachable');
}

async function firstSlots(c: CalcomClient, date: string, eventTypeId = 1001): Promise<string[]> {
  const r = await c.slots.find({ eventTypeId, start: date, end: date, timeZone: TZ });
  return (r.slots[date] ?? []).map((s) => s.start);
}

function bookingInput(start: string, extra: Partial<CreateBookingInput> = {}): CreateBookingInput {
  return {
    eventTypeId: 1001,
    start,
    attendee: { name: 'Test Caller', email: 'caller@example.com', timeZone: TZ },
    ...extra,
  };
}

const requestsTo = (op: string) => mock.requests.filter((r) => r.operation === op).length;

describe('createCalcomClient: reads', () => {
  it('finds slots with the right cal-api-version, grouped by local date, and caches them', async () => {
    const c = client();
    const date = nextWeekday();
    const first = await c.slots.find({ eventTypeId: 1001, start: date, end: date, timeZone: TZ });
    expect(first.source).toBe('network');
    expect(first.stale).toBe(false);
    const slots = first.slots[date] ?? [];
    expect(slots.length).toBeGreaterThan(10);
    expect(slots[0]?.start).toMatch(new RegExp(`^${date}T09:00:00\\.000\\+0[12]:00$`));
    const again = await c.slots.find({ eventTypeId: 1001, start: date, end: date, timeZone: TZ });
    expect(again.source).toBe('l1');
    expect(requestsTo('slots.find')).toBe(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'cache:hit', layer: 'l1' }));
  });

  it('lists event types and caches them', async () => {
    const c = client();
    const r = await c.eventTypes.list({ username: 'salon-demo' });
    expect(r.eventTypes.map((e) => [e.id, e.slug, e.lengthInMinutes])).toEqual([
      [1001, 'haarschnitt', 30],
      [1002, 'faerben', 90],
      [1003, 'beratung', 60],
    ]);
    expect((await c.eventTypes.list({ username: 'salon-demo' })).source).toBe('l1');
    expect(requestsTo('eventTypes.list')).toBe(1);
    const one = await c.eventTypes.list({ username: 'salon-demo', eventSlug: 'beratung' });
    expect(one.eventTypes.map((e) => e.id)).toEqual([1003]);
    expect(requestsTo('eventTypes.list')).toBe(2);
  });

  it('rejects bad input with a typed error naming the field, before sending anything', async () => {
    const c = client();
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => c.slots.find({ eventTypeId: 1001, start: '2026-02-30', end: '2026-03-01' }), 'start'],
      [() => c.slots.find({ eventTypeId: 1001, start: '2026-12-02', end: '2026-12-01' }), 'end'],
      [
        () =>
          c.slots.find({
            eventTypeId: 1001,
            start: '2026-12-01',
            end: '2026-12-01',
            timeZone: 'Mars/Base',
          }),
        'timeZone',
      ],
      [
        () => c.slots.find({ eventTypeId: -3, start: '2026-12-01', end: '2026-12-01' }),
        'eventTypeId',
      ],
      [
        () =>
          c.bookings.create(
            bookingInput('2026-12-01T09:00:00Z', {
              attendee: { name: '  ', email: 'a@b.de', timeZone: TZ },
            }),
          ),
        'attendee.name',
      ],
      [() => c.bookings.create(bookingInput('tomorrow at nine')), 'start'],
      [
        () =>
          c.bookings.create(
            bookingInput('2026-12-01T09:00:00Z', { attendee: { name: 'A', timeZone: TZ } }),
          ),
        'attendee.email',
      ],
      [
        () =>
          c.bookings.create({
            ...bookingInput('2026-12-01T09:00:00Z'),
            colour: 'red',
          } as unknown as CreateBookingInput),
        '(input)',
      ],
      [() => c.bookings.get('../../etc/passwd'), '(input)'],
      [
        () => c.bookings.findByIdempotencyKey('k', { eventTypeId: 1001, start: '2026-12-01' }),
        'start',
      ],
      [
        () =>
          c.bookings.findByIdempotencyKey('', { eventTypeId: 1001, start: '2026-12-01T09:00:00Z' }),
        'idempotencyKey',
      ],
    ];
    for (const [run, field] of cases) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect.soft(error instanceof CalcomValidationError ? field : error).toBe(field);
      expect((error as CalcomValidationError).field).toBe(field);
    }
    expect(mock.requests).toHaveLength(0);
  });

  it('turns an unknown event type into CalcomNotFoundError, without retrying', async () => {
    const c = client();
    const date = nextWeekday();
    const error = await c.slots
      .find({ eventTypeId: 4242, start: date, end: date })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalcomNotFoundError);
    expect(error).toMatchObject({ resource: 'eventType', status: 404, retryable: false });
    expect(requestsTo('slots.find')).toBe(1);
    const booking = await c.bookings
      .create({ ...bookingInput(`${date}T09:00:00Z`), eventTypeId: 4242 })
      .catch((e: unknown) => e);
    expect(booking).toBeInstanceOf(CalcomNotFoundError);
  });

  it('says unauthorized for an unknown API key', async () => {
    const c = client({ apiKey: 'cal_wrong_key' });
    const error = await c.bookings.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalcomUnauthorizedError);
    expect((error as CalcomUnauthorizedError).status).toBe(401);
  });

  it('retries a safe read after 5xx with backoff and succeeds', async () => {
    const c = client();
    mock.failNext('slots.find', { status: 503, count: 2 });
    const date = nextWeekday();
    const slots = await firstSlots(c, date);
    expect(slots.length).toBeGreaterThan(0);
    expect(requestsTo('slots.find')).toBe(3);
    expect(events.filter((e) => e.type === 'request:retry')).toHaveLength(2);
  });

  it('gives up after the attempts with CalcomUpstreamError', async () => {
    const c = client({ cache: false });
    mock.failNext('slots.find', { status: 500, count: 5 });
    const date = nextWeekday();
    await expect(firstSlots(c, date)).rejects.toBeInstanceOf(CalcomUpstreamError);
    expect(requestsTo('slots.find')).toBe(3);
  });

  it('cuts a hanging read at its attempt timeout and retries it', async () => {
    const c = client({ timeouts: { getSlots: 150 } });
    mock.loseNextResponse('slots.find');
    const date = nextWeekday();
    const started = Date.now();
    expect((await firstSlots(c, date)).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'request:failed', code: 'E_CALCOM_TIMEOUT' }),
    );
  });

  it('gives a slots lookup 3 s per attempt by default, then retries it', async () => {
    const c = client({ cache: false });
    mock.loseNextResponse('slots.find');
    const started = performance.now();
    expect((await firstSlots(c, nextWeekday())).length).toBeGreaterThan(0);
    const elapsed = performance.now() - started;
    expect(requestsTo('slots.find')).toBe(2);
    const failed = events.filter((e) => e.type === 'request:failed');
    expect(failed).toEqual([
      expect.objectContaining({ operation: 'getSlots', code: 'E_CALCOM_TIMEOUT', attempt: 1 }),
    ]);
    // A timer never fires early, so the lower bounds are exact; the upper ones leave a loaded CI
    // machine 1.6 s of slack and still fail for any default of 5 s or more.
    const attemptMs = failed[0]?.durationMs ?? 0;
    expect(attemptMs).toBeGreaterThanOrEqual(2_950);
    expect(attemptMs).toBeLessThan(4_600);
    expect(elapsed).toBeGreaterThanOrEqual(attemptMs);
    expect(elapsed).toBeLessThan(4_600);
  });

  it('retries only what is safe to repeat, with jittered backoff', async () => {
    const c = client({ cache: false });
    const date = nextWeekday();
    mock.failNext('slots.reserve', { status: 503 });
    await expect(
      c.slots.reservations.create({ eventTypeId: 1001, slotStart: `${date}T09:00:00Z` }),
    ).rejects.toBeInstanceOf(CalcomUpstreamError);
    expect(requestsTo('slots.reserve')).toBe(1);
    const r = await c.slots.reservations.create({
      eventTypeId: 1001,
      slotStart: `${date}T09:00:00Z`,
    });
    mock.failNext('slots.deleteReservation', { status: 502 });
    await c.slots.reservations.delete(r.reservationUid);
    expect(requestsTo('slots.deleteReservation')).toBe(2);
    mock.failNext('bookings.get', { status: 500 });
    const uid = mock.bookings()[0]?.uid ?? '';
    expect((await c.bookings.get(uid)).uid).toBe(uid);
    expect(requestsTo('bookings.get')).toBe(2);
    // The first backoff of five identical failing reads: jitter makes them differ.
    events.length = 0;
    for (let i = 0; i < 5; i++) {
      mock.failNext('slots.find', { status: 503 });
      await firstSlots(c, date);
    }
    const delays = events.flatMap((e) => (e.type === 'request:retry' ? [e.delayMs] : []));
    expect(delays).toHaveLength(5);
    expect(new Set(delays).size).toBeGreaterThan(1);
    for (const d of delays) expect(d).toBeLessThanOrEqual(50); // maxDelayMs
  });

  it('never runs past the call deadline', async () => {
    const c = client({ timeouts: { getSlots: 5_000 }, cache: false });
    mock.loseNextResponse('slots.find');
    const started = Date.now();
    const error = await c.slots
      .find({ eventTypeId: 1001, start: nextWeekday(), end: nextWeekday() }, { deadlineMs: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalcomTimeoutError);
    expect(error).toMatchObject({ kind: 'deadline', timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops at once when the caller aborts', async () => {
    const c = client({ cache: false });
    mock.loseNextResponse('slots.find');
    const controller = new AbortController();
    const pending = c.slots.find(
      { eventTypeId: 1001, start: nextWeekday(), end: nextWeekday() },
      { signal: controller.signal },
    );
    setTimeout(() => {
      controller.abort();
    }, 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalcomAbortedError);
    expect((error as CalcomAbortedError).retryable).toBe(false);
    expect(requestsTo('slots.find')).toBe(1);
  });

  it('honours an AbortSignal on every method, before and during the request', async () => {
    const c = client({ cache: false });
    const date = nextWeekday();
    const [first, second] = mock.bookings();
    const r = await c.slots.reservations.create({
      eventTypeId: 1001,
      slotStart: `${date}T16:00:00Z`,
    });
    const calls: Array<[string, (o: { signal: AbortSignal }) => Promise<unknown>]> = [
      ['slots.find', (o) => c.slots.find({ eventTypeId: 1001, start: date, end: date }, o)],
      [
        'slots.reserve',
        (o) =>
          c.slots.reservations.create({ eventTypeId: 1001, slotStart: `${date}T09:00:00Z` }, o),
      ],
      ['slots.getReservation', (o) => c.slots.reservations.get(r.reservationUid, o)],
      [
        'slots.updateReservation',
        (o) =>
          c.slots.reservations.update(
            r.reservationUid,
            { eventTypeId: 1001, slotStart: `${date}T15:00:00Z` },
            o,
          ),
      ],
      ['slots.deleteReservation', (o) => c.slots.reservations.delete(r.reservationUid, o)],
      ['bookings.create', (o) => c.bookings.create(bookingInput(`${date}T10:00:00Z`), o)],
      ['bookings.get', (o) => c.bookings.get(first?.uid ?? '', o)],
      ['bookings.list', (o) => c.bookings.list({}, o)],
      [
        'bookings.list',
        (o) =>
          c.bookings.findByIdempotencyKey(
            'key-1',
            { eventTypeId: 1001, start: `${date}T10:00:00Z` },
            o,
          ),
      ],
      ['bookings.cancel', (o) => c.bookings.cancel(first?.uid ?? '', {}, o)],
      [
        'bookings.reschedule',
        (o) => c.bookings.reschedule(second?.uid ?? '', { start: `${date}T11:00:00Z` }, o),
      ],
      ['eventTypes.list', (o) => c.eventTypes.list({ username: 'salon-demo' }, o)],
    ];
    for (const [op, run] of calls) {
      const before = mock.requests.length;
      const pre = await run({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
      expect.soft(pre, op).toBeInstanceOf(CalcomAbortedError);
      expect(mock.requests.length).toBe(before);
      mock.loseNextResponse(op as Parameters<CalcomMock['loseNextResponse']>[0]);
      const started = performance.now();
      const during = await run({ signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
      expect.soft(during, op).toBeInstanceOf(CalcomAbortedError);
      expect(performance.now() - started).toBeLessThan(1_000);
      // the lost answer was for this request: it reached the stand-in
      expect(mock.requests.at(-1)).toMatchObject({ operation: op, status: -1 });
    }
  });

  it('rejects an answer that breaks the contract, naming the field, and uses none of it', async () => {
    const tamper: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = (await res.json()) as { data: Record<string, unknown> };
      delete body.data.uid;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const c = client({ fetch: tamper });
    const error = await c.bookings
      .create(bookingInput(`${nextWeekday()}T09:00:00Z`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalcomContractError);
    expect((error as CalcomContractError).path).toBe('data.uid');
    expect((error as CalcomContractError).retryable).toBe(false);
  });
});

describe('createCalcomClient: booking writes', () => {
  it('books an offered slot; the slot is then gone from availability (own-write invalidation)', async () => {
    const c = client();
    const date = nextWeekday();
    const [start] = await firstSlots(c, date);
    if (!start) throw new Error('no slot');
    const booking = await c.bookings.create(bookingInput(start));
    expect(booking.status).toBe('accepted');
    expect(booking.start).toBe(new Date(start).toISOString());
    expect(booking.metadata?.voicebook_idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(events).toContainEqual(expect.objectContaining({ type: 'cache:invalidated' }));
    // events carry the status Cal.com answered
    const done = events.flatMap((e) =>
      e.type === 'request:done' ? [[e.operation, e.status] as const] : [],
    );
    expect(done).toEqual([
      ['getSlots', 200],
      ['createBooking', 201],
    ]);
    const after = await firstSlots(c, date);
    expect(after).not.toContain(start);
    expect(requestsTo('slots.find')).toBe(2);
  });

  it('sends guests, fields, metadata and a location object through to the booking', async () => {
    const c = client();
    const booking = await c.bookings.create(
      bookingInput(`${nextWeekday()}T12:30:00Z`, {
        guests: ['partner@example.com'],
        metadata: { callId: 'c-1' },
        bookingFieldsResponses: { notes: 'kurz' },
        location: { type: 'address', address: 'Salon, Hauptstr. 1' },
        attendee: {
          name: 'Test Caller',
          phoneNumber: '+4930123456',
          timeZone: TZ,
          language: 'de',
        },
      }),
    );
    expect(booking.location).toBe('Salon, Hauptstr. 1');
    expect(booking.guests).toEqual(['partner@example.com']);
    expect(booking.bookingFieldsResponses).toMatchObject({ notes: 'kurz' });
    expect(booking.metadata).toMatchObject({ callId: 'c-1' });
    expect(booking.attendees[0]).toMatchObject({ phoneNumber: '+4930123456', language: 'de' });
  });

  it('says why a slot cannot be booked: taken, out of bounds, in the past', async () => {
    const c = client();
    const date = nextWeekday();
    const start = `${date}T10:00:00+01:00`;
    await c.bookings.create(bookingInput(start));
    const taken = await c.bookings.create(bookingInput(start)).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(SlotUnavailableError);
    expect(taken).toMatchObject({ reason: 'taken', status: 400, code: 'E_SLOT_UNAVAILABLE' });
    const night = await c.bookings
      .create(bookingInput(`${date}T02:00:00Z`))
      .catch((e: unknown) => e);
    expect(night).toMatchObject({ reason: 'out-of-bounds' });
    const past = await c.bookings
      .create(bookingInput('2020-01-06T09:00:00Z'))
      .catch((e: unknown) => e);
    expect(past).toMatchObject({ reason: 'in-past' });
    expect(requestsTo('bookings.create')).toBe(4);
  });

  it('reconciles a create whose answer was lost: one booking, returned to the caller', async () => {
    const c = client({ timeouts: { createBooking: [200, 2_000] } });
    mock.loseNextResponse('bookings.create');
    const start = `${nextWeekday()}T09:30:00Z`;
    const booking = await c.bookings.create(
      bookingInput(start, { idempotencyKey: 'call-42-book-1' }),
    );
    expect(booking.metadata?.voicebook_idempotency_key).toBe('call-42-book-1');
    const stored = mock
      .bookings()
      .filter((b) => b.metadata?.voicebook_idempotency_key === 'call-42-book-1');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.uid).toBe(booking.uid);
    expect(requestsTo('bookings.create')).toBe(1);
    expect(events).toContainEqual({
      type: 'booking:reconciled',
      operation: 'createBooking',
      outcome: 'found',
    });
  });

  it('reconciles when the connection is cut after the booking was stored', async () => {
    const c = client();
    mock.loseNextResponse('bookings.create', { delayMs: 20 });
    const booking = await c.bookings.create(bookingInput(`${nextWeekday()}T10:30:00Z`));
    expect(mock.bookings().filter((b) => b.uid === booking.uid)).toHaveLength(1);
    expect(requestsTo('bookings.create')).toBe(1);
  });

  it('retries a create that failed with 5xx only after checking it was not stored', async () => {
    const c = client();
    mock.failNext('bookings.create', { status: 502 });
    const booking = await c.bookings.create(bookingInput(`${nextWeekday()}T11:00:00Z`));
    expect(booking.status).toBe('accepted');
    expect(requestsTo('bookings.create')).toBe(2);
    expect(requestsTo('bookings.list')).toBe(1);
    expect(events).toContainEqual(expect.objectContaining({ outcome: 'not-found' }));
    expect(mock.bookings().filter((b) => b.start === booking.start)).toHaveLength(1);
  });

  it('says "outcome unknown" when neither the create nor the lookup answers; the key finds it later', async () => {
    const c = client({ timeouts: { createBooking: [200] } });
    mock.loseNextResponse('bookings.create');
    mock.failNext('bookings.list', { status: 500, count: 3 });
    const start = `${nextWeekday()}T12:00:00Z`;
    const error = await c.bookings.create(bookingInput(start)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingOutcomeUnknownError);
    const key = (error as BookingOutcomeUnknownError).idempotencyKey;
    const later = await c.bookings.findByIdempotencyKey(key, {
      eventTypeId: 1001,
      start,
      attendeeEmail: 'caller@example.com',
    });
    expect(later?.start).toBe(new Date(start).toISOString());
    // Retrying with the same key returns that booking instead of a second one.
    const again = await c.bookings.create(bookingInput(start, { idempotencyKey: key }));
    expect(again.uid).toBe(later?.uid);
    expect(mock.bookings().filter((b) => b.start === again.start)).toHaveLength(1);
  });

  it('reconciles a lost create after its default 3 s attempt timeout', async () => {
    const c = client();
    // A slot the stand-in offers on that day (a fixed hour is not free on every weekday).
    const [start] = await firstSlots(c, nextWeekday());
    const started = Date.now();
    mock.loseNextResponse('bookings.create');
    await c.bookings.create(bookingInput(start!));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2_900);
    expect(elapsed).toBeLessThan(4_500);
  });

  it('gives a create 3 s, then 5 s on the retry, and looks the booking up before each retry', async () => {
    // Create requests that never reach Cal.com and never answer: each attempt runs to its timeout.
    const attempts: Array<{ startedAt: number; abortedAfterMs: number }> = [];
    // A real fetch keeps its request (and so its signal) alive while waiting; this fake must
    // too, or the garbage collector may drop the signal and its abort never fires.
    const held: Request[] = [];
    const blackHole: typeof fetch = (input, init) => {
      const req = input instanceof Request ? input : new Request(input, init);
      if (req.method !== 'POST' || !req.url.endsWith('/v2/bookings')) return fetch(input, init);
      held.push(req);
      const startedAt = performance.now();
      return new Promise((_, reject) => {
        req.signal.addEventListener('abort', () => {
          attempts.push({ startedAt, abortedAfterMs: performance.now() - startedAt });
          reject(req.signal.reason as Error);
        });
      });
    };
    const c = client({ fetch: blackHole });
    const error = await c.bookings
      .create(bookingInput(`${nextWeekday()}T13:30:00Z`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingOutcomeUnknownError);
    // Per-attempt timeouts 3 s then 5 s: each within ±400 ms (a loaded machine fires timers late,
    // never early), which still tells them apart, and the retry's is the longer one.
    const [first, second] = attempts.map((a) => a.abortedAfterMs);
    expect(attempts).toHaveLength(2);
    expect(Math.abs((first ?? 0) - 3_000)).toBeLessThanOrEqual(400);
    expect(Math.abs((second ?? 0) - 5_000)).toBeLessThanOrEqual(400);
    expect(first).toBeLessThan(second ?? 0);
    expect(held).toHaveLength(2);
    // each timed-out attempt was reconciled by its key before anything else happened
    expect(requestsTo('bookings.list')).toBe(2);
    expect(
      events
        .filter((e) => e.type === 'booking:reconciled' || e.type === 'request:retry')
        .map((e) => e.type),
    ).toEqual(['booking:reconciled', 'request:retry', 'booking:reconciled']);
  });

  it('cancels, and a cancel whose answer was lost is recognised on retry', async () => {
    const c = client({ timeouts: { cancelBooking: 200 } });
    const b = await c.bookings.create(bookingInput(`${nextWeekday()}T14:00:00Z`));
    mock.loseNextResponse('bookings.cancel');
    const cancelled = await c.bookings.cancel(b.uid, { cancellationReason: 'Caller asked' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.uid).toBe(b.uid);
    expect(requestsTo('bookings.cancel')).toBe(2);
    const twice = await c.bookings.cancel(b.uid).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(BookingStateError);
    expect(twice).toMatchObject({ state: 'already-cancelled' });
  });

  it('says a booking that has ended cannot be cancelled, without retrying', async () => {
    await mock.close();
    let shiftMs = 0;
    mock = await startCalcomMock({
      port: 0,
      contract: 'record',
      now: () => new Date(Date.now() + shiftMs),
    });
    const c = client();
    const b = await c.bookings.create(bookingInput(`${nextWeekday()}T09:00:00Z`));
    shiftMs = 30 * 86_400_000; // a month later on Cal.com's clock
    const error = await c.bookings.cancel(b.uid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingStateError);
    expect(error).toMatchObject({ state: 'ended', status: 400, retryable: false });
    expect(requestsTo('bookings.cancel')).toBe(1);
  });

  it('reschedules to a new booking and follows a lost reschedule to its result', async () => {
    const c = client({ timeouts: { rescheduleBooking: 200 } });
    const date = nextWeekday();
    const b = await c.bookings.create(bookingInput(`${date}T09:00:00Z`));
    mock.loseNextResponse('bookings.reschedule');
    const moved = await c.bookings.reschedule(b.uid, { start: `${date}T15:00:00Z` });
    expect(moved.rescheduledFromUid).toBe(b.uid);
    expect(moved.start).toBe(`${date}T15:00:00.000Z`);
    const all = mock.bookings();
    expect(all.find((x) => x.uid === b.uid)?.status).toBe('cancelled');
    expect(all.filter((x) => x.rescheduledFromUid === b.uid)).toHaveLength(1);
    const again = await c.bookings
      .reschedule(b.uid, { start: `${date}T16:00:00Z` })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ state: 'already-rescheduled', rescheduledToUid: moved.uid });
  });

  it('frees the old slot in the cache after a reschedule', async () => {
    const c = client();
    const date = nextWeekday();
    const [first, , third] = await firstSlots(c, date);
    if (!first || !third) throw new Error('no slots');
    const b = await c.bookings.create(bookingInput(first));
    expect(await firstSlots(c, date)).not.toContain(first);
    await c.bookings.reschedule(b.uid, { start: third });
    const now = await firstSlots(c, date);
    expect(now).toContain(first);
    expect(now).not.toContain(third);
  });

  it('lists bookings with filters and pagination', async () => {
    const c = client();
    const date = nextWeekday();
    for (const h of ['09', '10', '11']) {
      await c.bookings.create(
        bookingInput(`${date}T${h}:00:00Z`, {
          attendee: { name: 'P', email: 'p@example.com', timeZone: TZ },
        }),
      );
    }
    const page = await c.bookings.list({ attendeeEmail: 'p@example.com', take: 2 });
    expect(page.bookings).toHaveLength(2);
    expect(page.pagination).toMatchObject({ totalItems: 3, hasNextPage: true, returnedItems: 2 });
    const rest = await c.bookings.list({ attendeeEmail: 'p@example.com', take: 2, skip: 2 });
    expect(rest.bookings).toHaveLength(1);
    const got = await c.bookings.get(rest.bookings[0]?.uid ?? '');
    expect(got.attendees[0]?.email).toBe('p@example.com');
    await expect(c.bookings.get('doesNotExist123')).rejects.toBeInstanceOf(CalcomNotFoundError);
  });
});

describe('createCalcomClient: breaker and cache', () => {
  it('serves the cached slots marked stale while the breaker is open; writes fail fast', async () => {
    const { createTieredCache, DEFAULT_TTL_POLICY } = await import('../src/index.js');
    const cache = await createTieredCache({
      ttlPolicy: { ...DEFAULT_TTL_POLICY, slots: { ...DEFAULT_TTL_POLICY.slots, normalMs: 50 } },
      staleIfErrorMs: 60_000,
    });
    const c = client({
      cache,
      breaker: { failureThreshold: 2 },
      retry: { attempts: { getSlots: 1 } },
    });
    const date = nextWeekday();
    const fresh = await firstSlots(c, date);
    await new Promise((r) => setTimeout(r, 80));
    mock.failNext('slots.find', { status: 500, count: 2 });
    const other = day(10);
    await expect(firstSlots(c, other)).rejects.toBeInstanceOf(CalcomUpstreamError);
    await expect(firstSlots(c, other)).rejects.toBeInstanceOf(CalcomUpstreamError);
    expect(c.breakers?.get('read').state).toBe('open');
    const before = mock.requests.length;
    const r = await c.slots.find({ eventTypeId: 1001, start: date, end: date, timeZone: TZ });
    expect(r.stale).toBe(true);
    expect((r.slots[date] ?? []).map((s) => s.start)).toEqual(fresh);
    expect(mock.requests.length).toBe(before);
    const error = await firstSlots(c, day(11)).catch((e: unknown) => e);
    expect(isCalcomError(error) && error.code).toBe('E_CIRCUIT_OPEN');
    // Writes have their own breaker: still closed, so it goes through.
    expect(c.breakers?.get('write').state).toBe('closed');
  });

  it('fails writes in well under 10 ms while the write breaker is open', async () => {
    const c = client({
      breaker: { failureThreshold: 1 },
      retry: { attempts: { createBooking: 1 } },
    });
    mock.failNext('bookings.create', { status: 500 });
    const date = nextWeekday();
    await expect(c.bookings.create(bookingInput(`${date}T09:00:00Z`))).rejects.toBeInstanceOf(
      CalcomUpstreamError,
    );
    const before = mock.requests.length;
    const timings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const e = await c.bookings.create(bookingInput(`${date}T10:00:00Z`)).catch((x: unknown) => x);
      timings.push(performance.now() - t);
      expect(isCalcomError(e) && e.code).toBe('E_CIRCUIT_OPEN');
    }
    timings.sort((a, b) => a - b);
    expect(timings[18]).toBeLessThan(10);
    expect(mock.requests.length).toBe(before);
  });

  it('rejects invalid options with CalcomConfigError naming the field', () => {
    expect(() => createCalcomClient({ apiKey: '' })).toThrow(CalcomConfigError);
    const e = (() => {
      try {
        createCalcomClient({ apiKey: 'k', baseUrl: 'ftp://x' });
      } catch (error) {
        return error as CalcomConfigError;
      }
      return undefined;
    })();
    expect(e?.field).toBe('baseUrl');
    expect(() => createCalcomClient({ apiKey: 'k', cache: {} as unknown as false })).toThrow(
      /cache/,
    );
  });
});

describe('createCalcomClient: reservations, rate limits, latency, error bursts, webhooks', () => {
  it('holds, reads, moves and releases a slot reservation', async () => {
    const c = client();
    const date = nextWeekday();
    const r = await c.slots.reservations.create({
      eventTypeId: 1001,
      slotStart: `${date}T09:00:00Z`,
    });
    expect(r).toMatchObject({ eventTypeId: 1001, slotDuration: 30, reservationDuration: 5 });
    expect(await firstSlots(c, date)).not.toContain(`${date}T10:00:00.000+01:00`);
    const taken = await c.slots.reservations
      .create({ eventTypeId: 1001, slotStart: `${date}T09:00:00Z` })
      .catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: 'E_SLOT_UNAVAILABLE', reason: 'reserved', status: 422 });
    expect((await c.slots.reservations.get(r.reservationUid))?.slotStart).toBe(
      `${date}T09:00:00.000Z`,
    );
    const moved = await c.slots.reservations.update(r.reservationUid, {
      eventTypeId: 1001,
      slotStart: `${date}T11:00:00Z`,
    });
    expect(moved.slotStart).toBe(`${date}T11:00:00.000Z`);
    await c.slots.reservations.delete(r.reservationUid);
    expect(await c.slots.reservations.get(r.reservationUid)).toBeNull();
    // The reservation's own writes invalidated the cached day: the slot is offered again.
    expect(await firstSlots(c, date)).toContain(`${date}T10:00:00.000+01:00`);
  });

  it('waits out a 429 for X-RateLimit-Reset-Default seconds, then succeeds', async () => {
    await mock.close();
    mock = await startCalcomMock({
      port: 0,
      contract: 'record',
      rateLimit: { limit: 2, windowMs: 1_000, blockMs: 1_000 },
    });
    const c = client({ cache: false });
    const date = nextWeekday();
    await firstSlots(c, date);
    await firstSlots(c, date);
    const started = Date.now();
    expect((await firstSlots(c, date)).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'request:retry', code: 'E_CALCOM_RATE_LIMITED' }),
    );
    // A wait longer than allowed is not waited: the caller gets the typed error with the wait.
    await mock.close();
    mock = await startCalcomMock({
      port: 0,
      contract: 'record',
      rateLimit: { limit: 1, windowMs: 60_000, blockMs: 60_000 },
    });
    const impatient = client({ cache: false, retry: { maxRateLimitWaitMs: 2_000 } });
    await firstSlots(impatient, date);
    const error = await firstSlots(impatient, date).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_CALCOM_RATE_LIMITED', retryAfterMs: 60_000 });
    // 429s never open the breaker
    expect(impatient.breakers?.get('read').state).toBe('closed');
  });

  it('books through a create that hangs like the real service (19 s): reconciled, not doubled', async () => {
    const c = client({ timeouts: { createBooking: [250, 400] } });
    mock.setLatency('bookings.create', { minMs: 0, maxMs: 0, hangProbability: 1, hangMs: 19_000 });
    const start = `${nextWeekday()}T09:00:00Z`;
    const booking = await c.bookings.create(bookingInput(start));
    expect(booking.start).toBe(new Date(start).toISOString());
    expect(mock.bookings().filter((b) => b.start === booking.start)).toHaveLength(1);
  });

  it('books through realistic latency (slots 300–800 ms, create 0.5–2 s, rare 19 s hangs)', async () => {
    await mock.close();
    mock = await startCalcomMock({ port: 0, contract: 'record', latency: 'realistic', seed: 3 });
    const c = client();
    const date = nextWeekday();
    const started = performance.now();
    const [slot] = await firstSlots(c, date);
    if (!slot) throw new Error('no slot');
    const booking = await c.bookings.create(bookingInput(slot));
    expect(booking.start).toBe(new Date(slot).toISOString());
    expect(performance.now() - started).toBeGreaterThanOrEqual(800); // 300 + 500 at least
    expect(mock.bookings().filter((b) => b.start === booking.start)).toHaveLength(1);
    const delays = mock.requests.map((r) => [r.operation, r.delayMs] as const);
    expect(delays[0]?.[1]).toBeGreaterThanOrEqual(300);
  });

  it('survives seeded bursts of 5xx and 429 on every endpoint with no double booking', async () => {
    await mock.close();
    mock = await startCalcomMock({ port: 0, contract: 'record', seed: 42 });
    mock.setErrorRate('*', { rate: 0.3, statuses: [500, 502, 503, 429], burst: 2 });
    const c = client({ timeouts: { createBooking: [500, 800] }, breaker: false });
    const date = nextWeekday();
    const outcomes: string[] = [];
    const acceptedUids: string[] = [];
    for (const h of ['08', '09', '10', '11', '12', '13', '14', '15']) {
      try {
        const b = await c.bookings.create(
          bookingInput(`${date}T${h}:00:00Z`, { idempotencyKey: `burst-${h}` }),
        );
        outcomes.push(b.status);
        acceptedUids.push(b.uid);
      } catch (error) {
        outcomes.push(isCalcomError(error) ? error.code : 'other');
      }
    }
    const stored = mock.bookings().filter((b) => b.start.startsWith(date));
    // Each key was stored at most once, and every reported success is stored.
    const keys = stored.map((b) => b.metadata?.voicebook_idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const uid of acceptedUids) expect(stored.map((b) => b.uid)).toContain(uid);
    expect(mock.requests.some((r) => r.status >= 500)).toBe(true);
    expect(mock.requests.some((r) => r.status === 429)).toBe(true);
    expect(outcomes.filter((o) => o === 'accepted').length).toBeGreaterThanOrEqual(6);
    expect(outcomes.every((o) => o === 'accepted' || o.startsWith('E_'))).toBe(true);
  });

  it('follows signed cancel and reschedule webhooks of bookings made elsewhere', async () => {
    const c = client();
    const applied: Array<{ trigger: string; uid: unknown; rescheduleUid: unknown }> = [];
    // A bad signature or a failing applyWebhook is an error of this test: the receiver answers
    // 500 and its close() rejects with it.
    const receiver = await startWebhookReceiver({
      onBody: async ({ body, headers }) => {
        const event = verifyCalcomWebhook({
          rawBody: body,
          signature: headers['x-cal-signature-256'],
          secret: 'whsec_moves',
        });
        await c.applyWebhook(event);
        applied.push({
          trigger: event.triggerEvent,
          uid: event.payload.uid,
          rescheduleUid: event.payload.rescheduleUid,
        });
        return 200;
      },
    });
    try {
      mock.addWebhook({ url: `${receiver.url}/calcom`, secret: 'whsec_moves' });
      const date = nextWeekday();
      const [s1, s2, s3] = await firstSlots(c, date);
      if (!s1 || !s2 || !s3) throw new Error('no slots');
      const elsewhere = (start: string) =>
        mock.bookElsewhere({
          eventTypeId: 1001,
          start: new Date(start).toISOString(),
          attendee: { name: 'Walk In', email: 'w@example.com', timeZone: TZ },
        });
      const onCalcom = (uid: string, action: string, body: unknown) =>
        fetch(`${mock.url}/v2/bookings/${uid}/${action}`, {
          method: 'POST',
          headers: { 'cal-api-version': '2024-08-13', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ data: { uid: string } }>);

      const x = elsewhere(s1);
      await mock.flushWebhooks();
      expect(await firstSlots(c, date)).not.toContain(s1);
      await onCalcom(x.uid, 'cancel', { cancellationReason: 'changed plans' });
      await mock.flushWebhooks();
      expect(await firstSlots(c, date)).toContain(s1);

      const y = elsewhere(s2);
      await mock.flushWebhooks();
      const moved = await onCalcom(y.uid, 'reschedule', { start: new Date(s3).toISOString() });
      await mock.flushWebhooks();
      const now = await firstSlots(c, date);
      expect(now).toContain(s2);
      expect(now).not.toContain(s3);
      expect(applied).toEqual([
        { trigger: 'BOOKING_CREATED', uid: x.uid, rescheduleUid: undefined },
        { trigger: 'BOOKING_CANCELLED', uid: x.uid, rescheduleUid: undefined },
        { trigger: 'BOOKING_CREATED', uid: y.uid, rescheduleUid: undefined },
        { trigger: 'BOOKING_RESCHEDULED', uid: moved.data.uid, rescheduleUid: y.uid },
      ]);
      // every lookup after a webhook went to Cal.com: the cached day had been invalidated
      expect(requestsTo('slots.find')).toBe(4);
      expect(receiver.errors).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('stays fresh from signed Cal.com webhooks for bookings made elsewhere', async () => {
    const c = client();
    const applied: string[] = [];
    const receiver = await startWebhookReceiver({
      onBody: async ({ body, headers }) => {
        let event: CalcomWebhookEvent;
        try {
          event = verifyCalcomWebhook({
            rawBody: body,
            signature: headers['x-cal-signature-256'],
            secret: 'whsec_e2e',
          });
        } catch (error) {
          if (error instanceof WebhookSignatureError) return 401;
          throw error;
        }
        // A failing applyWebhook is no signature problem: it fails the test (close() rejects).
        await c.applyWebhook(event);
        applied.push(event.triggerEvent);
        return 200;
      },
    });
    try {
      mock.addWebhook({ url: `${receiver.url}/calcom`, secret: 'whsec_e2e' });
      mock.addWebhook({ url: `${receiver.url}/calcom`, secret: 'wrong-secret' });
      const date = nextWeekday();
      const [, second] = await firstSlots(c, date);
      if (!second) throw new Error('no slot');
      mock.bookElsewhere({
        eventTypeId: 1001,
        start: new Date(second).toISOString(),
        attendee: { name: 'Walk In', email: 'w@example.com', timeZone: TZ },
      });
      await mock.flushWebhooks();
      expect(applied).toEqual(['BOOKING_CREATED']);
      expect(
        mock
          .webhookDeliveries()
          .map((d) => d.status)
          .sort(),
      ).toEqual([200, 401]);
      expect(await firstSlots(c, date)).not.toContain(second);
      expect(receiver.errors).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

describe('createCalcomClient: personal data', () => {
  const NAME = 'Zofia Quetzalcoatl';
  const PHONE = '+4915112345678';
  const leaks = (text: string) =>
    ['Zofia', 'Quetzalcoatl', '15112345678', '151 1234 5678'].filter((p) => text.includes(p));

  it('keeps names and phone numbers out of every event and error, whatever Cal.com echoes', async () => {
    // A Cal.com that echoes the attendee in its error message, for the next `echo` requests.
    let echo = 0;
    const echoing: typeof fetch = async (input, init) => {
      if (echo === 0) return fetch(input, init);
      echo -= 1;
      const message = `attendee ${NAME} (${PHONE}, +49 151 1234 5678) property is wrong`;
      return Response.json(
        {
          status: 'error',
          timestamp: new Date().toISOString(),
          path: '/v2/bookings',
          error: { code: 'BadRequestException', message, details: { message, statusCode: 400 } },
        },
        { status: 400 },
      );
    };
    const c = client({ fetch: echoing, timeouts: { createBooking: [200, 1_000] } });
    const date = nextWeekday();
    const who = { name: NAME, phoneNumber: PHONE, timeZone: TZ };
    const input = (h: string, extra: Partial<CreateBookingInput> = {}): CreateBookingInput => ({
      eventTypeId: 1001,
      start: `${date}T${h}:00:00Z`,
      attendee: who,
      ...extra,
    });
    const errors: unknown[] = [];
    const attempt = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        errors.push(error);
      }
    };
    await attempt(() =>
      c.bookings.create(input('09', { attendee: { ...who, phoneNumber: '+49' } })),
    );
    echo = 1;
    await attempt(() => c.bookings.create(input('09')));
    echo = 1;
    await attempt(() => c.bookings.list({ attendeeName: NAME }));
    await attempt(() => c.bookings.create(input('10'))); // booked
    await attempt(() => c.bookings.create(input('10'))); // taken
    mock.loseNextResponse('bookings.create');
    await attempt(() => c.bookings.create(input('11'))); // reconciled
    mock.loseNextResponse('bookings.create');
    mock.failNext('bookings.list', { status: 500, count: 3 });
    await attempt(() => c.bookings.create(input('12'))); // outcome unknown
    mock.setErrorRate('bookings.create', { rate: 1, statuses: [503] });
    await attempt(() => c.bookings.create(input('13')));

    expect(errors.map((e) => (isCalcomError(e) ? e.code : String(e)))).toEqual([
      'E_CALCOM_INVALID_INPUT',
      'E_CALCOM_HTTP',
      'E_CALCOM_HTTP',
      'E_SLOT_UNAVAILABLE',
      'E_BOOKING_OUTCOME_UNKNOWN',
      'E_CALCOM_UPSTREAM',
    ]);
    // Cal.com's own words survive, only the personal data is gone.
    expect((errors[1] as Error).message).toBe(
      'createBooking: Cal.com answered 400: attendee [redacted] ([redacted], [redacted]) property is wrong',
    );
    const seen = [
      ...errors.flatMap((e) => [String(e), (e as Error).stack ?? '', JSON.stringify(e)]),
      JSON.stringify(events),
    ].join('\n');
    expect(leaks(seen)).toEqual([]);
    // …while the bookings themselves carry them, so the check above can see a leak.
    expect(leaks(JSON.stringify(mock.bookings()))).not.toEqual([]);
  });
});
