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
  // Inside the package, so '@voicebook/calcom-client' resolves to itself.
  const file = join(here, `.readme-example-${String(process.pid)}.ts`);
  await writeFile(file, example ?? '');
  try {
    const tsx = join(here, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const { stdout } = await run(tsx, ['--conditions=@voicebook/source', file], {
      timeout: 30_000,
    });
    expect(stdout).toMatch(/^[0-9A-Za-z]{22} \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z accepted\n/);
    expect(stdout).toContain('taken: taken');
  } finally {
    await rm(file, { force: true });
  }
});
