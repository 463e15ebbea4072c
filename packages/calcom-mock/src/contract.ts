import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { default as addFormatsModule } from 'ajv-formats';
import type { CalcomMockOperation } from './mock-server.js';

// ajv-formats ships CommonJS with `exports.default`; under NodeNext the default import is the
// module object on some toolchains and the function on others.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * Where each operation's success answer is described in Cal.com's OpenAPI document
 * (`spec/openapi-v2.json`, upstream calcom/cal.com `docs/api-reference/v2/openapi.json` at
 * `6c9ac7636b50c02f658eb3971124532cf7d66ba5`).
 */
const RESPONSES: Record<CalcomMockOperation, { path: string; method: string; status: string }> = {
  'slots.find': { path: '/v2/slots', method: 'get', status: '200' },
  'slots.reserve': { path: '/v2/slots/reservations', method: 'post', status: '201' },
  'slots.getReservation': { path: '/v2/slots/reservations/{uid}', method: 'get', status: '200' },
  'slots.updateReservation': {
    path: '/v2/slots/reservations/{uid}',
    method: 'patch',
    status: '200',
  },
  'slots.deleteReservation': {
    path: '/v2/slots/reservations/{uid}',
    method: 'delete',
    status: '200',
  },
  'bookings.create': { path: '/v2/bookings', method: 'post', status: '201' },
  'bookings.list': { path: '/v2/bookings', method: 'get', status: '200' },
  'bookings.get': { path: '/v2/bookings/{bookingUid}', method: 'get', status: '200' },
  'bookings.cancel': { path: '/v2/bookings/{bookingUid}/cancel', method: 'post', status: '200' },
  'bookings.reschedule': {
    path: '/v2/bookings/{bookingUid}/reschedule',
    method: 'post',
    status: '201',
  },
  'eventTypes.list': { path: '/v2/event-types', method: 'get', status: '200' },
};

/** Checks answers against Cal.com's OpenAPI document (errors: against Cal.com's error bodies). */
export interface ContractValidator {
  /**
   * Problems of `body` as the `status` answer of `operation`; empty when it conforms. A 2xx
   * answer is checked against the document's schema for that operation and status (a status
   * the document does not list is a problem). The document describes no error bodies, so a
   * non-2xx answer is checked against the bodies Cal.com's exception filters send
   * (NOTES.md §3.1): the main envelope
   * `{ status: 'error', timestamp, path, error: { code, message, details? } }`, or Nest's default
   * `{ statusCode, message }`.
   */
  validate(operation: CalcomMockOperation | undefined, status: number, body: unknown): string[];
}

/** Cal.com's error bodies (`apps/api/v2/src/filters/*.ts`), as JSON Schema. */
const ERROR_BODY = {
  oneOf: [
    {
      type: 'object',
      required: ['status', 'timestamp', 'path', 'error'],
      properties: {
        status: { const: 'error' },
        timestamp: { type: 'string', format: 'date-time' },
        path: { type: 'string', pattern: '^/' },
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', minLength: 1 },
            message: { type: 'string' },
            details: { type: 'object' },
          },
        },
      },
    },
    {
      type: 'object',
      required: ['statusCode', 'message'],
      properties: { statusCode: { type: 'integer' }, message: { type: 'string' } },
      not: { required: ['status'] },
    },
  ],
};

type Json = Record<string, unknown>;

function loadSpec(): Json {
  const url = new URL('../spec/openapi-v2.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Json;
}

/** Points `#/components/...` refs of a schema taken out of the document back into it. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
}

/**
 * OpenAPI 3.0 → JSON Schema: `nullable: true` without a `type` (next to `allOf`, `$ref`, `oneOf`)
 * becomes `anyOf: [schema, { type: 'null' }]`; ajv only understands `nullable` beside `type`.
 */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = nullableToJsonSchema(v);
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

/**
 * Compiles the response schemas of every stand-in operation from Cal.com's OpenAPI document with
 * ajv (OpenAPI 3.0 `nullable`, formats from ajv-formats, unknown keywords such as `example`
 * ignored).
 *
 * Three places where the document contradicts Cal.com's code are handled explicitly, nowhere else:
 * - `GET /v2/slots`: the schema describes `data` (not the envelope), and its default-format items
 *   say `string` while the code returns `{ start }` objects (NOTES.md §2.1). The envelope is
 *   checked as `{ status: 'success', data }` and `data` against the range-format branch, whose
 *   items are `{ start, end? }` objects.
 * - `GET /v2/slots/reservations/{uid}`: `GetReservedSlotOutput_2024_09_04.data` refers to the
 *   output schema itself; it is checked as a nullable `ReserveSlotOutput_2024_09_04`.
 * - `EventTypeOutput_2024_06_14.slotInterval` is typed `object` with the example `60`; the code
 *   returns minutes as a number (or null). It is checked as a nullable number.
 *
 * @returns a validator of answers by operation and status, over the bundled OpenAPI document.
 * @example
 * ```ts
 * const contract = createContractValidator();
 * const errors = contract.validate('bookings.get', 200, await res.json());
 * if (errors.length > 0) throw new Error(errors.join('; '));
 * ```
 */
export function createContractValidator(): ContractValidator {
  const spec = loadSpec();
  const schemas = (spec.components as { schemas: Record<string, { properties?: Json }> }).schemas;
  const eventType = schemas.EventTypeOutput_2024_06_14?.properties;
  if (eventType) eventType.slotInterval = { type: 'number', nullable: true };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: nullableToJsonSchema(spec.components) }, 'openapi');
  const paths = spec.paths as Record<string, Record<string, Json>>;
  const validators = new Map<CalcomMockOperation, ValidateFunction>();
  const responseSchema = (op: CalcomMockOperation): unknown => {
    const r = RESPONSES[op];
    const responses = paths[r.path]?.[r.method]?.responses as Record<string, Json> | undefined;
    const content = responses?.[r.status]?.content as Record<string, Json> | undefined;
    const schema = content?.['application/json']?.schema;
    if (schema === undefined) throw new Error(`No ${r.status} schema for ${op} in the document`);
    return schema;
  };
  const documented = (op: CalcomMockOperation, status: number): boolean => {
    const r = RESPONSES[op];
    const responses = paths[r.path]?.[r.method]?.responses as Record<string, Json> | undefined;
    return responses?.[String(status)] !== undefined;
  };
  let errorBody: ValidateFunction | undefined;
  const compile = (op: CalcomMockOperation): ValidateFunction => {
    let schema: unknown;
    if (op === 'slots.find') {
      const oneOf = (responseSchema(op) as { oneOf: unknown[] }).oneOf;
      const range = oneOf.find(
        (s) => (s as { title?: string }).title?.startsWith('Range format') === true,
      );
      schema = {
        type: 'object',
        required: ['status', 'data'],
        properties: { status: { const: 'success' }, data: range },
      };
    } else if (op === 'slots.getReservation') {
      schema = {
        type: 'object',
        required: ['status', 'data'],
        properties: {
          status: { const: 'success' },
          data: {
            nullable: true,
            allOf: [{ $ref: '#/components/schemas/ReserveSlotOutput_2024_09_04' }],
          },
        },
      };
    } else {
      schema = responseSchema(op);
    }
    return ajv.compile(rebase(nullableToJsonSchema(schema)) as Json);
  };
  return {
    validate(operation, status, body) {
      if (status < 200 || status >= 300 || operation === undefined) {
        errorBody ??= ajv.compile(ERROR_BODY);
        if (errorBody(body)) return [];
        return (errorBody.errors ?? []).map(
          (e) => `${e.instancePath || '(body)'} ${e.message ?? 'invalid'}`,
        );
      }
      if (!documented(operation, status)) {
        return [`(status) ${String(status)} is not a documented answer of ${operation}`];
      }
      let v = validators.get(operation);
      if (!v) {
        v = compile(operation);
        validators.set(operation, v);
      }
      if (v(body)) return [];
      return (v.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'invalid'}`);
    },
  };
}
