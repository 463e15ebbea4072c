// Keys that make a booking happen once: idempotency key, payload fingerprint, slot lock key.
import { hash } from 'node:crypto';

// One-shot `hash` (Node ≥ 20.12): no Hash object per key.
const sha256 = (parts: readonly (string | number | undefined)[]): string =>
  hash('sha256', parts.map((p) => (p === undefined ? '' : String(p))).join('\u001f'), 'hex');

/**
 * The idempotency key of a booking: the call, the service, the staff member and the start
 * instant (`startMs`, so one instant written with two offsets is one key).
 * @internal
 */
export function bookingIdempotencyKey(
  callId: string,
  serviceId: string,
  staffId: string | undefined,
  startMs: number,
): string {
  return `bk_${sha256(['book', callId, serviceId, staffId, startMs]).slice(0, 40)}`;
}

/**
 * Hash of everything else the request carries, so the same key with another payload is refused.
 * @internal
 */
export function bookingFingerprint(payload: {
  customerId: string;
  eventTypeId: number;
  durationMinutes: number;
  customerName?: string | undefined;
  email?: string | undefined;
}): string {
  return sha256([
    payload.customerId,
    payload.eventTypeId,
    payload.durationMinutes,
    payload.customerName?.trim(),
    payload.email?.trim().toLowerCase(),
  ]);
}

/**
 * The lock key of a slot: per tenant, per host (staff member) or else event type, per start.
 * @internal
 */
export function slotLockKey(
  tenantId: string,
  eventTypeId: number,
  staffId: string | undefined,
  startMs: number,
): string {
  const owner = staffId === undefined ? `et:${eventTypeId}` : `staff:${staffId}`;
  return `slot:${tenantId}:${owner}:${startMs}`;
}

/**
 * The idempotency key of moving one appointment to a new start.
 * @internal
 */
export function rescheduleIdempotencyKey(appointmentId: string, startMs: number): string {
  return `rs_${sha256(['reschedule', appointmentId, startMs]).slice(0, 40)}`;
}
