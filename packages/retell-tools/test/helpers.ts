// Signed tool requests for handler tests (fixed clock: a Wednesday morning in Berlin).
import { signRetellBody, type RetellHttpRequest } from '../src/index.js';
import { CALLER, DEMO_NUMBER } from './fake-engine.js';

export const apiKey = 'key_retell_test';
export const T = Date.parse('2026-11-25T08:00:00Z');
export const now = () => T;
export const call = {
  call_id: 'call-1',
  to_number: DEMO_NUMBER,
  from_number: CALLER,
  direction: 'inbound',
};

/** A request signed at `T` with {@link apiKey}. */
export function signed(body: unknown, extra: Partial<RetellHttpRequest> = {}): RetellHttpRequest {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-retell-signature': signRetellBody(rawBody, apiKey, T),
    },
    rawBody,
    ...extra,
  };
}
export const tool = (name: string, args: unknown, c: unknown = call) =>
  signed({ name, args, call: c });
export const json = (body: string) => JSON.parse(body) as Record<string, unknown>;
