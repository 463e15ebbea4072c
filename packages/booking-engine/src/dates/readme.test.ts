import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, runScript } from '@voicebook/test-utils';
import { expect, it } from 'vitest';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

it('runs the "Spoken dates and times" example and prints what its comments say', async () => {
  const readme = await readFile(join(pkg, 'README.md'), 'utf8');
  const [example] = readmeBlocks(readme, 'Spoken dates and times');
  expect(example).toBeDefined();
  const stated = (example ?? '')
    .split('\n')
    .filter((line) => line.startsWith('// → '))
    .map((line) => line.slice('// → '.length));
  expect(stated).toHaveLength(6);
  const stdout = await runScript(pkg, example ?? '');
  expect(stdout.trimEnd().split('\n')).toEqual(stated);
});
