import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBookingEngineError } from './errors.js';
import { normalizePhone, requirePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['0171 1234567', '+491711234567'],
    ['030 123456', '+4930123456'],
    ['+49 (0)30 123456', '+4930123456'],
    ['+49 30 123456', '+4930123456'],
    ['0049 30 123456', '+4930123456'],
    ['00491711234567', '+491711234567'],
    ['030/123456', '+4930123456'],
    ['030-123-456', '+4930123456'],
    ['0171.123.45.67', '+491711234567'],
    ['  +4930123456  ', '+4930123456'],
    ['+1 202 555 0123', '+12025550123'],
  ])('reads %j as %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it('reads national forms in the given country', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('01 23 45 67 89', 'FR')).toBe('+33123456789');
  });

  it.each([
    [''],
    ['   '],
    ['12'],
    ['0'],
    ['call me'],
    ['0171 CALLME'],
    ['0171 1234567 ext 2'],
    ['+49 1'],
    ['+999999999999'],
    ['0171 12345678901234567890'],
    ['+49 171 12'],
    ['0'.repeat(41)],
    ['49+171 1234567'],
    ['٠١٧١١٢٣٤٥٦٧'],
  ])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeUndefined();
  });

  it('refuses non-strings and an unknown country without throwing', () => {
    expect(normalizePhone(4930123456)).toBeUndefined();
    expect(normalizePhone(null)).toBeUndefined();
    expect(normalizePhone('030 123456', 'XX')).toBeUndefined();
    expect(normalizePhone('030 123456', 'germany')).toBeUndefined();
  });

  it('never throws, and every accepted answer is E.164 and normalises to itself', () => {
    const separators = fc.constantFrom(' ', '-', '/', '.', '', '(', ')');
    const phoneLike = fc
      .tuple(
        fc.constantFrom('', '+', '00', '0', '+49', '0049', '+1', '+44 (0)'),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), separators), { maxLength: 18 }),
      )
      .map(([prefix, parts]) => prefix + parts.map(([d, s]) => `${String(d)}${s}`).join(''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: 'binary', maxLength: 30 }),
          phoneLike,
        ),
        fc.constantFrom('DE', 'AT', 'CH', 'US', 'GB', 'XX'),
        (raw, country) => {
          const out = normalizePhone(raw, country);
          if (out !== undefined) {
            expect(out).toMatch(/^\+[1-9]\d{6,14}$/);
            expect(normalizePhone(out, country)).toBe(out);
            expect(normalizePhone(out, 'DE')).toBe(out);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('accepts a good share of generated German numbers (the property above is not vacuous)', () => {
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      const subscriber = String(1_000_000 + ((i * 7919) % 8_999_999));
      if (normalizePhone(`0171 ${subscriber}`) === `+49171${subscriber}`) accepted++;
    }
    expect(accepted).toBe(200);
  });
});

describe('requirePhone', () => {
  it('returns E.164 for a readable number', () => {
    expect(requirePhone('030 123456')).toBe('+4930123456');
  });

  it('throws E_PHONE_INVALID without the number in the message', () => {
    let error: unknown;
    try {
      requirePhone('0171 CALL 99');
    } catch (e) {
      error = e;
    }
    expect(isBookingEngineError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'E_PHONE_INVALID', retryable: false });
    expect((error as Error).message).not.toContain('0171');
    expect((error as { say?: { de: string } }).say?.de).toMatch(/Telefonnummer/);
  });
});
