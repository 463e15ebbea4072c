import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCalcomClient,
  createTieredCache,
  invalidationForWebhook,
  type CalcomClientEvent,
  type TieredCache,
} from '../src/index.js';
import { weekday } from './weekday.js';

const TZ = 'Europe/Berlin';
const HAIRCUT = 1001;
const COLOUR = 1002;
const attendee = { name: 'Erika Muster', email: 'erika@example.com', timeZone: TZ };

let mock: CalcomMock;
let caches: TieredCache[];
beforeEach(async () => {
  mock = await startCalcomMock({ port: 0 });
  caches = [];
});
afterEach(async () => {
  for (const c of caches) await c.close();
  await mock.close();
});

describe('an invalidation scope function that throws', () => {
  it('does not fail the create that booked: the account-wide days are invalidated and an event says so', async () => {
    const events: CalcomClientEvent[] = [];
    const cache = await createTieredCache({ staleIfErrorMs: 600_000 });
    caches.push(cache);
    const client = createCalcomClient({
      apiKey: mock.apiKey,
      baseUrl: mock.url,
      cache,
      invalidation: {
        scope: () => {
          throw new Error('lookup of erika@example.com failed');
        },
      },
      onEvent: (e) => events.push(e),
    });
    const date = weekday(3);
    const find = async (id: number) => {
      const r = await client.slots.find({ eventTypeId: id, start: date, end: date, timeZone: TZ });
      return { starts: (r.slots[date] ?? []).map((s) => s.start), source: r.source };
    };
    const colour = await find(COLOUR);
    const haircut = await find(HAIRCUT);
    const start = colour.starts.find((s) => haircut.starts.includes(s));
    expect(start).toBeDefined();
    expect((await find(COLOUR)).source).toBe('l1');

    const booking = await client.bookings.create({
      eventTypeId: HAIRCUT,
      start: start as string,
      attendee,
    });
    expect(Date.parse(booking.start)).toBe(Date.parse(start as string));
    expect(mock.requests.filter((r) => r.operation === 'bookings.create')).toHaveLength(1);

    // Fallback 'account': the other event type's day is invalidated too.
    const after = await find(COLOUR);
    expect(after.source).toBe('network');
    expect(after.starts).not.toContain(start);
    const failed = events.filter((e) => e.type === 'invalidation:scope-failed');
    expect(failed).toEqual([
      expect.objectContaining({ type: 'invalidation:scope-failed', fallback: 'account' }),
    ]);
    expect(JSON.stringify(events)).not.toMatch(/erika|Muster/i);

    // A webhook for the same kind of booking is applied with the same fallback, never throws.
    await expect(
      client.applyWebhook({
        triggerEvent: 'BOOKING_CREATED',
        payload: { eventTypeId: HAIRCUT, startTime: booking.start, endTime: booking.end },
      }),
    ).resolves.toBeGreaterThan(0);
  });

  it('invalidationForWebhook falls back to the account-wide days and reports the error', () => {
    const errors: unknown[] = [];
    const tags = invalidationForWebhook(
      {
        triggerEvent: 'BOOKING_CREATED',
        payload: {
          eventTypeId: 7,
          startTime: '2026-11-26T10:00:00Z',
          endTime: '2026-11-26T10:30:00Z',
        },
      },
      {
        scope: () => {
          throw new Error('boom');
        },
        onScopeError: (e) => errors.push(e),
      },
    );
    expect(tags).toEqual(['acct:day:2026-11-26']);
    expect(errors).toHaveLength(1);
  });
});
