import { LRUCache } from 'lru-cache';
import {
  invalidationForWebhook,
  type CalcomWebhookPayload,
  type InvalidationOptions,
  type InvalidationScope,
} from '../cache/tags.js';
import type { TieredCache } from '../cache/tiered-cache.js';
import { safeErrorInfo } from '../internal/safe-error.js';
import type { CalcomRequestEvent } from '../pipeline/types.js';
import type { Booking } from '../schemas.js';

/** What a booking write needs to invalidate the right cached days. @internal */
export interface BookingSpan {
  eventTypeId: number;
  start: string;
  end: string;
}

/** The Cal.com webhook an own write will cause: `<triggerEvent>:<uid of the booking>`. @internal */
export type OwnWrite =
  `${'BOOKING_CREATED' | 'BOOKING_CANCELLED' | 'BOOKING_RESCHEDULED'}:${string}`;

/** How long the webhook of an own write is recognised (Cal.com sends it within seconds). */
const OWN_WRITE_MS = 300_000;

/** The webhook Cal.com sends for an own cancel or reschedule of `uid`. @internal */
export function ownWrite(operation: string, uid: string): OwnWrite | undefined {
  if (operation === 'cancelBooking') return `BOOKING_CANCELLED:${uid}`;
  if (operation === 'rescheduleBooking') return `BOOKING_RESCHEDULED:${uid}`;
  return undefined;
}

/**
 * What a booking makes stale in the cache: own writes and verified webhooks invalidate the days
 * they touch (for the configured scope), and the webhook of an own write whose invalidation
 * already reached every instance is recognised and skipped.
 * @internal
 */
export class Invalidation {
  readonly #cache: TieredCache | undefined;
  readonly #scopeOption: InvalidationScope | undefined;
  readonly #emit: (e: CalcomRequestEvent) => void;
  /** Spans of bookings seen (uid → event type and times), for the days a later write frees. */
  readonly #spans = new LRUCache<string, BookingSpan>({ max: 5_000 });
  /**
   * Own writes whose invalidation fully landed (L2 + bus): webhook key -> the tags invalidated
   * for it. `false` once one of its invalidations only applied locally.
   */
  readonly #ownWrites = new LRUCache<OwnWrite, Set<string> | false>({
    max: 5_000,
    ttl: OWN_WRITE_MS,
  });

  constructor(
    cache: TieredCache | undefined,
    scope: InvalidationScope | undefined,
    emit: (e: CalcomRequestEvent) => void,
  ) {
    this.#cache = cache;
    this.#scopeOption = scope;
    this.#emit = emit;
  }

  /** Remembers a booking's span (for the invalidation of a later reschedule). */
  remember(b: Booking): void {
    this.#spans.set(b.uid, { eventTypeId: b.eventTypeId, start: b.start, end: b.end });
  }

  /** The span of a booking seen before. */
  span(uid: string): BookingSpan | undefined {
    return this.#spans.get(uid);
  }

  /** Marks the webhook of an own write as not covered (its invalidation must run). */
  uncovered(own: OwnWrite): void {
    this.#ownWrites.set(own, false);
  }

  /** See {@link CalcomClient.applyWebhook}. */
  async applyWebhook(webhook: CalcomWebhookPayload): Promise<number> {
    const tags = invalidationForWebhook(webhook, this.#scope());
    if (!this.#cache || tags.length === 0) return 0;
    // The webhook of our own write: its invalidation already ran (and reached every instance).
    const uid = webhook.payload?.uid;
    if (typeof uid === 'string') {
      const key = `${webhook.triggerEvent}:${uid}` as OwnWrite;
      const done = this.#ownWrites.get(key);
      if (done && tags.every((t) => done.has(t))) {
        this.#ownWrites.delete(key); // a second delivery invalidates again
        return 0;
      }
    }
    await this.#cache.invalidateTags(tags);
    return tags.length;
  }

  /**
   * Invalidates the days a booking touches (for the configured scope); never fails the write.
   * `own` names the webhook Cal.com will send for this write, so that {@link applyWebhook} can
   * skip it when this invalidation fully landed.
   */
  async invalidate(span: BookingSpan, own?: OwnWrite): Promise<void> {
    if (!this.#cache) return;
    let landed = false;
    let tags: string[] = [];
    try {
      tags = this.#bookingTags(span);
      landed = await this.#cache.invalidateTags(tags);
    } catch {
      // The cache reports its own L2 errors as events; TTLs bound the staleness.
    }
    if (own === undefined) return;
    const done = this.#ownWrites.get(own);
    if (!landed || done === false) {
      // Only local: the webhook's invalidation is the other instances' chance. Keep it.
      this.#ownWrites.set(own, false);
      return;
    }
    const set = done ?? new Set<string>();
    for (const t of tags) set.add(t);
    this.#ownWrites.set(own, set);
  }

  #scope(): InvalidationOptions {
    const scope = this.#scopeOption;
    if (scope === undefined) return {};
    return {
      scope,
      onScopeError: (error) => {
        this.#emit({
          type: 'invalidation:scope-failed',
          fallback: 'account',
          error: safeErrorInfo(error),
        });
      },
    };
  }

  /** Tags a booking invalidates; never throws (falls back to the account-wide days). */
  #bookingTags(span: BookingSpan): string[] {
    const webhook: CalcomWebhookPayload = {
      triggerEvent: 'BOOKING_CREATED',
      payload: { eventTypeId: span.eventTypeId, startTime: span.start, endTime: span.end },
    };
    try {
      return invalidationForWebhook(webhook, this.#scope());
    } catch (error) {
      let tags: string[] = [];
      try {
        tags = invalidationForWebhook(webhook, { scope: 'account' });
      } catch {
        // nothing to invalidate: the TTLs bound the staleness
      }
      this.#emit({
        type: 'invalidation:scope-failed',
        fallback: tags.length > 0 ? 'account' : 'none',
        error: safeErrorInfo(error),
      });
      return tags;
    }
  }
}
