import type {
  IdempotencyBegin,
  IdempotencyRecord,
  IdempotencyStore,
} from '../ports/idempotency-store.js';
import { RedisBase, script } from './redis-base.js';

// KEYS[1] the record (a hash). ARGV: fingerprint, nowMs, leaseMs, gcMs.
// Returns {'started', recovered} | {'in-progress', leaseExpiresAt} | {'done', ...} | {'mismatch'}.
const BEGIN = script(`
local now = tonumber(ARGV[2])
local h = redis.call('HMGET', KEYS[1], 'fp', 'state', 'lease', 'exp', 'resp', 'fin')
local state = h[2]
local function start(recovered)
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'in-progress', 'lease', now + tonumber(ARGV[3]))
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {'started', recovered}
end
if not state then return start('0') end
if state ~= 'in-progress' and tonumber(h[4]) <= now then return start('0') end
if h[1] ~= ARGV[1] then return {'mismatch'} end
if state ~= 'in-progress' then return {'done', state, h[5], h[6]} end
if tonumber(h[3]) > now then return {'in-progress', h[3]} end
return start('1')`);

// KEYS[1]; ARGV: status, response JSON, nowMs, ttlMs, gcMs.
const FINISH = script(`
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'resp', ARGV[2], 'fin', ARGV[3], 'exp', tonumber(ARGV[3]) + tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`);

const ABANDON = script(`
if redis.call('HGET', KEYS[1], 'state') == 'in-progress' then return redis.call('DEL', KEYS[1]) end
return 0`);

/**
 * Stripe-style {@link IdempotencyStore} on Redis, shared by every instance: each operation is one
 * Lua script, so of concurrent begins exactly one starts. Time comes from the `nowMs` arguments;
 * Redis' own expiry only collects records well after they ended.
 */
export class RedisIdempotencyStore extends RedisBase implements IdempotencyStore {
  async begin(
    tenantId: string,
    key: string,
    fingerprint: string,
    options: { leaseMs: number; ttlMs: number; nowMs: number },
  ): Promise<IdempotencyBegin> {
    const gc = options.leaseMs + options.ttlMs + 60_000;
    const r = (await this.run('idempotency begin', () =>
      this.script(
        BEGIN,
        [this.#key(tenantId, key)],
        [fingerprint, options.nowMs, options.leaseMs, gc],
      ),
    )) as string[];
    switch (r[0]) {
      case 'started':
        return { state: 'started', recovered: r[1] === '1' };
      case 'in-progress':
        return { state: 'in-progress', leaseExpiresAt: Number(r[1]) };
      case 'mismatch':
        return { state: 'mismatch' };
      default:
        return { state: 'done', record: this.#record(key, fingerprint, r[1], r[2], r[3]) };
    }
  }

  async finish(
    tenantId: string,
    key: string,
    outcome: { status: 'completed' | 'failed'; response: unknown },
    options: { ttlMs: number; nowMs: number },
  ): Promise<void> {
    await this.run('idempotency finish', () =>
      this.script(
        FINISH,
        [this.#key(tenantId, key)],
        [
          outcome.status,
          JSON.stringify(outcome.response ?? null),
          options.nowMs,
          options.ttlMs,
          options.ttlMs + 60_000,
        ],
      ),
    );
  }

  async abandon(tenantId: string, key: string): Promise<void> {
    await this.run('idempotency abandon', () =>
      this.script(ABANDON, [this.#key(tenantId, key)], []),
    );
  }

  async get(tenantId: string, key: string, nowMs: number): Promise<IdempotencyRecord | undefined> {
    const h = await this.run('idempotency get', () =>
      this.client.hmget(this.#key(tenantId, key), 'fp', 'state', 'exp', 'resp', 'fin'),
    );
    const [fp, state, exp, resp, fin] = h;
    if (!fp || !state || state === 'in-progress' || Number(exp) <= nowMs) return undefined;
    return this.#record(key, fp, state, resp ?? 'null', fin ?? '0');
  }

  #record(
    key: string,
    fingerprint: string,
    status?: string,
    resp?: string,
    fin?: string,
  ): IdempotencyRecord {
    return {
      key,
      fingerprint,
      status: status === 'failed' ? 'failed' : 'completed',
      response: JSON.parse(resp ?? 'null') as unknown,
      finishedAt: Number(fin ?? 0),
    };
  }

  #key(tenantId: string, key: string): string {
    return `${this.ns('idem', tenantId)}${key}`;
  }
}
