import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, runScript } from '@voicebook/test-utils';
import { expect, it } from 'vitest';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

it('runs the README example: its server answers /metrics, /slo and a tool call', async () => {
  const [example] = readmeBlocks(await readFile(join(pkg, 'README.md'), 'utf8'), 'Example');
  expect(example).toBeDefined();
  const listen = ".listen(9464, '127.0.0.1');";
  expect(example).toContain(listen);
  expect(example).toContain('createServer(');
  // The same code on a free port, queried once and closed, instead of serving forever.
  const source = (example ?? '').replace('createServer(', 'const server = createServer(').replace(
    listen,
    `.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as import('node:net').AddressInfo;
  const get = (path: string) => fetch(\`http://127.0.0.1:\${String(port)}\${path}\`);
  const tool = await get('/tool');
  console.log('tool', tool.status, tool.headers.get('x-response-time') !== null);
  const metrics = await (await get('/metrics')).text();
  console.log('metrics', metrics.split('\\n').filter((l) => l.startsWith('voicebook_')).length);
  const slo = await (await get('/slo')).json();
  console.log('slo', JSON.stringify(slo).length > 2);
  server.close();
});`,
  );
  const stdout = await runScript(pkg, source);
  expect(stdout).toMatch(/^tool 200 true\n/m);
  const series = Number(/^metrics (\d+)$/m.exec(stdout)?.[1]);
  expect(series).toBeGreaterThan(10);
  expect(stdout).toMatch(/^slo true$/m);
});
