import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('starts the embedded default when only PORT and RETELL_API_KEY are set', () => {
    const config = loadConfig({ PORT: '4000', RETELL_API_KEY: 'key_test' });
    expect(config).toMatchObject({
      port: 4000,
      retellApiKey: 'key_test',
      embedded: true,
      calcom: undefined,
      redisUrl: undefined,
      databaseUrl: undefined,
      tenantsFile: undefined,
      logLevel: 'info',
    });
  });

  it('prefixes Redis keys with REDIS_KEY_PREFIX (voicebook: by default) and refuses a bad one', () => {
    expect(loadConfig({ RETELL_API_KEY: 'key_test' }).redisKeyPrefix).toBe('voicebook:');
    expect(
      loadConfig({ RETELL_API_KEY: 'key_test', REDIS_KEY_PREFIX: 'vb-scale-1:' }).redisKeyPrefix,
    ).toBe('vb-scale-1:');
    expect(
      problemsOf({ RETELL_API_KEY: 'key_test', REDIS_KEY_PREFIX: 'has space' }).join('\n'),
    ).toMatch(/^REDIS_KEY_PREFIX: /);
  });

  it('treats blank variables as unset', () => {
    const config = loadConfig({ RETELL_API_KEY: 'key_test', REDIS_URL: '  ', PORT: '' });
    expect(config.embedded).toBe(true);
    expect(config.port).toBe(3000);
  });

  it('names every bad variable at once, without echoing values', () => {
    const problems = problemsOf({
      PORT: '70000',
      REDIS_URL: 'http://user:hunter2@localhost',
      DATABASE_URL: 'mysql://x',
      TENANTS_FILE: '/nonexistent/tenants.yaml',
      LOG_LEVEL: 'loud',
    });
    const text = problems.join('\n');
    for (const name of [
      'PORT',
      'RETELL_API_KEY',
      'REDIS_URL',
      'DATABASE_URL',
      'TENANTS_FILE',
      'LOG_LEVEL',
    ]) {
      expect(text).toContain(`${name}:`);
    }
    expect(text).not.toContain('hunter2');
  });

  it('refuses a Cal.com base URL without a key and a key that is not a Cal.com key', () => {
    expect(problemsOf({ RETELL_API_KEY: 'k', CALCOM_BASE_URL: 'https://cal.example' })).toEqual([
      'CALCOM_BASE_URL: needs CALCOM_API_KEY as well',
    ]);
    expect(problemsOf({ RETELL_API_KEY: 'k', CALCOM_API_KEY: 'sk_live' })).toEqual([
      'CALCOM_API_KEY: must start with cal_',
    ]);
  });

  it('uses api.cal.com for a key without base URL and leaves the embedded default', () => {
    const config = loadConfig({ RETELL_API_KEY: 'k', CALCOM_API_KEY: 'cal_live_x' });
    expect(config.calcom).toEqual({ apiKey: 'cal_live_x', baseUrl: 'https://api.cal.com' });
    expect(config.embedded).toBe(false);
  });

  it('lower-cases the tenant header and rejects one that is no header name', () => {
    expect(loadConfig({ RETELL_API_KEY: 'k', TENANT_HEADER: 'X-Tenant' }).tenantHeader).toBe(
      'x-tenant',
    );
    expect(problemsOf({ RETELL_API_KEY: 'k', TENANT_HEADER: 'x tenant' })[0]).toMatch(
      /^TENANT_HEADER:/,
    );
  });
});
