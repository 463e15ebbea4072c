import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { expect, it } from 'vitest';
// Relative until @voicebook/test-utils is a devDependency of this package.
import { readmeBlocks, runScript } from '../../../internal/test-utils/src/index.js';
import { parseTenants } from '../src/tenants/parse.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = await readFile(join(pkg, 'README.md'), 'utf8');

it('runs the "Tenants and catalogue" example and prints what its comments say', async () => {
  const [example] = readmeBlocks(readme, 'Tenants and catalogue');
  expect(example).toBeDefined();
  const stated = (example ?? '')
    .split('\n')
    .filter((line) => line.startsWith('// → '))
    .map((line) => line.slice('// → '.length));
  expect(stated).toHaveLength(4);
  const stdout = await runScript(pkg, example ?? '');
  expect(stdout.trimEnd().split('\n')).toEqual(stated);
});

it('the tenants file shown in the README is valid', () => {
  const section = readme.slice(readme.indexOf('### The tenants file'));
  const yaml = /```yaml\n([\s\S]*?)\n```/.exec(section)?.[1];
  expect(yaml).toBeDefined();
  const [tenant] = parseTenants(parseYaml(yaml ?? ''), 'README.md');
  expect(tenant?.phoneNumbers).toEqual(['+4930123456']);
  expect(tenant?.policies.businessHours[1]).toHaveLength(2);
  expect(tenant?.policies.minNoticeToBookMinutes).toBe(60);
});
