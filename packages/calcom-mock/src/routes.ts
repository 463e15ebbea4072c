import type { z } from 'zod';
import { HttpFailure, decodeParam, zodMessage } from './requests.js';
import type { CalcomMockOperation } from './types.js';

// Cal.com's routes as the stand-in serves them: method and path to operation (and uid).

/** The operation (and booking or reservation uid) of a request, or `undefined` for no route. */
export const route = (
  method: string,
  path: string,
): { operation: CalcomMockOperation; uid?: string } | undefined => {
  if (method === 'GET' && path === '/v2/slots') return { operation: 'slots.find' };
  if (method === 'POST' && path === '/v2/slots/reservations') return { operation: 'slots.reserve' };
  const r = /^\/v2\/slots\/reservations\/([^/]+)$/.exec(path);
  if (r?.[1]) {
    const ruid = decodeParam(r[1]);
    if (method === 'GET') return { operation: 'slots.getReservation', uid: ruid };
    if (method === 'PATCH') return { operation: 'slots.updateReservation', uid: ruid };
    if (method === 'DELETE') return { operation: 'slots.deleteReservation', uid: ruid };
    return undefined;
  }
  if (method === 'GET' && path === '/v2/event-types') return { operation: 'eventTypes.list' };
  if (method === 'POST' && path === '/v2/bookings') return { operation: 'bookings.create' };
  if (method === 'GET' && path === '/v2/bookings') return { operation: 'bookings.list' };
  const m = /^\/v2\/bookings\/([^/]+)(\/cancel|\/reschedule)?$/.exec(path);
  if (!m?.[1]) return undefined;
  const uid = decodeParam(m[1]);
  if (method === 'GET' && !m[2]) return { operation: 'bookings.get', uid };
  if (method === 'POST' && m[2] === '/cancel') return { operation: 'bookings.cancel', uid };
  if (method === 'POST' && m[2] === '/reschedule') return { operation: 'bookings.reschedule', uid };
  return undefined;
};

/** `input` parsed by `schema`, or a 400 with Cal.com's message. */
export const parse = <T>(schema: z.ZodType<T>, input: unknown): T => {
  const r = schema.safeParse(input);
  if (!r.success) throw new HttpFailure(400, zodMessage(r.error));
  return r.data;
};
