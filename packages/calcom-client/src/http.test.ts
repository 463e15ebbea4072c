import fc from 'fast-check';
import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BookingStateError,
  CalcomContractError,
  CalcomHttpError,
  CalcomNotFoundError,
  CalcomRateLimitError,
  CalcomResponseError,
  CalcomUpstreamError,
  CalcomValidationError,
  SlotUnavailableError,
  isCalcomError,
} from './errors.js';
import { errorFromResponse, rateLimitResetMs, sendOnce } from './http.js';
import { redact } from './internal/redact.js';
import { safeErrorInfo } from './internal/safe-error.js';
import { bookingSchema } from './schemas.js';
import { parseCreateBooking, parseSlotsQuery } from './inputs.js';

const envelope = (status: number, message: string, code = 'BadRequestException') =>
  JSON.stringify({
    status: 'error',
    timestamp: '2026-11-25T08:00:00.000Z',
    path: '/v2/bookings',
    error: { code, message, details: { message, statusCode: status } },
  });

describe('errorFromResponse', () => {
  it.each([
    [400, 'User either already has booking at this time or is not available', 'taken'],
    [400, 'One of the hosts either already has booking at this time or is not available', 'taken'],
    [400, 'Attempting to book a meeting in the past.', 'in-past'],
    [409, 'booking_conflict_error', 'conflict'],
    [
      422,
      'This time slot is already reserved by another user. Please choose a different time.',
      'reserved',
    ],
    [422, "Can't reserve a slot if the event is already booked.", 'taken'],
  ])('maps %i %j to a slot error', (status, message, reason) => {
    const e = errorFromResponse('createBooking', status, envelope(status, message), new Headers());
    expect(e).toBeInstanceOf(SlotUnavailableError);
    expect(e).toMatchObject({ reason });
  });

  it('maps booking-state refusals and keeps the uid a reschedule moved to', () => {
    const e = errorFromResponse(
      'rescheduleBooking',
      400,
      envelope(
        400,
        "Can't reschedule booking with uid=abc because it has been cancelled and rescheduled already to booking with uid=xyz_9.",
      ),
      new Headers(),
    );
    expect(e).toBeInstanceOf(BookingStateError);
    expect(e).toMatchObject({ state: 'already-rescheduled', rescheduledToUid: 'xyz_9' });
  });

  it('reads Nest default bodies, request ids and the rate-limit reset', () => {
    const e = errorFromResponse(
      'getSlots',
      500,
      JSON.stringify({ statusCode: 500, message: 'Internal server error' }),
      new Headers({ 'x-request-id': 'req-1' }),
    );
    expect(e).toBeInstanceOf(CalcomUpstreamError);
    expect(e).toMatchObject({ requestId: 'req-1', retryable: true });
    const rl = errorFromResponse(
      'getSlots',
      429,
      envelope(
        429,
        'CustomThrottlerGuard - Too many requests. Please try again later.',
        'ThrottlerException',
      ),
      new Headers({ 'X-RateLimit-Reset-Default': '7' }),
    );
    expect(rl).toBeInstanceOf(CalcomRateLimitError);
    expect(rl).toMatchObject({ retryAfterMs: 7_000 });
    expect(
      errorFromResponse('getSlots', 404, envelope(404, 'Cannot GET /v2/slots'), new Headers()),
    ).toMatchObject({ resource: 'route' });
    expect(
      errorFromResponse(
        'getBooking',
        404,
        envelope(404, 'Booking with uid=x was not found in the database'),
        new Headers(),
      ),
    ).toBeInstanceOf(CalcomNotFoundError);
    expect(errorFromResponse('getSlots', 400, 'garbage', new Headers())).toBeInstanceOf(
      CalcomHttpError,
    );
  });

  it('turns any status, body and headers into a typed error without throwing (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 599 }),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.dictionary(
          fc.constantFrom('x-ratelimit-reset-default', 'x-request-id', 'x-ratelimit-reset-foo'),
          fc.string({ maxLength: 20 }),
        ),
        (status, body, headers) => {
          const e = errorFromResponse('createBooking', status, body, new Headers(headers));
          const ms = e instanceof CalcomRateLimitError ? e.retryAfterMs : 0;
          // every answer-derived error carries the status and the request id it came with
          const id = new Headers(headers).get('x-request-id') ?? undefined;
          return (
            isCalcomError(e) &&
            e instanceof CalcomResponseError &&
            e.status === status &&
            e.requestId === id &&
            (ms === undefined || ms >= 0)
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('never lets an echoed name or phone number into the error message (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.stringMatching(/^[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß' -]{1,28}[A-Za-zäöüß]$/),
        fc.stringMatching(/^\+[1-9]\d{7,13}$/),
        fc.string({ maxLength: 60 }),
        (before, name, phone, after) => {
          const body = envelope(400, `${before}${name.toUpperCase()} ${phone}${after}`);
          const e = errorFromResponse('createBooking', 400, body, new Headers(), [name]);
          const pieces = e.message.split('[redacted]');
          const lower = name.toLowerCase();
          return (
            !e.message.includes(phone) && pieces.every((p) => !p.toLowerCase().includes(lower))
          );
        },
      ),
      { numRuns: 500 },
    );
    expect(redact('call +49 (151) 1234-5678 or 0800 123, on 2026-11-26')).toBe(
      'call [redacted] or 0800 123, on 2026-11-26',
    );
  });

  // National numbers as people type them: a trunk 0 and 8+ digits, or 9+ digits in groups.
  const group = fc.constantFrom(' ', '-', '/', '.', '');
  const national = fc.oneof(
    fc
      .tuple(fc.stringMatching(/^0[1-9]\d{2,3}$/), group, fc.stringMatching(/^\d{4,8}$/))
      .map(([area, sep, rest]) => `${area}${sep}${rest}`),
    fc
      .tuple(
        fc.stringMatching(/^[1-9]\d{2}$/),
        fc.stringMatching(/^\d{3}$/),
        fc.stringMatching(/^\d{4}$/),
      )
      .chain(([a, b, c]) =>
        fc.constantFrom(`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a} ${b} ${c}`, `${a}${b}${c}`),
      ),
  );
  const email = fc.stringMatching(
    /^[a-z0-9][a-z0-9._%+-]{0,19}@[a-z0-9-]{1,15}(\.[a-z]{2,6}){1,2}$/,
  );

  it('never lets an e-mail address or a national phone number into the error message (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        email,
        national,
        fc.string({ maxLength: 60 }),
        (before, mail, phone, after) => {
          // Not given as sensitive: found by their shape alone, wherever Cal.com puts them.
          const body = envelope(400, `${before} ${mail}, ${phone} ${after}`);
          const e = errorFromResponse('createBooking', 400, body, new Headers());
          return (
            !e.message.includes(mail) &&
            !e.message.includes(phone) &&
            !safeErrorInfo(new Error(`${before} ${mail} ${phone} ${after}`)).message.includes(phone)
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('redacts before it shortens a body that is not JSON (no half e-mail or name left)', () => {
    for (const pad of [185, 190, 195, 199]) {
      const text = `${'x'.repeat(pad)} Erika Muster <erika.muster@example.com> 0151 12345678`;
      const e = errorFromResponse('createBooking', 400, text, new Headers(), [
        'Erika Muster',
        'erika.muster@example.com',
      ]);
      expect(e.message).not.toMatch(/erika|muster|0151/i);
    }
  });

  it('keeps what is no personal data: dates, times, short numbers, addresses, ids', () => {
    const text =
      'at 2026-11-26T10:00:00.000Z (2026-11-26 10:00), code 0800 123, host 127.0.0.1:6379, ' +
      'rescheduled already to booking with uid=0123456789abcdef, /v2/bookings/123456789';
    expect(redact(text)).toBe(text);
    expect(redact('Erika (erika.muster+cal@mail.example.com, 0151 12345678, (030) 123 4567)')).toBe(
      'Erika ([redacted], [redacted], [redacted])',
    );
    expect(redact('tel. 555-123-4567 / 01.23.45.67.89 / +1 (555) 123-4567')).toBe(
      'tel. [redacted] / [redacted] / [redacted]',
    );
  });

  it('reads X-RateLimit-Reset as seconds, tolerating an epoch and junk', () => {
    expect(rateLimitResetMs(new Headers({ 'x-ratelimit-reset-default': '0.2' }))).toBe(200);
    expect(rateLimitResetMs(new Headers({ 'x-ratelimit-reset-default': 'soon' }))).toBeUndefined();
    const epoch = String(Math.floor(Date.now() / 1000) + 3);
    const ms = rateLimitResetMs(new Headers({ 'x-ratelimit-reset-default': epoch })) ?? -1;
    expect(ms).toBeGreaterThan(1_000);
    expect(ms).toBeLessThanOrEqual(3_000);
  });
});

describe('sendOnce on 2xx answers', () => {
  const answering = (body: string) =>
    ky.create({
      prefixUrl: 'http://calcom.test',
      retry: 0,
      throwHttpErrors: false,
      fetch: () => Promise.resolve(new Response(body, { status: 200 })),
    });
  const booking = {
    id: 1,
    uid: 'mg3EVprisqeBSLKZey4rKf',
    title: 'Haarschnitt',
    status: 'accepted',
    start: '2050-09-05T07:00:00.000Z',
    end: '2050-09-05T07:30:00.000Z',
    duration: 30,
    eventTypeId: 1001,
    hosts: [],
    attendees: [],
  };
  const bookingEnvelope = z.looseObject({ status: z.literal('success'), data: bookingSchema });

  it('returns a conforming body and names the first bad field of any other (property)', async () => {
    const ok = await sendOnce(
      answering(JSON.stringify({ status: 'success', data: booking })),
      { operation: 'getBooking', path: 'v2/bookings/x' },
      bookingEnvelope,
      new AbortController().signal,
    );
    expect(ok.body.data.uid).toBe(booking.uid);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          // a real booking with one field replaced by anything
          fc
            .tuple(fc.constantFrom(...Object.keys(booking)), fc.jsonValue())
            .map(([k, v]) => JSON.stringify({ status: 'success', data: { ...booking, [k]: v } })),
        ),
        async (body) => {
          try {
            const r = await sendOnce(
              answering(body),
              { operation: 'getBooking', path: 'v2/bookings/x' },
              bookingEnvelope,
              new AbortController().signal,
            );
            return bookingEnvelope.safeParse(JSON.parse(body)).success && r.status === 200;
          } catch (error) {
            return (
              error instanceof CalcomContractError &&
              error.path.length > 0 &&
              error.message.includes(error.path)
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('input parsing', () => {
  it('normalises instants with offsets to UTC and keeps day strings', () => {
    expect(
      parseCreateBooking({
        eventTypeId: 1,
        start: '2026-03-29T03:30:00+02:00',
        attendee: { name: 'A', phoneNumber: '+4930123456', timeZone: 'Europe/Berlin' },
      }).start,
    ).toBe('2026-03-29T01:30:00.000Z');
    expect(
      parseSlotsQuery({
        eventTypeId: 1,
        start: '2026-03-29',
        end: new Date('2026-03-30T00:00:00Z'),
      }),
    ).toMatchObject({
      start: '2026-03-29',
      end: '2026-03-30T00:00:00.000Z',
      timeZone: 'UTC',
    });
  });

  it('answers any input with a result or CalcomValidationError, never anything else (property)', () => {
    const anyValue = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.date({ noInvalidDate: false }),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(
        fc.record(
          { eventTypeId: anyValue, start: anyValue, end: anyValue, timeZone: anyValue },
          { requiredKeys: [] },
        ),
        fc.record(
          {
            eventTypeId: anyValue,
            start: anyValue,
            attendee: fc.record(
              { name: anyValue, email: anyValue, timeZone: anyValue, phoneNumber: anyValue },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
        (slots, booking) => {
          for (const run of [
            () => parseSlotsQuery(slots as never),
            () => parseCreateBooking(booking as never),
          ]) {
            try {
              const out = run();
              if (typeof out.start !== 'string') return false;
            } catch (e) {
              if (!(e instanceof CalcomValidationError) || e.field.length === 0) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
