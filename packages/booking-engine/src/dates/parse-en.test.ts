import { describe, expect, it } from 'vitest';
import { parseSpokenDateTime } from './parse.js';
import type { SpokenDateTimeContext } from './types.js';

// Monday, 30 March 2026, 09:00 in Berlin
const en: SpokenDateTimeContext = {
  now: new Date('2026-03-30T09:00:00+02:00'),
  zone: 'Europe/Berlin',
  locale: 'en',
};
// the same instant in New York (03:00, EDT), where slash dates are month first
const us: SpokenDateTimeContext = { ...en, zone: 'America/New_York' };

function at(day: string, time?: string, offset = '+02:00') {
  return time === undefined
    ? { ok: true, date: day }
    : { ok: true, date: day, start: `${day}T${time}:00.000${offset}` };
}

describe('parseSpokenDateTime in English', () => {
  it.each<[string, string, string | undefined]>([
    ['today at 10:30 am', '2026-03-30', '10:30'],
    ['tomorrow at 4pm', '2026-03-31', '16:00'],
    ['tomorrow at 9 a.m.', '2026-03-31', '09:00'],
    ['the day after tomorrow at 9 A.M.', '2026-04-01', '09:00'],
    ['day after tomorrow', '2026-04-01', undefined],
    ['in 3 days', '2026-04-02', undefined],
    ['in three days', '2026-04-02', undefined],
    ['in a week', '2026-04-06', undefined],
    ['in two weeks', '2026-04-13', undefined],
    ['yesterday', '', undefined],
  ])('reads the relative day %j', (spoken, day, time) => {
    const r = parseSpokenDateTime(spoken, en);
    if (day === '') expect(r).toMatchObject({ ok: false, code: 'past' });
    else expect(r).toEqual(at(day, time));
  });

  it.each<[string, string, string | undefined]>([
    ['Tuesday', '2026-03-31', undefined],
    ['on Monday', '2026-04-06', undefined],
    ['next Tuesday at half past two', '2026-03-31', '14:30'],
    ['next Monday', '2026-04-06', undefined],
    ['this Monday at 5 pm', '2026-03-30', '17:00'],
    ['coming Friday', '2026-04-03', undefined],
    ['Tuesday next week', '2026-04-07', undefined],
    ['next week on Monday', '2026-04-06', undefined],
    ['Wednesday the week after next', '2026-04-15', undefined],
  ])('reads the weekday %j (said on a Monday)', (spoken, day, time) => {
    expect(parseSpokenDateTime(spoken, en)).toEqual(at(day, time));
  });

  it.each<[string, string, string | undefined]>([
    ['April 2nd', '2026-04-02', undefined],
    ['April 2', '2026-04-02', undefined],
    ['the 3rd of May', '2026-05-03', undefined],
    ['the third of May', '2026-05-03', undefined],
    ['May the 3rd at noon', '2026-05-03', '12:00'],
    ['October 24, 2026', '2026-10-24', undefined],
    ['24 October', '2026-10-24', undefined],
    ['on the first of April', '2026-04-01', undefined],
    ['on the twenty-first', '2026-04-21', undefined],
    ['April twenty first at 10', '2026-04-21', '10:00'],
    ['March 1st', '2027-03-01', undefined],
    ['24/10', '2026-10-24', undefined],
  ])('reads the date %j', (spoken, day, time) => {
    expect(parseSpokenDateTime(spoken, en)).toEqual(at(day, time));
  });

  it.each<[string, string, string]>([
    ['at quarter to three', '2026-03-30', '14:45'],
    ['a quarter past ten', '2026-03-30', '10:15'],
    ['quarter after ten', '2026-03-30', '10:15'],
    ['half past two', '2026-03-30', '14:30'],
    ['half two', '2026-03-30', '14:30'],
    ['two thirty', '2026-03-30', '14:30'],
    ['at ten', '2026-03-30', '10:00'],
    ["at 4 o'clock", '2026-03-30', '16:00'],
    ['tomorrow at nine oh five', '2026-03-31', '09:05'],
    ['twenty past four', '2026-03-30', '16:20'],
    ['ten to five', '2026-03-30', '16:50'],
    ['five minutes past three', '2026-03-30', '15:05'],
    ['tomorrow at 9 in the morning', '2026-03-31', '09:00'],
    ['3 in the afternoon', '2026-03-30', '15:00'],
    ['tomorrow at 8 in the evening', '2026-03-31', '20:00'],
    ['tonight at 8', '2026-03-30', '20:00'],
    ['this afternoon at 4', '2026-03-30', '16:00'],
    ['tomorrow at midday', '2026-03-31', '12:00'],
    ['noon', '2026-03-30', '12:00'],
    ['12 pm tomorrow', '2026-03-31', '12:00'],
    ['tomorrow 12 am', '2026-03-31', '00:00'],
    ['tomorrow 7:45 am', '2026-03-31', '07:45'],
    ['3 am Tuesday', '2026-03-31', '03:00'],
  ])('reads the time %j', (spoken, day, time) => {
    expect(parseSpokenDateTime(spoken, en)).toEqual(at(day, time));
  });

  it.each<[string, string]>([
    ['midnight', 'invalid-time'],
    ['13 am', 'invalid-time'],
    ['tomorrow at 3 pm in the morning', 'invalid-time'],
    ['February 30th', 'invalid-date'],
    ['next week', 'unrecognised'],
    ['whenever', 'unrecognised'],
    ['in a second', 'unrecognised'],
    ['first', 'unrecognised'],
  ])('answers %j with code %s', (spoken, code) => {
    expect(parseSpokenDateTime(spoken, en)).toMatchObject({ ok: false, code });
  });

  it.each<[string, string, string | undefined]>([
    ['10/24', '2026-10-24', undefined],
    ['10/24/2026 at 2:30 pm', '2026-10-24', '14:30'],
    ['tomorrow at 4pm', '2026-03-31', '16:00'],
  ])('reads %j month first in an American zone', (spoken, day, time) => {
    expect(parseSpokenDateTime(spoken, us)).toEqual(at(day, time, '-04:00'));
  });

  it('reads a slash date day first in German even in an American zone', () => {
    expect(parseSpokenDateTime('24/10', { ...us, locale: 'de' })).toEqual(at('2026-10-24'));
  });

  it('reads "am" before a weekday as German "am" in a German call', () => {
    const de = { ...en, locale: 'de' as const };
    expect(parseSpokenDateTime('um 3 am Dienstag', de)).toEqual(at('2026-03-31', '15:00'));
  });
});
