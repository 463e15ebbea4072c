import { randomUUID } from 'node:crypto';
import {
  BODY_LIMIT_BYTES,
  INTERNAL_ERROR,
  PAYLOAD_TOO_LARGE,
  VOICEBOOK_ROUTES,
  serializeBody,
  timed,
  type CoreResponse,
  type VoicebookApp,
} from '@voicebook/server-core';
import express, {
  Router,
  type ErrorRequestHandler,
  type RequestHandler,
  type Response,
} from 'express';

/** Options of {@link createVoicebookRouter}. */
export interface VoicebookRouterOptions {
  /** Largest accepted body in bytes; larger answers 413. @default 1 MB */
  readonly bodyLimit?: number | undefined;
}

const send = (res: Response, response: CoreResponse): void => {
  const { payload, contentType } = serializeBody(response);
  res
    .status(response.status)
    .set(response.headers ?? {})
    .type(contentType)
    .send(payload);
};

// What pino-http adds to a request when the host app uses it (absent otherwise).
interface LoggedRequest {
  id?: unknown;
  log?: { error(obj: object, msg?: string): void };
}

const requestId: RequestHandler = (req, res, next) => {
  const logged = req as unknown as LoggedRequest;
  const header = req.headers['x-request-id'];
  logged.id ??= typeof header === 'string' && header.length > 0 ? header : randomUUID();
  res.setHeader('x-request-id', String(logged.id));
  next();
};

const errors: ErrorRequestHandler = (
  error: { type?: string; status?: number },
  req,
  res,
  _next,
) => {
  if (error.type === 'entity.too.large' || error.status === 413) {
    send(res, PAYLOAD_TOO_LARGE);
    return;
  }
  const status = error.status ?? 500;
  if (status >= 400 && status < 500) {
    send(res, { status, body: { error: { code: 'E_BAD_REQUEST', message: 'Bad request' } } });
    return;
  }
  (req as unknown as LoggedRequest).log?.error({ err: error }, 'voicebook route failed');
  send(res, INTERNAL_ERROR);
};

/**
 * The voicebook reference API as an Express router: the Retell tool, webhook and inbound
 * routes, the Cal.com webhook, `/metrics`, `/slo`, `/healthz` and `/readyz`. Mount it under any
 * prefix beside your own routes (`app.use('/voice', router)`); it logs through `req.log` when
 * your app uses pino-http. Signed routes need the raw bytes: mount the router before any global
 * body parser (`express.json()` on the app would consume the body first).
 *
 * @param app - The composed app (`createVoicebookApp`); the host app owns it and closes it.
 * @param options - Body limit.
 * @returns The router.
 * @example
 * ```ts
 * const app = await createVoicebookApp(loadConfig());
 * const server = express();
 * server.use('/voice', createVoicebookRouter(app));
 * server.use(express.json()); // your own routes after it
 * ```
 */
export function createVoicebookRouter(
  app: VoicebookApp,
  options: VoicebookRouterOptions = {},
): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: options.bodyLimit ?? BODY_LIMIT_BYTES });
  router.use(requestId);
  for (const spec of VOICEBOOK_ROUTES) {
    const handler = app.handlers[spec.route];
    const route: RequestHandler = async (req, res) => {
      const body: unknown = req.body;
      const response = await timed(handler, {
        method: req.method,
        headers: req.headers,
        rawBody: Buffer.isBuffer(body) ? body : '',
        params: req.params as Record<string, string | undefined>,
      });
      send(res, response);
    };
    if (spec.method === 'POST') router.post(spec.path, raw, route);
    else router.get(spec.path, route);
  }
  router.use(errors);
  return router;
}
