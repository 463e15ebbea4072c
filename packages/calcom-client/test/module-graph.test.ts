import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CalcomError,
  CalcomNetworkError,
  CalcomTimeoutError,
  CircuitOpenError,
  ResilienceConfigError,
  isCalcomError,
} from '../src/index.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module `entry` reaches through relative imports (type-only ones included). */
function reach(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g)) {
      visit(join(dirname(file), `${m[1]!}.ts`));
    }
  };
  visit(join(SRC, entry));
  return new Set([...seen].map((f) => relative(SRC, f)));
}

describe('module graph', () => {
  it('the breaker stands on its own: no client errors, operations or client code', () => {
    const reached = reach('breaker/index.ts');
    for (const m of ['errors.ts', 'operations.ts', 'client.ts', 'http.ts']) {
      expect(reached, `breaker reaches ${m}`).not.toContain(m);
    }
  });

  it('the cache takes nothing from the breaker but its config error', () => {
    const reached = [...reach('cache/index.ts')];
    expect(reached.filter((m) => m.startsWith('breaker/'))).toEqual(['breaker/errors.ts']);
    expect(reached).not.toContain('errors.ts');
  });
});

describe('the resilience errors are CalcomErrors by brand', () => {
  it('keep code, retryable and instanceof CalcomError; subclasses keep their own check', () => {
    const open = new CircuitOpenError('read', 1_000);
    const config = new ResilienceConfigError('failureThreshold', 'too small');
    for (const [e, code, retryable] of [
      [open, 'E_CIRCUIT_OPEN', true],
      [config, 'E_RESILIENCE_CONFIG', false],
    ] as const) {
      expect(isCalcomError(e)).toBe(true);
      expect(e).toBeInstanceOf(CalcomError);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.retryable).toBe(retryable);
    }
    const timeout = new CalcomTimeoutError('getSlots', 3_000, 'attempt');
    expect(timeout).toBeInstanceOf(CalcomError);
    expect(timeout).toBeInstanceOf(CalcomTimeoutError);
    expect(timeout).not.toBeInstanceOf(CalcomNetworkError);
    expect(open).not.toBeInstanceOf(CalcomTimeoutError);
    expect(new Error('x')).not.toBeInstanceOf(CalcomError);
  });
});
