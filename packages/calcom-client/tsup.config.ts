import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', redis: 'src/redis/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  // The private time-zone code is bundled in, never a runtime dependency.
  noExternal: ['@voicebook/tz'],
  external: ['vitest'],
});
