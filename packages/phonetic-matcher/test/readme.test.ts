import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, runScript } from '@voicebook/test-utils';
import { expect, it } from 'vitest';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Turns the README's stated results into checks: `expr; // 'value'` and comment lines
 * `// a === 'x', b === 'y'` become assertions, so the README cannot drift from what the code does.
 */
function withChecks(code: string): { source: string; checks: number } {
  let checks = 0;
  const out = code.split('\n').map((line) => {
    const inline = /^(.+?); \/\/ ('[^']*')/.exec(line);
    if (inline) {
      checks++;
      return `check(${JSON.stringify(inline[1])}, ${inline[1] ?? ''}, ${inline[2] ?? ''});`;
    }
    const stated = /^\/\/ (\w[\w.]* +=== +'[^']*'(?:, \w[\w.]* +=== +'[^']*')*)$/.exec(line);
    if (stated) {
      return (stated[1] ?? '')
        .split(/, (?=\w[\w.]* +===)/)
        .map((part) => {
          checks++;
          const [expr = '', value = ''] = part.split(/ +=== +/);
          const safe = expr.replace(/\./g, '?.');
          return `check(${JSON.stringify(expr)}, ${safe}, ${value});`;
        })
        .join(' ');
    }
    return line;
  });
  const helper = [
    'function check(what: string, actual: unknown, expected: unknown): void {',
    '  if (actual !== expected) {',
    '    console.error(`${what}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);',
    '    process.exitCode = 1;',
    '  } else console.log(`ok ${what}`);',
    '}',
  ].join('\n');
  return { source: `${out.join('\n')}\n${helper}\n`, checks };
}

it('runs the README example and the spoken dialogue, and every stated result holds', async () => {
  const readme = await readFile(join(pkg, 'README.md'), 'utf8');
  const [example] = readmeBlocks(readme, 'Example');
  const [dialogue] = readmeBlocks(readme, 'A spoken dialogue');
  expect(example).toBeDefined();
  expect(dialogue).toBeDefined();
  const { source, checks } = withChecks(`${example ?? ''}\n${dialogue ?? ''}`);
  // 5 results in the example, 4 + 3 in the dialogue
  expect(checks).toBe(12);
  const stdout = await runScript(pkg, source);
  expect(stdout.split('\n').filter((l) => l.startsWith('ok '))).toHaveLength(checks);
});
