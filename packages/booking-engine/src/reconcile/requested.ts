// Ledger rows left `requested` by an instance that died between its ledger write and Cal.com's
// answer: looked up by their idempotency key, then confirmed (recovered) or failed.
import type { EngineDeps } from '../booking/deps.js';
import { transitionRow } from '../booking/ledger.js';
import type { Appointment, Tenant } from '../types.js';

/** Tally of one pass. @internal */
export interface Tally {
  booked: number;
  callback: number;
  recovered: number;
  failed: number;
  deferred: number;
}

/** Marks a row that a pending request was claimed into, so a failed claim goes back to pending. */
export const FROM_PENDING = 'from-pending';

/**
 * Resolves stale `requested` rows (older than the lock TTL, so their lease is gone).
 * @internal
 */
export async function resolveRequested(
  deps: EngineDeps,
  tenants: Map<string, Tenant | undefined>,
  rows: readonly Appointment[],
  tally: Tally,
): Promise<void> {
  const cutoff = deps.now() - deps.settings.lockTtlMs;
  for (const row of rows) {
    if (row.updatedAt > cutoff) continue;
    const tenant = tenants.get(row.tenantId);
    if (tenant === undefined) continue;
    try {
      const found = await deps.calendar.findBookingByIdempotencyKey(tenant, row.idempotencyKey, {
        eventTypeId: row.eventTypeId,
        start: new Date(row.startMs).toISOString(),
      });
      const live =
        found !== undefined && (found.status === 'accepted' || found.status === 'pending');
      if (live) {
        const done = await transitionRow(deps, row, ['requested'], 'confirmed', {
          bookingUid: found.uid,
          reason: undefined,
        });
        if (done) tally.recovered += 1;
      } else if (row.reason === FROM_PENDING) {
        // A pending request whose booking attempt died: not lost, it waits for the next run.
        const back = await transitionRow(deps, row, ['requested'], 'pending', {
          reason: 'calendar-unavailable',
        });
        if (back) tally.deferred += 1;
      } else {
        const done = await transitionRow(deps, row, ['requested'], 'failed', {
          reason: 'not-booked',
        });
        if (done) tally.failed += 1;
      }
    } catch {
      tally.deferred += 1;
    }
  }
}
