import type { TieredCache } from '../cache/tiered-cache.js';
import { parseEventTypesQuery, type ListEventTypesQuery } from '../inputs.js';
import type { CallOptions } from '../pipeline/types.js';
import type { EventType } from '../schemas.js';
import { cachedRead, type ReadSource } from './cached-read.js';
import type { ClientContext } from './context.js';
import { eventTypesEnvelope } from './envelopes.js';

/** Answer of {@link EventTypesApi.list}. */
export interface EventTypesResult {
  /** The user's (or team's) event types; one with `eventSlug` given, or none. */
  eventTypes: EventType[];
  /** See {@link SlotsResult.stale}. */
  stale: boolean;
  /** Which layer answered: `network` (Cal.com), or the cache's `l1` or `l2`. */
  source: ReadSource;
}

/** `client.eventTypes`. */
export interface EventTypesApi {
  /**
   * Public event types of a user. Cached for an hour by default.
   * @param query - the username and, optionally, one event type's slug.
   * @param options - abort signal and total deadline.
   * @returns the event types (none for an unknown user), whether they are stale, and which layer
   *   answered.
   */
  list(query: ListEventTypesQuery, options?: CallOptions): Promise<EventTypesResult>;
}

/** `client.eventTypes` on a {@link ClientContext}. @internal */
export function createEventTypesApi(
  ctx: ClientContext,
  cache: TieredCache | undefined,
): EventTypesApi {
  return { list: (query, options) => listEventTypes(ctx, cache, query, options) };
}

async function listEventTypes(
  ctx: ClientContext,
  cache: TieredCache | undefined,
  query: ListEventTypesQuery,
  options?: CallOptions,
): Promise<EventTypesResult> {
  const q = parseEventTypesQuery(query);
  const searchParams: Record<string, string> = { username: q.username };
  if (q.eventSlug !== undefined) searchParams.eventSlug = q.eventSlug;
  const load = (o: CallOptions | undefined = options) =>
    ctx.pipe
      .withCall('listEventTypes', o, (call) =>
        ctx.pipe.run(
          call,
          { operation: 'listEventTypes', path: 'v2/event-types', searchParams },
          eventTypesEnvelope,
        ),
      )
      .then((b) => b.data);
  if (!cache) return { eventTypes: await load(), stale: false, source: 'network' };
  const key = `event-types:${q.username}:${q.eventSlug ?? ''}`;
  const r = await cachedRead(ctx, cache, 'listEventTypes', options, key, 'eventTypes', load, {
    tags: [`user:${q.username}`],
  });
  return { eventTypes: r.value, stale: r.stale, source: r.source };
}
