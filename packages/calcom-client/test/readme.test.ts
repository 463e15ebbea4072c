import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, runScript } from '@voicebook/test-utils';
import { expect, it } from 'vitest';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

it('runs the README example as it is written', async () => {
  const [example] = readmeBlocks(await readFile(join(pkg, 'README.md'), 'utf8'), 'Example');
  expect(example).toBeDefined();
  const stdout = await runScript(pkg, example ?? '');
  expect(stdout).toMatch(/^[0-9A-Za-z]{22} \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z accepted\n/);
  expect(stdout).toContain('taken: taken');
});
