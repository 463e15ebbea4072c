// A private PostgreSQL cluster on a free port, for tests that restart the database mid-run
// without touching the machine's own server. initdb must not run as root: as root it runs as
// the `postgres` user.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@voicebook/test-utils';

const run = promisify(execFile);
const version = readdirSync('/usr/lib/postgresql').sort().at(-1);
const bin = (name: string) => `/usr/lib/postgresql/${version}/bin/${name}`;
const asOwner = (cmd: string, args: string[]) =>
  process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', cmd, ...args])
    : run(cmd, args);

export interface PrivatePostgres {
  readonly url: string;
  /** Restarts the server (fast shutdown: open connections are terminated). Data is kept. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'vb-pg-'));
  if (process.getuid?.() === 0) await run('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  await asOwner(bin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (...args: string[]) =>
    asOwner(bin('pg_ctl'), ['-D', data, '-w', '-o', options, ...args]);
  await ctl('-l', join(dir, 'log'), 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await ctl('-l', join(dir, 'log'), '-m', 'fast', 'restart');
    },
    async stop() {
      await ctl('-m', 'immediate', 'stop').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
