import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CalcomAbortedError,
  CalcomTimeoutError,
  createCalcomClient,
  createTieredCache,
  type CalcomClient,
  type TieredCache,
} from '../src/index.js';
import { weekday } from './weekday.js';

// Coalesced reads (one shared load per key) against the stand-in with a slow slots answer: each
// caller keeps its own abort signal and deadline, and the shared load outlives one caller.
const TZ = 'Europe/Berlin';
const query = (date: string) => ({ eventTypeId: 1001, start: date, end: date, timeZone: TZ });

let mock: CalcomMock;
let cache: TieredCache;
let cal: CalcomClient;
const slotCalls = () => mock.requests.filter((r) => r.operation === 'slots.find').length;

beforeEach(async () => {
  mock = await startCalcomMock({ port: 0 });
  mock.setLatency('slots.find', { minMs: 1_500, maxMs: 1_500 });
  cache = await createTieredCache();
  cal = createCalcomClient({ apiKey: mock.apiKey, baseUrl: mock.url, cache });
});
afterEach(async () => {
  await cache.close();
  await mock.close();
});

describe('coalesced slots.find callers', () => {
  it("one caller's abort does not fail the others, and the shared load still fills the cache", async () => {
    const date = weekday(3);
    const first = new AbortController();
    const aborted = cal.slots.find(query(date), { signal: first.signal });
    const second = cal.slots.find(query(date)); // no signal: waits for the answer
    setTimeout(() => first.abort(new Error('caller hung up')), 100);
    await expect(aborted).rejects.toBeInstanceOf(CalcomAbortedError);
    const r = await second;
    expect(r.source).toBe('network');
    expect(Object.keys(r.slots)).toContain(date);
    expect(slotCalls()).toBe(1);
    expect((await cal.slots.find(query(date))).source).toBe('l1');
  });

  it("a later caller's shorter deadline holds, and it does not cut the first caller's load", async () => {
    const date = weekday(4);
    const first = cal.slots.find(query(date)); // default deadline (10 s)
    const t0 = performance.now();
    const short = await cal.slots.find(query(date), { deadlineMs: 300 }).then(
      () => 'answered',
      (e: unknown) => e,
    );
    const waited = performance.now() - t0;
    expect(short).toBeInstanceOf(CalcomTimeoutError);
    expect(short).toMatchObject({ kind: 'deadline' });
    expect(waited).toBeLessThan(1_400); // its own 300 ms, not the 1.5 s answer
    expect((await first).source).toBe('network');
    expect(slotCalls()).toBe(1);
  });

  it("a first caller's short deadline does not fail a later caller with a longer one", async () => {
    const date = weekday(5);
    const first = cal.slots.find(query(date), { deadlineMs: 300 });
    const second = cal.slots.find(query(date));
    await expect(first).rejects.toBeInstanceOf(CalcomTimeoutError);
    expect((await second).source).toBe('network');
    expect(slotCalls()).toBe(1);
  });

  it('the shared load is abandoned once every caller has left', async () => {
    const date = weekday(6);
    const a = new AbortController();
    const b = new AbortController();
    const pa = cal.slots.find(query(date), { signal: a.signal });
    const pb = cal.slots.find(query(date), { signal: b.signal });
    a.abort();
    b.abort();
    await expect(pa).rejects.toBeInstanceOf(CalcomAbortedError);
    await expect(pb).rejects.toBeInstanceOf(CalcomAbortedError);
    // Nothing was cached: a new caller makes a new request.
    mock.setLatency('slots.find', 'none');
    expect((await cal.slots.find(query(date))).source).toBe('network');
  });
});

describe('TieredCache.get with a signal per caller', () => {
  it("aborts the loader's signal only once every caller has left", async () => {
    const c = await createTieredCache();
    let loaderSignal: AbortSignal | undefined;
    let finish!: (v: string) => void;
    const loader = (signal: AbortSignal) => {
      loaderSignal = signal;
      return new Promise<string>((r) => (finish = r));
    };
    const a = new AbortController();
    const b = new AbortController();
    const pa = c.get('k', loader, { keyGroup: 'slots', signal: a.signal });
    const pb = c.get('k', loader, { keyGroup: 'slots', signal: b.signal });
    await new Promise((r) => setTimeout(r, 10));
    a.abort(new Error('a left'));
    await expect(pa).rejects.toThrow('a left');
    expect(loaderSignal?.aborted).toBe(false);
    finish('v');
    expect(await pb).toEqual({ value: 'v', stale: false, source: 'loader' });

    let started = 0;
    const pc = c.get('k2', () => Promise.resolve(String(++started)), {
      keyGroup: 'slots',
      signal: a.signal,
    });
    await expect(pc).rejects.toThrow('a left'); // already aborted: starts no load
    expect(started).toBe(0);
    const d = new AbortController();
    const pd = c.get('k3', loader, { keyGroup: 'slots', signal: d.signal });
    await new Promise((r) => setTimeout(r, 10));
    d.abort(new Error('d left'));
    await expect(pd).rejects.toThrow('d left');
    expect(loaderSignal?.aborted).toBe(true);
    // An abandoned load is not joined: the next caller starts a new one.
    const pe = c.get('k3', () => Promise.resolve('new'), { keyGroup: 'slots' });
    expect((await pe).value).toBe('new');
    await c.close();
  });
});
