import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { BookingEngineError } from '../errors.js';
import type { Tenant } from '../types.js';
import { tenantSchema, tenantsFileSchema } from './schema.js';

/**
 * A tenants file or tenant object is invalid (`E_CONFIG_INVALID`, not retryable). The message
 * names the first bad field and, for a file, the file: `Invalid tenants file ./tenants.yaml:
 * tenants[0].services[2].durationMinutes: must be a positive integer`. It never contains the
 * value (which may be an API key or a phone number).
 *
 * @example
 * ```ts
 * try {
 *   parseTenants(json);
 * } catch (e) {
 *   if (e instanceof TenantConfigError) console.error(e.field); // 'tenants[0].zone'
 * }
 * ```
 */
export class TenantConfigError extends BookingEngineError {
  /** Always `'TenantConfigError'`. */
  override name = 'TenantConfigError';
  /**
   * @param field - Path of the first bad field, e.g. `tenants[0].zone` (`(file)` when the file
   * itself could not be read or parsed).
   * @param problem - What is wrong with it.
   * @param file - The file, when the tenants came from one.
   * @param cause - The underlying zod, YAML, JSON or file-system error.
   */
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly file?: string | undefined,
    cause?: unknown,
  ) {
    super(
      'E_CONFIG_INVALID',
      `${file === undefined ? 'Invalid tenants' : `Invalid tenants file ${file}`}: ${field}: ${problem}`,
      false,
      { cause },
    );
  }
}

/** `tenants[0].services[2].durationMinutes` from a zod path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Readable problems for zod's own issues (the schema's custom messages are used as they are). */
const errorMap = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${String(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return undefined;
  }
};

function firstProblem(error: z.ZodError, root: string): { field: string; problem: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: root || '(tenants)', problem: 'is invalid' };
  if (issue.code === 'unrecognized_keys') {
    return {
      field: formatPath([...(root ? [root] : []), ...issue.path, issue.keys[0] ?? '']),
      problem: 'is not a known field',
    };
  }
  const field = formatPath([...(root ? [root] : []), ...issue.path]);
  return { field: field || '(tenants)', problem: issue.message };
}

/**
 * Validates tenants from any source (a parsed JSON or YAML file, rows of a database) and returns
 * them complete: phone numbers in E.164, defaults filled in (see {@link DEFAULT_TENANT_POLICIES}).
 * Accepts `{ tenants: [...] }` or the bare array; paths in errors always read `tenants[i]…`.
 *
 * @param data - The parsed file content.
 * @param file - Named in the error message, when the data came from a file.
 * @returns The tenants, in the given order.
 * @throws {@link TenantConfigError} (`E_CONFIG_INVALID`) naming the first bad field.
 * @example
 * ```ts
 * const tenants = parseTenants(JSON.parse(await readFile('tenants.json', 'utf8')));
 * ```
 */
export function parseTenants(data: unknown, file?: string): Tenant[] {
  const input = Array.isArray(data) ? { tenants: data } : data;
  const result = tenantsFileSchema.safeParse(input, { error: errorMap });
  if (!result.success) {
    const { field, problem } = firstProblem(result.error, '');
    throw new TenantConfigError(field, problem, file, result.error);
  }
  return result.data.tenants;
}

/**
 * Validates one tenant, as {@link parseTenants} does for each; paths in errors are relative to
 * the tenant (`services[2].durationMinutes`).
 *
 * @param data - One tenant object.
 * @returns The complete tenant.
 * @throws {@link TenantConfigError} (`E_CONFIG_INVALID`) naming the first bad field.
 * @example
 * ```ts
 * const tenant = parseTenant({ id: 't1', companyName: 'Salon', zone: 'Europe/Berlin', … });
 * ```
 */
export function parseTenant(data: unknown): Tenant {
  const result = tenantSchema.safeParse(data, { error: errorMap });
  if (!result.success) {
    const { field, problem } = firstProblem(result.error, '');
    throw new TenantConfigError(field, problem, undefined, result.error);
  }
  return result.data;
}

/**
 * Reads a tenants file: JSON for `.json`, YAML for anything else (`.yaml`, `.yml`), validated
 * with {@link parseTenants}.
 *
 * @param path - The file.
 * @returns The tenants.
 * @throws {@link TenantConfigError} (`E_CONFIG_INVALID`) when the file is missing, is not JSON or
 * YAML, or has a bad field.
 * @example
 * ```ts
 * const tenants = await readTenantsFile('./tenants.yaml');
 * ```
 */
export async function readTenantsFile(path: string): Promise<Tenant[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    throw new TenantConfigError('(file)', 'cannot be read', path, e);
  }
  let data: unknown;
  const json = extname(path).toLowerCase() === '.json';
  try {
    data = json ? JSON.parse(raw) : parseYaml(raw, { prettyErrors: true });
  } catch (e) {
    const where = json ? '' : /at line \d+, column \d+/.exec(String(e))?.[0];
    throw new TenantConfigError(
      '(file)',
      `is not valid ${json ? 'JSON' : 'YAML'}${where ? ` (${where})` : ''}`,
      path,
      e,
    );
  }
  return parseTenants(data, path);
}
