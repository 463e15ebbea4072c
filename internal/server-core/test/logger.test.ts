import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubPhoneNumbers } from '../src/logger.js';

const capture = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
};

describe('logger', () => {
  it('redacts numbers and names in nested fields, messages, URLs and errors', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        call: { from_number: '+4917012345678', to_number: '+4930123456' },
        customerName: 'Erika Muster',
      },
      'inbound from +49 170 1234 5678',
    );
    logger.info({
      req: { method: 'GET', url: '/x?from=%2B4917012345678&n=0171%201234567', headers: {} },
    });
    logger.error({ err: new Error('no customer for 0171 1234567') }, 'failed');
    const out = lines.join('');
    expect(out).not.toMatch(/4917012345678|1234 5678|1234567|Erika|30123456/);
    expect(out).toContain('[redacted]');
    expect(out).toContain('[phone]');
  });

  it('scrubs any phone number written in international or national form', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('+49', '0049', '0'),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 12 }),
        fc.constantFrom('', ' ', '-', '/'),
        (prefix, digits, sep) => {
          const number = `${prefix}${digits.join('').replace(/(\d{3})(?=\d)/g, `$1${sep}`)}`;
          const out = scrubPhoneNumbers(`caller ${number} asked`);
          expect(out).not.toContain(digits.join('').slice(-6));
        },
      ),
    );
  });

  it('keeps short numbers such as times, ports and counts', () => {
    expect(scrubPhoneNumbers('slot 14:30, port 3000, 12 services')).toBe(
      'slot 14:30, port 3000, 12 services',
    );
  });
});
