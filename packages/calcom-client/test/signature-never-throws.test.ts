import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidCalcomSignature } from '../src/index.js';

describe('isValidCalcomSignature', () => {
  it('answers false, never throws, for a body that is not a string or bytes', () => {
    const signature = createHmac('sha256', 's3cret').update('{}').digest('hex');
    for (const body of [{}, null, 42, undefined, ['x']]) {
      expect(isValidCalcomSignature(body as string, signature, 's3cret')).toBe(false);
    }
    expect(isValidCalcomSignature('{}', signature, 's3cret')).toBe(true);
  });
});
