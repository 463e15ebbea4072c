import type { InvalidationBus, InvalidationMessage } from './types.js';
import { withTimeout } from '../internal/with-timeout.js';

/**
 * How long {@link createTieredCache} waits for the bus subscription. When it is not in place by
 * then (Redis down at start-up, a hanging bus), the cache starts anyway with L1 flushed and
 * bypassed, as after a `bus:disconnected`, and keeps subscribing in the background.
 * `RedisInvalidationBus` gives up earlier by itself (`subscribeTimeoutMs`, 1 s).
 */
const BUS_START_TIMEOUT_MS = 2_000;

/** What a {@link BusLink} tells its cache. @internal */
export interface BusLinkHandlers {
  onMessage(message: InvalidationMessage): void;
  /** The subscription stands (`true`) or is lost / not in place (`false`). */
  onConnection(connected: boolean): void;
  onSubscribeError(error: unknown): void;
}

/**
 * The tiered cache's subscription to its invalidation bus: the first subscribe bounded at
 * start-up, retries after a failed one, and an unsubscribe on close that also stops retries.
 * @internal
 */
export class BusLink {
  readonly #bus: InvalidationBus | undefined;
  readonly #retryAfterMs: number;
  readonly #h: BusLinkHandlers;
  /** The bus reported the subscription lost, and not back since. */
  #reportedDown = false;
  #closed = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => Promise<void>) | undefined;

  constructor(bus: InvalidationBus | undefined, retryAfterMs: number, handlers: BusLinkHandlers) {
    this.#bus = bus;
    this.#retryAfterMs = retryAfterMs;
    this.#h = handlers;
  }

  /** Subscribes, waiting at most 2 s; never throws. */
  async start(): Promise<void> {
    if (!this.#bus) return;
    const first = this.#subscribe();
    const ok = await withTimeout(
      first,
      BUS_START_TIMEOUT_MS,
      () => new Error('bus subscribe timed out'),
    ).then(
      (subscribed) => subscribed,
      () => false,
    );
    // Not subscribed in time (or the subscribe failed): start like after a disconnect. The
    // pending subscribe (or its retries) brings the bus up later.
    if (!ok) this.#h.onConnection(false);
  }

  /** One subscribe attempt; on failure schedules the next. Resolves whether it subscribed. */
  async #subscribe(): Promise<boolean> {
    const bus = this.#bus;
    if (!bus || this.#closed) return false;
    try {
      const unsubscribe = await bus.subscribe({
        onMessage: (m) => {
          this.#h.onMessage(m);
        },
        onConnectionChange: (connected) => {
          this.#reportedDown = !connected;
          this.#h.onConnection(connected);
        },
      });
      // close() may have run while we awaited.
      if (this.#isClosed()) {
        await unsubscribe().catch(() => undefined);
        return false;
      }
      this.#unsubscribe = unsubscribe;
      // A bus may hand back its subscription while it already reported it lost (the Redis bus
      // does when Redis is down at start-up); it reports `true` once the subscription stands.
      if (this.#reportedDown) return false;
      this.#h.onConnection(true);
      return true;
    } catch (error) {
      this.#h.onSubscribeError(error);
      this.#h.onConnection(false);
      if (!this.#isClosed()) {
        this.#retryTimer = setTimeout(
          () => {
            this.#retryTimer = undefined;
            void this.#subscribe();
          },
          Math.max(100, this.#retryAfterMs),
        );
        this.#retryTimer.unref();
      }
      return false;
    }
  }

  #isClosed(): boolean {
    return this.#closed;
  }

  /** Unsubscribes and stops retrying. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = undefined;
    await unsubscribe?.();
  }
}
