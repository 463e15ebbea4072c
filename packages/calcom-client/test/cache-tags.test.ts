import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TTL_POLICY,
  invalidationForWebhook,
  isEmptySlots,
  resolveTtlMs,
  slotTagsFor,
} from '../src/cache/index.js';

describe('slotTagsFor', () => {
  it('tags a local day in New York with the two UTC days it spans', () => {
    expect(slotTagsFor(1001, '2026-11-26', '2026-11-26', 'America/New_York')).toEqual([
      'et:1001',
      'acct',
      'et:1001:day:2026-11-26',
      'acct:day:2026-11-26',
      'et:1001:day:2026-11-27',
      'acct:day:2026-11-27',
    ]);
  });

  it('a UTC day is one tag; date-times are absolute instants', () => {
    expect(slotTagsFor(5, '2026-11-26', '2026-11-26')).toEqual([
      'et:5',
      'acct',
      'et:5:day:2026-11-26',
      'acct:day:2026-11-26',
    ]);
    expect(
      slotTagsFor(5, '2026-11-26T23:00:00+01:00', '2026-11-27T00:30:00Z', 'Asia/Tokyo').filter(
        (t) => t.startsWith('et:'),
      ),
    ).toEqual(['et:5', 'et:5:day:2026-11-26', 'et:5:day:2026-11-27']);
  });

  it('rejects garbage and absurd ranges', () => {
    expect(() => slotTagsFor(1, 'tomorrow', '2026-11-26')).toThrow(RangeError);
    expect(() => slotTagsFor(1, '2026-01-01', '2028-01-01')).toThrow(RangeError);
  });
});

describe('invalidationForWebhook', () => {
  it('covers the booking day and the previous day of a reschedule', () => {
    expect(
      invalidationForWebhook({
        triggerEvent: 'BOOKING_RESCHEDULED',
        payload: {
          eventTypeId: 1001,
          startTime: '2026-11-27T10:00:00Z',
          endTime: '2026-11-27T10:30:00Z',
          rescheduleStartTime: '2026-11-26T15:00:00Z',
          rescheduleEndTime: '2026-11-26T15:30:00Z',
        },
      }).sort(),
    ).toEqual(['acct:day:2026-11-26', 'acct:day:2026-11-27']);
  });

  const haircut = {
    triggerEvent: 'BOOKING_CREATED',
    payload: {
      eventTypeId: 1001,
      startTime: '2026-11-26T15:00:00Z',
      endTime: '2026-11-26T15:30:00Z',
    },
  };

  it("scope 'account' (default) reaches only that day of every other event type", () => {
    const tags = invalidationForWebhook(haircut);
    expect(tags).toEqual(['acct:day:2026-11-26']);
    const colour = slotTagsFor(1002, '2026-11-26', '2026-11-26', 'Europe/Berlin');
    expect(tags.some((t) => colour.includes(t))).toBe(true);
    const colourNextDay = slotTagsFor(1002, '2026-11-28', '2026-11-28', 'Europe/Berlin');
    expect(tags.some((t) => colourNextDay.includes(t))).toBe(false);
    expect(invalidationForWebhook(haircut, { scope: 'account' })).toEqual(tags);
  });

  it("scope 'event-type' reaches only the booked event type; a function adds related ones", () => {
    const only = invalidationForWebhook(haircut, { scope: 'event-type' });
    expect(only).toEqual(['et:1001:day:2026-11-26']);
    const colour = slotTagsFor(1002, '2026-11-26', '2026-11-26', 'Europe/Berlin');
    expect(only.some((t) => colour.includes(t))).toBe(false);
    const related = invalidationForWebhook(haircut, {
      scope: (id) => (id === 1001 ? [1002, 1001, 'bad id!'] : []),
    });
    expect(related).toEqual(['et:1001:day:2026-11-26', 'et:1002:day:2026-11-26']);
    expect(related.some((t) => colour.includes(t))).toBe(true);
    const consultation = slotTagsFor(1003, '2026-11-26', '2026-11-26', 'Europe/Berlin');
    expect(related.some((t) => consultation.includes(t))).toBe(false);
  });

  it('without usable times falls back to whole event types of the scope', () => {
    const noTimes = { triggerEvent: 'BOOKING_CANCELLED', payload: { eventTypeId: 9 } };
    expect(invalidationForWebhook(noTimes)).toEqual(['acct']);
    expect(invalidationForWebhook(noTimes, { scope: 'event-type' })).toEqual(['et:9']);
    expect(invalidationForWebhook(noTimes, { scope: () => [8] })).toEqual(['et:9', 'et:8']);
    expect(
      invalidationForWebhook({ triggerEvent: 'EVENT_TYPE_UPDATED', payload: { eventTypeId: 9 } }),
    ).toEqual(['et:9']);
  });

  it('matches the tags of the cached slots of that day', () => {
    const tags = invalidationForWebhook({
      triggerEvent: 'BOOKING_CREATED',
      payload: {
        eventTypeId: 1001,
        startTime: '2026-11-26T15:00:00Z',
        endTime: '2026-11-26T15:30:00Z',
      },
    });
    const cached = slotTagsFor(1001, '2026-11-26', '2026-11-26', 'Europe/Berlin');
    expect(tags.every((t) => cached.includes(t))).toBe(true);
  });

  it('ignores unrelated triggers and payloads without an event type', () => {
    expect(
      invalidationForWebhook({ triggerEvent: 'FORM_SUBMITTED', payload: { eventTypeId: 1 } }),
    ).toEqual([]);
    expect(invalidationForWebhook({ triggerEvent: 'BOOKING_CREATED', payload: {} })).toEqual([]);
    expect(
      invalidationForWebhook(
        { triggerEvent: 'BOOKING_CANCELLED', payload: { eventTypeId: 9 } },
        { scope: 'event-type' },
      ),
    ).toEqual(['et:9']);
  });

  it('never throws on arbitrary network input', () => {
    fc.assert(
      fc.property(
        fc.record({
          triggerEvent: fc.oneof(
            fc.string(),
            fc.constantFrom('BOOKING_CREATED', 'BOOKING_CANCELLED'),
          ),
          payload: fc.option(
            fc.record({
              eventTypeId: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
              startTime: fc.oneof(
                fc.string(),
                fc
                  .date({
                    noInvalidDate: true,
                    min: new Date('2000-01-01'),
                    max: new Date('2100-01-01'),
                  })
                  .map((d) => d.toISOString()),
              ),
              endTime: fc.option(
                fc
                  .date({
                    noInvalidDate: true,
                    min: new Date('2000-01-01'),
                    max: new Date('2100-01-01'),
                  })
                  .map((d) => d.toISOString()),
                { nil: undefined },
              ),
            }),
            { nil: undefined },
          ),
        }),
        (webhook) => {
          const tags = invalidationForWebhook(webhook);
          expect(Array.isArray(tags)).toBe(true);
          for (const t of tags) {
            expect(t).toMatch(/^(et:[A-Za-z0-9_-]+|acct)(:day:\d{4}-\d{2}-\d{2})?$/);
          }
        },
      ),
    );
  });
});

describe('ttl policy', () => {
  const now = Date.parse('2026-11-25T00:00:00Z');
  it('distinguishes normal, empty, far-future slots and event types', () => {
    expect(resolveTtlMs(DEFAULT_TTL_POLICY, 'slots', [1], undefined, now)).toBe(300_000);
    expect(resolveTtlMs(DEFAULT_TTL_POLICY, 'slots', { data: { d: [] } }, undefined, now)).toBe(
      150_000,
    );
    expect(
      resolveTtlMs(DEFAULT_TTL_POLICY, 'slots', [1], { startsAt: '2026-12-10T00:00:01Z' }, now),
    ).toBe(1_500_000);
    expect(
      resolveTtlMs(DEFAULT_TTL_POLICY, 'slots', [1], { startsAt: '2026-12-08T00:00:00Z' }, now),
    ).toBe(300_000);
    expect(resolveTtlMs(DEFAULT_TTL_POLICY, 'eventTypes', {}, undefined, now)).toBe(3_600_000);
    expect(isEmptySlots({ a: [1] })).toBe(false);
  });
});
