/**
 * Words the parser knows besides numbers: months, weekdays, day periods and filler words, all
 * normalised as {@link tokenize} leaves them.
 *
 * @internal
 */

/** Month number by name or abbreviation, German and English. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ...(
    [
      ['januar', 'jaenner', 'january', 'jan'],
      ['februar', 'feber', 'february', 'feb'],
      ['maerz', 'march', 'mar', 'mrz', 'maer'],
      ['april', 'apr'],
      ['mai', 'may'],
      ['juni', 'june', 'jun'],
      ['juli', 'july', 'jul'],
      ['august', 'aug'],
      ['september', 'sep', 'sept'],
      ['oktober', 'october', 'okt', 'oct'],
      ['november', 'nov'],
      ['dezember', 'december', 'dez', 'dec'],
    ] as const
  ).flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
]);

/** ISO weekday (1 = Monday) by name. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ...(
    [
      ['montag', 'monday', 'mon'],
      ['dienstag', 'tuesday', 'tue', 'tues'],
      ['mittwoch', 'wednesday', 'wed'],
      ['donnerstag', 'thursday', 'thu', 'thur', 'thurs'],
      ['freitag', 'friday', 'fri'],
      ['samstag', 'sonnabend', 'saturday', 'sat'],
      ['sonntag', 'sunday'],
    ] as const
  ).flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
]);

/** How a weekday is qualified: see the README's rules. */
export type WeekdayMode = 'this' | 'next' | 'after-next';

/** Words before a weekday. Bare weekdays and "kommenden" / "coming" are `next`. */
export const WEEKDAY_MODIFIERS: ReadonlyMap<string, WeekdayMode> = new Map([
  ['diesen', 'this'],
  ['diese', 'this'],
  ['dieser', 'this'],
  ['this', 'this'],
  ['naechsten', 'next'],
  ['naechste', 'next'],
  ['naechster', 'next'],
  ['kommenden', 'next'],
  ['kommende', 'next'],
  ['kommender', 'next'],
  ['next', 'next'],
  ['coming', 'next'],
  ['uebernaechsten', 'after-next'],
  ['uebernaechste', 'after-next'],
  ['uebernaechster', 'after-next'],
]);

/** Week offsets for "diese / nächste / übernächste Woche", "this / next week". */
export const WEEK_MODIFIERS: ReadonlyMap<string, number> = new Map([
  ['diese', 0],
  ['dieser', 0],
  ['this', 0],
  ['naechste', 1],
  ['naechsten', 1],
  ['naechster', 1],
  ['kommende', 1],
  ['kommenden', 1],
  ['next', 1],
  ['coming', 1],
  ['uebernaechste', 2],
  ['uebernaechsten', 2],
]);

/** Part of the day a qualifier names. */
export type DayPeriod = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

/** Qualifiers: "morgens", "früh", "abends", "afternoon" … ("am Morgen" is read as morning too). */
export const PERIODS: ReadonlyMap<string, DayPeriod> = new Map([
  ['morgens', 'morning'],
  ['frueh', 'morning'],
  ['vormittags', 'morning'],
  ['vormittag', 'morning'],
  ['morning', 'morning'],
  ['mittags', 'noon'],
  ['mittag', 'noon'],
  ['noon', 'noon'],
  ['midday', 'noon'],
  ['nachmittags', 'afternoon'],
  ['nachmittag', 'afternoon'],
  ['afternoon', 'afternoon'],
  ['abends', 'evening'],
  ['abend', 'evening'],
  ['evening', 'evening'],
  ['nachts', 'night'],
  ['nacht', 'night'],
  ['night', 'night'],
  ['tonight', 'evening'],
]);

/** Words that carry no date or time by themselves. Anything else unknown is `unrecognised`. */
export const FILLERS: ReadonlySet<string> = new Set([
  'am',
  'um',
  'an',
  'ab',
  'den',
  'dem',
  'der',
  'die',
  'das',
  'des',
  'im',
  'in',
  'zum',
  'zur',
  'gegen',
  'so',
  'etwa',
  'ca',
  'circa',
  'ungefaehr',
  'bitte',
  'noch',
  'gern',
  'gerne',
  'lieber',
  'vielleicht',
  'mal',
  'rather',
  'maybe',
  'also',
  'dann',
  'und',
  'uhr',
  'h',
  'oclock',
  'the',
  'at',
  'on',
  'of',
  'for',
  'from',
  'by',
  'a',
  'an',
  'around',
  'about',
  'approximately',
  'please',
  'and',
  'then',
  'this',
  'diesen',
]);

/** Words after which a bare number is an hour ("um drei", "at 3"). */
export const HOUR_MARKERS: ReadonlySet<string> = new Set([
  'um',
  'at',
  'gegen',
  'around',
  'about',
  'ab',
  'from',
  'by',
]);

/** Words after which a bare number is a day of the month ("am 24", "on the 24"). */
export const DAY_MARKERS: ReadonlySet<string> = new Set(['am', 'den', 'dem', 'the', 'on']);
