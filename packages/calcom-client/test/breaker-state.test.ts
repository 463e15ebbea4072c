import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CircuitOpenError,
  createBreakerRegistry,
  defaultIsFailure,
  isCircuitOpenError,
  isResilienceConfigError,
  MemoryBreakerStateStore,
  type BreakerEvent,
} from '../src/breaker/index.js';

const boom = (status?: number) => Object.assign(new Error('upstream'), { status });
const fail = (status?: number) => () => Promise.reject(boom(status));
const ok = () => Promise.resolve('ok');

async function failTimes(
  run: (fn: () => Promise<string>) => Promise<string>,
  n: number,
  status = 503,
) {
  for (let i = 0; i < n; i++) await expect(run(fail(status))).rejects.toThrow('upstream');
}

describe('circuit breaker state machine', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T02:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after 5 consecutive failures and then rejects fast without calling fn', async () => {
    const events: BreakerEvent[] = [];
    const reg = createBreakerRegistry({ onEvent: (e) => events.push(e) });
    const b = reg.get('read');
    await failTimes((fn) => b.execute(fn), 4);
    expect(b.state).toBe('closed');
    await failTimes((fn) => b.execute(fn), 1);
    expect(b.state).toBe('open');
    expect(events).toContainEqual({ type: 'breaker:state', group: 'read', state: 'open' });

    const fn = vi.fn(ok);
    const t0 = performance.now();
    const err: unknown = await b.execute(fn).catch((e: unknown) => e);
    const elapsed = performance.now() - t0;
    expect(fn).not.toHaveBeenCalled();
    expect(isCircuitOpenError(err)).toBe(true);
    expect(err).toBeInstanceOf(CircuitOpenError);
    const e = err as CircuitOpenError;
    expect(e.code).toBe('E_CIRCUIT_OPEN');
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBe(60_000);
    expect(elapsed).toBeLessThan(10);
  });

  it('a success in between resets the consecutive count', async () => {
    const b = createBreakerRegistry().get('read');
    await failTimes((fn) => b.execute(fn), 4);
    await b.execute(ok);
    await failTimes((fn) => b.execute(fn), 4);
    expect(b.state).toBe('closed');
  });

  it('4xx errors never trip the breaker; retryable and status-less errors do', async () => {
    const b = createBreakerRegistry().get('write');
    await failTimes((fn) => b.execute(fn), 20, 404);
    expect(b.state).toBe('closed');
    expect(defaultIsFailure(boom(429))).toBe(false);
    expect(defaultIsFailure(Object.assign(boom(429), { retryable: true }))).toBe(false);
    expect(defaultIsFailure(Object.assign(new Error('t'), { retryable: true }))).toBe(true);
    expect(defaultIsFailure(boom())).toBe(true);
    expect(defaultIsFailure(boom(500))).toBe(true);
    expect(defaultIsFailure(Object.assign(new Error('x'), { retryable: false }))).toBe(false);
  });

  it('uses a custom failure predicate', async () => {
    const b = createBreakerRegistry({ isFailure: () => false, failureThreshold: 1 }).get('read');
    await failTimes((fn) => b.execute(fn), 3);
    expect(b.state).toBe('closed');
  });

  it('goes half-open after 60 s and closes only after 2 consecutive probe successes', async () => {
    const events: BreakerEvent[] = [];
    const b = createBreakerRegistry({ onEvent: (e) => events.push(e) }).get('read');
    await failTimes((fn) => b.execute(fn), 5);
    vi.advanceTimersByTime(59_999);
    await expect(b.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    vi.advanceTimersByTime(1);
    expect(b.state).toBe('half-open');
    await expect(b.execute(ok)).resolves.toBe('ok');
    expect(b.state).toBe('half-open');
    await expect(b.execute(ok)).resolves.toBe('ok');
    expect(b.state).toBe('closed');
    expect(events.filter((e) => e.type === 'breaker:state').map((e) => e.state)).toEqual([
      'open',
      'half-open',
      'closed',
    ]);
  });

  it('a failed probe re-opens for another 60 s', async () => {
    const b = createBreakerRegistry().get('read');
    await failTimes((fn) => b.execute(fn), 5);
    vi.advanceTimersByTime(60_000);
    await b.execute(ok);
    await failTimes((fn) => b.execute(fn), 1);
    expect(b.state).toBe('open');
    const err = (await b.execute(ok).catch((e: unknown) => e)) as CircuitOpenError;
    expect(err.retryAfterMs).toBe(60_000);
  });

  it('lets only one probe run at a time in half-open', async () => {
    const b = createBreakerRegistry().get('read');
    await failTimes((fn) => b.execute(fn), 5);
    vi.advanceTimersByTime(60_000);
    let release!: () => void;
    const slow = vi.fn(() => new Promise<string>((r) => (release = () => r('slow'))));
    const probe = b.execute(slow);
    await vi.waitFor(() => expect(slow).toHaveBeenCalled());
    const other = vi.fn(ok);
    await expect(b.execute(other)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(other).not.toHaveBeenCalled();
    release();
    await expect(probe).resolves.toBe('slow');
  });

  it('keeps separate breakers per endpoint group', async () => {
    const reg = createBreakerRegistry({ failureThreshold: 2 });
    await failTimes((fn) => reg.execute('write', fn), 2);
    expect(reg.get('write').state).toBe('open');
    expect(reg.get('read').state).toBe('closed');
    await expect(reg.execute('read', ok)).resolves.toBe('ok');
  });

  it('two registries on one store share the open state', async () => {
    const store = new MemoryBreakerStateStore();
    const a = createBreakerRegistry({ store, syncIntervalMs: 0 });
    const b = createBreakerRegistry({ store, syncIntervalMs: 0 });
    await failTimes((fn) => a.execute('read', fn), 5);
    const fn = vi.fn(ok);
    await expect(b.execute('read', fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).not.toHaveBeenCalled();
  });

  it('rejects invalid options with the field name', () => {
    let err: unknown;
    try {
      createBreakerRegistry({ failureThreshold: 0 });
    } catch (e) {
      err = e;
    }
    expect(isResilienceConfigError(err)).toBe(true);
    expect((err as { field: string }).field).toBe('failureThreshold');
  });
});

describe('circuit breaker with a hanging store', () => {
  it('times out store calls and keeps serving on its local view', async () => {
    const never = () => new Promise<never>(() => undefined);
    const events: BreakerEvent[] = [];
    const reg = createBreakerRegistry({
      store: {
        read: never,
        open: never,
        close: never,
        acquireProbe: never,
        releaseProbe: never,
      },
      storeTimeoutMs: 20,
      onEvent: (e) => events.push(e),
    });
    const t0 = performance.now();
    await expect(reg.execute('read', ok)).resolves.toBe('ok');
    expect(performance.now() - t0).toBeLessThan(500);
    for (let i = 0; i < 5; i++) await expect(reg.execute('read', fail())).rejects.toThrow();
    await expect(reg.execute('read', ok)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(events.filter((e) => e.type === 'breaker:store-error').length).toBeGreaterThan(0);
  });
});
