import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETELL_TOOL_NAMES, isYes, parseToolArgs } from './schemas.js';
import { decodeNameState, encodeNameState } from './state.js';

describe('parseToolArgs', () => {
  it('reads the German names existing agents use', () => {
    const parsed = parseToolArgs('book_appointment', {
      dienstleistung: 'Haarschnitt',
      datum: 'morgen',
      uhrzeit: 'halb drei',
      name: 'Erika Muster',
      bestaetigung: 'ja',
    });
    expect(parsed).toEqual({
      ok: true,
      args: {
        service: 'Haarschnitt',
        date: 'morgen',
        time: 'halb drei',
        customer_name: 'Erika Muster',
        confirmed: 'ja',
      },
    });
  });

  it('keeps name as the staff name for resolve_name', () => {
    expect(parseToolArgs('resolve_name', { name: 'Frau Schmidt' })).toEqual({
      ok: true,
      args: { name: 'Frau Schmidt' },
    });
  });

  it('prefers the English name when both are sent, treats null and "" as absent', () => {
    const parsed = parseToolArgs('check_availability', {
      service: 'Färben',
      dienstleistung: 'Haarschnitt',
      date: 'morgen',
      time: null,
      staff: '',
    });
    expect(parsed).toEqual({ ok: true, args: { service: 'Färben', date: 'morgen' } });
  });

  it('names missing and mistyped fields without their values', () => {
    const parsed = parseToolArgs('check_availability', { service: 42, secret: 'x' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues.join(' ')).toContain('service');
      expect(parsed.issues.join(' ')).toContain('date');
      expect(parsed.issues.join(' ')).not.toContain('42');
    }
    expect(parseToolArgs('list_services', [1, 2])).toEqual({
      ok: false,
      issues: ['args: expected an object'],
    });
    expect(
      parseToolArgs('book_appointment', {
        service: 'a',
        date: 'b',
        time: 'c',
        confirmed: 'vielleicht',
      }).ok,
    ).toBe(false);
  });

  it.each([
    [true, true],
    ['ja', true],
    ['Yes', true],
    [' genau ', true],
    [false, false],
    ['nein', false],
    [undefined, false],
  ])('reads %j as %s', (value, expected) => {
    expect(isYes(value)).toBe(expected);
  });

  it('never throws for any arguments of any tool (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RETELL_TOOL_NAMES), fc.jsonValue(), (tool, raw) => {
        const parsed = parseToolArgs(tool, raw);
        expect(typeof parsed.ok).toBe('boolean');
      }),
    );
  });
});

describe('resolve_name state', () => {
  it('comes back as it went out', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 8 }), (turns) => {
        expect(decodeNameState(encodeNameState(turns))).toEqual(turns);
      }),
    );
  });

  it('reads anything else as a fresh start, never throwing', () => {
    fc.assert(
      fc.property(fc.string(), (state) => {
        expect(Array.isArray(decodeNameState(state))).toBe(true);
      }),
    );
    expect(decodeNameState(Buffer.from('{"a":1}').toString('base64url'))).toEqual([]);
    expect(decodeNameState(Buffer.from('["a",2]').toString('base64url'))).toEqual([]);
  });

  it('keeps only the last eight turns', () => {
    const turns = Array.from({ length: 12 }, (_, i) => `t${i}`);
    expect(decodeNameState(encodeNameState(turns))).toEqual(turns.slice(-8));
  });
});
