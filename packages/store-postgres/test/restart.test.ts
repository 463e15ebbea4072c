import { isBookingEngineError } from '@voicebook/booking-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStores, type PostgresStores } from '../src/index.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-pg.js';

describe('a PostgreSQL restart', () => {
  let server: PrivatePostgres;
  let stores: PostgresStores;
  beforeAll(async () => {
    server = await startPrivatePostgres();
    stores = createPostgresStores({ connectionString: server.url, cacheTtlMs: 0 });
    await stores.ready();
  }, 60_000);
  afterAll(async () => {
    await stores.close();
    await server.stop();
  });

  it('fails calls in flight with a typed retryable error, then the pool recovers by itself', async () => {
    const before = await stores.customers.findOrCreateByPhone('salon', '+491700000001');
    const state = { stop: false };
    const outcomes: unknown[] = [];
    const load = (async () => {
      // Bounded: one call at a time, a 5 ms pause after a failure (a caller's back-off).
      for (let i = 0; !state.stop && i < 20_000; i++) {
        const outcome = await stores.customers
          .findOrCreateByPhone('salon', `+4917100${String(i % 1000).padStart(5, '0')}`)
          .then(
            () => 'ok',
            (e: unknown) => e,
          );
        outcomes.push(outcome);
        if (outcome !== 'ok') await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    await server.restart();
    await new Promise((r) => setTimeout(r, 300));
    state.stop = true;
    await load;
    const errors = outcomes.filter((o) => o !== 'ok');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(isBookingEngineError(e) && [e.code, e.retryable]).toEqual([
        'E_STORE_UNAVAILABLE',
        true,
      ]);
    }
    // Afterwards: the same pool answers, and what was committed before is there.
    expect(outcomes.at(-1)).toBe('ok');
    const again = await stores.customers.findByPhone('salon', '+491700000001');
    expect(again?.id).toBe(before.customer.id);
  }, 60_000);
});
