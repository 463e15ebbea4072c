import { describe, expect, it } from 'vitest';
import { createTieredCache, invalidationForWebhook, slotTagsFor } from '../src/index.js';

const booking = (eventTypeId: number | string, startTime?: string, endTime?: string) => ({
  triggerEvent: 'BOOKING_CREATED',
  payload: { eventTypeId, ...(startTime ? { startTime, endTime } : {}) },
});
const twoDays = booking(1001, '2026-11-26T23:30:00Z', '2026-11-27T00:30:00Z');

describe('a booking bumps each affected day once per scope', () => {
  it("scope 'account': only acct:day:<D>, which every slots entry of that day carries", () => {
    expect(invalidationForWebhook(twoDays)).toEqual(['acct:day:2026-11-26', 'acct:day:2026-11-27']);
    expect(invalidationForWebhook(twoDays, { scope: 'account' })).toEqual([
      'acct:day:2026-11-26',
      'acct:day:2026-11-27',
    ]);
    // Without usable times: the whole account, once.
    expect(invalidationForWebhook(booking(9))).toEqual(['acct']);
    // Every cached slots answer carries the account tags (of its own event type as well).
    for (const id of [1001, 1002]) {
      const cached = slotTagsFor(id, '2026-11-27', '2026-11-27', 'Europe/Berlin');
      expect(cached).toContain('acct:day:2026-11-27');
      expect(cached).toContain('acct');
    }
  });

  it("scope 'event-type' and a scope function keep their per-event-type day tags", () => {
    expect(invalidationForWebhook(twoDays, { scope: 'event-type' })).toEqual([
      'et:1001:day:2026-11-26',
      'et:1001:day:2026-11-27',
    ]);
    expect(invalidationForWebhook(twoDays, { scope: () => [1002] })).toEqual([
      'et:1001:day:2026-11-26',
      'et:1002:day:2026-11-26',
      'et:1001:day:2026-11-27',
      'et:1002:day:2026-11-27',
    ]);
  });

  it("the account tags alone still invalidate the booked and every other event type's day", async () => {
    const cache = await createTieredCache({});
    try {
      let n = 0;
      const load = () => Promise.resolve(++n);
      const day = (id: number, d: string) =>
        cache.get(`slots:${String(id)}:${d}`, load, {
          keyGroup: 'slots',
          tags: slotTagsFor(id, d, d, 'UTC'),
        });
      for (const id of [1001, 1002]) for (const d of ['2026-11-26', '2026-11-28']) await day(id, d);
      await cache.invalidateTags(invalidationForWebhook(twoDays));
      expect((await day(1001, '2026-11-26')).source).toBe('loader');
      expect((await day(1002, '2026-11-26')).source).toBe('loader');
      expect((await day(1001, '2026-11-28')).source).toBe('l1');
      expect((await day(1002, '2026-11-28')).source).toBe('l1');
    } finally {
      await cache.close();
    }
  });
});
