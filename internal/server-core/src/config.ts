import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Stable codes of {@link ConfigError}. */
export type ConfigErrorCode = 'E_CONFIG_INVALID';

/**
 * The environment did not describe a server that can start. The message lists every bad
 * variable with what is wrong with it (never its value: keys and URLs with passwords stay out).
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code: ConfigErrorCode = 'E_CONFIG_INVALID';
  readonly retryable = false;
  constructor(
    /** One entry per bad variable: `NAME: what is wrong`. */
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`, options);
  }
}

/** The server's configuration, parsed from the environment by {@link loadConfig}. */
export interface ServerConfig {
  /** TCP port; `0` picks a free one. */
  readonly port: number;
  /** Interface to listen on. */
  readonly host: string;
  /** The Retell API key: it signs every request Retell sends. */
  readonly retellApiKey: string;
  /** One Cal.com account for every tenant; unset with `calcomApiKey` unset: the stand-in. */
  readonly calcom?: { readonly apiKey: string; readonly baseUrl: string } | undefined;
  /** Secret of the Cal.com webhook subscription; unset: `POST /calcom/webhook` answers 404. */
  readonly calcomWebhookSecret?: string | undefined;
  /** Redis for locks, idempotency, calls, the L2 cache and the invalidation bus. */
  readonly redisUrl?: string | undefined;
  /** Prefix of every Redis key and channel (instances that share state share it). */
  readonly redisKeyPrefix: string;
  /** PostgreSQL for the records (store-postgres). */
  readonly databaseUrl?: string | undefined;
  /** Apply store-postgres' migrations on start (`DATABASE_MIGRATE=false` turns it off). */
  readonly databaseMigrate: boolean;
  /** JSON or YAML file with the tenants; unset: the demo tenant. */
  readonly tenantsFile?: string | undefined;
  /** A header the Retell tool config sets to name the tenant (args-at-root tools). */
  readonly tenantHeader?: string | undefined;
  /** pino level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Nothing but `PORT` and `RETELL_API_KEY` set: in-memory stores, the stand-in, the demo tenant. */
  readonly embedded: boolean;
}

const blankToUndefined = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() === '' ? undefined : v;
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const urlWith = (protocols: RegExp, what: string) =>
  z.string().refine((s) => {
    try {
      return protocols.test(new URL(s).protocol);
    } catch {
      return false;
    }
  }, `must be a ${what} URL`);

const envSchema = z.object({
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be an integer')
      .min(0, 'must be 0–65535')
      .max(65_535, 'must be 0–65535')
      .default(3000),
  ),
  HOST: opt(z.string()),
  RETELL_API_KEY: z.preprocess(
    blankToUndefined,
    z.string({ error: 'is required (the Retell API key that signs requests)' }),
  ),
  CALCOM_API_KEY: opt(z.string()),
  CALCOM_BASE_URL: opt(urlWith(/^https?:$/, 'http(s)')),
  CALCOM_WEBHOOK_SECRET: opt(z.string().min(8, 'must be at least 8 characters')),
  REDIS_URL: opt(urlWith(/^rediss?:$/, 'redis:// or rediss://')),
  REDIS_KEY_PREFIX: opt(
    z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1–64 letters, digits or : _ . -'),
  ),
  DATABASE_URL: opt(urlWith(/^postgres(ql)?:$/, 'postgres://')),
  DATABASE_MIGRATE: opt(z.enum(['true', 'false'], { error: 'must be true or false' })),
  TENANTS_FILE: opt(z.string().refine((p) => existsSync(p), 'file does not exist')),
  TENANT_HEADER: opt(
    z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name (letters, digits, dashes)'),
  ),
  LOG_LEVEL: opt(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
});

/**
 * Reads and validates the server's configuration from environment variables.
 *
 * @param env - The environment, `process.env` by default.
 * @returns The parsed configuration; `embedded` when only `PORT` and `RETELL_API_KEY` are set.
 * @throws {@link ConfigError} naming every bad variable.
 * @example
 * ```ts
 * const config = loadConfig({ PORT: '3000', RETELL_API_KEY: 'key_…' });
 * config.embedded; // true: stand-in, in-memory stores, demo tenant
 * ```
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.CALCOM_BASE_URL !== undefined && e.CALCOM_API_KEY === undefined) {
    problems.push('CALCOM_BASE_URL: needs CALCOM_API_KEY as well');
  }
  if (e.CALCOM_API_KEY !== undefined && !/^cal_/.test(e.CALCOM_API_KEY)) {
    problems.push('CALCOM_API_KEY: must start with cal_');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const calcom =
    e.CALCOM_API_KEY === undefined
      ? undefined
      : { apiKey: e.CALCOM_API_KEY, baseUrl: e.CALCOM_BASE_URL ?? 'https://api.cal.com' };
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    retellApiKey: e.RETELL_API_KEY,
    calcom,
    calcomWebhookSecret: e.CALCOM_WEBHOOK_SECRET,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? 'voicebook:',
    databaseUrl: e.DATABASE_URL,
    databaseMigrate: e.DATABASE_MIGRATE !== 'false',
    tenantsFile: e.TENANTS_FILE,
    tenantHeader: e.TENANT_HEADER?.toLowerCase(),
    logLevel: e.LOG_LEVEL ?? 'info',
    embedded:
      calcom === undefined &&
      e.REDIS_URL === undefined &&
      e.DATABASE_URL === undefined &&
      e.TENANTS_FILE === undefined,
  };
}
