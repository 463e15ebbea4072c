import type { AppointmentStore, TenantDirectory, Tenant } from '@voicebook/booking-engine';
import {
  isCalcomError,
  verifyCalcomWebhook,
  type BookingWebhookPayload,
  type CalcomClient,
  type CalcomWebhookEvent,
} from '@voicebook/calcom-client';
import type { CoreHandler, CoreResponse } from './http.js';

/** Options of {@link createCalcomWebhookHandler}. */
export interface CalcomWebhookHandlerOptions {
  /** The webhook subscription's secret; `undefined` answers 404 (not configured). */
  readonly secret: string | undefined;
  /** The Cal.com clients whose caches the webhook invalidates. */
  readonly clients: () => Iterable<CalcomClient>;
  /** The engine's tenants (to find whose event type the booking belongs to). */
  readonly tenants: TenantDirectory;
  /** The engine's appointment records, kept in step with changes made in Cal.com itself. */
  readonly appointments: AppointmentStore;
  /** The clock, epoch ms. */
  readonly now: () => number;
  /** Called with figures only once a delivery was applied. */
  readonly onApplied?:
    ((e: { trigger: string; invalidated: number; records: number }) => void) | undefined;
}

const json = (status: number, body: unknown): CoreResponse => ({ status, body });

const ownsEventType = (tenant: Tenant, eventTypeId: number): boolean =>
  tenant.services.some((s) => s.eventTypeId === eventTypeId) ||
  tenant.staff.some((m) => Object.values(m.eventTypeIds ?? {}).includes(eventTypeId));

async function applyToRecords(
  options: CalcomWebhookHandlerOptions,
  event: CalcomWebhookEvent,
): Promise<number> {
  const payload: BookingWebhookPayload = event.payload;
  const eventTypeId = typeof payload.eventTypeId === 'number' ? payload.eventTypeId : undefined;
  const tenants = (await options.tenants.list()).filter(
    (t) => eventTypeId === undefined || ownsEventType(t, eventTypeId),
  );
  const nowMs = options.now();
  let changed = 0;
  for (const tenant of tenants) {
    if (event.triggerEvent === 'BOOKING_CANCELLED' && payload.uid !== undefined) {
      const record = await options.appointments.getByBookingUid(tenant.id, payload.uid);
      if (!record) continue;
      const done = await options.appointments.transition(
        tenant.id,
        record.id,
        ['confirmed'],
        'cancelled',
        { reason: 'cancelled-in-calendar' },
        nowMs,
      );
      if (done) changed++;
    } else if (
      event.triggerEvent === 'BOOKING_RESCHEDULED' &&
      payload.rescheduleUid !== undefined &&
      payload.uid !== undefined &&
      payload.startTime !== undefined &&
      payload.endTime !== undefined
    ) {
      const record = await options.appointments.getByBookingUid(tenant.id, payload.rescheduleUid);
      if (!record) continue;
      const startMs = Date.parse(payload.startTime);
      const done = await options.appointments.transition(
        tenant.id,
        record.id,
        ['confirmed'],
        'confirmed',
        {
          bookingUid: payload.uid,
          start: new Date(startMs).toISOString(),
          end: new Date(Date.parse(payload.endTime)).toISOString(),
          startMs,
        },
        nowMs,
      );
      if (done) changed++;
    }
  }
  return changed;
}

/**
 * `POST /calcom/webhook`: verifies `X-Cal-Signature-256` over the raw body, invalidates the
 * cached availability of every Cal.com client (`applyWebhook`), and keeps the appointment
 * records in step with cancellations and moves made in Cal.com itself.
 *
 * Answers 404 without a secret, 401 for a bad signature, 400 for a bad payload, 200 otherwise.
 *
 * @param options - Secret, clients, tenants, appointment store and clock.
 * @returns The framework-neutral handler.
 */
export function createCalcomWebhookHandler(options: CalcomWebhookHandlerOptions): CoreHandler {
  return async (request) => {
    const { secret } = options;
    if (secret === undefined) {
      return json(404, {
        error: {
          code: 'E_NOT_CONFIGURED',
          message: 'Set CALCOM_WEBHOOK_SECRET to receive Cal.com webhooks',
        },
      });
    }
    let event: CalcomWebhookEvent;
    try {
      event = verifyCalcomWebhook({
        rawBody: request.rawBody,
        signature: request.headers['x-cal-signature-256'],
        secret,
      });
    } catch (error) {
      if (isCalcomError(error) && error.code === 'E_WEBHOOK_SIGNATURE') {
        return json(401, { error: { code: 'E_UNAUTHORIZED', message: 'Invalid signature' } });
      }
      const message = isCalcomError(error) ? error.message : 'Malformed webhook body';
      return json(400, { error: { code: 'E_BAD_REQUEST', message } });
    }
    let invalidated = 0;
    for (const client of options.clients()) invalidated += await client.applyWebhook(event);
    const records = await applyToRecords(options, event);
    options.onApplied?.({ trigger: event.triggerEvent, invalidated, records });
    return json(200, { ok: true, invalidated, records });
  };
}
