/**
 * Writes the default Prometheus rules, their promtool unit tests and the Grafana dashboards to
 * `generated/` (or the directory given as first argument), formatted with the repository's
 * Prettier settings so `prettier --check` stays green.
 *
 *   pnpm --filter @voicebook/slo-metrics generate [out-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatArtifacts } from './format.js';

const out = resolve(
  process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'generated'),
);
for (const [path, text] of Object.entries(await formatArtifacts())) {
  const file = join(out, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
