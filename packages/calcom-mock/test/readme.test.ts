import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, runScript } from '@voicebook/test-utils';
import { expect, it } from 'vitest';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

it('runs the README example as it is written', async () => {
  const [example] = readmeBlocks(await readFile(join(pkg, 'README.md'), 'utf8'), 'Example');
  expect(example).toBeDefined();
  // The child inherits VITEST, so its stand-in checks every answer against the OpenAPI document
  // and close() fails the script on any violation.
  const stdout = await runScript(pkg, example ?? '');
  expect(stdout).toBe(
    [
      'first slot 2026-11-26T09:00:00.000+01:00',
      'booked 201',
      'again 400 User either already has booking at this time or is not available',
      '',
    ].join('\n'),
  );
});
