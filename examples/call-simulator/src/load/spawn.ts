import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A server process of the load runs (see `serve.ts`). */
export interface ServerProcess {
  readonly url: string;
  /** The bare JSON route's server, same process and framework. */
  readonly bareUrl: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));

/**
 * Starts `serve.ts` in a child process with `env` on top of this process's environment and
 * waits for its address line.
 *
 * @param env - `FRAMEWORK`, `RETELL_API_KEY`, … (`PORT` defaults to 0, `HOST` to 127.0.0.1).
 * @param nodeArgs - Extra node flags, e.g. `--cpu-prof`.
 * @returns The running process.
 */
export async function startServerProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', '--conditions=@voicebook/source', SERVE],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit').then(() => undefined);
  const lines = createInterface({ input: child.stdout });
  // Log lines (LOG_LEVEL above silent) may come first; the address line is marked.
  const marker = 'voicebook-load-server-listening ';
  const listening = new Promise<string>((resolve) => {
    const onLine = (l: string) => {
      if (!l.startsWith(marker)) return;
      lines.off('line', onLine);
      resolve(l.slice(marker.length));
    };
    lines.on('line', onLine);
  });
  const first = await Promise.race([
    listening,
    exited.then(() => {
      throw new Error('the server process ended before it listened');
    }),
  ]);
  const { url, bareUrl } = JSON.parse(first) as { url: string; bareUrl: string };
  // Keep draining stdout; LOAD_SERVER_LOGS=1 shows the servers' log lines on stderr.
  const show = process.env.LOAD_SERVER_LOGS === '1';
  lines.on('line', (l) => {
    if (show) process.stderr.write(`[${child.pid ?? '?'}] ${l}\n`);
  });
  return {
    url,
    bareUrl,
    pid: child.pid ?? -1,
    child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
