/** A request as any HTTP framework can hand it over. */
export interface RetellHttpRequest {
  /** `POST` (Retell's default), or the method configured on the tool. */
  readonly method: string;
  /** Request headers; names in any case (Node gives lower case). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as received: never a re-serialised object. */
  readonly rawBody: string | Uint8Array;
  /** The request path, e.g. `/retell/tools/check_availability` (tool name for args-at-root bodies). */
  readonly path?: string | undefined;
  /** The tool name, when the framework already took it from the route (wins over `path`). */
  readonly toolName?: string | undefined;
}

/** The answer to write back: status, headers and a JSON body. */
export interface RetellHttpResponse {
  /**
   * HTTP status: 200 for a tool answer the agent speaks (most errors too), 400 for invalid
   * arguments, 401/413/404 for a refused request, 204 for a webhook.
   */
  readonly status: number;
  /** Response headers (`content-type: application/json`). */
  readonly headers: Record<string, string>;
  /** The JSON body, serialised. */
  readonly body: string;
}

/** Largest body accepted (bytes); larger ones answer 413. */
export const MAX_BODY_BYTES = 1_048_576;

/** A header's first value, by case-insensitive name. @internal */
export function header(request: RetellHttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  }
  return undefined;
}

/** A JSON response. @internal */
export function jsonResponse(
  status: number,
  body: unknown,
  extra?: Record<string, string>,
): RetellHttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** A 4xx error answer: a stable code and a short message, never a value from the request. @internal */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  issues?: readonly string[],
) {
  return jsonResponse(status, { error: { code, message, ...(issues ? { issues } : {}) } });
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Size of the raw body in bytes (a string counted as UTF-8). @internal */
export function bodyBytes(rawBody: string | Uint8Array): number {
  return typeof rawBody === 'string' ? Buffer.byteLength(rawBody, 'utf8') : rawBody.byteLength;
}

/**
 * Parses the raw body as JSON (empty: `{}`). @internal
 * @returns the value, or `undefined` when it is not UTF-8 JSON.
 */
export function parseJsonBody(
  rawBody: string | Uint8Array,
): { ok: true; value: unknown } | { ok: false } {
  try {
    const text = typeof rawBody === 'string' ? rawBody : decoder.decode(rawBody);
    if (text.trim() === '') return { ok: true, value: {} };
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A plain object (not an array, not null). @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field of an object, if it is a non-empty string. @internal */
export function stringField(
  record: Record<string, unknown> | undefined,
  key: string,
): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value.slice(0, 200) : undefined;
}
