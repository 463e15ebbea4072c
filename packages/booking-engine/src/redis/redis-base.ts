import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BookingEngineError } from '../errors.js';

/** Options every Redis adapter of the engine takes. */
export interface RedisAdapterOptions {
  /** A connected ioredis client you own; the adapter never opens or closes connections. */
  client: Redis;
  /** Prefix of every key written. @default 'voicebook:' */
  keyPrefix?: string | undefined;
  /**
   * Longest wait for one Redis round trip; past it the call rejects with `E_STORE_UNAVAILABLE`
   * (retryable) instead of hanging while Redis is away. @default 1_000
   */
  commandTimeoutMs?: number | undefined;
}

/**
 * Shared plumbing: key prefix, bounded commands, scripts by SHA with a fallback to EVAL, and
 * every Redis failure as a retryable `E_STORE_UNAVAILABLE`.
 * @internal
 */
export class RedisBase {
  /** @internal */
  protected readonly client: Redis;
  /** @internal */
  protected readonly prefix: string;
  readonly #timeoutMs: number;

  constructor(options: RedisAdapterOptions) {
    this.client = options.client;
    this.prefix = options.keyPrefix ?? 'voicebook:';
    this.#timeoutMs = options.commandTimeoutMs ?? 1_000;
  }

  /**
   * `<prefix><kind>:<tenant>:`; the tenant id is URI-encoded so no id can reach into another's keys.
   * @internal
   */
  protected ns(kind: string, tenantId: string): string {
    return `${this.prefix}${kind}:${encodeURIComponent(tenantId)}:`;
  }

  /** Runs one Redis operation under the timeout, mapping failures to the engine's error. @internal */
  protected async run<T>(what: string, op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([op(), timeout]);
    } catch (error) {
      throw new BookingEngineError('E_STORE_UNAVAILABLE', `Redis ${what} failed`, true, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** EVALSHA, loading the script on NOSCRIPT (after a Redis restart or on a fresh server). @internal */
  protected async script(
    script: Script,
    keys: string[],
    args: (string | number)[],
  ): Promise<unknown> {
    try {
      return await this.client.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return this.client.eval(script.source, keys.length, ...keys, ...args);
    }
  }
}

/** A Lua script and its SHA1. @internal */
export interface Script {
  readonly source: string;
  readonly sha: string;
}

/** @internal */
export const script = (source: string): Script => ({
  source,
  sha: createHash('sha1').update(source).digest('hex'),
});

/**
 * Compare-and-set of one JSON document: sets KEYS[1] to ARGV[2] only while it still holds ARGV[1]
 * (`''` = absent). Returns 1 when it wrote.
 * @internal
 */
export const CAS = script(`
local cur = redis.call('GET', KEYS[1])
if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`);
