import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// Relative until @voicebook/test-utils is a devDependency of this package.
import { readmeBlocks, runScript } from '../../../internal/test-utils/src/index.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = await readFile(join(pkg, 'README.md'), 'utf8');

it('runs the Quick start and prints what its comments say', { timeout: 90_000 }, async () => {
  const [example] = readmeBlocks(readme, 'Quick start');
  expect(example).toBeDefined();
  const stated = (example ?? '')
    .split('\n')
    .filter((line) => line.startsWith('// → '))
    .map((line) => line.slice('// → '.length));
  expect(stated).toHaveLength(3);
  const stdout = await runScript(pkg, example ?? '');
  expect(stdout.trimEnd().split('\n')).toEqual(stated);
});
