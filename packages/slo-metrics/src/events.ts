import type { BookingOutcome, CallOutcome, ToolOutcome } from './slo.js';

/**
 * The Cal.com client events slo-metrics understands, declared structurally so this package never
 * imports `@voicebook/calcom-client`. Pass the client's `onEvent` straight to
 * `onCalcomEvent`; event types not listed here are ignored.
 */
export type CalcomEventInput =
  | {
      type: 'request:done';
      /** Client operation, e.g. `getSlots`; mapped onto the operations allow-list. */
      operation: string;
      /** HTTP status of the response. */
      status: number;
      /** Wall time of the request, in milliseconds. */
      durationMs: number;
    }
  | {
      type: 'request:failed';
      operation: string;
      /** The error's stable code, e.g. `E_CALCOM_TIMEOUT`; classified into an error class. */
      code: string;
      /** HTTP status, when the failure was an HTTP error response. */
      status?: number;
    }
  | { type: 'cache:hit'; layer: 'l1' | 'l2'; keyGroup: string }
  | { type: 'cache:miss' | 'cache:stale' | 'cache:coalesced'; keyGroup: string }
  | { type: 'breaker:state'; group: string; state: 'closed' | 'open' | 'half-open' };

/** Any other event of an emitter's union; accepted and ignored by `onCalcomEvent`. */
export interface OtherEventInput {
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
