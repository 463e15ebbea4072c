// Checks a booking wish against the tenant: its service and staff, an ISO start with offset, and
// the tenant's policies (minimum notice, maximum days ahead, business hours).
import { DateTime } from 'luxon';
import { BookingEngineError } from '../errors.js';
import { instantOf, isoInZone } from '../dates/instant.js';
import { policyContext, slotViolation, type PolicyCode } from '../availability/index.js';
import type { Service, Spoken, StaffMember, Tenant, TenantPolicies } from '../types.js';

/** A wish the tenant can take: resolved service, staff, event type and times. @internal */
export interface SlotWish {
  readonly service: Service;
  readonly staff?: StaffMember | undefined;
  readonly eventTypeId: number;
  /** ISO 8601 with milliseconds in the tenant's zone. */
  readonly start: string;
  readonly end: string;
  readonly startMs: number;
  readonly endMs: number;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const invalid = (message: string, say?: { de: string; en: string }) =>
  new BookingEngineError('E_INVALID_INPUT', message, false, { say });

/**
 * Parses an ISO 8601 start with offset into the tenant's zone.
 * @throws {@link BookingEngineError} `E_INVALID_INPUT`
 * @internal
 */
export function parseStart(start: unknown, zone: string): DateTime {
  if (typeof start !== 'string' || !ISO_WITH_OFFSET.test(start.trim())) {
    throw invalid('start must be ISO 8601 with an offset (2026-03-31T14:30:00+02:00)', {
      de: 'Die Uhrzeit habe ich nicht verstanden. Wann genau möchten Sie kommen?',
      en: 'I did not get the time. When exactly would you like to come?',
    });
  }
  const t = DateTime.fromISO(start.trim(), { setZone: true });
  if (!t.isValid) throw invalid('start is not a valid instant');
  return t.setZone(zone);
}

/**
 * Epoch ms of an ISO 8601 start with offset: {@link parseStart}'s checks and answers without a
 * luxon `DateTime` (the booking hot path).
 * @throws {@link BookingEngineError} `E_INVALID_INPUT`
 */
function startInstant(start: unknown): number {
  if (typeof start !== 'string' || !ISO_WITH_OFFSET.test(start.trim())) {
    return parseStart(start, 'UTC').toMillis(); // throws the spoken E_INVALID_INPUT
  }
  const ms = instantOf(start.trim());
  if (Number.isNaN(ms)) throw invalid('start is not a valid instant');
  return ms;
}

/**
 * Resolves the service, the staff member and the times of a wish.
 * @throws {@link BookingEngineError} `E_INVALID_INPUT`
 * @internal
 */
export function resolveWish(
  tenant: Tenant,
  request: { serviceId: unknown; staffId?: unknown; start: unknown },
): SlotWish {
  const service = tenant.services.find((s) => s.id === request.serviceId);
  if (service === undefined) {
    throw invalid('serviceId is not a service of this tenant', {
      de: 'Diese Leistung bieten wir leider nicht an.',
      en: 'Sorry, we do not offer that service.',
    });
  }
  let staff: StaffMember | undefined;
  if (request.staffId !== undefined && request.staffId !== null && request.staffId !== '') {
    staff = tenant.staff.find((m) => m.id === request.staffId);
    const performs =
      service.staffIds === undefined ||
      service.staffIds.length === 0 ||
      (staff !== undefined && service.staffIds.includes(staff.id));
    if (staff === undefined || !performs) {
      throw invalid('staffId is not a staff member of this tenant for this service', {
        de: 'Diese Person bietet die Leistung bei uns leider nicht an.',
        en: 'Sorry, that person does not offer this service here.',
      });
    }
  }
  const startMs = startInstant(request.start);
  const endMs = startMs + service.durationMinutes * 60_000;
  return {
    service,
    staff,
    eventTypeId: staff?.eventTypeIds?.[service.id] ?? service.eventTypeId,
    start: isoInZone(startMs, tenant.zone),
    end: isoInZone(endMs, tenant.zone),
    startMs,
    endMs,
  };
}

const POLICY_SAY: Record<PolicyCode, (p: TenantPolicies, past: boolean) => Spoken> = {
  'min-notice': (p, past) => {
    const hours = Math.max(1, Math.ceil(p.minNoticeToBookMinutes / 60));
    return past
      ? {
          de: 'Dieser Zeitpunkt liegt schon in der Vergangenheit.',
          en: 'That time is already in the past.',
        }
      : {
          de: `Termine buchen wir mindestens ${hours} Stunde${hours === 1 ? '' : 'n'} im Voraus.`,
          en: `We book appointments at least ${hours} hour${hours === 1 ? '' : 's'} ahead.`,
        };
  },
  'max-days-ahead': (p) => ({
    de: `Termine vergeben wir höchstens ${p.maxDaysAhead} Tage im Voraus.`,
    en: `We book at most ${p.maxDaysAhead} days ahead.`,
  }),
  'business-hours': () => ({
    de: 'Zu dieser Zeit haben wir leider geschlossen.',
    en: 'Sorry, we are closed at that time.',
  }),
};

/**
 * Checks the booking policies of the tenant for a wish at `nowMs` (the same rules as the
 * availability check: minimum notice, maximum days ahead, business hours).
 * @throws {@link BookingEngineError} `E_POLICY` with a spoken reason
 * @internal
 */
export function checkBookingPolicies(tenant: Tenant, wish: SlotWish, nowMs: number): void {
  const ctx = policyContext(tenant.zone, tenant.policies, wish.service.durationMinutes, nowMs);
  const code = slotViolation(ctx, wish.startMs);
  if (code === undefined) return;
  throw new BookingEngineError('E_POLICY', `${code}: the wish breaks a booking policy`, false, {
    say: POLICY_SAY[code](tenant.policies, wish.startMs <= nowMs),
  });
}
