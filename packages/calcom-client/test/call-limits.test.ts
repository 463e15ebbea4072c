import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import {
  CalcomConfigError,
  MemoryBreakerStateStore,
  createBreakerRegistry,
  createCalcomClient,
} from '../src/index.js';

// Limits of one call: a deadline a timer cannot honour is refused, a long-lived caller signal
// keeps nothing per call, and the breaker's memory store keeps nothing per failed probe.

let mock: CalcomMock;
beforeAll(async () => {
  mock = await startCalcomMock({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

describe('deadlines a timer cannot honour', () => {
  it('refuses deadlineMs of 2^31 ms or more instead of firing at once', async () => {
    const cal = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false });
    for (const deadlineMs of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const error: unknown = await cal.bookings
        .get('bk_missing', { deadlineMs })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CalcomConfigError);
      expect((error as CalcomConfigError).message).toMatch(/deadlineMs/);
    }
    expect(mock.requests).toHaveLength(0);
    // The largest one a timer holds is accepted.
    const ok: unknown = await cal.bookings
      .get('bk_missing', { deadlineMs: 2 ** 31 - 1 })
      .catch((e: unknown) => e);
    expect(ok).not.toBeInstanceOf(CalcomConfigError);
  });

  it('refuses such deadlines and timeouts in the options', () => {
    for (const bad of [
      { deadlines: { getSlots: 2 ** 31 } },
      { timeouts: { getSlots: 2 ** 31 } },
      { timeouts: { createBooking: [3_000, 2 ** 32] } },
    ]) {
      expect(() => createCalcomClient({ apiKey: 'cal_x', ...bad })).toThrow(CalcomConfigError);
    }
  });
});

/** Listeners currently on `signal` (Node keeps them behind a symbol of EventTarget). */
function listenerCount(signal: AbortSignal): number {
  const sym = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kEvents');
  const events = sym
    ? (signal as unknown as Record<symbol, Map<string, { size: number }>>)[sym]
    : undefined;
  return events?.get('abort')?.size ?? 0;
}

describe('a long-lived caller signal', () => {
  it('holds nothing of a call once it settled', async () => {
    const cal = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false });
    const ctl = new AbortController();
    const uid = 'bk_missing';
    for (let i = 0; i < 50; i++) {
      await cal.bookings.get(uid, { signal: ctl.signal }).catch(() => undefined);
    }
    expect(listenerCount(ctl.signal)).toBe(0);
    // AbortSignal.any keeps a weak ref per dependent on the source, never cleared on Node 20.
    const deps = Object.getOwnPropertySymbols(ctl.signal).find(
      (s) => s.description === 'kDependantSignals',
    );
    const set = deps ? (ctl.signal as unknown as Record<symbol, Set<unknown>>)[deps] : undefined;
    expect(set?.size ?? 0).toBe(0);
  });

  it('still aborts a call in flight', async () => {
    const cal = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache: false });
    mock.setLatency('bookings.get', { minMs: 2_000, maxMs: 2_000 });
    try {
      const ctl = new AbortController();
      const p = cal.bookings.get('bk_missing', { signal: ctl.signal }).catch((e: unknown) => e);
      setTimeout(() => {
        ctl.abort(new Error('caller hung up'));
      }, 50);
      const error = (await p) as { code?: string };
      expect(error.code).toBe('E_CALCOM_ABORTED');
    } finally {
      mock.setLatency('bookings.get', 'none');
    }
  });
});

describe('the in-memory breaker store', () => {
  it('keeps no lease per failed half-open probe', async () => {
    let now = 1_000_000;
    const store = new MemoryBreakerStateStore(() => now);
    const breakers = createBreakerRegistry({
      store,
      failureThreshold: 1,
      halfOpenAfterMs: 1_000,
      syncIntervalMs: 0,
      now: () => now,
    });
    const fail = () => Promise.reject(Object.assign(new Error('down'), { status: 503 }));
    await breakers.execute('read', fail).catch(() => undefined);
    for (let i = 0; i < 200; i++) {
      now += 1_001; // half-open: one probe, which fails and re-opens
      await breakers.execute('read', fail).catch(() => undefined);
    }
    expect(breakers.get('read').state).toBe('open');
    expect(store.leaseCount).toBeLessThanOrEqual(1);
  });
});
