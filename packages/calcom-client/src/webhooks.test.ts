import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookPayloadError, WebhookSignatureError } from './errors.js';
import { isValidCalcomSignature, verifyCalcomWebhook } from './webhooks.js';

const secret = 'whsec_test_voicebook';
const sign = (body: string, key = secret) => createHmac('sha256', key).update(body).digest('hex');

const created = JSON.stringify({
  triggerEvent: 'BOOKING_CREATED',
  createdAt: '2026-11-25T08:00:00.000Z',
  payload: {
    uid: 'abc123',
    bookingId: 7,
    eventTypeId: 1001,
    type: 'haarschnitt',
    startTime: '2026-11-30T08:00:00.000Z',
    endTime: '2026-11-30T08:30:00.000Z',
    status: 'ACCEPTED',
    attendees: [{ name: 'Erika', email: 'e@example.com', timeZone: 'Europe/Berlin' }],
    responses: { notes: 'x' },
  },
});

describe('verifyCalcomWebhook', () => {
  it('accepts a correctly signed delivery and types the booking payload', () => {
    const event = verifyCalcomWebhook({ rawBody: created, signature: sign(created), secret });
    expect(event.triggerEvent).toBe('BOOKING_CREATED');
    expect(event.payload).toMatchObject({ uid: 'abc123', eventTypeId: 1001 });
    // unknown fields are kept
    expect(event.payload.responses).toEqual({ notes: 'x' });
  });

  it('accepts the raw body as bytes and the header in upper case or as an array', () => {
    const bytes = Buffer.from(created, 'utf8');
    expect(
      verifyCalcomWebhook({ rawBody: bytes, signature: [sign(created).toUpperCase()], secret })
        .triggerEvent,
    ).toBe('BOOKING_CREATED');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['sent without a secret', 'no-secret-provided'],
    ['wrong key', sign(created, 'other-secret')],
    ['truncated', sign(created).slice(0, 63)],
    ['not hex', 'z'.repeat(64)],
  ])('rejects a signature that is %s', (_label, signature) => {
    expect(() => verifyCalcomWebhook({ rawBody: created, signature, secret })).toThrow(
      WebhookSignatureError,
    );
  });

  it('rejects a body changed after signing, even by one byte', () => {
    const signature = sign(created);
    const tampered = created.replace('"eventTypeId":1001', '"eventTypeId":1002');
    expect(() => verifyCalcomWebhook({ rawBody: tampered, signature, secret })).toThrow(
      WebhookSignatureError,
    );
    // Re-serialising the parsed JSON is not the raw body either.
    const reformatted = JSON.stringify(JSON.parse(created), null, 2);
    expect(isValidCalcomSignature(reformatted, signature, secret)).toBe(false);
  });

  it('rejects a signed body that is not a webhook, naming the field', () => {
    const body = JSON.stringify({
      triggerEvent: 'BOOKING_CREATED',
      createdAt: 'x',
      payload: { startTime: 'soon' },
    });
    const error = (() => {
      try {
        verifyCalcomWebhook({ rawBody: body, signature: sign(body), secret });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect((error as WebhookPayloadError).path).toBe('payload.startTime');
    expect(() =>
      verifyCalcomWebhook({ rawBody: 'not json', signature: sign('not json'), secret }),
    ).toThrow(WebhookPayloadError);
  });

  it('passes unknown triggers through untyped', () => {
    const body = JSON.stringify({
      triggerEvent: 'MEETING_ENDED',
      createdAt: 'x',
      payload: { a: 1 },
    });
    expect(verifyCalcomWebhook({ rawBody: body, signature: sign(body), secret })).toEqual({
      triggerEvent: 'MEETING_ENDED',
      createdAt: 'x',
      payload: { a: 1 },
    });
  });

  it('never throws anything but its typed errors, and accepts only the true signature (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 500 }),
        fc.option(fc.string({ maxLength: 80 })),
        (body, sig) => {
          try {
            verifyCalcomWebhook({ rawBody: body, signature: sig, secret });
            return sig !== null && sig.trim().toLowerCase() === sign(body);
          } catch (e) {
            return e instanceof WebhookSignatureError || e instanceof WebhookPayloadError;
          }
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const body = JSON.stringify(value);
        try {
          verifyCalcomWebhook({ rawBody: body, signature: sign(body), secret });
          return true;
        } catch (e) {
          return e instanceof WebhookPayloadError;
        }
      }),
      { numRuns: 500 },
    );
  });
});
