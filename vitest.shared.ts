import { defineProject } from 'vitest/config';

/**
 * One project config for every package: sources resolve through the `@voicebook/source`
 * export condition, so tests and typecheck never need a prior build.
 */
export function voicebookProject(name: string) {
  return defineProject({
    resolve: { conditions: ['@voicebook/source'] },
    ssr: { resolve: { conditions: ['@voicebook/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      restoreMocks: true,
      testTimeout: 20_000,
      hookTimeout: 30_000,
    },
  });
}
