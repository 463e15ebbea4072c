import type { Logger } from 'pino';
import { createVoicebookApp, type VoicebookApp } from './app.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { createLogger } from './logger.js';
import { onShutdownSignal } from './shutdown.js';

/** A listening server. */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  /** Stops listening, lets in-flight requests finish, then closes the app. Idempotent. */
  close(): Promise<void>;
}

/** Builds and starts one framework's server around a composed app. */
export type ServerFactory = (deps: {
  readonly app: VoicebookApp;
  readonly config: ServerConfig;
  readonly logger: Logger;
}) => Promise<RunningServer>;

/**
 * The standalone server's `main`: configuration from the environment (a bad one prints every
 * problem and exits 1), the composition, the framework's server, graceful shutdown on SIGTERM /
 * SIGINT.
 *
 * @param factory - The framework's server.
 * @param env - The environment. @default process.env
 * @returns The running server, or `undefined` when the configuration was invalid.
 */
export async function startServer(
  factory: ServerFactory,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RunningServer | undefined> {
  let config: ServerConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return undefined;
  }
  const logger = createLogger(config.logLevel);
  const app = await createVoicebookApp(config, { logger });
  let server: RunningServer;
  try {
    server = await factory({ app, config, logger });
  } catch (error) {
    await app.close();
    throw error;
  }
  logger.info({ url: server.url, mode: app.mode }, 'voicebook listening');
  onShutdownSignal(server, { log: logger });
  return server;
}
