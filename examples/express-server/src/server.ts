import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  closeIdleWhileClosing,
  createLogger,
  safeSerializers,
  type RunningServer,
  type ServerConfig,
  type VoicebookApp,
} from '@voicebook/server-core';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { createVoicebookRouter } from './router.js';

/**
 * The standalone Express app: pino-http request logs (names and numbers redacted, request ids
 * from `X-Request-Id`, else a UUID) and {@link createVoicebookRouter} at the root.
 *
 * @param options - The composed app and a logger.
 * @returns The Express app, not yet listening.
 */
export function createExpressApp(options: {
  app: VoicebookApp;
  logger?: Logger | undefined;
}): Express {
  const server = express();
  server.disable('x-powered-by');
  server.use(
    pinoHttp({
      logger: options.logger ?? createLogger('info'),
      genReqId: (req) => {
        const header = req.headers['x-request-id'];
        return typeof header === 'string' && header.length > 0 ? header : randomUUID();
      },
      serializers: safeSerializers,
    }),
  );
  server.use(createVoicebookRouter(options.app));
  return server;
}

/**
 * Creates the Express server and listens on the configured host and port.
 *
 * @param deps - App, configuration, logger.
 * @returns The running server; `close()` stops accepting, lets in-flight requests finish,
 * closes idle keep-alive connections, then closes the app (Redis, PostgreSQL, the stand-in).
 */
export async function listenExpress(deps: {
  app: VoicebookApp;
  config: Pick<ServerConfig, 'port' | 'host'> & Partial<Pick<ServerConfig, 'logLevel'>>;
  logger?: Logger | undefined;
}): Promise<RunningServer> {
  const http = createExpressApp({
    app: deps.app,
    logger: deps.logger ?? createLogger(deps.config.logLevel ?? 'info'),
  }).listen(deps.config.port, deps.config.host);
  await once(http, 'listening');
  const { port, address, family } = http.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  let closed: Promise<void> | undefined;
  const close = async () => {
    const done = new Promise<void>((resolve, reject) => {
      http.close((error) => (error ? reject(error) : resolve()));
    });
    closeIdleWhileClosing(http);
    await done;
    await deps.app.close();
  };
  return { url: `http://${host}:${port}`, close: () => (closed ??= close()) };
}
