import { describe, expect, it } from 'vitest';
import { parseSpokenDateTime } from './parse.js';
import type { SpokenDateTimeContext, SpokenDateTimeInput } from './types.js';

// Monday, 30 March 2026, 09:00 in Berlin (the day after the spring clock change)
const de: SpokenDateTimeContext = {
  now: new Date('2026-03-30T09:00:00+02:00'),
  zone: 'Europe/Berlin',
  locale: 'de',
};

function at(day: string, time?: string): { ok: true; date: string; start?: string } {
  return time === undefined
    ? { ok: true, date: day }
    : { ok: true, date: day, start: `${day}T${time}:00.000+02:00` };
}

describe('parseSpokenDateTime in German', () => {
  it.each<[string, string, string | undefined]>([
    ['heute um 17 Uhr', '2026-03-30', '17:00'],
    ['heute noch um 16 Uhr, bitte', '2026-03-30', '16:00'],
    ['morgen', '2026-03-31', undefined],
    ['übermorgen um 10', '2026-04-01', '10:00'],
    ['uebermorgen', '2026-04-01', undefined],
    ['in drei Tagen', '2026-04-02', undefined],
    ['in einer Woche', '2026-04-06', undefined],
    ['in 14 Tagen', '2026-04-13', undefined],
    ['in zwei Wochen um 9', '2026-04-13', '09:00'],
    ['heute in einer Woche um 10', '2026-04-06', '10:00'],
  ])('reads the relative day %j', (spoken, day, time) => {
    expect(parseSpokenDateTime(spoken, de)).toEqual(at(day, time));
  });

  it.each<[string, string]>([
    ['Dienstag', '2026-03-31'],
    ['nächsten Dienstag', '2026-03-31'],
    ['am Montag', '2026-04-06'],
    ['nächsten Montag', '2026-04-06'],
    ['kommenden Montag', '2026-04-06'],
    ['diesen Montag', '2026-03-30'],
    ['diesen Sonntag', '2026-04-05'],
    ['kommenden Freitag', '2026-04-03'],
    ['Dienstag nächste Woche', '2026-04-07'],
    ['nächste Woche Montag', '2026-04-06'],
    ['am Mittwoch in der nächsten Woche', '2026-04-08'],
    ['übernächsten Mittwoch', '2026-04-08'],
    ['Sonnabend', '2026-04-04'],
  ])('reads the weekday %j (said on a Monday)', (spoken, day) => {
    expect(parseSpokenDateTime(spoken, de)).toEqual(at(day));
  });

  it.each<[string, string]>([
    ['24.10.', '2026-10-24'],
    ['24.10.2026', '2026-10-24'],
    ['24.10.26', '2026-10-24'],
    ['2026-10-24', '2026-10-24'],
    ['24/10', '2026-10-24'],
    ['am 24.10', '2026-10-24'],
    ['1.3.', '2027-03-01'],
    ['29.02.', '2028-02-29'],
    ['am ersten April', '2026-04-01'],
    ['24. Oktober', '2026-10-24'],
    ['den 24. Oktober 2027', '2027-10-24'],
    ['am einunddreißigsten Mai', '2026-05-31'],
    ['am dritten März', '2027-03-03'],
    ['am 30.', '2026-03-30'],
    ['am 15.', '2026-04-15'],
    ['am fünfzehnten', '2026-04-15'],
    ['Dienstag, den 31.03.', '2026-03-31'],
  ])('reads the date %j (next one that is not past)', (spoken, day) => {
    expect(parseSpokenDateTime(spoken, de)).toEqual(at(day));
  });

  it.each<[string, string, string]>([
    ['morgen um 13:00', '2026-03-31', '13:00'],
    ['13.30 Uhr', '2026-03-30', '13:30'],
    ['13 Uhr 30', '2026-03-30', '13:30'],
    ['morgen 10.30', '2026-03-31', '10:30'],
    ['zehn Uhr', '2026-03-30', '10:00'],
    ['zehn Uhr dreißig', '2026-03-30', '10:30'],
    ['zwölf', '2026-03-30', '12:00'],
    ['um drei', '2026-03-30', '15:00'],
    ['um 7', '2026-03-30', '19:00'],
    ['morgen um 8', '2026-03-31', '08:00'],
    ['morgen 07:30', '2026-03-31', '07:30'],
    ['halb drei', '2026-03-30', '14:30'],
    ['morgen halb acht', '2026-03-31', '07:30'],
    ['halb eins', '2026-03-30', '12:30'],
    ['Viertel nach zehn', '2026-03-30', '10:15'],
    ['Viertel vor drei', '2026-03-30', '14:45'],
    ['dreiviertel drei', '2026-03-30', '14:45'],
    ['drei viertel drei', '2026-03-30', '14:45'],
    ['viertel drei', '2026-03-30', '14:15'],
    ['fünf nach halb drei', '2026-03-30', '14:35'],
    ['fünf vor halb drei', '2026-03-30', '14:25'],
    ['zehn nach drei', '2026-03-30', '15:10'],
    ['zwanzig vor vier', '2026-03-30', '15:40'],
    ['nächsten Dienstag um halb drei', '2026-03-31', '14:30'],
    ['kommenden Freitag um 13 Uhr 30', '2026-04-03', '13:30'],
  ])('reads the time %j', (spoken, day, time) => {
    expect(parseSpokenDateTime(spoken, de)).toEqual(at(day, time));
  });

  it.each<[string, string, string]>([
    ['morgen um 7 morgens', '2026-03-31', '07:00'],
    ['morgen früh um sechs', '2026-03-31', '06:00'],
    ['morgen vormittags um 11', '2026-03-31', '11:00'],
    ['mittags um eins', '2026-03-30', '13:00'],
    ['morgen mittag', '2026-03-31', '12:00'],
    ['nachmittags um 3', '2026-03-30', '15:00'],
    ['heute Abend um acht', '2026-03-30', '20:00'],
    ['um 10 Uhr abends', '2026-03-30', '22:00'],
    ['morgen um 2 nachts', '2026-03-31', '02:00'],
    ['Dienstag morgen um 9', '2026-03-31', '09:00'],
  ])('applies the qualifier in %j', (spoken, day, time) => {
    expect(parseSpokenDateTime(spoken, de)).toEqual(at(day, time));
  });

  it.each<[SpokenDateTimeInput, string, string | undefined]>([
    [{ date: 'morgen', time: '15:30' }, '2026-03-31', '15:30'],
    [{ date: '24.10.2026', time: '14.30' }, '2026-10-24', '14:30'],
    [{ date: '24.10.2026', time: '14:30 Uhr' }, '2026-10-24', '14:30'],
    [{ date: 'morgen', time: 'halb drei' }, '2026-03-31', '14:30'],
    [{ date: 'nächsten Dienstag um halb drei' }, '2026-03-31', '14:30'],
    [{ time: 'morgen um 10' }, '2026-03-31', '10:00'],
    [{ date: '3' }, '2026-04-03', undefined],
    [{ time: '3' }, '2026-03-30', '15:00'],
    [{ date: 'morgen', time: 'morgen um 10' }, '2026-03-31', '10:00'],
    [{ datum: 'morgen', uhrzeit: '10 Uhr' } as SpokenDateTimeInput, '2026-03-31', '10:00'],
  ])('reads the fields %j', (input, day, time) => {
    expect(parseSpokenDateTime(input, de)).toEqual(at(day, time));
  });

  it.each<[unknown, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    [{}, 'empty'],
    [{ date: '', time: ' ' }, 'empty'],
    ['Blumenkohl', 'unrecognised'],
    ['nicht morgen', 'unrecognised'],
    ['morgen oder übermorgen', 'unrecognised'],
    ['morgen und übermorgen', 'unrecognised'],
    ['um drei und um vier', 'unrecognised'],
    ['nächste Woche', 'unrecognised'],
    ['abends', 'unrecognised'],
    [null, 'unrecognised'],
    [42, 'unrecognised'],
    [['morgen'], 'unrecognised'],
    [{ date: {} }, 'unrecognised'],
    ['31.02.', 'invalid-date'],
    ['30.02.2028', 'invalid-date'],
    ['29.02.2027', 'invalid-date'],
    ['32.01.', 'invalid-date'],
    ['24.13.', 'invalid-date'],
    ['am 32.', 'invalid-date'],
    ['Dienstag, den 24.10.', 'invalid-date'],
    ['25 Uhr', 'invalid-time'],
    ['13:75', 'invalid-time'],
    ['um 24 Uhr', 'invalid-time'],
    ['Mitternacht', 'invalid-time'],
    ['morgen um zwölf Uhr nachts', 'invalid-time'],
    ['15 Uhr morgens', 'invalid-time'],
    ['gestern', 'past'],
    ['01.01.2026', 'past'],
    ['heute um 8', 'past'],
    ['heute um 9', 'past'],
    ['30.03.2026 08:59', 'past'],
  ])('answers %j with ok: false and code %s', (input, code) => {
    const r = parseSpokenDateTime(input as SpokenDateTimeInput, de);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) {
      expect(r.say.de.length).toBeGreaterThan(10);
      expect(r.say.en.length).toBeGreaterThan(10);
    }
  });

  it('names the real weekday when the said one does not match the date', () => {
    const r = parseSpokenDateTime('Dienstag, den 24.10.', de);
    expect(r.ok ? '' : r.say.de).toBe(
      'Der 24. Oktober 2026 ist ein Samstag, kein Dienstag. Welchen Tag meinen Sie?',
    );
  });

  it.each<[string, unknown]>([
    ['an unknown zone', { ...de, zone: 'Mars/Olympus' }],
    ['an invalid now', { ...de, now: new Date(Number.NaN) }],
    ['a number as now', { ...de, now: 1_780_000_000_000 }],
    ['an unknown locale', { ...de, locale: 'fr' }],
    ['no context', undefined],
  ])('answers invalid-context for %s', (_, context) => {
    expect(parseSpokenDateTime('morgen', context as SpokenDateTimeContext)).toMatchObject({
      ok: false,
      code: 'invalid-context',
    });
  });
});
