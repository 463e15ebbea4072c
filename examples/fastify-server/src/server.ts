import { randomUUID } from 'node:crypto';
import {
  closeIdleWhileClosing,
  createLogger,
  type RunningServer,
  type ServerConfig,
  type VoicebookApp,
} from '@voicebook/server-core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { voicebookPlugin } from './plugin.js';

/** Options of {@link createFastifyServer}. */
export interface FastifyServerOptions {
  readonly app: VoicebookApp;
  /** @default a pino logger with voicebook's redaction at `info` */
  readonly logger?: Logger | undefined;
}

/**
 * The standalone Fastify server: {@link voicebookPlugin} at the root, request ids from
 * `X-Request-Id` (else a UUID), JSON logs with names and numbers redacted, and the app closed
 * after the server.
 *
 * @param options - The app and logger.
 * @returns The Fastify instance, not yet listening.
 */
export async function createFastifyServer(options: FastifyServerOptions): Promise<FastifyInstance> {
  const server = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's default generics.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- without it tsc infers Fastify's generics from pino's Logger
    loggerInstance: (options.logger ?? createLogger('info')) as FastifyBaseLogger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    forceCloseConnections: 'idle',
  });
  await server.register(voicebookPlugin, { app: options.app });
  server.addHook('onClose', () => options.app.close());
  return server;
}

/**
 * Creates the Fastify server and listens on the configured host and port.
 *
 * @param deps - App, configuration, logger.
 * @returns The running server; `close()` finishes in-flight requests, then closes the app.
 */
export async function listenFastify(deps: {
  app: VoicebookApp;
  config: Pick<ServerConfig, 'port' | 'host'> & Partial<Pick<ServerConfig, 'logLevel'>>;
  logger?: Logger | undefined;
}): Promise<RunningServer & { fastify: FastifyInstance }> {
  const fastify = await createFastifyServer({
    app: deps.app,
    logger: deps.logger ?? createLogger(deps.config.logLevel ?? 'info'),
  });
  const url = await fastify.listen({ port: deps.config.port, host: deps.config.host });
  let closed: Promise<void> | undefined;
  const close = () => {
    const done = fastify.close();
    closeIdleWhileClosing(fastify.server);
    return done;
  };
  return { url, fastify, close: () => (closed ??= close()) };
}
