// Full metadata (`/max`): the default `min` set checks lengths per country only and accepts
// a truncated mobile number such as +49 171 12.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { BookingEngineError } from './errors.js';

/** Longest raw input read as a phone number; anything longer is refused without parsing. */
const MAX_RAW_CHARS = 40;
/** What a written or transcribed phone number may contain: digits, `+` and separators. */
const PHONE_CHARS = /^[\d\s+()\-/.]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Normalises a phone number as a voice platform or a caller gives it to E.164
 * (`+491711234567`). National forms are read in `defaultCountry` (`0171 1234567`,
 * `030 123456`), international ones with `+` or `00` (`+49 (0)30 123456`, `0049 30 123456`);
 * spaces, dashes, slashes, dots and brackets are ignored.
 *
 * It never throws: input that is not a valid number of its country (too short, too long, letters,
 * an extension, more than 40 characters, an unknown `defaultCountry`) gives `undefined`. Use
 * {@link requirePhone} for a typed error instead. Normalising an output again returns it
 * unchanged.
 *
 * @param raw - The number as received (any format).
 * @param defaultCountry - ISO 3166-1 alpha-2 country for national forms. @default 'DE'
 * @returns The number in E.164, or `undefined` when it cannot be read as a valid number.
 * @example
 * ```ts
 * normalizePhone('0171 1234567'); // '+491711234567'
 * normalizePhone('+49 (0)30 123456'); // '+4930123456'
 * normalizePhone('call me'); // undefined
 * ```
 */
export function normalizePhone(raw: unknown, defaultCountry = 'DE'): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_RAW_CHARS || !PHONE_CHARS.test(text)) return undefined;
  // A `+` anywhere but at the start is not a phone number; libphonenumber would skip it.
  if (text.lastIndexOf('+') > 0) return undefined;
  // Every tool call of a call resolves the same two numbers: parse each once (~100 µs).
  const memoKey = `${defaultCountry}\n${text}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known === '' ? undefined : known;
  const e164 = parse(text, defaultCountry);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value ?? '');
  memo.set(memoKey, e164 ?? '');
  return e164;
}

const MEMO_SIZE = 1_000;
/** Recent answers of {@link normalizePhone} ('' for unreadable), oldest first. */
const memo = new Map<string, string>();

function parse(text: string, defaultCountry: string): string | undefined {
  const country = /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(text, country);
    if (parsed?.isValid() !== true || parsed.ext !== undefined) return undefined;
    return E164.test(parsed.number) ? parsed.number : undefined;
  } catch {
    // Unknown country codes throw in some libphonenumber-js versions; treat them as unreadable.
    return undefined;
  }
}

/**
 * Like {@link normalizePhone}, but throws a typed error for a number that cannot be read. The
 * message never contains the number.
 *
 * @param raw - The number as received (any format).
 * @param defaultCountry - ISO 3166-1 alpha-2 country for national forms. @default 'DE'
 * @returns The number in E.164.
 * @throws {@link BookingEngineError} `E_PHONE_INVALID` (not retryable).
 * @example
 * ```ts
 * requirePhone('030 123456'); // '+4930123456'
 * ```
 */
export function requirePhone(raw: unknown, defaultCountry = 'DE'): string {
  const e164 = normalizePhone(raw, defaultCountry);
  if (e164 === undefined) {
    throw new BookingEngineError(
      'E_PHONE_INVALID',
      `the phone number cannot be read as a valid number (country ${defaultCountry})`,
      false,
      {
        say: {
          de: 'Ihre Telefonnummer konnte ich leider nicht erkennen.',
          en: 'Sorry, I could not read your phone number.',
        },
      },
    );
  }
  return e164;
}
