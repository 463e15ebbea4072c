import fc from 'fast-check';
import { Retell } from 'retell-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkRetellSignature, signRetellBody, verifyRetellSignature } from './signature.js';

const apiKey = 'key_test_1234567890';
const T = 1_800_000_000_000;

/** A header made by retell-sdk's own `Retell.sign`, at the given instant. */
async function sdkSign(body: string, key: string, atMs: number): Promise<string> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(atMs);
  try {
    return await Retell.sign(body, key);
  } finally {
    vi.useRealTimers();
  }
}

describe('verifyRetellSignature', () => {
  afterEach(() => vi.useRealTimers());

  it('accepts a header made by the SDK and the SDK accepts ours', async () => {
    const body = '{"name":"list_services","args":{},"call":{"call_id":"c1"}}';
    const header = await sdkSign(body, apiKey, T);
    expect(verifyRetellSignature({ rawBody: body, signature: header, apiKey, now: () => T })).toBe(
      true,
    );
    expect(signRetellBody(body, apiKey, T)).toBe(header);
  });

  it('reproduces the worked example digest from the contract', () => {
    const header = signRetellBody('{"event":"call_ended"}', 'test-api-key', 1_700_000_000_000);
    const digest = header.split(',d=')[1] ?? '';
    expect(digest.startsWith('07024cab')).toBe(true);
    expect(digest.endsWith('823e')).toBe(true);
  });

  it('verifies bytes as received, also as a Uint8Array', async () => {
    const body = '{"args":{"name":"Müller"}}';
    const header = await sdkSign(body, apiKey, T);
    const bytes = new TextEncoder().encode(body);
    expect(verifyRetellSignature({ rawBody: bytes, signature: header, apiKey, now: () => T })).toBe(
      true,
    );
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(
      verifyRetellSignature({ rawBody: reserialised, signature: header, apiKey, now: () => T }),
    ).toBe(false);
  });

  it('verifies an empty body as ""', async () => {
    const header = await sdkSign('', apiKey, T);
    expect(verifyRetellSignature({ rawBody: '', signature: header, apiKey, now: () => T })).toBe(
      true,
    );
  });

  it.each([
    [-300_000, true],
    [300_000, true],
    [-300_001, false],
    [300_001, false],
  ])('at now %d ms from v it answers %s', async (offset, expected) => {
    const header = await sdkSign('{}', apiKey, T);
    const check = checkRetellSignature({
      rawBody: '{}',
      signature: header,
      apiKey,
      now: () => T + offset,
    });
    expect(check.ok).toBe(expected);
    if (!check.ok) expect(check.reason).toBe('expired');
  });

  it('honours a custom window', async () => {
    const header = await sdkSign('{}', apiKey, T);
    const at = (offset: number) =>
      verifyRetellSignature({
        rawBody: '{}',
        signature: header,
        apiKey,
        now: () => T + offset,
        toleranceMs: 1000,
      });
    expect([at(1000), at(1001)]).toEqual([true, false]);
  });

  it('refuses a tampered body and a wrong key', async () => {
    const header = await sdkSign('{"a":1}', apiKey, T);
    expect(
      checkRetellSignature({ rawBody: '{"a":2}', signature: header, apiKey, now: () => T }),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(
      checkRetellSignature({
        rawBody: '{"a":1}',
        signature: header,
        apiKey: 'other',
        now: () => T,
      }),
    ).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses upper-case hex, a prefix, a suffix and malformed headers', async () => {
    const header = await sdkSign('{}', apiKey, T);
    const [v, d] = header.split(',');
    const bad = [
      `${v ?? ''},${(d ?? '').toUpperCase()}`,
      ` ${header}`,
      `t=1,${header}`,
      `${header},x=1`,
      `${header} `,
      `${d ?? ''},${v ?? ''}`,
      'v=abc,d=00',
      `v=${T},d=${'0'.repeat(63)}`,
      `v=-${T},${d ?? ''}`,
      `v=99999999999999999,${d ?? ''}`,
    ];
    for (const signature of bad) {
      expect(verifyRetellSignature({ rawBody: '{}', signature, apiKey, now: () => T })).toBe(false);
    }
    expect(checkRetellSignature({ rawBody: '{}', signature: undefined, apiKey })).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it('refuses everything when the API key is empty', () => {
    const signature = signRetellBody('{}', '', T);
    expect(verifyRetellSignature({ rawBody: '{}', signature, apiKey: '', now: () => T })).toBe(
      false,
    );
  });

  it('never throws and only accepts what it signed itself (random headers)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constant(undefined),
          fc.stringMatching(/^v=\d{1,20},d=[0-9a-f]+$/),
        ),
        fc.oneof(fc.string(), fc.uint8Array()),
        fc.oneof(fc.integer(), fc.double()),
        (signature, rawBody, now) => {
          const ok = verifyRetellSignature({ rawBody, signature, apiKey, now: () => now });
          expect(typeof ok).toBe('boolean');
          expect(ok).toBe(false);
        },
      ),
    );
  });

  it('accepts every body it signed within the window (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -300_000, max: 300_000 }), (rawBody, offset) => {
        const signature = signRetellBody(rawBody, apiKey, T);
        expect(verifyRetellSignature({ rawBody, signature, apiKey, now: () => T + offset })).toBe(
          true,
        );
      }),
    );
  });
});
