import { describe, expect, it } from 'vitest';
import { createCalcomClient, isCalcomError } from '../src/index.js';

/** A Cal.com that refuses every request with a message echoing the body it was sent. */
function echoing(): typeof globalThis.fetch {
  return async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const sent = await req.text();
    const body = JSON.stringify({
      status: 'error',
      error: { code: 'BadRequestException', message: `invalid request ${sent}` },
    });
    return new Response(body, { status: 400, headers: { 'content-type': 'application/json' } });
  };
}

async function messageOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isCalcomError(error)).toBe(true);
  const e = error as Error & { calcomMessage?: string };
  return `${e.message} ${e.calcomMessage ?? ''} ${JSON.stringify(e)}`;
}

describe('personal data of cancel and reschedule stays out of errors', () => {
  const client = createCalcomClient({
    apiKey: 'cal_test',
    baseUrl: 'http://calcom.invalid',
    fetch: echoing(),
    cache: false,
    breaker: false,
  });

  it('cancel: the cancellation reason is redacted', async () => {
    const reason = 'Mein Sohn Paul ist krank geworden';
    const text = await messageOf(
      client.bookings.cancel('bk_1', { cancellationReason: reason }, { deadlineMs: 2_000 }),
    );
    expect(text).toContain('invalid request');
    expect(text).not.toContain(reason);
    expect(text).not.toMatch(/Paul|krank/);
  });

  it('reschedule: the reason and the e-mail of who rescheduled are redacted', async () => {
    const reason = 'Termin beim Zahnarzt Dr. Weber';
    const text = await messageOf(
      client.bookings.reschedule(
        'bk_1',
        {
          start: '2030-01-07T10:00:00Z',
          reschedulingReason: reason,
          rescheduledBy: 'erika.muster@example.com',
        },
        { deadlineMs: 2_000 },
      ),
    );
    expect(text).toContain('invalid request');
    expect(text).not.toContain(reason);
    expect(text).not.toMatch(/Zahnarzt|Weber|erika|muster/i);
  });
});
