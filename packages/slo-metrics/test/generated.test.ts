import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatArtifacts } from '../scripts/format.js';

describe('generated/', () => {
  it('holds exactly what the generator produces (run `pnpm generate` after changing it)', async () => {
    const expected = await formatArtifacts();
    for (const [path, text] of Object.entries(expected)) {
      const committed = await readFile(new URL(`../generated/${path}`, import.meta.url), 'utf8');
      expect({ path, text: committed }).toEqual({ path, text });
    }
  });
});
