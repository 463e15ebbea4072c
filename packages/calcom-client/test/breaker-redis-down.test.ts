import { startRedisServer, waitFor, type RedisServerProcess } from '@voicebook/test-utils';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CircuitOpenError,
  createBreakerRegistry,
  type BreakerEvent,
  type BreakerStateStore,
} from '../src/breaker/index.js';
import { RedisBreakerStateStore } from '../src/redis/index.js';

const fail = () => Promise.reject(Object.assign(new Error('upstream'), { status: 503 }));

describe('breaker state in Redis when Redis dies and comes back empty', () => {
  let server: RedisServerProcess;
  const clients: Redis[] = [];
  let clock = Date.parse('2026-11-25T09:00:00Z');
  /** Every store call an instance made, by method name (the store is wrapped to count them). */
  const storeCalls = new Map<BreakerEvent[], string[]>();
  const instance = (events: BreakerEvent[]) => {
    const client = server.connect();
    clients.push(client);
    const calls: string[] = [];
    storeCalls.set(events, calls);
    const store = new RedisBreakerStateStore({ client, prefix: 'b:' });
    const counted = new Proxy(store, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          calls.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) satisfies BreakerStateStore;
    return createBreakerRegistry({
      store: counted,
      syncIntervalMs: 0,
      now: () => clock,
      onEvent: (e) => events.push(e),
    });
  };
  beforeEach(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    clients.length = 0;
    await server.stop();
  });

  it('serves on its local view while Redis is down, and shares the state again after a restart', async () => {
    const eventsA: BreakerEvent[] = [];
    const eventsB: BreakerEvent[] = [];
    const a = instance(eventsA);
    const b = instance(eventsB);
    const ok = vi.fn(() => Promise.resolve('ok'));
    const openAndClose = async () => {
      for (let i = 0; i < 5; i++) await expect(a.execute('read', fail)).rejects.toThrow('upstream');
      await expect(b.execute('read', ok)).rejects.toBeInstanceOf(CircuitOpenError);
      clock += 61_000;
      await a.execute('read', ok);
      await a.execute('read', ok);
      await expect(b.execute('read', ok)).resolves.toBe('ok');
    };
    // Two open/close cycles: the shared generation is 2 on both instances.
    await openAndClose();
    await openAndClose();

    await server.kill();
    // Redis down: calls still run; the breaker works on its local view.
    await expect(b.execute('read', ok)).resolves.toBe('ok');
    for (let i = 0; i < 5; i++) await expect(a.execute('read', fail)).rejects.toThrow('upstream');
    const calls = ok.mock.calls.length;
    const storeCallsA = storeCalls.get(eventsA) ?? [];
    const storeCallsBefore = storeCallsA.length;
    const storeErrorsBefore = eventsA.filter((e) => e.type === 'breaker:store-error').length;
    // Rejected from the local view at once: no store call (so no wait on the dead Redis, which
    // only a store timeout would end) and no store error, whatever the machine's load.
    await expect(a.execute('read', ok)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(storeCallsA.slice(storeCallsBefore)).toEqual([]);
    expect(eventsA.filter((e) => e.type === 'breaker:store-error')).toHaveLength(storeErrorsBefore);
    expect(ok.mock.calls.length).toBe(calls);
    await expect(b.execute('read', ok)).resolves.toBe('ok');
    expect(eventsA.some((e) => e.type === 'breaker:store-error')).toBe(true);
    expect(eventsB.some((e) => e.type === 'breaker:store-error')).toBe(true);

    // Redis comes back empty: its generation counter starts again from 0.
    await server.restart();
    await waitFor(() => clients.every((c) => c.status === 'ready'), { message: 'reconnect' });
    // A's local open is still in force, then it probes and closes as usual.
    await expect(a.execute('read', ok)).rejects.toBeInstanceOf(CircuitOpenError);
    clock += 61_000;
    await a.execute('read', ok);
    await a.execute('read', ok);
    expect(a.get('read').state).toBe('closed');

    // B opens: A must see it although the new generation is lower than the one A knew.
    for (let i = 0; i < 5; i++) await expect(b.execute('read', fail)).rejects.toThrow('upstream');
    const before = ok.mock.calls.length;
    await expect(a.execute('read', ok)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(ok.mock.calls.length).toBe(before);
    // …and exactly one of them probes in half-open, and its close reaches the other.
    clock += 61_000;
    await b.execute('read', ok);
    await expect(a.execute('read', ok)).rejects.toBeInstanceOf(CircuitOpenError);
    await b.execute('read', ok);
    await expect(a.execute('read', ok)).resolves.toBe('ok');
  });
});
