import type { ToolOutcome } from '@voicebook/slo-metrics';

/** Events of the Retell handlers: codes and figures only, never names or numbers. */
export type RetellToolsEvent =
  | {
      readonly type: 'tool:answered';
      readonly tool: string;
      readonly status: number;
      readonly outcome: ToolOutcome;
      readonly durationMs: number;
      readonly tenantId?: string | undefined;
      /** The answer's `result` (`available`, `booked`, `error`, …). */
      readonly result?: string | undefined;
    }
  | {
      /** A tool finished after its fallback answer; kept for the call's next tool call. */
      readonly type: 'tool:late-result';
      readonly tool: string;
      readonly result: string;
      readonly tenantId: string;
    }
  | {
      readonly type: 'request:rejected';
      readonly reason: 'signature' | 'too-large' | 'malformed' | 'unknown-tool' | 'unknown-event';
      readonly status: number;
    }
  | {
      readonly type: 'webhook:applied';
      readonly event: string;
      /** `false`: a repeated delivery, nothing changed. */
      readonly applied: boolean;
      readonly tenantId: string;
    }
  | {
      readonly type: 'inbound:answered';
      readonly tenantId?: string | undefined;
      readonly known: boolean;
    };
