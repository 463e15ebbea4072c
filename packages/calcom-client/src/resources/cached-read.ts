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
 * last good answer is served stale (the cache's rule, `staleIfError`) when Cal.com is
 * unreachable, too slow or the breaker open.
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
  const r = await ctx.pipe.withCall(operation, options, (call) => {
    // This caller's own deadline or abort (the shared load goes on for the others).
    const own = (error: unknown) =>
      call.signal.aborted && error === call.signal.reason
        ? ctx.pipe.abortError(call, operation, undefined, 0)
        : error;
    return cache
      .get(key, (signal) => load({ signal, deadlineMs: sharedDeadlineMs }), {
        keyGroup,
        tags: o.tags,
        signal: call.signal,
        // Cal.com unreachable, too slow or the breaker open: the last good answer beats none.
        // Not for an answer that says the request is wrong, nor for a caller who hung up.
        staleIfError: (error) => {
          const e = own(error);
          return isCalcomError(e) && e.retryable;
        },
        ...(o.startsAt ? { policy: { startsAt: o.startsAt } } : {}),
      })
      .catch((error: unknown) => {
        throw own(error);
      });
  });
  return { value: r.value, stale: r.stale, source: r.source === 'loader' ? 'network' : r.source };
}
