// Runs the README's "Contract suites" example as it is written: its suite registers here, so the
// snippet an adopter copies is exactly one that passes.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks } from '@voicebook/test-utils';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const readme = await readFile(join(here, '..', 'README.md'), 'utf8');
const [example = ''] = readmeBlocks(readme, 'Contract suites');

// The published entry points, mapped onto this package's sources.
const local = example
  .replaceAll("'@voicebook/booking-engine/testing'", "'../src/testing/index.js'")
  .replaceAll("'@voicebook/booking-engine'", "'../src/index.js'");
const file = join(here, `.readme-ports-${String(process.pid)}.ts`);
await writeFile(file, local);
try {
  await import(file);
} finally {
  await rm(file, { force: true });
}

it('the README example imports only the public entry points', () => {
  expect(example).toContain("from '@voicebook/booking-engine/testing'");
  expect(local).not.toContain('@voicebook/booking-engine');
  expect(local).toContain('describeCustomerStoreContract(');
});
