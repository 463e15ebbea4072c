import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';

/** Where the machine's shared Redis listens (CI and every developer machine). */
export const REDIS_URL = process.env.VOICEBOOK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A unique key prefix for one test run, so parallel runs never see each other's keys. */
export function uniquePrefix(label = 'test'): string {
  return `vbtest:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

export interface TestRedis {
  /** Connected client on the shared Redis. */
  readonly client: Redis;
  /** Prefix every key of this test must start with. */
  readonly prefix: string;
  /** Opens another connection to the same server (e.g. a second "instance" or a subscriber). */
  connect(options?: RedisOptions): Redis;
  /** Deletes exactly the keys under {@link prefix} and closes every connection opened here. */
  cleanup(): Promise<void>;
}

/**
 * Connects to the shared Redis with a fresh key prefix. `cleanup()` removes only what this
 * prefix holds: never flush a database you did not create.
 */
export async function createTestRedis(label?: string): Promise<TestRedis> {
  const prefix = uniquePrefix(label);
  const clients: Redis[] = [];
  const connect = (options?: RedisOptions): Redis => {
    const c = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, ...options });
    clients.push(c);
    return c;
  };
  const client = connect();
  await client.ping();
  return {
    client,
    prefix,
    connect,
    async cleanup() {
      await deleteByPrefix(client, prefix);
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

/** Deletes every key that starts with `prefix` (SCAN, never KEYS or FLUSH). */
export async function deleteByPrefix(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** Resolves to a TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A redis-server process of the test's own, on a free port, that the test may kill and restart. */
export interface RedisServerProcess {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL, like a crash). Connected clients see the connection drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing on disk). */
  restart(): Promise<void>;
  /**
   * A client of this server that rides out kills and restarts: one retry per command, reconnects
   * every 50 ms, connection errors swallowed (they are what these tests provoke). `stop()`
   * disconnects it.
   */
  connect(options?: RedisOptions): Redis;
  /** Disconnects every client from {@link connect} and kills the server for good. */
  stop(): Promise<void>;
}

/**
 * Starts a separate `redis-server` on a free port (no persistence), for tests that kill Redis
 * mid-flight. Requires `redis-server` on PATH, as on every machine of this project.
 */
export async function startRedisServer(): Promise<RedisServerProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined); // refused connections while the server boots are expected
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch (error) {
        probe.disconnect();
        if (Date.now() > deadline)
          throw new Error(`redis-server did not start on ${port}`, { cause: error });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  const kill = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };

  const clients: Redis[] = [];
  const connect = (options: RedisOptions = {}): Redis => {
    const c = new Redis(port, '127.0.0.1', {
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
      ...options,
    });
    c.on('error', () => undefined);
    clients.push(c);
    return c;
  };
  const stop = async (): Promise<void> => {
    for (const c of clients.splice(0)) c.disconnect();
    await kill();
  };

  await start();
  return { port, url: `redis://127.0.0.1:${port}`, kill, restart: start, connect, stop };
}

/** Polls `predicate` until it holds or `timeoutMs` passes; throws with `message` on time-out. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  { timeoutMs = 5_000, intervalMs = 10, message = 'condition' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The TypeScript code blocks of a README section, in order: every ```ts block between the
 * heading `## <heading>` (or `### <heading>`) and the next heading of the same or a higher level.
 */
export function readmeBlocks(readme: string, heading: string): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^#{2,3} /.test(l) && l.replace(/^#+ /, '') === heading);
  if (start === -1) throw new Error(`README has no section "${heading}"`);
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 2;
  const blocks: string[] = [];
  let block: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (block === undefined) {
      const h = /^(#+) /.exec(line);
      if (h && (h[1]?.length ?? 0) <= level) break;
      if (line === '```ts') block = [];
    } else if (line === '```') {
      blocks.push(block.join('\n'));
      block = undefined;
    } else block.push(line);
  }
  return blocks;
}

/**
 * Runs TypeScript source as a script with tsx from `packageDir` (so the package's own name
 * resolves to its sources through the `@voicebook/source` condition) and returns its stdout.
 * Rejects when the script exits non-zero or runs longer than `timeoutMs`.
 */
export async function runScript(
  packageDir: string,
  source: string,
  timeoutMs = 30_000,
): Promise<string> {
  const file = join(
    packageDir,
    `.readme-example-${String(process.pid)}-${randomBytes(3).toString('hex')}.ts`,
  );
  await writeFile(file, source);
  const tsx = join(packageDir, '..', '..', 'node_modules', '.bin', 'tsx');
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(
        tsx,
        ['--conditions=@voicebook/source', file],
        { cwd: packageDir, timeout: timeoutMs },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`, { cause: error }));
          else resolve(stdout);
        },
      );
    });
  } finally {
    await rm(file, { force: true });
  }
}

/** One request a {@link WebhookReceiver} got: the raw body, exactly as sent, and its headers. */
export interface ReceivedWebhook {
  readonly method: string;
  /** Path and query, as requested. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Options of {@link startWebhookReceiver}. */
export interface WebhookReceiverOptions {
  /**
   * Called once a request's body is complete; its (awaited) result is the status answered, 200
   * when it returns nothing. Answer a rejected delivery (a bad signature) with a status; a throw
   * or rejection answers 500 and is kept in {@link WebhookReceiver.errors}, and
   * {@link WebhookReceiver.close} rejects with it: an error in here always reaches the test.
   */
  onBody?: (request: ReceivedWebhook) => number | undefined | Promise<number | undefined>;
}

/** A webhook endpoint of the test's own; see {@link startWebhookReceiver}. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: any path is accepted. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly received: readonly ReceivedWebhook[];
  /** What `onBody` threw or rejected with, in order. */
  readonly errors: readonly unknown[];
  /**
   * Stops the server once every `onBody` under way has settled (cutting requests still sending
   * their body and idle keep-alive connections). Rejects with the first `onBody` error (an
   * `AggregateError` for several), if there was any.
   */
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on 127.0.0.1 (a free port) that collects every request's raw body
 * and headers and answers with what `onBody` returns. Verifying signatures stays with the test.
 *
 * @example
 * ```ts
 * const hook = await startWebhookReceiver({
 *   onBody: ({ body, headers }) => (isSigned(body, headers) ? 200 : 401),
 * });
 * try {
 *   subscribe(hook.url);
 * } finally {
 *   await hook.close(); // rejects when onBody threw
 * }
 * ```
 */
export async function startWebhookReceiver(
  options: WebhookReceiverOptions = {},
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const errors: unknown[] = [];
  const pending = new Set<Promise<void>>();
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    const answer = (status: number): void => {
      if (!res.headersSent && !res.destroyed) res.writeHead(status).end();
    };
    req.on('error', (error) => {
      errors.push(error);
      answer(500);
    });
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedWebhook = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      received.push(request);
      // A sync throw of onBody becomes a rejection here: nothing escapes the event handler.
      const handled = Promise.resolve()
        .then(() => options.onBody?.(request))
        .then(
          (status) => {
            answer(status ?? 200);
          },
          (error: unknown) => {
            errors.push(error);
            answer(500);
          },
        )
        .finally(() => pending.delete(handled));
      pending.add(handled);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    received,
    errors,
    close() {
      closing ??= (async () => {
        await Promise.all(pending);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing.then(() => {
        if (errors.length === 1) throw errors[0];
        if (errors.length > 1) throw new AggregateError(errors, 'webhook receiver: onBody failed');
      });
    },
  };
}
