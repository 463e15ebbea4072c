import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseSpokenDateTime } from './parse.js';
import type { SpokenDateTimeContext, SpokenDateTimeInput, SpokenDateTimeResult } from './types.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
const CODES = [
  'empty',
  'unrecognised',
  'invalid-date',
  'invalid-time',
  'past',
  'nonexistent-time',
  'invalid-context',
];
// words and shapes the parser knows, so random phrases reach deep into it
const WORDS = [
  'heute',
  'morgen',
  'übermorgen',
  'in',
  'drei',
  'Tagen',
  'einer',
  'Woche',
  'nächsten',
  'diesen',
  'kommenden',
  'nächste',
  'Dienstag',
  'Sonntag',
  'am',
  'um',
  'halb',
  'Viertel',
  'nach',
  'vor',
  'dreiviertel',
  'zwölf',
  'Uhr',
  '30',
  'ersten',
  'April',
  'Oktober',
  'einunddreißigsten',
  '24.10.',
  '24.10.2026',
  '2026-10-24',
  '13:00',
  '13.30',
  '4pm',
  '10:30',
  'am',
  'pm',
  'a.m.',
  'morgens',
  'früh',
  'vormittags',
  'mittags',
  'nachmittags',
  'abends',
  'nachts',
  'today',
  'tomorrow',
  'the',
  'day',
  'after',
  'next',
  'this',
  'coming',
  'week',
  'Tuesday',
  'April',
  '2nd',
  '3rd',
  'of',
  'May',
  'half',
  'past',
  'quarter',
  'to',
  'two',
  'thirty',
  'noon',
  'midnight',
  "o'clock",
  'oh',
  'five',
  'twenty',
  'first',
  'in the morning',
  'evening',
  '31.02.',
  '25',
  '0',
  '24:00',
  '10/24',
  '-',
  '.',
];

const contextArb = fc.record({
  now: fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  zone: fc.constantFrom(...ZONES),
  locale: fc.constantFrom<'de' | 'en'>('de', 'en'),
});
const DAYS = [
  '',
  'heute',
  'morgen',
  'übermorgen',
  'nächsten Dienstag',
  'Freitag',
  'diesen Sonntag',
  'in drei Tagen',
  'in einer Woche',
  '24.10.',
  '29.02.',
  'am ersten April',
  'Dienstag nächste Woche',
  'April 2nd',
  'the 3rd of May',
  'tomorrow',
  'next week Monday',
  'this Saturday',
  '31.12.',
];
const TIMES = [
  '',
  'um halb drei',
  '13:00',
  'um 7',
  'Viertel vor drei',
  'at 4pm',
  'half past two',
  'abends um acht',
  'um 10 Uhr 30',
  'um 02:30',
  'at 2:15 am',
  'um 01:45',
  'dreiviertel drei',
  'at quarter to three',
  'um 23:59',
  'um 0:05',
  'mittags',
];
/** Mostly phrases the parser reads; a random soup of its words otherwise. */
const phraseArb = fc.oneof(
  fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...TIMES)).map(([d, t]) => `${d} ${t}`),
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 7 }).map((w) => w.join(' ')),
);

function checkShape(r: SpokenDateTimeResult): void {
  if (r.ok) {
    expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  } else {
    expect(CODES).toContain(r.code);
    expect(r.say.de).not.toBe('');
    expect(r.say.en).not.toBe('');
  }
}

/** Every ok answer is in the future (or today, date only) and written in the zone's offset. */
function checkFutureInZone(r: SpokenDateTimeResult, ctx: SpokenDateTimeContext): void {
  if (!r.ok) return;
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.zone }).toISODate() ?? '';
  expect(r.date >= today).toBe(true);
  if (r.start === undefined) return;
  expect(r.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
  const written = DateTime.fromISO(r.start, { setZone: true });
  expect(written.toMillis()).toBeGreaterThan(ctx.now.getTime());
  const inZone = DateTime.fromMillis(written.toMillis(), { zone: ctx.zone });
  expect(written.offset).toBe(inZone.offset);
  expect(inZone.toISODate()).toBe(r.date);
}

// thousands of parses per property: room for a loaded CI machine
describe('parseSpokenDateTime properties', { timeout: 60_000 }, () => {
  it('never throws for arbitrary strings, objects and values, and always answers a known shape', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          phraseArb,
          fc.record({
            date: fc.option(fc.oneof(phraseArb, fc.string()), { nil: undefined }),
            time: fc.option(phraseArb, { nil: undefined }),
          }),
          fc.anything(),
        ),
        fc.oneof(contextArb, fc.anything()),
        (input, context) => {
          const r = parseSpokenDateTime(
            input as SpokenDateTimeInput,
            context as SpokenDateTimeContext,
          );
          checkShape(r);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('answers ok only in the future (or today for a date) and in the zone', () => {
    let withStart = 0;
    fc.assert(
      fc.property(phraseArb, contextArb, (phrase, ctx) => {
        const r = parseSpokenDateTime(phrase, ctx);
        if (r.ok && r.start !== undefined) withStart++;
        checkFutureInZone(r, ctx);
      }),
      { numRuns: 3000 },
    );
    // the property must have met real answers, not only refusals
    expect(withStart).toBeGreaterThan(600);
  });

  it('reads a future instant written back as DD.MM.YYYY + HH:MM, ISO or English as that instant', () => {
    fc.assert(
      fc.property(contextArb, fc.integer({ min: 2, max: 60 * 24 * 400 }), (ctx, minutes) => {
        const ms = Math.floor((ctx.now.getTime() + minutes * 60_000) / 60_000) * 60_000;
        const dt = DateTime.fromMillis(ms, { zone: ctx.zone });
        // the later pass of a repeated autumn hour reads as the earlier one, by rule: skip it
        // when the same wall time already happened 30 or 60 minutes before
        const wall = dt.toFormat('yyyy-MM-dd HH:mm');
        const repeated = [30, 60].some(
          (back) =>
            DateTime.fromMillis(ms - back * 60_000, { zone: ctx.zone }).toFormat(
              'yyyy-MM-dd HH:mm',
            ) === wall,
        );
        fc.pre(!repeated);
        const expected = {
          ok: true,
          date: dt.toISODate(),
          start: dt.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ"),
        };
        const forms: SpokenDateTimeInput[] = [
          { date: dt.toFormat('dd.MM.yyyy'), time: dt.toFormat('HH:mm') },
          dt.toFormat('dd.MM.yyyy HH:mm'),
          dt.toFormat("dd.MM.yyyy 'um' HH:mm 'Uhr'"),
          dt.toFormat("yyyy-MM-dd'T'HH:mm"),
          dt.toFormat("MMMM d, yyyy 'at' h:mm a", { locale: 'en' }),
          dt.toFormat("'the' d'th of' MMMM yyyy 'at' h:mm a", { locale: 'en' }),
        ];
        for (const form of forms) expect(parseSpokenDateTime(form, ctx)).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a parsed answer, written back, as the same answer', () => {
    fc.assert(
      fc.property(phraseArb, contextArb, (phrase, ctx) => {
        const first = parseSpokenDateTime(phrase, ctx);
        if (!first.ok) return;
        const [y, m, d] = first.date.split('-');
        const date = `${d ?? ''}.${m ?? ''}.${y ?? ''}`;
        const time = first.start?.slice(11, 16);
        expect(parseSpokenDateTime({ date, time }, ctx)).toEqual(first);
        const english = DateTime.fromISO(first.date, { zone: 'UTC' }).toFormat('MMMM d, yyyy', {
          locale: 'en',
        });
        expect(parseSpokenDateTime(english, ctx)).toMatchObject({ ok: true, date: first.date });
      }),
      { numRuns: 3000 },
    );
  });
});
