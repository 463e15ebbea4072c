import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isValidTimeZone } from './time.js';
import type { CalcomMockOperation, LatencyTable } from './types.js';

// What requests to the stand-in may carry: Cal.com's API versions, error names and messages,
// and the zod schemas of queries and bodies.

export const VERSIONS: Record<CalcomMockOperation, string> = {
  'slots.find': '2024-09-04',
  'slots.reserve': '2024-09-04',
  'slots.getReservation': '2024-09-04',
  'slots.updateReservation': '2024-09-04',
  'slots.deleteReservation': '2024-09-04',
  'bookings.create': '2024-08-13',
  'bookings.get': '2024-08-13',
  'bookings.list': '2024-08-13',
  'bookings.cancel': '2024-08-13',
  'bookings.reschedule': '2024-08-13',
  'eventTypes.list': '2024-06-14',
};

/** Versions Cal.com's API knows; a missing or unknown header is routed as `2024-04-15`. */
export const KNOWN_VERSIONS = [
  '2024-04-15',
  '2024-06-11',
  '2024-06-14',
  '2024-08-13',
  '2024-09-04',
];

export const EXCEPTION: Record<number, string> = {
  400: 'BadRequestException',
  401: 'UnauthorizedException',
  403: 'ForbiddenException',
  404: 'NotFoundException',
  409: 'ConflictException',
  413: 'PayloadTooLargeException',
  422: 'UnprocessableEntityException',
  429: 'ThrottlerException',
  500: 'InternalServerErrorException',
  502: 'BadGatewayException',
  503: 'ServiceUnavailableException',
  504: 'GatewayTimeoutException',
};

export const SLOT_TAKEN = 'User either already has booking at this time or is not available';
export const OUT_OF_BOUNDS =
  'The event type can\'t be booked at the "start" time provided. This could be because it\'s too soon (violating the minimum booking notice) or too far in the future (outside the event\'s scheduling window). Try fetching available slots first using the GET /v2/slots endpoint and then make a booking with "start" time equal to one of the available slots: https://cal.com/docs/api-reference/v2/slots';

export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const utcIso = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z)?$/.test(s), {
    message: 'must be a valid ISO 8601 date in UTC',
  });
export const timeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'must be a valid IANA time zone' });

export const slotsQuery = z.strictObject({
  start: utcIso,
  end: utcIso,
  eventTypeId: z.coerce.number().int().positive().optional(),
  eventTypeSlug: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  teamSlug: z.string().min(1).optional(),
  usernames: z.string().min(1).optional(),
  organizationSlug: z.string().min(1).optional(),
  timeZone: timeZone.optional(),
  format: z.enum(['time', 'range']).optional(),
  duration: z.coerce.number().int().positive().optional(),
  bookingUidToReschedule: z.string().optional(),
});

export const createBody = z.strictObject({
  start: utcIso,
  eventTypeId: z.number().int().positive(),
  attendee: z
    .strictObject({
      name: z.string().min(1),
      timeZone,
      email: z.email().optional(),
      phoneNumber: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/)
        .optional(),
      language: z.string().optional(),
    })
    .refine((a) => a.email !== undefined || a.phoneNumber !== undefined, {
      message: 'email or phoneNumber is required',
    }),
  guests: z.array(z.email()).optional(),
  metadata: z
    .record(z.string().max(40), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, { message: 'at most 50 keys' })
    .optional(),
  bookingFieldsResponses: z.record(z.string(), z.unknown()).optional(),
  lengthInMinutes: z.number().int().positive().optional(),
  // An object, one of Cal.com's location types; a plain string is refused (NOTES.md §2.4).
  location: z
    .looseObject({
      type: z.enum([
        'address',
        'attendeeAddress',
        'attendeeDefined',
        'attendeePhone',
        'integration',
        'link',
        'phone',
        'organizersDefaultApp',
      ]),
    })
    .optional(),
  meetingUrl: z.string().optional(),
  emailVerificationCode: z.string().optional(),
  routing: z
    .strictObject({ responseId: z.number().int(), teamMemberIds: z.array(z.number().int()) })
    .optional(),
});

export const reserveBody = z.strictObject({
  eventTypeId: z.number().int().positive(),
  slotStart: utcIso,
  slotDuration: z.number().int().positive().optional(),
  reservationDuration: z.number().int().positive().optional(),
});

export const REALISTIC: LatencyTable = {
  'slots.find': { minMs: 300, maxMs: 800, hangProbability: 0.01, hangMs: 19_000 },
  'bookings.create': { minMs: 500, maxMs: 2_000, hangProbability: 0.01, hangMs: 19_000 },
  '*': { minMs: 100, maxMs: 400, hangProbability: 0.01, hangMs: 19_000 },
};

export const THROTTLED = 'CustomThrottlerGuard - Too many requests. Please try again later.';

/** mulberry32: small, fast, seedable; the one source of randomness for faults and latency. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const cancelBody = z.strictObject({
  cancellationReason: z.string().optional(),
  cancelSubsequentBookings: z.boolean().optional(),
});

export const isoAny = z.string().refine((v) => !Number.isNaN(Date.parse(v)), {
  message: 'must be a valid ISO 8601 date',
});
export const idList = z
  .string()
  .regex(/^\d+(,\d+)*$/, { message: 'must be a comma-separated list of numbers' });
export const sort = z.enum(['asc', 'desc']);
export const BOOKING_STATUS_FILTERS = ['upcoming', 'recurring', 'past', 'cancelled', 'unconfirmed'];

/** `GetBookingsInput_2024_08_13`: whitelisted, like every query DTO of Cal.com. */
export const listQuery = z.strictObject({
  status: z
    .string()
    .refine((v) => v.split(',').every((x) => BOOKING_STATUS_FILTERS.includes(x)), {
      message: `each value must be one of ${BOOKING_STATUS_FILTERS.join(', ')}`,
    })
    .optional(),
  attendeeEmail: z.string().optional(),
  attendeeName: z.string().optional(),
  bookingUid: z.string().optional(),
  eventTypeIds: idList.optional(),
  eventTypeId: z.string().regex(/^\d+$/).optional(),
  teamsIds: idList.optional(),
  teamId: z.string().regex(/^\d+$/).optional(),
  afterStart: isoAny.optional(),
  beforeEnd: isoAny.optional(),
  afterCreatedAt: isoAny.optional(),
  beforeCreatedAt: isoAny.optional(),
  afterUpdatedAt: isoAny.optional(),
  beforeUpdatedAt: isoAny.optional(),
  sortStart: sort.optional(),
  sortEnd: sort.optional(),
  sortCreated: sort.optional(),
  sortUpdatedAt: sort.optional(),
  take: z.coerce.number().int().min(1).max(250).optional(),
  skip: z.coerce.number().int().min(0).optional(),
});

/** `GetEventTypesQuery_2024_06_14`. */
export const eventTypesQuery = z.strictObject({
  username: z.string().min(1).optional(),
  eventSlug: z.string().min(1).optional(),
  usernames: z.string().min(1).optional(),
  orgSlug: z.string().min(1).optional(),
  orgId: z.coerce.number().int().positive().optional(),
});

export const rescheduleBody = z.strictObject({
  start: utcIso,
  rescheduledBy: z.email().optional(),
  reschedulingReason: z.string().optional(),
});

/** The booking's `location` string for a location object: its value, or `integrations:<app>`. */
export function locationString(l: { type: string } & Record<string, unknown>): string {
  if (l.type === 'integration' && typeof l.integration === 'string') {
    return `integrations:${l.integration}`;
  }
  for (const k of ['address', 'link', 'phone', 'location']) {
    if (typeof l[k] === 'string') return l[k];
  }
  return l.type === 'organizersDefaultApp' ? 'integrations:daily' : l.type;
}

export function zodMessage(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.join('.') || 'body'} property is wrong,${i.message}`)
    .join(' ');
}

/** Deepest nesting a request body may have (Cal.com's validators never need more). */
export const MAX_BODY_DEPTH = 64;

/** Whether `value` nests objects / arrays deeper than `limit` (iterative: no stack to overflow). */
export function nestedDeeper(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Whether a `content-type` header names JSON (Cal.com's body parser reads nothing else). */
export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** A path parameter, decoded; a malformed escape is Express's 400 `Failed to decode param`. */
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpFailure(400, `Failed to decode param '${raw}'`);
  }
}

export function shortUid(): string {
  // 22 characters of base62, as Cal.com's short ids.
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const bytes = randomBytes(22);
  let out = '';
  for (const b of bytes) out += alphabet.charAt(b % 62);
  return out;
}
