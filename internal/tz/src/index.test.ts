import { describe, expect, it } from 'vitest';
import { formatInZone, localDate, offsetMinutes, zonedToInstant } from './index.js';

describe('time-zone arithmetic', () => {
  it.each([
    // [y, m, d, h, min, expected UTC]
    [2026, 3, 28, 9, 0, '2026-03-28T08:00:00.000Z'], // CET, day before spring-forward
    [2026, 3, 29, 9, 0, '2026-03-29T07:00:00.000Z'], // CEST, the DST day itself
    [2026, 10, 25, 9, 0, '2026-10-25T08:00:00.000Z'], // back to CET
  ])('maps Berlin wall time %i-%i-%i %i:%i to %s across DST', (y, m, d, h, min, iso) => {
    expect(new Date(zonedToInstant(y, m, d, h, min, 'Europe/Berlin')).toISOString()).toBe(iso);
  });

  it('prints instants with the zone offset as Cal.com does', () => {
    const t = Date.parse('2050-09-05T07:00:00.000Z');
    expect(formatInZone(t, 'Europe/Rome')).toBe('2050-09-05T09:00:00.000+02:00');
    expect(formatInZone(t, undefined)).toBe('2050-09-05T07:00:00.000Z');
    expect(formatInZone(t, 'America/St_Johns')).toBe('2050-09-05T04:30:00.000-02:30');
    expect(offsetMinutes(t, 'Asia/Kathmandu')).toBe(345);
  });

  it('groups late-evening UTC instants under the local date', () => {
    expect(localDate(Date.parse('2026-11-25T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-26');
    expect(localDate(Date.parse('2026-11-25T23:30:00Z'), 'UTC')).toBe('2026-11-25');
  });
});
