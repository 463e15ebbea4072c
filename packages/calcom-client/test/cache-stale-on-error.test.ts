import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CalcomTimeoutError,
  DEFAULT_TTL_POLICY,
  createCalcomClient,
  createTieredCache,
  isCalcomError,
  type CalcomClient,
  type TieredCache,
} from '../src/index.js';
import { weekday } from './weekday.js';

// One stale-on-error rule (the cache's, `staleIfError`): a cached read answers the last good value
// when Cal.com is unreachable, too slow or the breaker open, and never in place of an answer that
// says the request is wrong.
const TZ = 'Europe/Berlin';
const query = (date: string) => ({ eventTypeId: 1001, start: date, end: date, timeZone: TZ });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let mock: CalcomMock;
let cache: TieredCache;
let cal: CalcomClient;

beforeEach(async () => {
  mock = await startCalcomMock({ port: 0 });
  cache = await createTieredCache({
    ttlPolicy: { ...DEFAULT_TTL_POLICY, slots: { ...DEFAULT_TTL_POLICY.slots, normalMs: 50 } },
    staleIfErrorMs: 60_000,
  });
  cal = createCalcomClient({
    apiKey: mock.apiKey,
    baseUrl: mock.url,
    cache,
    retry: { attempts: { getSlots: 1 } },
  });
});
afterEach(async () => {
  await cache.close();
  await mock.close();
});

describe('slots.find after its entry expired', () => {
  it('a Cal.com 5xx is answered with the last good slots, marked stale', async () => {
    const date = weekday(3);
    const fresh = await cal.slots.find(query(date));
    await sleep(80);
    mock.failNext('slots.find', { status: 500 });
    const r = await cal.slots.find(query(date));
    expect(r).toMatchObject({ stale: true, source: 'l1' });
    expect(r.slots).toEqual(fresh.slots);
  });

  it('a 4xx (the request is wrong) is thrown, not hidden behind the last good slots', async () => {
    const date = weekday(4);
    await cal.slots.find(query(date));
    await sleep(80);
    mock.failNext('slots.find', { status: 400 });
    const error = await cal.slots.find(query(date)).catch((e: unknown) => e);
    expect(isCalcomError(error)).toBe(true);
    expect(isCalcomError(error) && error.retryable).toBe(false);
  });

  it("this caller's deadline, passing while the shared load is slow, is answered stale", async () => {
    const date = weekday(5);
    const fresh = await cal.slots.find(query(date));
    await sleep(80);
    mock.setLatency('slots.find', { minMs: 1_500, maxMs: 1_500 });
    const slow = cal.slots.find(query(date)); // default deadline: waits for the answer
    const r = await cal.slots.find(query(date), { deadlineMs: 200 });
    expect(r).toMatchObject({ stale: true, source: 'l1' });
    expect(r.slots).toEqual(fresh.slots);
    expect((await slow).source).toBe('network');
  });

  it('without a stale value, the caller gets its deadline error', async () => {
    mock.setLatency('slots.find', { minMs: 1_500, maxMs: 1_500 });
    const date = weekday(6);
    const slow = cal.slots.find(query(date));
    const error = await cal.slots.find(query(date), { deadlineMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalcomTimeoutError);
    await slow;
  });
});

describe('TieredCache.get staleIfError', () => {
  it('decides which loader errors are answered stale', async () => {
    const c = await createTieredCache({ staleIfErrorMs: 60_000 });
    const opts = { keyGroup: 'x', ttlMs: 20 };
    await c.get('k', () => Promise.resolve('good'), opts);
    await sleep(40);
    const fail = () => Promise.reject(new Error('down'));
    // Default: every loader error.
    expect(await c.get('k', fail, opts)).toEqual({ value: 'good', stale: true, source: 'l1' });
    await expect(c.get('k', fail, { ...opts, staleIfError: () => false })).rejects.toThrow('down');
    expect(await c.get('k', fail, { ...opts, staleIfError: (e) => e instanceof Error })).toEqual({
      value: 'good',
      stale: true,
      source: 'l1',
    });
    await c.close();
  });
});
