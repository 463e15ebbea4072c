import type { BookingOutcome, CallOutcome, ToolOutcome } from './slo.js';

/**
 * The Cal.com client events slo-metrics understands, declared structurally so this package never
 * imports `@voicebook/calcom-client`. Pass the client's `onEvent` straight to
 * `onCalcomEvent`; event types not listed here are ignored.
 */
export type CalcomEventInput =
  | {
      /** A Cal.com request answered. */
      type: 'request:done';
      /** Client operation, e.g. `getSlots`; mapped onto the operations allow-list. */
      operation: string;
      /** HTTP status of the response. */
      status: number;
      /** Wall time of the request, in milliseconds. */
      durationMs: number;
    }
  | {
      /** A Cal.com request failed. */
      type: 'request:failed';
      /** Client operation, e.g. `createBooking`. */
      operation: string;
      /** The error's stable code, e.g. `E_CALCOM_TIMEOUT`; classified into an error class. */
      code: string;
      /** HTTP status, when the failure was an HTTP error response. */
      status?: number;
    }
  | {
      /** A cache hit. */
      type: 'cache:hit';
      /** `l1` (process memory) or `l2` (the shared store). */
      layer: 'l1' | 'l2';
      /** The bounded key group (`slots`, `eventTypes`). */
      keyGroup: string;
    }
  | {
      /** A cache miss, a stale answer or a coalesced load. */
      type: 'cache:miss' | 'cache:stale' | 'cache:coalesced';
      /** The bounded key group. */
      keyGroup: string;
    }
  | {
      /** A circuit breaker changed state. */
      type: 'breaker:state';
      /** The endpoint group (`read`, `write`). */
      group: string;
      /** The new state (0 closed, 1 half-open, 2 open on the gauge). */
      state: 'closed' | 'open' | 'half-open';
    };

/** Any other event of an emitter's union; accepted and ignored by `onCalcomEvent`. */
export interface OtherEventInput {
  /** The event's type; anything not in {@link CalcomEventInput}. */
  readonly type: string;
}

/** One tool call (or API request) as seen by the HTTP layer. */
export interface ToolCallInput {
  /** Tool / endpoint name, e.g. `check_availability`; mapped onto the tool allow-list. */
  tool: string;
  /** Time from request received to answer sent, in milliseconds. */
  durationMs: number;
  /** How it ended. */
  outcome: ToolOutcome;
}

/** One whole phone call, usually from Retell's `call_ended` / `call_analyzed` webhook. */
export interface CallInput {
  /** Call length, in milliseconds (Retell's `duration_ms`). */
  durationMs: number;
  /** What the call achieved. */
  outcome: CallOutcome;
}

/** One booking attempt by the booking engine. */
export interface BookingAttemptInput {
  /** How it ended. */
  outcome: BookingOutcome;
}
