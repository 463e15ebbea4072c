// The engine methods that delegate to the catalogue, dates and availability modules.
import { checkAvailability, prefetch } from '../availability/index.js';
import { listServices } from '../catalogue/list-services.js';
import type { TenantNameIndexes } from '../catalogue/name-indexes.js';
import { parseSpokenDateTime } from '../dates/parse.js';
import type { SpokenDateTimeInput, SpokenDateTimeResult } from '../dates/types.js';
import type {
  AvailabilityRequest,
  AvailabilityResult,
  CallContext,
  EngineCallOptions,
  NameResolution,
} from '../engine-api.js';
import { BookingEngineError } from '../errors.js';
import type { Locale, Service, StaffMember } from '../types.js';
import type { EngineDeps } from './deps.js';

/** @internal */
export function parseDateTime(
  deps: EngineDeps,
  ctx: CallContext,
  input: SpokenDateTimeInput,
  locale?: Locale,
): SpokenDateTimeResult {
  return parseSpokenDateTime(input, {
    now: new Date(deps.now()),
    zone: ctx.tenant.zone,
    locale: locale ?? ctx.tenant.locale,
  });
}

/** @internal */
export function listTenantServices(ctx: CallContext, category?: string) {
  return listServices(ctx.tenant, { category });
}

/** @internal */
export function resolveName<T extends Service | StaffMember>(
  deps: EngineDeps,
  names: TenantNameIndexes,
  ctx: CallContext,
  kind: 'service' | 'staff',
  spoken: string,
  state?: readonly string[],
): NameResolution<T> {
  const startedAt = deps.now();
  const result = (
    kind === 'service'
      ? names.resolveService(ctx.tenant, spoken, state)
      : names.resolveStaff(ctx.tenant, spoken, state)
  ) as NameResolution<T>;
  deps.emit({
    type: 'name:resolved',
    tenantId: ctx.tenant.id,
    kind,
    verdict: result.verdict,
    durationMs: deps.now() - startedAt,
  });
  return result;
}

/**
 * The engine's availability check: resolves the service and staff of the tenant, then one
 * range query through the availability module.
 * @internal
 */
export async function checkTenantAvailability(
  deps: EngineDeps,
  ctx: CallContext,
  request: AvailabilityRequest,
  options?: EngineCallOptions,
  takenMs?: number,
): Promise<AvailabilityResult> {
  const startedAt = deps.now();
  const { tenant } = ctx;
  const service = tenant.services.find((s) => s.id === request.serviceId);
  if (service === undefined) {
    throw new BookingEngineError(
      'E_INVALID_INPUT',
      'serviceId is not a service of this tenant',
      false,
    );
  }
  let staff: StaffMember | undefined;
  if (request.staffId !== undefined) {
    staff = tenant.staff.find((m) => m.id === request.staffId);
    if (staff === undefined) {
      throw new BookingEngineError('E_INVALID_INPUT', 'staffId is not staff of this tenant', false);
    }
  }
  const result = await checkAvailability({
    tenant,
    service,
    staff,
    request: { start: request.start, date: request.date },
    taken: takenMs,
    calendar: deps.calendar,
    now: deps.now(),
    options: {
      alternativeDays: deps.settings.alternativeDays,
      prefetchDays: deps.settings.prefetchDays,
    },
    call: options,
  });
  deps.emit({
    type: 'availability:checked',
    tenantId: tenant.id,
    durationMs: deps.now() - startedAt,
    available: result.available,
    alternatives: result.alternatives.length,
    stale: result.stale,
  });
  return result;
}

/** @internal */
export async function prefetchTenant(
  deps: EngineDeps,
  ctx: CallContext,
  days?: number,
): Promise<void> {
  await prefetch({
    tenant: ctx.tenant,
    calendar: deps.calendar,
    now: deps.now(),
    days: days ?? deps.settings.prefetchDays,
    options: {
      alternativeDays: deps.settings.alternativeDays,
      prefetchDays: deps.settings.prefetchDays,
    },
  });
}
