import pLimit from 'p-limit';
import type { CalendarCallOptions, CalendarProvider } from '../ports/calendar-provider.js';
import type { Tenant } from '../types.js';
import type { AvailabilityOptions } from './check-availability.js';
import { DEFAULT_PREFETCH_DAYS, policyContext, slotsWindow } from './window.js';

/** Input of {@link prefetch}. @internal */
export interface PrefetchInput {
  readonly tenant: Tenant;
  readonly calendar: CalendarProvider;
  /** The engine's clock reading, epoch ms. */
  readonly now: number;
  /** Days to warm, today included; overrides `options.prefetchDays`. @default 14 */
  readonly days?: number | undefined;
  /** The same options the checks use (their slots range must be the one warmed). */
  readonly options?: AvailabilityOptions | undefined;
  /** Parallel slot look-ups at most. @default 4 */
  readonly concurrency?: number | undefined;
  readonly call?: CalendarCallOptions | undefined;
}

/** What {@link prefetch} did (figures only). @internal */
export interface PrefetchReport {
  /** Slot ranges loaded (one per event type). */
  readonly loaded: number;
  /** Look-ups that failed (ignored: a check later asks again). */
  readonly failed: number;
}

/**
 * Warms the calendar's cache at call start: for every event type of the tenant's services (and
 * the staff's own event types for them), the one slots range that
 * {@link checkAvailability} queries for any wish within the next `days` days, so those checks
 * are answered from the cache. Runs the look-ups in parallel, bounded by p-limit. Never throws.
 *
 * @param input The tenant, calendar, `now` and how many days.
 * @returns How many ranges were loaded and how many failed.
 * @internal the engine's `prefetch` composes it.
 * @example
 * ```ts
 * await prefetch({ tenant, calendar, now: Date.now(), days: 3 });
 * ```
 */
export async function prefetch(input: PrefetchInput): Promise<PrefetchReport> {
  try {
    const { tenant } = input;
    const days = Math.max(
      1,
      Math.floor(input.days ?? input.options?.prefetchDays ?? DEFAULT_PREFETCH_DAYS),
    );
    const alternativeDays = Math.max(0, Math.floor(input.options?.alternativeDays ?? 7));
    const ctx = policyContext(tenant.zone, tenant.policies, 1, input.now);
    const window = slotsWindow(ctx, ctx.today, alternativeDays, days);
    const eventTypes = new Set<number>();
    for (const service of tenant.services) {
      eventTypes.add(service.eventTypeId);
      for (const member of tenant.staff) {
        const own = member.eventTypeIds?.[service.id];
        if (own !== undefined) eventTypes.add(own);
      }
    }
    const limit = pLimit(Math.max(1, Math.floor(input.concurrency ?? 4)));
    const results = await Promise.allSettled(
      [...eventTypes].map((eventTypeId) =>
        limit(() =>
          input.calendar.findSlots(
            tenant,
            { eventTypeId, ...window, zone: tenant.zone },
            input.call,
          ),
        ),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    return { loaded: results.length - failed, failed };
  } catch {
    return { loaded: 0, failed: 0 };
  }
}
