import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('CLI --help', () => {
  it('prints the usage and exits 0 instead of crashing', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const r = spawnSync(
      `${root}/node_modules/.bin/tsx`,
      [
        '--conditions=@voicebook/source',
        fileURLToPath(new URL('../src/cli.ts', import.meta.url)),
        '--help',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: calcom-mock/);
    expect(r.stdout).toMatch(/--latency/);
  });
});
