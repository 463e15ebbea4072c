import type { Server } from 'node:http';

/** Something {@link onShutdownSignal} can stop. */
export interface Stoppable {
  /** Stops taking requests, lets in-flight ones finish, closes Redis and PostgreSQL. */
  close(): Promise<void>;
}

/** Options of {@link onShutdownSignal}. */
export interface ShutdownOptions {
  /** Signals to stop on. @default ['SIGTERM', 'SIGINT'] */
  readonly signals?: readonly NodeJS.Signals[] | undefined;
  /** Exit anyway after this long. @default 10_000 */
  readonly timeoutMs?: number | undefined;
  /** Told when shutdown starts and ends. */
  readonly log?:
    { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void } | undefined;
  /** How the process ends. @default process.exit */
  readonly exit?: ((code: number) => void) | undefined;
}

/**
 * Closes `server` gracefully on the first SIGTERM or SIGINT (in-flight requests finish, stores
 * close), then exits 0; 1 when closing failed or took longer than `timeoutMs`.
 *
 * @param server - What to close.
 * @param options - Signals, timeout, logger.
 * @returns A function that removes the signal listeners.
 */
export function onShutdownSignal(server: Stoppable, options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const handler = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    options.log?.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      options.log?.error({ timeoutMs: options.timeoutMs ?? 10_000 }, 'shutdown timed out');
      exit(1);
    }, options.timeoutMs ?? 10_000);
    timer.unref();
    server.close().then(
      () => {
        clearTimeout(timer);
        options.log?.info({}, 'stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        options.log?.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}

/**
 * While `server` closes, keeps closing keep-alive connections as soon as they go idle, so a
 * connection whose request was in flight when `close()` began does not hold shutdown open for
 * the keep-alive timeout.
 *
 * @param server - A closing node:http server.
 */
export function closeIdleWhileClosing(server: Server): void {
  server.closeIdleConnections();
  const timer = setInterval(() => server.closeIdleConnections(), 25);
  timer.unref();
  server.once('close', () => clearInterval(timer));
}
