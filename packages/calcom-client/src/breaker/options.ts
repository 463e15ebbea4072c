import { z } from 'zod';
import type { SafeErrorInfo } from '../internal/safe-error.js';
import type { BreakerStateStore } from './store.js';

/** Endpoint groups that get their own breaker: reads (slots, event types) and writes (bookings). */
export type EndpointGroup = 'read' | 'write';

/** State of a breaker as seen by one instance. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Events emitted through {@link BreakerOptions.onEvent}. */
export type BreakerEvent =
  | {
      /** The breaker of an endpoint group changed state. */
      readonly type: 'breaker:state';
      /** The endpoint group the breaker guards: `read` (GETs) or `write`. */
      readonly group: EndpointGroup;
      /** The new state. */
      readonly state: BreakerState;
    }
  | {
      /** The shared breaker store (Redis) failed; this instance decides alone meanwhile. */
      readonly type: 'breaker:store-error';
      /** The endpoint group. */
      readonly group: EndpointGroup;
      /** Name, code and a redacted message of the store's error, never the error object. */
      readonly error: SafeErrorInfo;
    };

/**
 * Default failure predicate. An HTTP `status` decides when present: `>= 500` counts, any 4xx
 * (429 included) never does: Cal.com answered, it is up, and a rate limit is waited out, not
 * broken on. Without a status (timeout, network error) an error counts unless it says
 * `retryable === false` (e.g. the caller aborted).
 *
 * @param error - what the guarded call threw.
 * @returns whether it counts against the breaker.
 * @example
 * ```ts
 * defaultIsFailure({ status: 503 }); // true
 * defaultIsFailure({ status: 429, retryable: true }); // false
 * defaultIsFailure(new Error('socket hang up')); // true
 * ```
 */
export function defaultIsFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const e = error as { retryable?: unknown; status?: unknown };
  if (typeof e.status === 'number') return e.status >= 500;
  return e.retryable !== false;
}

/** Options of {@link createBreakerRegistry} (all optional). */
export interface BreakerOptions {
  /**
   * Consecutive counted failures (in closed state) that open the circuit.
   * @default 5
   */
  failureThreshold?: number;
  /**
   * How long the circuit stays open before a probe is allowed (half-open).
   * @default 60000
   */
  halfOpenAfterMs?: number;
  /**
   * Consecutive successful probes in half-open that close the circuit. One probe runs at a
   * time, fleet-wide when a shared store is used; a counted failure re-opens it.
   * @default 2
   */
  successThreshold?: number;
  /**
   * Which errors count as failures. Non-matching errors (e.g. 4xx) count as "upstream is up".
   * @default {@link defaultIsFailure}
   */
  isFailure?: (error: unknown) => boolean;
  /**
   * Where the open-until + generation state and the probe lease live. Defaults to a private
   * {@link MemoryBreakerStateStore} (per process).
   */
  store?: BreakerStateStore;
  /**
   * How long a read of the shared state is trusted before it is read again (only matters for
   * remote stores: another instance's open is seen at most this late).
   * @default 1000
   */
  syncIntervalMs?: number;
  /**
   * Timeout of every store call; a slower call counts as a store error and the breaker goes on
   * with its local view, so a hanging Redis never stalls calls.
   * @default 50
   */
  storeTimeoutMs?: number;
  /**
   * Lifetime of the half-open probe lease; if the prober dies, another instance may probe after it.
   * @default 10000
   */
  probeLeaseMs?: number;
  /** Receives {@link BreakerEvent}s. Must not throw. */
  onEvent?: (event: BreakerEvent) => void;
  /** Clock (epoch ms), for tests. @default Date.now */
  now?: () => number;
}

/** @internal */
export const optionsSchema = z.object({
  failureThreshold: z.number().int().min(1).default(5),
  halfOpenAfterMs: z.number().int().min(1).default(60_000),
  successThreshold: z.number().int().min(1).default(2),
  isFailure: z.custom<(e: unknown) => boolean>((v) => typeof v === 'function').optional(),
  store: z
    .custom<BreakerStateStore>((v) => typeof v === 'object' && v !== null && 'acquireProbe' in v)
    .optional(),
  syncIntervalMs: z.number().int().min(0).default(1_000),
  probeLeaseMs: z.number().int().min(1).default(10_000),
  storeTimeoutMs: z.number().int().min(1).default(50),
  onEvent: z.custom<(e: BreakerEvent) => void>((v) => typeof v === 'function').optional(),
  now: z.custom<() => number>((v) => typeof v === 'function').optional(),
});

/** The options with their defaults. @internal */
export type ResolvedOptions = Required<Omit<BreakerOptions, 'onEvent'>> & {
  onEvent: ((e: BreakerEvent) => void) | undefined;
};
