import type { CallRecord } from '../types.js';

/** Fields {@link CallStore.apply} may set. */
export type CallPatch = Partial<Omit<CallRecord, 'callId' | 'tenantId' | 'events' | 'updatedAt'>>;

/**
 * What the Retell side records per call. Scoped by tenant.
 * Implementations: {@link MemoryCallStore}, `RedisCallStore`, `PostgresCallStore`.
 */
export interface CallStore {
  /**
   * Applies `patch` to the call (creating it) once per `event`: a repeat of the same event for
   * the same call (Retell retries webhook deliveries) changes nothing and answers
   * `applied: false`. Atomic under concurrent deliveries. `event` may be `undefined` for
   * updates that need no deduplication.
   * @param tenantId - the tenant of the call.
   * @param callId - Retell's call id.
   * @param event - the webhook event (`call_started`, …), or `undefined`.
   * @param patch - the fields to set.
   * @param nowMs - the new `updatedAt`, epoch ms.
   */
  apply(
    tenantId: string,
    callId: string,
    event: string | undefined,
    patch: CallPatch,
    nowMs: number,
  ): Promise<{
    /** `false` when `event` was applied to this call before (nothing changed). */
    applied: boolean;
    /** The call as stored after the update. */
    record: CallRecord;
  }>;
  /**
   * The call, or `undefined`.
   * @param tenantId - the tenant of the call.
   * @param callId - Retell's call id.
   */
  get(tenantId: string, callId: string): Promise<CallRecord | undefined>;
}
