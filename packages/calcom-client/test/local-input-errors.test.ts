import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { CalcomValidationError, createCalcomClient } from '../src/index.js';

// Input that cannot be sent is the caller's mistake: a validation error before anything leaves
// the process, never an "outcome unknown" that counts against the fleet's write breaker.

let mock: CalcomMock;
beforeEach(async () => {
  mock = await startCalcomMock({ port: 0, contract: 'record' });
});
afterEach(async () => {
  await mock.close();
});

const attendee = { name: 'Test Caller', email: 'caller@example.com', timeZone: 'Europe/Berlin' };

describe('unserialisable bookingFieldsResponses', () => {
  it('are refused as invalid input, send nothing and leave the write breaker closed', async () => {
    const cal = createCalcomClient({
      apiKey: mock.apiKey,
      baseUrl: mock.url,
      breaker: { failureThreshold: 2 },
    });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const bad: Array<Record<string, unknown>> = [
      { amount: 10n },
      cycle,
      { fn: () => 1 },
      { n: Number.NaN },
    ];
    for (const bookingFieldsResponses of bad) {
      const error: unknown = await cal.bookings
        .create({
          eventTypeId: 1001,
          start: '2099-01-05T09:00:00Z',
          attendee,
          bookingFieldsResponses,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CalcomValidationError);
      expect((error as CalcomValidationError).field).toBe('bookingFieldsResponses');
    }
    expect(mock.requests).toEqual([]);
    expect(cal.breakers?.get('write').state).toBe('closed');
  });
});
