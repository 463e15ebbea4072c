import type { TieredCache } from '../cache/tiered-cache.js';
import { isCalcomError } from '../errors.js';
import type { CalcomOperation } from '../operations.js';
import type { CallOptions } from '../pipeline/types.js';
import type { ClientContext } from './context.js';

/** Where an answer of a cached read came from. */
export type ReadSource = 'l1' | 'l2' | 'network';

/**
 * A cached read. Callers of one key share one load (single-flight), and each keeps its own
 * deadline and abort signal: the shared load runs under a call of its own (the operation's
 * deadline, or this first caller's when longer), aborted only once every caller has left. The
 * last good answer is served stale when Cal.com is unreachable or the breaker open.
 * @internal
 */
export async function cachedRead<T>(
  ctx: ClientContext,
  cache: TieredCache,
  operation: CalcomOperation,
  options: CallOptions | undefined,
  key: string,
  keyGroup: string,
  load: (o: CallOptions) => Promise<T>,
  o: { tags: string[]; startsAt?: string },
): Promise<{ value: T; stale: boolean; source: ReadSource }> {
  const sharedDeadlineMs = Math.max(options?.deadlineMs ?? 0, ctx.pipe.deadlineFor(operation));
  try {
    const r = await ctx.pipe.withCall(operation, options, (call) =>
      cache
        .get(key, (signal) => load({ signal, deadlineMs: sharedDeadlineMs }), {
          keyGroup,
          tags: o.tags,
          signal: call.signal,
          ...(o.startsAt ? { policy: { startsAt: o.startsAt } } : {}),
        })
        .catch((error: unknown) => {
          // This caller's own deadline or abort (the shared load goes on for the others).
          if (call.signal.aborted && error === call.signal.reason) {
            throw ctx.pipe.abortError(call, operation, undefined, 0);
          }
          throw error;
        }),
    );
    return {
      value: r.value,
      stale: r.stale,
      source: r.source === 'loader' ? 'network' : r.source,
    };
  } catch (error) {
    // Cal.com unreachable or the breaker open: the last good answer beats none.
    if (isCalcomError(error) && error.retryable) {
      const s = await cache.peekStale<T>(key, keyGroup);
      if (s) return { value: s.value, stale: true, source: s.source === 'l2' ? 'l2' : 'l1' };
    }
    throw error;
  }
}
