import type { ToolOutcome } from '@voicebook/slo-metrics';

/** Events of the Retell handlers: codes and figures only, never names or numbers. */
export type RetellToolsEvent =
  | {
      /** A tool call was answered. */
      readonly type: 'tool:answered';
      /** The tool's name (`book_appointment`, …). */
      readonly tool: string;
      /** The HTTP status of the answer. */
      readonly status: number;
      /** The SLO outcome it counts as (`ok`, `fallback`, `error`, …). */
      readonly outcome: ToolOutcome;
      /** Time from request to answer, ms. */
      readonly durationMs: number;
      /** The call's tenant, once resolved. */
      readonly tenantId?: string | undefined;
      /** The answer's `result` (`available`, `booked`, `error`, …). */
      readonly result?: string | undefined;
    }
  | {
      /** A tool finished after its fallback answer; kept for the call's next tool call. */
      readonly type: 'tool:late-result';
      /** The tool that finished late. */
      readonly tool: string;
      /** Its machine-readable result (`booked`, `pending`, …). */
      readonly result: string;
      /** The call's tenant. */
      readonly tenantId: string;
    }
  | {
      /** A request was refused before any tool ran. */
      readonly type: 'request:rejected';
      /** Why: bad signature, body too large, malformed JSON, unknown tool or webhook event. */
      readonly reason: 'signature' | 'too-large' | 'malformed' | 'unknown-tool' | 'unknown-event';
      /** The HTTP status answered (401, 413, 400, 404). */
      readonly status: number;
    }
  | {
      /** A Retell webhook event was applied to the call record. */
      readonly type: 'webhook:applied';
      /** The event (`call_started`, `call_ended`, `call_analyzed`). */
      readonly event: string;
      /** `false`: a repeated delivery, nothing changed. */
      readonly applied: boolean;
      /** The call's tenant. */
      readonly tenantId: string;
    }
  | {
      /** The inbound-call webhook was answered. */
      readonly type: 'inbound:answered';
      /** The tenant the called number routes to; missing when none does. */
      readonly tenantId?: string | undefined;
      /** Whether the caller is a known customer of the tenant. */
      readonly known: boolean;
    };
