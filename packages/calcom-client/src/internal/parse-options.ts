import { ResilienceConfigError } from '../breaker/errors.js';

/** The part of a zod schema {@link parseOptions} uses. */
interface Parser<T> {
  safeParse(v: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

/**
 * Parses the options of a resilience module (breaker, cache) with a zod schema and turns the
 * first issue into a {@link ResilienceConfigError} naming the field.
 * @internal
 */
export function parseOptions<T>(schema: Parser<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') || '(options)' : '(options)';
  throw new ResilienceConfigError(field, issue?.message ?? 'invalid');
}
