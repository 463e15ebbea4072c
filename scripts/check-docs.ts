// Opens every page of the built API site (docs/api) in Debian's headless Chromium and fails on a
// broken link, a console error or an empty page; keeps screenshots of the home page, one guide
// and one API page in docs/screenshots/. Run after `pnpm run docs`: `pnpm docs:check`.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', 'docs', 'api');
const SHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

async function pages(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await pages(path)));
    else if (entry.name.endsWith('.html')) out.push(relative(ROOT, path));
  }
  return out.sort();
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  // Chromium asks every site for a favicon; the site has none, and that is no broken link.
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  let path = normalize(join(ROOT, decodeURIComponent(url.pathname)));
  if (!path.startsWith(ROOT)) path = ROOT;
  if (path.endsWith('/')) path = join(path, 'index.html');
  if (!existsSync(path)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const problems: string[] = [];
try {
  const all = await pages(ROOT);
  if (all.length === 0) throw new Error(`no pages in ${ROOT}: run pnpm run docs first`);
  const page = await browser.newPage();
  let current = '';
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${current}: console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${current}: page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`${current}: ${response.status()} for ${response.url()}`);
  });
  const links = new Set<string>();
  for (const file of all) {
    current = file;
    await page.goto(base + file, { waitUntil: 'load' });
    const text = (
      await page
        .locator('.col-content')
        .innerText()
        .catch(() => '')
    ).trim();
    if (text.length < 20) problems.push(`${file}: empty page`);
    for (const href of await page.$$eval('a[href]', (as) =>
      as.map((a) => (a as unknown as { href: string }).href),
    )) {
      if (href.startsWith(base)) links.add(href.split('#')[0] ?? href);
    }
  }
  for (const link of links) {
    const path = decodeURIComponent(new URL(link).pathname);
    const file = join(ROOT, path.endsWith('/') ? join(path, 'index.html') : path);
    if (!existsSync(file)) problems.push(`broken link: ${link}`);
  }
  await mkdir(SHOTS, { recursive: true });
  const guide = all.find((p) => p.startsWith('documents/')) ?? all[0];
  const api = all.find((p) => p.includes('functions/')) ?? all[0];
  for (const [name, file] of [
    ['home', 'index.html'],
    ['guide', guide],
    ['api', api],
  ] as const) {
    current = file ?? '';
    await page.goto(base + (file ?? ''), { waitUntil: 'load' });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
  }
  console.log(
    `docs check: ${all.length} pages, ${links.size} internal links, ${problems.length} problems`,
  );
} finally {
  await browser.close();
  server.close();
}
if (problems.length > 0) {
  console.error(problems.slice(0, 50).join('\n'));
  process.exitCode = 1;
}
