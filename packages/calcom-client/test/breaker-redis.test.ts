import { createTestRedis, type TestRedis } from '@voicebook/test-utils';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CircuitOpenError,
  createBreakerRegistry,
  type BreakerEvent,
} from '../src/breaker/index.js';
import { RedisBreakerStateStore } from '../src/redis/index.js';

const fail = () => Promise.reject(Object.assign(new Error('upstream'), { status: 503 }));
const ok = () => Promise.resolve('ok');

describe('breaker state shared in Redis', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis('breaker');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T02:00:00Z'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await redis.cleanup();
  });

  const instance = (events?: BreakerEvent[]) =>
    createBreakerRegistry({
      store: new RedisBreakerStateStore({ client: redis.connect(), prefix: redis.prefix }),
      syncIntervalMs: 0,
      onEvent: events ? (e) => events.push(e) : undefined,
    });

  it.each([2, 3])('%i instances: the others see the open state of the first', async (n) => {
    const fleet = Array.from({ length: n }, () => [] as BreakerEvent[]).map((ev) => ({
      reg: instance(ev),
      ev,
    }));
    const [first, ...rest] = fleet;
    for (let i = 0; i < 5; i++) await expect(first!.reg.execute('read', fail)).rejects.toThrow();
    for (const { reg, ev } of rest) {
      const fn = vi.fn(ok);
      const err = (await reg.execute('read', fn).catch((e: unknown) => e)) as CircuitOpenError;
      expect(err).toBeInstanceOf(CircuitOpenError);
      expect(err.retryAfterMs).toBeGreaterThan(59_000);
      expect(fn).not.toHaveBeenCalled();
      expect(ev).toContainEqual({ type: 'breaker:state', group: 'read', state: 'open' });
      // the other group is unaffected
      await expect(reg.execute('write', ok)).resolves.toBe('ok');
    }
  });

  it('exactly one of 3 instances probes in half-open, and its close reaches all', async () => {
    const fleet = [instance(), instance(), instance()];
    for (let i = 0; i < 5; i++) await expect(fleet[0]!.execute('read', fail)).rejects.toThrow();
    vi.setSystemTime(Date.now() + 60_000);

    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const probe = async () => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await gate;
      inFlight--;
      return 'ok';
    };
    // every instance tries 5 calls concurrently
    const settled = Promise.allSettled(
      fleet.flatMap((reg) => Array.from({ length: 5 }, () => reg.execute('read', probe))),
    );
    await new Promise((r) => setTimeout(r, 100));
    release();
    const results = await settled;
    expect(calls).toBe(1);
    expect(maxInFlight).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const prober = fleet.findIndex((_, i) =>
      results.slice(i * 5, i * 5 + 5).some((r) => r.status === 'fulfilled'),
    );
    // the prober needs a 2nd success; others are still refused meanwhile
    const others = fleet.filter((_, i) => i !== prober);
    const fn = vi.fn(ok);
    await expect(others[0]!.execute('read', fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).not.toHaveBeenCalled();
    await expect(fleet[prober]!.execute('read', ok)).resolves.toBe('ok');
    expect(fleet[prober]!.get('read').state).toBe('closed');
    for (const reg of others) await expect(reg.execute('read', ok)).resolves.toBe('ok');
  });

  it('a failed probe re-opens the circuit for every instance', async () => {
    const [a, b] = [instance(), instance()];
    for (let i = 0; i < 5; i++) await expect(a.execute('read', fail)).rejects.toThrow();
    vi.setSystemTime(Date.now() + 60_000);
    await expect(b.execute('read', fail)).rejects.toThrow('upstream');
    const err = (await a.execute('read', ok).catch((e: unknown) => e)) as CircuitOpenError;
    expect(err).toBeInstanceOf(CircuitOpenError);
    expect(err.retryAfterMs).toBeGreaterThan(59_000);
  });

  it('keeps working on its local view when Redis is unreachable', async () => {
    const client = new Redis(1, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const events: BreakerEvent[] = [];
    const reg = createBreakerRegistry({
      store: new RedisBreakerStateStore({ client, prefix: redis.prefix }),
      onEvent: (e) => events.push(e),
    });
    await expect(reg.execute('read', ok)).resolves.toBe('ok');
    for (let i = 0; i < 5; i++) await expect(reg.execute('read', fail)).rejects.toThrow('upstream');
    await expect(reg.execute('read', ok)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(events.some((e) => e.type === 'breaker:store-error')).toBe(true);
    client.disconnect();
  });
});
