import { describe, expect, it } from 'vitest';
import { parseSpokenDateTime } from './parse.js';
import type { SpokenDateTimeContext } from './types.js';

function context(nowIso: string, zone: string, locale: 'de' | 'en' = 'de'): SpokenDateTimeContext {
  return { now: new Date(nowIso), zone, locale };
}

describe('clock changes', () => {
  // Berlin: Sunday 29 March 2026, 02:00 CET → 03:00 CEST
  const spring = context('2026-03-28T12:00:00+01:00', 'Europe/Berlin');
  // Berlin: Sunday 25 October 2026, 03:00 CEST → 02:00 CET
  const autumn = context('2026-10-24T12:00:00+02:00', 'Europe/Berlin');

  it.each([
    ['morgen um 01:59', '2026-03-29T01:59:00.000+01:00'],
    ['morgen um 03:00', '2026-03-29T03:00:00.000+02:00'],
    ['29.03. 15 Uhr', '2026-03-29T15:00:00.000+02:00'],
  ])('spring in Berlin: %j exists', (spoken, start) => {
    expect(parseSpokenDateTime(spoken, spring)).toEqual({ ok: true, date: '2026-03-29', start });
  });

  it.each(['morgen um 02:30', 'morgen um 02:00', '29.03.2026 2:59 am', 'morgen halb drei nachts'])(
    'spring in Berlin: %j does not exist and is refused with a time that does',
    (spoken) => {
      const r = parseSpokenDateTime(spoken, spring);
      expect(r).toMatchObject({ ok: false, code: 'nonexistent-time' });
      expect(r.ok ? '' : r.say.de).toMatch(
        /^Am 29\. März 2026 gibt es 2:\d\d Uhr .* Passt Ihnen 3:\d\d Uhr\?$/,
      );
    },
  );

  it('names the missing time and the one after the gap', () => {
    const r = parseSpokenDateTime('morgen um 02:30', spring);
    expect(r.ok ? undefined : r.say).toEqual({
      de: 'Am 29. März 2026 gibt es 2:30 Uhr wegen der Zeitumstellung nicht. Passt Ihnen 3:30 Uhr?',
      en: "Because of the clock change, 2:30 doesn't exist on March 29, 2026. Would 3:30 work?",
    });
  });

  it.each([
    ['morgen um 01:30', '2026-10-25T01:30:00.000+02:00'],
    ['morgen um 02:00', '2026-10-25T02:00:00.000+02:00'],
    ['morgen um 02:30', '2026-10-25T02:30:00.000+02:00'],
    ['25.10. 02:59', '2026-10-25T02:59:00.000+02:00'],
    ['morgen um 03:00', '2026-10-25T03:00:00.000+01:00'],
  ])('autumn in Berlin: %j is the earlier instant', (spoken, start) => {
    expect(parseSpokenDateTime(spoken, autumn)).toEqual({ ok: true, date: '2026-10-25', start });
  });

  it('autumn in Berlin: the first 02:30 is past during the repeated hour', () => {
    const during = context('2026-10-25T02:45:00+01:00', 'Europe/Berlin');
    expect(parseSpokenDateTime('heute um 02:30', during)).toMatchObject({
      ok: false,
      code: 'past',
    });
    expect(parseSpokenDateTime('heute um 03:00', during)).toEqual({
      ok: true,
      date: '2026-10-25',
      start: '2026-10-25T03:00:00.000+01:00',
    });
  });

  it('New York: 2:30 am on 8 March 2026 does not exist; 1:30 am on 1 November is EDT', () => {
    const march = context('2026-03-07T12:00:00-05:00', 'America/New_York', 'en');
    expect(parseSpokenDateTime('tomorrow at 2:30 am', march)).toMatchObject({
      ok: false,
      code: 'nonexistent-time',
    });
    const november = context('2026-10-31T12:00:00-04:00', 'America/New_York', 'en');
    expect(parseSpokenDateTime('tomorrow at 1:30 am', november)).toEqual({
      ok: true,
      date: '2026-11-01',
      start: '2026-11-01T01:30:00.000-04:00',
    });
  });

  it('New York: the repeated 01:00 of 2 November 2036 is the earlier instant (EDT)', () => {
    const before = context('2035-12-30T23:06:00Z', 'America/New_York');
    expect(parseSpokenDateTime('02.11.2036 01:00', before)).toEqual({
      ok: true,
      date: '2036-11-02',
      start: '2036-11-02T01:00:00.000-04:00',
    });
  });

  it('Lord Howe: half-hour changes (gap 02:00–02:30 in October, 01:30–02:00 twice in April)', () => {
    const october = context('2026-10-03T12:00:00+10:30', 'Australia/Lord_Howe', 'en');
    expect(parseSpokenDateTime('tomorrow at 2:15 am', october)).toMatchObject({
      ok: false,
      code: 'nonexistent-time',
    });
    expect(parseSpokenDateTime('tomorrow at 2:30 am', october)).toEqual({
      ok: true,
      date: '2026-10-04',
      start: '2026-10-04T02:30:00.000+11:00',
    });
    const april = context('2026-04-04T12:00:00+11:00', 'Australia/Lord_Howe', 'en');
    expect(parseSpokenDateTime('tomorrow at 1:45 am', april)).toEqual({
      ok: true,
      date: '2026-04-05',
      start: '2026-04-05T01:45:00.000+11:00',
    });
  });

  it('a date-only answer on the spring day is that day', () => {
    expect(parseSpokenDateTime('morgen', spring)).toEqual({ ok: true, date: '2026-03-29' });
  });
});
