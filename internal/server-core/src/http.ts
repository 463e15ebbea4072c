// The framework-neutral HTTP shapes and the route table both servers mount. Express and Fastify
// only translate their request into a CoreRequest and a CoreResponse back.

/** A request as the core sees it: the raw bytes as received, headers lower-cased. */
export interface CoreRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body exactly as received (the signatures are computed over these bytes). */
  readonly rawBody: string | Uint8Array;
  /** Path parameters (`name` of `/retell/tools/:name`). */
  readonly params?: Readonly<Record<string, string | undefined>> | undefined;
}

/** An answer: status, headers and a body that is sent as it is (string) or as JSON (object). */
export interface CoreResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body: unknown;
}

/** A framework-neutral handler. */
export type CoreHandler = (request: CoreRequest) => Promise<CoreResponse>;

/** Which core handler serves a route. */
export type RouteName =
  'tools' | 'webhook' | 'inbound' | 'calcomWebhook' | 'metrics' | 'slo' | 'healthz' | 'readyz';

/** One route of the reference API. */
export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  /** Path relative to the mount prefix; `:name` is a parameter. */
  readonly path: string;
  readonly route: RouteName;
  /** The body must be kept as raw bytes (signed routes). */
  readonly raw: boolean;
}

/** The reference API: identical on Express and Fastify. */
export const VOICEBOOK_ROUTES: readonly RouteSpec[] = [
  { method: 'POST', path: '/retell/tools', route: 'tools', raw: true },
  { method: 'POST', path: '/retell/tools/:name', route: 'tools', raw: true },
  { method: 'POST', path: '/retell/webhook', route: 'webhook', raw: true },
  { method: 'POST', path: '/retell/inbound', route: 'inbound', raw: true },
  { method: 'POST', path: '/calcom/webhook', route: 'calcomWebhook', raw: true },
  { method: 'GET', path: '/metrics', route: 'metrics', raw: false },
  { method: 'GET', path: '/slo', route: 'slo', raw: false },
  { method: 'GET', path: '/healthz', route: 'healthz', raw: false },
  { method: 'GET', path: '/readyz', route: 'readyz', raw: false },
];

/** Largest accepted body: 1 MB; larger answers 413. */
export const BODY_LIMIT_BYTES = 1_048_576;

/**
 * The body and content type to send for a {@link CoreResponse}.
 *
 * @param response - The core's answer.
 * @returns The bytes to write and the content type (the response's own header wins).
 */
export function serializeBody(response: CoreResponse): { payload: string; contentType: string } {
  const own = Object.entries(response.headers ?? {}).find(
    ([k]) => k.toLowerCase() === 'content-type',
  )?.[1];
  if (typeof response.body === 'string') {
    return { payload: response.body, contentType: own ?? 'text/plain; charset=utf-8' };
  }
  return {
    payload: JSON.stringify(response.body ?? null),
    contentType: own ?? 'application/json; charset=utf-8',
  };
}

/** The JSON error answer both servers send for a body over {@link BODY_LIMIT_BYTES}. */
export const PAYLOAD_TOO_LARGE: CoreResponse = {
  status: 413,
  body: { error: { code: 'E_PAYLOAD_TOO_LARGE', message: 'Request body is larger than 1 MB' } },
};

/** The JSON error answer for an unexpected failure (details stay in the log). */
export const INTERNAL_ERROR: CoreResponse = {
  status: 500,
  body: { error: { code: 'E_INTERNAL', message: 'Internal error' } },
};

/**
 * Runs a core handler and adds `Server-Timing: core;dur=<ms>` (the backend time without the
 * framework and the network), which the call simulator reads beside the round trip.
 *
 * @param handler - The core handler.
 * @param request - The request.
 * @returns The handler's answer with the timing header.
 */
export async function timed(handler: CoreHandler, request: CoreRequest): Promise<CoreResponse> {
  const started = performance.now();
  const response = await handler(request);
  const ms = performance.now() - started;
  return {
    ...response,
    headers: { ...response.headers, 'server-timing': `core;dur=${ms.toFixed(2)}` },
  };
}
