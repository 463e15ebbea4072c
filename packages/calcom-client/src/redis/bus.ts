import type { Cluster, Redis } from 'ioredis';
import type {
  InvalidationBus,
  InvalidationBusHandlers,
  InvalidationMessage,
} from '../cache/types.js';

/** Options of {@link RedisInvalidationBus}. */
export interface RedisInvalidationBusOptions {
  /** Caller-owned client used to PUBLISH. */
  client: Redis | Cluster;
  /**
   * Caller-owned connection for SUBSCRIBE (pub/sub mode blocks other commands). When omitted,
   * `client.duplicate()` is used and closed on unsubscribe.
   */
  subscriber?: Redis | Cluster;
  /** Channel is `<prefix>invalidate`. @default 'vb:calcom:' */
  prefix?: string;
}

/**
 * {@link InvalidationBus} over Redis pub/sub. Reports the subscriber connection dropping
 * (`close`) and coming back (`ready` + re-subscribed), so caches flush and bypass L1 meanwhile.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisInvalidationBus } from '@voicebook/calcom-client/redis';
 *
 * const bus = new RedisInvalidationBus({ client: new Redis(), prefix: 'vb:' });
 * ```
 */
export class RedisInvalidationBus implements InvalidationBus {
  readonly #client: Redis | Cluster;
  readonly #subscriber: Redis | Cluster | undefined;
  readonly #channel: string;

  constructor(options: RedisInvalidationBusOptions) {
    this.#client = options.client;
    this.#subscriber = options.subscriber;
    this.#channel = `${options.prefix ?? 'vb:calcom:'}invalidate`;
  }

  async publish(message: InvalidationMessage): Promise<void> {
    await this.#client.publish(this.#channel, JSON.stringify(message));
  }

  async subscribe(handlers: InvalidationBusHandlers): Promise<() => Promise<void>> {
    const owned = this.#subscriber === undefined;
    const sub = this.#subscriber ?? this.#client.duplicate();
    let connected = true;
    const onMessage = (channel: string, raw: string) => {
      if (channel !== this.#channel) return;
      try {
        handlers.onMessage(JSON.parse(raw) as InvalidationMessage);
      } catch {
        // a malformed message is ignored
      }
    };
    const onDown = () => {
      if (!connected) return;
      connected = false;
      handlers.onConnectionChange(false);
    };
    const onReady = () => {
      if (connected) return;
      sub.subscribe(this.#channel).then(
        () => {
          if (connected) return;
          connected = true;
          handlers.onConnectionChange(true);
        },
        () => undefined,
      );
    };
    sub.on('message', onMessage);
    sub.on('close', onDown);
    sub.on('end', onDown);
    sub.on('ready', onReady);
    sub.on('error', () => undefined);
    await sub.subscribe(this.#channel);
    return async () => {
      sub.off('message', onMessage);
      sub.off('close', onDown);
      sub.off('end', onDown);
      sub.off('ready', onReady);
      await sub.unsubscribe(this.#channel).catch(() => undefined);
      if (owned) sub.disconnect();
    };
  }
}
