import { createHash } from 'node:crypto';
import type { VoicebookApp } from '../app.js';
import type { CoreHandler, CoreRequest, RouteName } from '../http.js';

/** A {@link VoicebookApp} whose handlers describe what they received, for adapter tests. */
export interface ProbeApp extends VoicebookApp {
  /** Every request the handlers saw, in order. */
  readonly received: readonly { route: RouteName; request: CoreRequest }[];
  /** How often `close()` was called. */
  readonly closeCalls: number;
}

const header = (request: CoreRequest, name: string): string | undefined => {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * An app that answers every route with the SHA-256 and length of the raw body it was handed,
 * the path parameters and the content type, so a test can check the framework adapter passes
 * the bytes unchanged. `X-Probe-Delay-Ms` delays the answer, `X-Probe-Throw` makes the handler
 * throw (the adapter must answer 500 without detail).
 *
 * @returns The probe app.
 */
export function createProbeApp(): ProbeApp {
  const received: { route: RouteName; request: CoreRequest }[] = [];
  let closeCalls = 0;
  const handler =
    (route: RouteName): CoreHandler =>
    async (request) => {
      received.push({ route, request });
      const delay = Number(header(request, 'x-probe-delay-ms') ?? 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (header(request, 'x-probe-throw') !== undefined) {
        throw new Error('probe failure for +4917012345678');
      }
      const bytes =
        typeof request.rawBody === 'string' ? Buffer.from(request.rawBody) : request.rawBody;
      return {
        status: 200,
        headers: { 'x-probe-route': route },
        body: {
          route,
          method: request.method,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          length: bytes.byteLength,
          params: request.params ?? {},
          contentType: header(request, 'content-type') ?? null,
        },
      };
    };
  const routes: RouteName[] = [
    'tools',
    'webhook',
    'inbound',
    'calcomWebhook',
    'metrics',
    'slo',
    'healthz',
    'readyz',
  ];
  const handlers = Object.fromEntries(routes.map((r) => [r, handler(r)])) as Record<
    RouteName,
    CoreHandler
  >;
  handlers.metrics = (request) => {
    received.push({ route: 'metrics', request });
    return Promise.resolve({
      status: 200,
      headers: { 'content-type': 'text/plain; version=0.0.4' },
      body: 'probe_total 1\n',
    });
  };
  const app = {
    handlers,
    received,
    get closeCalls() {
      return closeCalls;
    },
    mode: {
      embedded: true,
      calendar: 'stand-in',
      stores: 'memory',
      tenants: 'demo',
      database: 'off',
    },
    standIn: undefined,
    readiness: () => Promise.reject(new Error('probe app has no readiness')),
    close: () => {
      closeCalls++;
      return Promise.resolve();
    },
  };
  // engine and metrics are never touched by the adapters; the probe has none.
  return app as unknown as ProbeApp;
}
