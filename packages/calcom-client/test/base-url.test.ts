import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { createCalcomClient } from '../src/index.js';

// Cal.com documents its base URL as `https://api.cal.com/v2`; the client's own docs used to ask
// for it without `/v2`. Both forms (and a trailing slash) reach the same endpoints.

let mock: CalcomMock;
beforeAll(async () => {
  mock = await startCalcomMock({ port: 0, contract: 'throw' });
});
afterAll(async () => {
  await mock.close();
});

/** A weekday 3–9 days ahead (the fixture is open Mon–Fri). */
function weekday(): string {
  for (let i = 3; i < 10; i++) {
    const d = new Date(Date.now() + i * 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) return d.toISOString().slice(0, 10);
  }
  throw new Error('unreachable');
}

describe('baseUrl with or without /v2', () => {
  it.each(['', '/', '/v2', '/v2/', '/V2'])('works with "%s" after the host', async (tail) => {
    const cal = createCalcomClient({
      apiKey: mock.apiKey,
      baseUrl: `${mock.url}${tail}`,
      cache: false,
    });
    const before = mock.requests.length;
    const date = weekday();
    const { slots } = await cal.slots.find({
      eventTypeId: 1001,
      start: date,
      end: date,
      timeZone: 'Europe/Berlin',
    });
    const start = slots[date]?.[0]?.start;
    expect(start).toBeDefined();
    const booking = await cal.bookings.create({
      eventTypeId: 1001,
      start: start!,
      attendee: { name: 'Test Caller', email: 'caller@example.com', timeZone: 'Europe/Berlin' },
    });
    expect((await cal.bookings.get(booking.uid)).uid).toBe(booking.uid);
    await cal.bookings.cancel(booking.uid);
    const sent = mock.requests.slice(before);
    expect(sent.map((r) => r.status)).toEqual([200, 201, 200, 200]);
    for (const r of sent) expect(r.path).toMatch(/^\/v2\/(?!v2\/)/);
  });
});
