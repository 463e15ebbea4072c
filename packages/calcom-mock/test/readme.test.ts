import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

it('runs the README example as it is written', async () => {
  const readme = await readFile(join(here, '..', 'README.md'), 'utf8');
  const example = /## Example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  // Inside the package, so '@voicebook/calcom-mock' resolves to itself. The child inherits
  // VITEST, so its stand-in checks every answer against the OpenAPI document and close() fails
  // the script on any violation.
  const file = join(here, `.readme-example-${String(process.pid)}.ts`);
  await writeFile(file, example ?? '');
  try {
    const tsx = join(here, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const { stdout } = await run(tsx, ['--conditions=@voicebook/source', file], {
      timeout: 30_000,
    });
    expect(stdout).toBe(
      [
        'first slot 2026-11-26T09:00:00.000+01:00',
        'booked 201',
        'again 400 User either already has booking at this time or is not available',
        '',
      ].join('\n'),
    );
  } finally {
    await rm(file, { force: true });
  }
});
