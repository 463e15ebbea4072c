import type { CallOutcome } from '@voicebook/booking-engine';

/** A result that arrived after its tool had already answered with a fallback. */
export interface LateResult {
  /** The tool that finished late. */
  readonly tool: string;
  /** The tool's machine-readable result (`booked`, `pending`, `cancelled`, …). */
  readonly result: string;
  /** What to tell the caller now. */
  readonly say: string;
  /** Epoch ms when it completed. */
  readonly atMs: number;
}

/**
 * Late results per call, kept until the next tool call of that call (or its `call_ended`
 * webhook) takes them. In-process and bounded; share one instance between
 * {@link createRetellToolHandler} and {@link createRetellWebhookHandler}.
 *
 * @example
 * ```ts
 * const lateResults = new LateResults();
 * const tools = createRetellToolHandler({ apiKey, engine, lateResults });
 * const webhooks = createRetellWebhookHandler({ apiKey, engine, lateResults });
 * ```
 */
export class LateResults {
  readonly #byCall = new Map<string, LateResult[]>();
  readonly #maxCalls: number;

  /** @param maxCalls - calls kept at most (the oldest are dropped). @default 10_000 */
  constructor(maxCalls = 10_000) {
    this.#maxCalls = maxCalls;
  }

  /** Records a late result of `callId`. */
  add(callId: string, late: LateResult): void {
    const list = this.#byCall.get(callId) ?? [];
    list.push(late);
    this.#byCall.delete(callId);
    this.#byCall.set(callId, list.slice(-5));
    while (this.#byCall.size > this.#maxCalls) {
      const oldest = this.#byCall.keys().next().value;
      if (oldest === undefined) break;
      this.#byCall.delete(oldest);
    }
  }

  /** Takes (and forgets) the late results of `callId`. */
  take(callId: string): LateResult[] {
    const list = this.#byCall.get(callId) ?? [];
    this.#byCall.delete(callId);
    return list;
  }

  /** Forgets `tool`'s late results of `callId` (a retry already delivered them). */
  drop(callId: string, tool: string): void {
    const list = this.#byCall.get(callId);
    if (!list) return;
    const rest = list.filter((l) => l.tool !== tool);
    if (rest.length === 0) this.#byCall.delete(callId);
    else this.#byCall.set(callId, rest);
  }

  /** How many calls have results waiting. */
  get size(): number {
    return this.#byCall.size;
  }
}

/** The call outcome a late tool result stands for, if any. @internal */
export function outcomeOf(result: string): CallOutcome | undefined {
  switch (result) {
    case 'booked':
    case 'pending':
    case 'rescheduled':
    case 'cancelled':
      return result;
    default:
      return undefined;
  }
}
