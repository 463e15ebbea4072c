import type { Cluster, Redis } from 'ioredis';
import type {
  InvalidationBus,
  InvalidationBusHandlers,
  InvalidationMessage,
} from '../cache/types.js';
import { withTimeout } from '../internal/with-timeout.js';

/** The part of ioredis' (5.x) connection state that decides what it re-subscribes on reconnect. */
interface SubscriptionState {
  condition?: { subscriber?: false | { del?: (set: string, channel: string) => void } } | null;
  prevCondition?: { subscriber?: false | { del?: (set: string, channel: string) => void } } | null;
}

/**
 * Removes `channel` from the channels ioredis re-subscribes after a reconnect (`condition`, and
 * `prevCondition`, saved when the connection dropped). Other channels of the connection stay.
 * Best effort: a client without that state (a Cluster) is left as it is.
 */
function forgetChannel(sub: Redis | Cluster, channel: string): void {
  const state = sub as unknown as SubscriptionState;
  for (const c of [state.condition, state.prevCondition]) {
    const set = c?.subscriber;
    if (set && typeof set.del === 'function') set.del('subscribe', channel);
  }
}

/**
 * How many subscriptions (of any {@link RedisInvalidationBus}) hold each channel of a
 * connection: subscriptions sharing a caller-owned `subscriber` and a prefix share its channel,
 * and only the last one to leave may unsubscribe it.
 */
const holders = new WeakMap<Redis | Cluster, Map<string, number>>();

function hold(sub: Redis | Cluster, channel: string): void {
  let m = holders.get(sub);
  if (!m) holders.set(sub, (m = new Map<string, number>()));
  m.set(channel, (m.get(channel) ?? 0) + 1);
}

/** Lets go of `channel`; answers whether no subscription holds it any more. */
function release(sub: Redis | Cluster, channel: string): boolean {
  const m = holders.get(sub);
  const left = (m?.get(channel) ?? 1) - 1;
  if (left > 0) m?.set(channel, left);
  else m?.delete(channel);
  return left <= 0;
}

const held = (sub: Redis | Cluster, channel: string): boolean =>
  (holders.get(sub)?.get(channel) ?? 0) > 0;

/** Options of {@link RedisInvalidationBus}. */
export interface RedisInvalidationBusOptions {
  /** Caller-owned client used to PUBLISH. */
  client: Redis | Cluster;
  /**
   * Caller-owned connection for SUBSCRIBE (pub/sub mode blocks other commands). It may carry
   * other subscriptions: several buses (or caches) on it share the channel, which is
   * unsubscribed only when the last of them leaves. When omitted, `client.duplicate()` is used
   * and closed on unsubscribe.
   */
  subscriber?: Redis | Cluster;
  /** Channel is `<prefix>invalidate`. @default 'vb:calcom:' */
  prefix?: string;
  /**
   * How long `subscribe()` waits for the first SUBSCRIBE. When Redis is down (the reply does
   * not come, or ioredis gives up on the command), `subscribe()` still resolves, reports the
   * subscription as lost (`onConnectionChange(false)`) and subscribes by itself when the
   * connection is ready, reporting `true` then.
   * @default 1000
   */
  subscribeTimeoutMs?: number;
}

/**
 * {@link InvalidationBus} over Redis pub/sub. Reports the subscriber connection dropping
 * (`close`) and coming back (`ready` + re-subscribed), so caches flush and bypass L1 meanwhile.
 * Redis being down when `subscribe()` is called is the same case: it resolves within
 * `subscribeTimeoutMs` with the subscription reported lost, and reports it back once it stands.
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
  readonly #timeoutMs: number;

  constructor(options: RedisInvalidationBusOptions) {
    this.#client = options.client;
    this.#subscriber = options.subscriber;
    this.#channel = `${options.prefix ?? 'vb:calcom:'}invalidate`;
    this.#timeoutMs = options.subscribeTimeoutMs ?? 1_000;
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
    let closed = false;
    const onUp = () => {
      if (connected || closed) return;
      connected = true;
      handlers.onConnectionChange(true);
    };
    const onReady = () => {
      if (connected) return;
      sub.subscribe(this.#channel).then(onUp, () => undefined);
    };
    const onError = () => undefined;
    sub.on('message', onMessage);
    sub.on('close', onDown);
    sub.on('end', onDown);
    sub.on('ready', onReady);
    sub.on('error', onError);
    hold(sub, this.#channel);
    const first = sub.subscribe(this.#channel);
    try {
      await withTimeout(first, this.#timeoutMs, () => new Error('SUBSCRIBE timed out'));
    } catch {
      // Redis is down (or too slow): report it, and let a late reply of this SUBSCRIBE, or the
      // one sent on `ready`, report the subscription back.
      onDown();
      first.then(onUp, () => undefined);
    }
    return async () => {
      if (closed) return;
      closed = true;
      sub.off('message', onMessage);
      sub.off('close', onDown);
      sub.off('end', onDown);
      sub.off('ready', onReady);
      // Another subscription on this connection still listens on the channel: keep it.
      if (!release(sub, this.#channel)) {
        sub.off('error', onError);
        return;
      }
      // While Redis is down ioredis would re-subscribe the channel on reconnect (a caller-owned
      // subscriber outlives us): take it out of what ioredis re-subscribes, and send UNSUBSCRIBE
      // anyway, bounded, since while Redis is down it waits in ioredis' offline queue (and is
      // sent on reconnect, after a SUBSCRIBE still queued there).
      forgetChannel(sub, this.#channel);
      await withTimeout(
        sub.unsubscribe(this.#channel),
        this.#timeoutMs,
        () => new Error('UNSUBSCRIBE timed out'),
      ).catch(() => undefined);
      // A subscription that came meanwhile sent its SUBSCRIBE after this UNSUBSCRIBE: it stands.
      if (!held(sub, this.#channel)) forgetChannel(sub, this.#channel);
      if (owned) sub.disconnect();
      sub.off('error', onError);
    };
  }
}
