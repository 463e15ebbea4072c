import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WebhookPayloadError, WebhookSignatureError } from './errors.js';

/** Booking triggers whose payload {@link verifyCalcomWebhook} types. */
export type BookingWebhookTrigger =
  | 'BOOKING_CREATED'
  | 'BOOKING_RESCHEDULED'
  | 'BOOKING_CANCELLED'
  | 'BOOKING_REQUESTED'
  | 'BOOKING_REJECTED'
  | 'BOOKING_PAID'
  | 'BOOKING_PAYMENT_INITIATED'
  | 'BOOKING_NO_SHOW_UPDATED';

/** A person in a webhook payload. */
export interface WebhookPerson {
  /** Display name. */
  name?: string | undefined;
  /** E-mail address. */
  email?: string | undefined;
  /** IANA time zone. */
  timeZone?: string | undefined;
}

/** The booking carried by a booking webhook (Cal.com's CalendarEvent plus event-type fields). */
export interface BookingWebhookPayload {
  /** Booking uid; for `BOOKING_RESCHEDULED` the NEW booking. */
  uid?: string | undefined;
  /** Numeric booking id. */
  bookingId?: number | undefined;
  /** The event type; `null` for a booking without one. */
  eventTypeId?: number | null | undefined;
  /** Event type slug. */
  type?: string | undefined;
  /** Title of the booking. */
  title?: string | undefined;
  /** Start, ISO 8601 (for `BOOKING_RESCHEDULED` the new start). */
  startTime?: string | undefined;
  /** End, ISO 8601. */
  endTime?: string | undefined;
  /** Upper-case: `ACCEPTED`, `PENDING`, `CANCELLED`, `REJECTED`. */
  status?: string | undefined;
  /** Length in minutes. */
  length?: number | null | undefined;
  /** The host who owns the booking. */
  organizer?: WebhookPerson | undefined;
  /** The attendees. */
  attendees?: WebhookPerson[] | undefined;
  /** The booking's user metadata (holds the client's idempotency key). */
  metadata?: Record<string, unknown> | undefined;
  /** Reason given for a cancellation. */
  cancellationReason?: string | null | undefined;
  /** `BOOKING_RESCHEDULED`: uid of the booking that was moved. */
  rescheduleUid?: string | undefined;
  /** `BOOKING_RESCHEDULED`: start of the old booking, ISO 8601. */
  rescheduleStartTime?: string | undefined;
  /** `BOOKING_RESCHEDULED`: end of the old booking, ISO 8601. */
  rescheduleEndTime?: string | undefined;
  /** Any further field Cal.com sends, kept untyped. */
  [key: string]: unknown;
}

/** A verified Cal.com webhook delivery. Unknown triggers keep their payload untyped. */
export type CalcomWebhookEvent =
  | {
      /** A booking trigger (`BOOKING_CREATED`, `BOOKING_CANCELLED`, …). */
      triggerEvent: BookingWebhookTrigger;
      /** When Cal.com sent the delivery, ISO 8601. */
      createdAt: string;
      /** The booking. */
      payload: BookingWebhookPayload;
    }
  | {
      /** Any other trigger (`MEETING_ENDED`, `FORM_SUBMITTED`, …). */
      triggerEvent: string;
      /** When Cal.com sent the delivery, ISO 8601. */
      createdAt: string;
      /** The trigger's payload, unchecked. */
      payload: Record<string, unknown>;
    };

const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date-time');
const person = z.looseObject({
  name: z.string().optional(),
  email: z.string().optional(),
  timeZone: z.string().optional(),
});

const bookingPayload = z.looseObject({
  uid: z.string().optional(),
  bookingId: z.number().optional(),
  eventTypeId: z.number().nullable().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  startTime: time.optional(),
  endTime: time.optional(),
  status: z.string().optional(),
  length: z.number().nullable().optional(),
  organizer: person.optional(),
  attendees: z.array(person).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  cancellationReason: z.string().nullable().optional(),
  rescheduleUid: z.string().optional(),
  rescheduleStartTime: time.optional(),
  rescheduleEndTime: time.optional(),
});

const BOOKING_TRIGGERS = new Set<string>([
  'BOOKING_CREATED',
  'BOOKING_RESCHEDULED',
  'BOOKING_CANCELLED',
  'BOOKING_REQUESTED',
  'BOOKING_REJECTED',
  'BOOKING_PAID',
  'BOOKING_PAYMENT_INITIATED',
  'BOOKING_NO_SHOW_UPDATED',
]);

const envelope = z.looseObject({
  triggerEvent: z.string().min(1),
  createdAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

function firstHeader(value: unknown): string | undefined {
  const v: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof v === 'string' ? v : undefined;
}

/** What {@link verifyCalcomWebhook} needs. */
export interface VerifyCalcomWebhookInput {
  /** The request body exactly as received (before any JSON parsing). */
  rawBody: string | Uint8Array;
  /** The `X-Cal-Signature-256` header. */
  signature: string | readonly string[] | undefined | null;
  /** The webhook's secret as configured in Cal.com. */
  secret: string;
}

/**
 * Whether `signature` is the hex HMAC-SHA256 of `rawBody` under `secret`, compared in constant
 * time. Never throws.
 *
 * @param rawBody - the body exactly as received.
 * @param signature - the `X-Cal-Signature-256` header (the first value when repeated).
 * @param secret - the webhook's secret in Cal.com.
 * @returns whether the signature matches; `false` for anything malformed.
 * @example
 * ```ts
 * if (!isValidCalcomSignature(rawBody, req.headers['x-cal-signature-256'], secret)) reply.code(401);
 * ```
 */
export function isValidCalcomSignature(
  rawBody: string | Uint8Array,
  signature: string | readonly string[] | undefined | null,
  secret: string,
): boolean {
  if (typeof secret !== 'string' || secret.length === 0) return false;
  const header = firstHeader(signature);
  if (typeof header !== 'string') return false;
  const given = header.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  // Typed callers cannot pass anything else, but a framework's parsed body can arrive here.
  const body: unknown = rawBody;
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return false;
  const expected = createHmac('sha256', secret)
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}

/**
 * Verifies a Cal.com webhook delivery (`X-Cal-Signature-256`: hex HMAC-SHA256 of the raw body,
 * constant-time compare) and parses its body. Cal.com signs without a timestamp, so there is no
 * replay window to check; deduplicate on `payload.uid` + `triggerEvent` if that matters to you.
 *
 * @param input - the raw body, the `X-Cal-Signature-256` header and the secret.
 * @returns the parsed, typed event.
 * @throws {@link WebhookSignatureError} when the signature is missing, malformed, the literal
 * `no-secret-provided`, or wrong. {@link WebhookPayloadError} when a signed body is not a webhook.
 * @example
 * ```ts
 * app.post('/webhooks/calcom', express.raw({ type: '*\/*' }), async (req, res) => {
 *   const event = verifyCalcomWebhook({
 *     rawBody: req.body,
 *     signature: req.header('x-cal-signature-256'),
 *     secret: process.env.CAL_WEBHOOK_SECRET!,
 *   });
 *   await client.applyWebhook(event);
 *   res.sendStatus(200);
 * });
 * ```
 */
export function verifyCalcomWebhook(input: VerifyCalcomWebhookInput): CalcomWebhookEvent {
  const header = firstHeader(input.signature);
  if (typeof header !== 'string' || header.length === 0) {
    throw new WebhookSignatureError('Cal.com webhook without X-Cal-Signature-256');
  }
  if (header === 'no-secret-provided') {
    throw new WebhookSignatureError('Cal.com webhook was sent without a secret; configure one');
  }
  if (!isValidCalcomSignature(input.rawBody, header, input.secret)) {
    throw new WebhookSignatureError('Cal.com webhook signature does not match the body');
  }
  const text =
    typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebhookPayloadError('(body)', 'is not JSON');
  }
  const outer = envelope.safeParse(json);
  if (!outer.success) {
    const i = outer.error.issues[0];
    throw new WebhookPayloadError(
      i?.path.map(String).join('.') || '(body)',
      i?.message ?? 'invalid',
    );
  }
  const { triggerEvent, createdAt, payload } = outer.data;
  if (!BOOKING_TRIGGERS.has(triggerEvent)) return { triggerEvent, createdAt, payload };
  const inner = bookingPayload.safeParse(payload);
  if (!inner.success) {
    const i = inner.error.issues[0];
    throw new WebhookPayloadError(
      ['payload', ...(i?.path.map(String) ?? [])].join('.'),
      i?.message ?? 'invalid',
    );
  }
  return {
    triggerEvent: triggerEvent as BookingWebhookTrigger,
    createdAt,
    payload: inner.data,
  };
}
