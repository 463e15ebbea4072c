import type { CallPatch, CallStore } from '../ports/call-store.js';
import type { CallRecord } from '../types.js';
import { CAS, RedisBase } from './redis-base.js';

/**
 * {@link CallStore} on Redis, shared by every instance: each webhook event is applied once per
 * call by compare-and-set on the call's document (a concurrent delivery re-reads and finds the
 * event applied).
 */
export class RedisCallStore extends RedisBase implements CallStore {
  async apply(
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
    const key = `${this.ns('call', tenantId)}${callId}`;
    const defined = Object.fromEntries(
      Object.entries(patch as Record<string, unknown>).filter(([, v]) => v !== undefined),
    );
    for (;;) {
      const doc = await this.run('call get', () => this.client.get(key));
      const current = doc === null ? undefined : (JSON.parse(doc) as CallRecord);
      if (current && event !== undefined && current.events.includes(event)) {
        return { applied: false, record: current };
      }
      const record: CallRecord = {
        ...current,
        ...defined,
        callId,
        tenantId,
        events: event === undefined ? (current?.events ?? []) : [...(current?.events ?? []), event],
        updatedAt: nowMs,
      };
      const written = await this.run('call apply', () =>
        this.script(CAS, [key], [doc ?? '', JSON.stringify(record)]),
      );
      if (written === 1) return { applied: true, record };
    }
  }

  async get(tenantId: string, callId: string): Promise<CallRecord | undefined> {
    const doc = await this.run('call get', () =>
      this.client.get(`${this.ns('call', tenantId)}${callId}`),
    );
    return doc === null ? undefined : (JSON.parse(doc) as CallRecord);
  }
}
