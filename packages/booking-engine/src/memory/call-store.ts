import type { CallPatch, CallStore } from '../ports/call-store.js';
import type { CallRecord } from '../types.js';

/**
 * In-process {@link CallStore} (the embedded default): each event is applied once per call.
 */
export class MemoryCallStore implements CallStore {
  readonly #calls = new Map<string, CallRecord>();

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
  }> {
    const id = `${tenantId}\u0000${callId}`;
    const current = this.#calls.get(id);
    if (current && event !== undefined && current.events.includes(event)) {
      return Promise.resolve({ applied: false, record: copy(current) });
    }
    const defined = Object.fromEntries(
      Object.entries(patch as Record<string, unknown>).filter(([, v]) => v !== undefined),
    );
    const record: CallRecord = {
      ...current,
      ...copy(defined),
      callId,
      tenantId,
      events: event === undefined ? (current?.events ?? []) : [...(current?.events ?? []), event],
      updatedAt: nowMs,
    };
    this.#calls.set(id, record);
    return Promise.resolve({ applied: true, record: copy(record) });
  }

  get(tenantId: string, callId: string): Promise<CallRecord | undefined> {
    return Promise.resolve(copy(this.#calls.get(`${tenantId}\u0000${callId}`)));
  }
}

/** A deep copy: callers never share an object the store keeps. */
const copy = <T>(value: T): T => structuredClone(value);
