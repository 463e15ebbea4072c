import { createHmac, timingSafeEqual } from 'node:crypto';

/** Retell's signing window: a signature more than this far from now is refused. */
export const SIGNATURE_TOLERANCE_MS = 300_000;

/** Name of the header Retell signs every request with (lower case, as Node gives it). */
export const SIGNATURE_HEADER = 'x-retell-signature';

/** Input of {@link verifyRetellSignature}. */
export interface VerifyRetellSignatureInput {
  /** The request body exactly as received (an empty body is verified as `""`). */
  readonly rawBody: string | Uint8Array;
  /** The `X-Retell-Signature` header, `v=<unix ms>,d=<hex>`; missing means refused. */
  readonly signature: string | undefined;
  /** The Retell API key (the HMAC key). */
  readonly apiKey: string;
  /** The clock, epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** Largest accepted distance between `v` and now, in ms. @default 300_000 (5 minutes) */
  readonly toleranceMs?: number | undefined;
}

/** Why a signature was refused (for metrics; never told to the caller). */
export type SignatureFailure = 'missing' | 'malformed' | 'expired' | 'mismatch';

/** Answer of {@link checkRetellSignature}. */
export type SignatureCheck =
  | {
      /** The signature is Retell's and within the tolerance. */
      readonly ok: true;
      /** The signed timestamp, epoch ms. */
      readonly timestampMs: number;
    }
  | {
      /** Refused. */
      readonly ok: false;
      /** Why; see {@link SignatureFailure}. */
      readonly reason: SignatureFailure;
    };

// Exactly Retell's format: nothing before `v=`, decimal ms, 64 lower-case hex digits, nothing after.
const FORMAT = /^v=(\d{1,16}),d=([0-9a-f]{64})$/;
const encoder = new TextEncoder();

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

/**
 * Checks a Retell signature and says why it failed. Same rules as {@link verifyRetellSignature}.
 *
 * @param input - body, header, key, clock and window.
 * @returns `{ ok: true, timestampMs }` or `{ ok: false, reason }`; never throws.
 * @example
 * ```ts
 * const apiKey = 'key_test';
 * const rawBody = '{"event":"call_started"}';
 * const signature = signRetellBody(rawBody, apiKey, Date.now());
 * checkRetellSignature({ rawBody, signature, apiKey }); // { ok: true, timestampMs: … }
 * checkRetellSignature({ rawBody: rawBody + ' ', signature, apiKey }); // { ok: false, reason: 'mismatch' }
 * ```
 */
export function checkRetellSignature(input: VerifyRetellSignatureInput): SignatureCheck {
  try {
    const { signature } = input;
    if (typeof signature !== 'string' || signature === '') return { ok: false, reason: 'missing' };
    const match = FORMAT.exec(signature);
    if (!match) return { ok: false, reason: 'malformed' };
    const stamp = match[1] ?? '';
    const timestampMs = Number(stamp);
    if (!Number.isSafeInteger(timestampMs)) return { ok: false, reason: 'malformed' };
    const now = (input.now ?? Date.now)();
    const tolerance = input.toleranceMs ?? SIGNATURE_TOLERANCE_MS;
    if (!Number.isFinite(now) || !(Math.abs(now - timestampMs) <= tolerance)) {
      return { ok: false, reason: 'expired' };
    }
    if (typeof input.apiKey !== 'string' || input.apiKey === '') {
      return { ok: false, reason: 'mismatch' };
    }
    const hmac = createHmac('sha256', input.apiKey);
    // A string body is hashed as its UTF-8 bytes without an encoded copy first.
    if (typeof input.rawBody === 'string') hmac.update(input.rawBody, 'utf8');
    else hmac.update(input.rawBody);
    const expected = hmac.update(stamp).digest();
    const given = Buffer.from(match[2] ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'mismatch' };
    }
    return { ok: true, timestampMs };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/**
 * Verifies Retell's `X-Retell-Signature` (`v=<unix ms>,d=<hex>`, HMAC-SHA256 keyed with the API
 * key over the raw body followed by `v`) on the bytes as received. Refuses a timestamp more than
 * `toleranceMs` away from now, upper-case hex, anything before `v=` or after the digest, and
 * compares in constant time.
 *
 * @param input - body, header, key, clock and window.
 * @returns whether the request was signed by Retell with this key; never throws.
 * @example
 * ```ts
 * const ok = verifyRetellSignature({
 *   rawBody: req.rawBody,
 *   signature: req.headers['x-retell-signature'],
 *   apiKey: process.env.RETELL_API_KEY ?? '',
 * });
 * if (!ok) return { status: 401 };
 * ```
 */
export function verifyRetellSignature(input: VerifyRetellSignatureInput): boolean {
  return checkRetellSignature(input).ok;
}

/**
 * Signs a body the way Retell does (for tests and local tools that call your endpoints).
 *
 * @param rawBody - the exact body that will be sent.
 * @param apiKey - the Retell API key.
 * @param timestampMs - the `v` part, epoch ms.
 * @returns the `X-Retell-Signature` header value.
 * @example
 * ```ts
 * const body = JSON.stringify({ call: { call_id: 'call_1' }, args: {} });
 * await fetch('http://127.0.0.1:3000/retell/tools/initialize_call', {
 *   method: 'POST',
 *   headers: {
 *     'content-type': 'application/json',
 *     'x-retell-signature': signRetellBody(body, 'key_test', Date.now()),
 *   },
 *   body,
 * });
 * ```
 */
export function signRetellBody(
  rawBody: string | Uint8Array,
  apiKey: string,
  timestampMs: number,
): string {
  const stamp = String(Math.trunc(timestampMs));
  const digest = createHmac('sha256', apiKey).update(toBytes(rawBody)).update(stamp).digest('hex');
  return `v=${stamp},d=${digest}`;
}
