// The memory adapters hand out copies, as a shared store (Redis, PostgreSQL) does by nature: a
// caller changing what it got back never changes what the next caller reads.
import { describe, expect, it } from 'vitest';
import {
  MemoryAppointmentStore,
  MemoryCallStore,
  MemoryCustomerStore,
  MemoryIdempotencyStore,
} from '../src/index.js';
import { sampleAppointment } from '../src/testing/index.js';

/** Mutates a record the types say is read-only, as careless or untyped callers can. */
const scribble = (value: unknown): Record<string, unknown> => value as Record<string, unknown>;

describe('memory adapters return copies', () => {
  it('MemoryAppointmentStore', async () => {
    const store = new MemoryAppointmentStore();
    const given = sampleAppointment({ alternatives: ['2030-01-10T09:00:00.000+01:00'] });
    const original = structuredClone(given);
    await store.insert(given);
    scribble(given).status = 'cancelled';
    const got = await store.get(given.tenantId, given.id);
    expect(got).toEqual(original);
    (got?.alternatives as string[]).push('changed');
    scribble(got).customerId = 'someone-else';
    expect(await store.getByIdempotencyKey(given.tenantId, given.idempotencyKey)).toEqual(original);
    expect(await store.listByCustomer(given.tenantId, given.customerId)).toEqual([original]);
    const moved = await store.transition(given.tenantId, given.id, ['requested'], 'confirmed');
    scribble(moved).status = 'failed';
    expect((await store.get(given.tenantId, given.id))?.status).toBe('confirmed');
  });

  it('MemoryCustomerStore', async () => {
    const store = new MemoryCustomerStore();
    const { customer } = await store.findOrCreateByPhone('t1', '+4930123456', { name: 'Anna' });
    scribble(customer).name = 'changed';
    expect((await store.get('t1', customer.id))?.name).toBe('Anna');
    const found = await store.findByPhone('t1', '+4930123456');
    scribble(found).phone = '+4930999999';
    expect((await store.get('t1', customer.id))?.phone).toBe('+4930123456');
  });

  it('MemoryCallStore', async () => {
    const store = new MemoryCallStore();
    const { record } = await store.apply('t1', 'c1', 'call_started', { agentId: 'a1' }, 1);
    (record.events as string[]).push('call_ended');
    const got = await store.get('t1', 'c1');
    expect(got?.events).toEqual(['call_started']);
    expect((await store.apply('t1', 'c1', 'call_ended', {}, 2)).applied).toBe(true);
  });

  it('MemoryIdempotencyStore', async () => {
    const store = new MemoryIdempotencyStore();
    const opts = { leaseMs: 1_000, ttlMs: 60_000, nowMs: 1 };
    await store.begin('t1', 'k', 'fp', opts);
    await store.finish('t1', 'k', { status: 'completed', response: { ok: true, ids: [1] } }, opts);
    const first = await store.get('t1', 'k', 2);
    scribble(first?.response).ok = false;
    const replay = await store.begin('t1', 'k', 'fp', { ...opts, nowMs: 2 });
    expect(replay.state === 'done' && replay.record.response).toEqual({ ok: true, ids: [1] });
  });
});
