// One reconciler pass: stale `requested` rows first (they may hold a booking), then pending
// requests oldest first. Every change is a compare-and-set, so any number of instances may run it.
import type { EngineDeps } from '../booking/deps.js';
import type { ReconcileReport } from '../engine-api.js';
import type { Tenant } from '../types.js';
import { resolvePending } from './pending.js';
import { resolveRequested, type Tally } from './requested.js';

/**
 * Runs one pass; see {@link BookingEngine.reconcile}. Never throws.
 * @internal
 */
export async function reconcile(
  deps: EngineDeps,
  options?: { limit?: number | undefined },
): Promise<ReconcileReport> {
  const limit = Math.max(1, Math.min(options?.limit ?? 50, 1_000));
  const tally: Tally = { booked: 0, callback: 0, recovered: 0, failed: 0, deferred: 0 };
  const tenants = new Map<string, Tenant | undefined>();
  const load = async (ids: readonly string[]) => {
    for (const id of ids) {
      if (!tenants.has(id)) tenants.set(id, await deps.tenants.get(id).catch(() => undefined));
    }
  };
  try {
    const requested = await deps.appointments.listByStatus('requested', { limit });
    await load(requested.map((r) => r.tenantId));
    await resolveRequested(deps, tenants, requested, tally);
  } catch {
    tally.deferred += 1;
  }
  try {
    const pending = await deps.appointments.listByStatus('pending', { limit });
    await load(pending.map((r) => r.tenantId));
    await resolvePending(deps, tenants, pending, tally);
  } catch {
    tally.deferred += 1;
  }
  return { ...tally };
}
