import { slotTagsFor } from '../cache/tags.js';
import type { TieredCache } from '../cache/tiered-cache.js';
import { parseSlotsQuery, type SlotsQuery } from '../inputs.js';
import type { CallOptions } from '../pipeline/types.js';
import type { SlotsByDate } from '../schemas.js';
import { cachedRead, type ReadSource } from './cached-read.js';
import type { ClientContext } from './context.js';
import { slotsEnvelope } from './envelopes.js';
import { createReservationsApi, type ReservationsApi } from './reservations.js';

/** Answer of {@link SlotsApi.find}. */
export interface SlotsResult {
  /** Free slots by local date. */
  slots: SlotsByDate;
  /**
   * `true` when served from cache past its freshness: Cal.com was unreachable, the breaker
   * open, or the entry invalidated. Confirm such a slot by booking it (Cal.com refuses a taken one).
   */
  stale: boolean;
  /** Which layer answered. */
  source: ReadSource;
}

/** `client.slots`: availability and slot reservations. */
export interface SlotsApi {
  /**
   * Free slots of an event type, grouped by local date in `timeZone`. Cached (see
   * {@link CalcomClientOptions.cache}); while Cal.com is down or the breaker open a cached answer
   * is served with `stale: true`.
   * @throws {@link CalcomValidationError} for a bad query, {@link CalcomNotFoundError} for an
   * unknown event type, {@link CalcomTimeoutError}, {@link CircuitOpenError} when nothing is cached.
   * @param query - event type (id, or slug and user), range `start`–`end`, `timeZone`, duration.
   * @param options - abort signal and total deadline.
   * @returns the slots by date, whether they are stale, and which layer answered.
   */
  find(query: SlotsQuery, options?: CallOptions): Promise<SlotsResult>;
  /** Slot reservations (`/v2/slots/reservations`): hold a slot for a few minutes while the caller confirms. */
  readonly reservations: ReservationsApi;
}

/** `client.slots` on a {@link ClientContext}. @internal */
export function createSlotsApi(ctx: ClientContext, cache: TieredCache | undefined): SlotsApi {
  return {
    find: (query, options) => findSlots(ctx, cache, query, options),
    reservations: createReservationsApi(ctx),
  };
}

async function findSlots(
  ctx: ClientContext,
  cache: TieredCache | undefined,
  query: SlotsQuery,
  options?: CallOptions,
): Promise<SlotsResult> {
  const q = parseSlotsQuery(query);
  const searchParams: Record<string, string> = {
    eventTypeId: String(q.eventTypeId),
    start: q.start,
    end: q.end,
    timeZone: q.timeZone,
  };
  if (q.duration !== undefined) searchParams.duration = String(q.duration);
  if (q.format !== undefined) searchParams.format = q.format;
  if (q.bookingUidToReschedule !== undefined) {
    searchParams.bookingUidToReschedule = q.bookingUidToReschedule;
  }
  const load = (o: CallOptions | undefined = options) =>
    ctx.pipe
      .withCall('getSlots', o, (call) =>
        ctx.pipe.run(
          call,
          { operation: 'getSlots', path: 'v2/slots', searchParams },
          slotsEnvelope,
        ),
      )
      .then((b) => b.data);
  if (!cache || q.bookingUidToReschedule !== undefined) {
    return { slots: await load(), stale: false, source: 'network' };
  }
  const key = `slots:${String(q.eventTypeId)}:${q.start}:${q.end}:${q.timeZone}:${String(q.duration ?? '')}:${q.format ?? 'time'}`;
  const r = await cachedRead(ctx, cache, 'getSlots', options, key, 'slots', load, {
    tags: slotTagsFor(q.eventTypeId, q.start, q.end, q.timeZone),
    startsAt: q.start.length === 10 ? `${q.start}T00:00:00Z` : q.start,
  });
  return { slots: r.value, stale: r.stale, source: r.source };
}
