import type { KyInstance } from 'ky';
import type { z } from 'zod';
import {
  BookingStateError,
  CalcomContractError,
  CalcomHttpError,
  CalcomNotFoundError,
  CalcomRateLimitError,
  CalcomUnauthorizedError,
  CalcomUpstreamError,
  SlotUnavailableError,
  type CalcomError,
  type CalcomResponseInfo,
} from './errors.js';
import { redact } from './internal/redact.js';
import { OPERATIONS, type CalcomOperation } from './operations.js';
import { errorBodySchema } from './schemas.js';

/** One HTTP request of an operation. @internal */
export interface RequestSpec {
  readonly operation: CalcomOperation;
  /** Path below the base URL, without a leading slash, e.g. `v2/bookings`. */
  readonly path: string;
  readonly searchParams?: Record<string, string>;
  readonly json?: unknown;
  /**
   * Personal data this request carries (attendee name, phone, e-mail, a cancellation or
   * rescheduling reason): removed from any Cal.com message that ends up in an error, as are
   * e-mail addresses and phone numbers anyway (see `redact` in `internal/redact.ts`).
   */
  readonly sensitive?: readonly string[];
}

/** A parsed 2xx answer. @internal */
export interface HttpResult<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * Sends one request (no retry, no timeout of its own: `signal` carries both) and parses the answer:
 * a 2xx body against `schema` (else {@link CalcomContractError}), anything else into the matching
 * typed error. Network failures and aborts propagate as thrown by fetch. @internal
 */
export async function sendOnce<T>(
  ky: KyInstance,
  spec: RequestSpec,
  schema: z.ZodType<T>,
  signal: AbortSignal,
): Promise<HttpResult<T>> {
  const op = OPERATIONS[spec.operation];
  const response = await ky(spec.path, {
    method: op.method,
    headers: { 'cal-api-version': op.version },
    ...(spec.searchParams ? { searchParams: spec.searchParams } : {}),
    ...(spec.json !== undefined ? { json: spec.json } : {}),
    signal,
  });
  const text = await response.text();
  if (response.ok) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CalcomContractError(spec.operation, response.status, [
        { field: '(body)', message: 'is not JSON' },
      ]);
    }
    const r = schema.safeParse(parsed);
    if (!r.success) {
      throw new CalcomContractError(
        spec.operation,
        response.status,
        r.error.issues.map((i) => ({
          field: i.path.map(String).join('.') || '(body)',
          message: i.message,
        })),
      );
    }
    return { status: response.status, body: r.data };
  }
  throw errorFromResponse(spec.operation, response.status, text, response.headers, spec.sensitive);
}

/**
 * Cal.com's message in an error body; `clip` when it is the raw body (not JSON, or another
 * shape), to be shortened to 200 characters once redacted (shortening first could leave half a
 * name or e-mail address that no longer matches).
 */
function messageOf(text: string): { message: string; calcomCode?: string; clip?: true } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: text.slice(0, 10_000) || '(empty body)', clip: true };
  }
  const r = errorBodySchema.safeParse(json);
  if (!r.success) return { message: text.slice(0, 10_000), clip: true };
  const body = r.data as { error?: { code?: string; message?: unknown }; message?: unknown };
  const raw = body.error ? body.error.message : body.message;
  const message = Array.isArray(raw)
    ? raw.map(String).join('; ')
    : typeof raw === 'string'
      ? raw
      : JSON.stringify(raw ?? '');
  const calcomCode = body.error?.code;
  return calcomCode === undefined ? { message } : { message, calcomCode };
}

/** Seconds of `X-RateLimit-Reset-Default` (or any `X-RateLimit-Reset-*`) in ms. @internal */
export function rateLimitResetMs(headers: Headers): number | undefined {
  let value = headers.get('x-ratelimit-reset-default');
  if (value === null) {
    for (const [k, v] of headers) {
      if (k.toLowerCase().startsWith('x-ratelimit-reset')) {
        value = v;
        break;
      }
    }
  }
  if (value === null) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  // Cal.com sends seconds until reset; a value that looks like an epoch is read as one.
  if (seconds > 1e9) return Math.max(0, seconds * 1000 - Date.now());
  return Math.ceil(seconds * 1000);
}

const RESCHEDULED_TO = /rescheduled already to booking with uid=([A-Za-z0-9_-]+)/;

/** Maps a non-2xx answer onto the typed errors. @internal */
export function errorFromResponse(
  operation: CalcomOperation,
  status: number,
  text: string,
  headers: Headers,
  sensitive: readonly string[] = [],
): CalcomError {
  const parsed = messageOf(text);
  // Classified on Cal.com's own words (a redacted value could cut into them), reported redacted.
  const raw = parsed.message;
  const calcomCode = parsed.calcomCode;
  const info: CalcomResponseInfo & { message: string } = {
    status,
    calcomCode,
    requestId: headers.get('x-request-id') ?? undefined,
    message: parsed.clip ? redact(raw, sensitive).slice(0, 200) : redact(raw, sensitive),
  };
  const m = raw.toLowerCase();
  if (status === 429) return new CalcomRateLimitError(operation, rateLimitResetMs(headers), info);
  if (status >= 500) return new CalcomUpstreamError(operation, info);
  if (status === 401 || status === 403) return new CalcomUnauthorizedError(operation, info);
  if (status === 404) {
    const resource = m.startsWith('cannot ')
      ? 'route'
      : m.includes('event type')
        ? 'eventType'
        : m.includes('booking')
          ? 'booking'
          : m.includes('slot') || m.includes('reservation')
            ? 'reservation'
            : 'unknown';
    return new CalcomNotFoundError(operation, resource, info);
  }
  if (status === 400) {
    if (m.includes('already has booking at this time or is not available')) {
      return new SlotUnavailableError(operation, 'taken', info);
    }
    if (m.includes("can't be booked at the")) {
      return new SlotUnavailableError(operation, 'out-of-bounds', info);
    }
    if (m.includes('attempting to book a meeting in the past')) {
      return new SlotUnavailableError(operation, 'in-past', info);
    }
    if (m.includes('has already been cancelled')) {
      return new BookingStateError(operation, 'already-cancelled', undefined, info);
    }
    const to = RESCHEDULED_TO.exec(raw);
    if (to) return new BookingStateError(operation, 'already-rescheduled', to[1], info);
    if (m.includes('because it has been cancelled')) {
      return new BookingStateError(operation, 'cancelled', undefined, info);
    }
    if (m.includes('already ended')) {
      return new BookingStateError(operation, 'ended', undefined, info);
    }
  }
  if (status === 409 && (m.includes('booking_conflict') || m.includes('seats'))) {
    return new SlotUnavailableError(operation, 'conflict', info);
  }
  if (status === 422) {
    if (m.includes('already booked')) return new SlotUnavailableError(operation, 'taken', info);
    if (m.includes('reserved')) return new SlotUnavailableError(operation, 'reserved', info);
  }
  return new CalcomHttpError(operation, info);
}
