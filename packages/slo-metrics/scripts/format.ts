import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { generateArtifacts, type ArtifactOptions } from '../src/index.js';

const generatedDir = fileURLToPath(new URL('../generated/', import.meta.url));

/** The generated artifacts, formatted as Prettier would format them inside `generated/`. */
export async function formatArtifacts(options?: ArtifactOptions): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(generateArtifacts(options))) {
    const filepath = generatedDir + path;
    const config = (await resolveConfig(filepath)) ?? {};
    out[path] = await format(text, { ...config, filepath });
  }
  return out;
}
