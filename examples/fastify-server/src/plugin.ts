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
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** Options of {@link voicebookPlugin}. */
export interface VoicebookPluginOptions {
  /** The composed app (`createVoicebookApp`); the host app owns it and closes it. */
  readonly app: VoicebookApp;
  /** Where the routes are mounted, e.g. `/voice`. @default '' (the root) */
  readonly prefix?: string | undefined;
  /** Largest accepted body in bytes; larger answers 413. @default 1 MB */
  readonly bodyLimit?: number | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The voicebook app mounted by {@link voicebookPlugin}. */
    voicebook: VoicebookApp;
  }
}

const send = (reply: FastifyReply, response: CoreResponse): FastifyReply => {
  const { payload, contentType } = serializeBody(response);
  return reply
    .code(response.status)
    .headers(response.headers ?? {})
    .type(contentType)
    .send(payload);
};

interface HttpError {
  statusCode?: number;
  code?: string;
}

// The routes live in their own encapsulated context: the raw-body parser and the error handler
// never touch the host app's own routes.
function routes(instance: FastifyInstance, options: VoicebookPluginOptions): Promise<void> {
  const bodyLimit = options.bodyLimit ?? BODY_LIMIT_BYTES;
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => {
    done(null, body);
  });
  instance.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  instance.setErrorHandler((error: HttpError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return send(reply, PAYLOAD_TOO_LARGE);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, {
        status,
        body: { error: { code: 'E_BAD_REQUEST', message: 'Bad request' } },
      });
    }
    request.log.error({ err: error }, 'voicebook route failed');
    return send(reply, INTERNAL_ERROR);
  });
  for (const spec of VOICEBOOK_ROUTES) {
    const handler = options.app.handlers[spec.route];
    instance.route({
      method: spec.method,
      url: spec.path,
      bodyLimit,
      handler: async (request, reply) => {
        const response = await timed(handler, {
          method: request.method,
          headers: request.headers,
          rawBody: Buffer.isBuffer(request.body) ? request.body : '',
          params: request.params as Record<string, string | undefined>,
        });
        return send(reply, response);
      },
    });
  }
  return Promise.resolve();
}

/**
 * The voicebook reference API as a Fastify plugin: the Retell tool, webhook and inbound routes,
 * the Cal.com webhook, `/metrics`, `/slo`, `/healthz` and `/readyz`, under a prefix of your
 * choosing beside your own routes, logging through your app's logger. Signed routes see the raw
 * bytes (a buffer parser in the plugin's own context only); bodies over 1 MB answer 413.
 *
 * @example
 * ```ts
 * const app = await createVoicebookApp(loadConfig());
 * const server = Fastify({ logger: true });
 * server.get('/', () => ({ hello: 'world' }));
 * await server.register(voicebookPlugin, { app, prefix: '/voice' });
 * server.addHook('onClose', () => app.close());
 * ```
 */
export const voicebookPlugin = fp<VoicebookPluginOptions>(
  async (fastify, options) => {
    fastify.decorate('voicebook', options.app);
    await fastify.register(routes, { ...options, prefix: options.prefix ?? '' });
  },
  { name: '@voicebook/fastify-server', fastify: '5.x' },
);
