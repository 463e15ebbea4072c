import { randomUUID } from 'node:crypto';
import type { BookingEngine, CallContext, Locale } from '@voicebook/booking-engine';
import type { SloMetrics } from '@voicebook/slo-metrics';
import { serialiseAnswer, type ToolAnswer } from './answer.js';
import { DEFAULT_TOOL_BUDGETS_MS } from './budgets.js';
import { answerForError } from './errors-map.js';
import type { RetellToolsEvent } from './events.js';
import {
  MAX_BODY_BYTES,
  bodyBytes,
  errorResponse,
  header,
  jsonResponse,
  parseJsonBody,
  type RetellHttpRequest,
  type RetellHttpResponse,
} from './http.js';
import { identityOf, toolBody } from './identity.js';
import { LateResults, outcomeOf } from './notices.js';
import { isToolName, parseToolArgs, type RetellToolName } from './schemas.js';
import { SIGNATURE_HEADER, checkRetellSignature } from './signature.js';
import { ReplayCache, withinBudget, type Settled } from './replay.js';
import { WRITE_TOOLS, lateAnswer, runTool, type ToolRun } from './tools/index.js';

/** The slo-metrics methods the handlers feed (a whole `createSloMetrics()` hub fits). */
export type RetellMetrics = Pick<
  SloMetrics,
  'recordToolCall' | 'recordBookingAttempt' | 'recordCall'
>;

/** Options of {@link createRetellToolHandler}. */
export interface RetellToolHandlerOptions {
  /** The Retell API key: requests are verified with it. */
  readonly apiKey: string;
  /** The booking engine. */
  readonly engine: BookingEngine;
  /** The clock for the signature window and durations, epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** A header (set on the tool in Retell) naming the tenant id; wins over number and agent id. */
  readonly tenantHeader?: string | undefined;
  /** A header carrying the call id for args-at-root tools. @default 'x-retell-call-id' */
  readonly callIdHeader?: string | undefined;
  /** Per-tool answer budgets in ms, merged over {@link DEFAULT_TOOL_BUDGETS_MS}; keep each below the tool's `timeout_ms`. */
  readonly budgets?: Partial<Record<RetellToolName, number>> | undefined;
  /** Receives {@link RetellToolsEvent}s (codes and figures only). Must not throw. */
  readonly onEvent?: ((event: RetellToolsEvent) => void) | undefined;
  /** slo-metrics hub: every tool call and booking attempt is recorded. */
  readonly metrics?: RetellMetrics | undefined;
  /** Where results that arrive after a fallback answer wait; share it with the webhook handler. @default a new LateResults */
  readonly lateResults?: LateResults | undefined;
  /** How long a write tool's answer is replayed to Retell's retries, in ms. @default 600_000 */
  readonly replayTtlMs?: number | undefined;
}

/** A framework-free handler: a request in, a response out; never throws, never a 5xx. */
export type RetellToolHandler = (request: RetellHttpRequest) => Promise<RetellHttpResponse>;

const bookingOutcome = {
  booked: 'success',
  pending: 'success',
  unavailable: 'no_availability',
} as const;

/**
 * Creates the handler for Retell's custom-function calls. It verifies the signature on the raw
 * bytes before parsing anything (401), refuses bodies over 1 MB (413), malformed JSON or
 * arguments (400) and unknown tools (404); accepts both body shapes; answers within each tool's
 * budget with a spoken fallback when the calendar is slow, keeps the late result and reports it
 * on the call's next tool call; replays write answers to Retell's retries.
 *
 * @param options - key, engine and the rest ({@link RetellToolHandlerOptions}).
 * @returns `(request) => Promise<response>`.
 * @example
 * ```ts
 * const handle = createRetellToolHandler({ apiKey: process.env.RETELL_API_KEY ?? '', engine });
 * const { status, headers, body } = await handle({ method: 'POST', headers: req.headers, rawBody });
 * ```
 */
export function createRetellToolHandler(options: RetellToolHandlerOptions): RetellToolHandler {
  const now = options.now ?? Date.now;
  const { engine, onEvent, metrics } = options;
  const budgets = { ...DEFAULT_TOOL_BUDGETS_MS, ...options.budgets };
  const late = options.lateResults ?? new LateResults();
  const replay = new ReplayCache<ToolAnswer>(options.replayTtlMs ?? 600_000, now);
  const emit = (event: RetellToolsEvent) => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's failure must never change an answer.
    }
  };
  const reject = (
    response: RetellHttpResponse,
    reason: 'signature' | 'too-large' | 'malformed' | 'unknown-tool',
  ) => {
    emit({ type: 'request:rejected', reason, status: response.status });
    return response;
  };

  /** A finished write is the call's outcome so far (the call webhook reads it at the end). */
  function recordOutcome(ctx: CallContext, settled: Settled<ToolAnswer>) {
    if (!settled.ok) return;
    const outcome = outcomeOf(settled.answer.result);
    if (outcome === undefined) return;
    engine.calls
      .apply(ctx.tenant.id, ctx.callId, undefined, { outcome }, now())
      .catch(() => undefined);
  }

  async function execute(
    tool: RetellToolName,
    ctx: CallContext,
    args: unknown,
    key: string | undefined,
  ) {
    const locale: Locale = ctx.tenant.locale;
    const run: ToolRun = { engine, ctx, locale, readOptions: { deadlineMs: budgets[tool] } };
    const replayed = replay.get(key);
    const work =
      replayed ??
      runTool(tool, run, args as never, now()).then(
        (answer) => ({ ok: true as const, answer }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    if (key !== undefined) replay.set(key, work, WRITE_TOOLS.has(tool));
    if (replayed === undefined) void work.then((settled) => recordOutcome(ctx, settled));
    const timed = await withinBudget(work, budgets[tool]);
    if (timed === undefined) {
      if (replayed === undefined) {
        void work.then((settled) => {
          if (!settled.ok) return;
          const { result, say } = settled.answer;
          late.add(ctx.callId, { tool, result, say, atMs: now() });
          emit({ type: 'tool:late-result', tool, result, tenantId: ctx.tenant.id });
        });
      }
      return { status: 200, answer: lateAnswer(tool, run), outcome: 'fallback' as const };
    }
    if (timed.ok) {
      late.drop(ctx.callId, tool);
      return { status: 200, answer: timed.answer, outcome: 'ok' as const };
    }
    const mapped = answerForError(timed.error, locale);
    return {
      status: mapped.status,
      answer: mapped.answer,
      outcome: mapped.outcome,
      code: mapped.code,
    };
  }

  return async function handleRetellTool(request) {
    const started = now();
    try {
      if (bodyBytes(request.rawBody) > MAX_BODY_BYTES) {
        return reject(errorResponse(413, 'E_BODY_TOO_LARGE', 'Body over 1 MB'), 'too-large');
      }
      const signature = checkRetellSignature({
        rawBody: request.rawBody,
        signature: header(request, SIGNATURE_HEADER),
        apiKey: options.apiKey,
        now,
      });
      if (!signature.ok)
        return reject(errorResponse(401, 'E_UNAUTHORIZED', 'Unauthorized'), 'signature');
      const json = parseJsonBody(request.rawBody);
      if (!json.ok)
        return reject(errorResponse(400, 'E_MALFORMED_JSON', 'Body is not JSON'), 'malformed');
      const body = toolBody(json.value, request);
      if (!isToolName(body.name)) {
        return reject(errorResponse(404, 'E_UNKNOWN_TOOL', 'Unknown tool'), 'unknown-tool');
      }
      const tool = body.name;
      const parsed = parseToolArgs(tool, body.args);
      if (!parsed.ok) {
        finish(tool, started, 400, 'client_error', undefined, 'invalid_args');
        return reject(
          errorResponse(400, 'E_INVALID_ARGS', 'Invalid arguments', parsed.issues),
          'malformed',
        );
      }
      const identity = identityOf(body.call, request, options);
      if (identity.callId === undefined && WRITE_TOOLS.has(tool)) {
        return reject(errorResponse(400, 'E_CALL_ID_REQUIRED', 'Call id required'), 'malformed');
      }
      const callId = identity.callId ?? `anonymous:${randomUUID()}`;
      let ctx: CallContext;
      try {
        ctx = await engine.resolveCall({ ...identity, callId });
      } catch (error) {
        const mapped = answerForError(error, 'en');
        finish(tool, started, mapped.status, mapped.outcome, undefined);
        return jsonResponse(mapped.status, serialiseAnswer(mapped.answer));
      }
      const key =
        identity.callId === undefined
          ? undefined
          : `${callId}\u0000${tool}\u0000${JSON.stringify(parsed.args)}`;
      const done = await execute(tool, ctx, parsed.args, key);
      const answer = withLateResults(done.answer, late.take(callId));
      if (tool === 'book_appointment' && done.status === 200) {
        const outcome = (bookingOutcome as Partial<Record<string, 'success' | 'no_availability'>>)[
          done.answer.result
        ];
        if (outcome !== undefined) metrics?.recordBookingAttempt({ outcome });
        else if (done.answer.result === 'error') {
          metrics?.recordBookingAttempt({
            outcome: done.outcome === 'client_error' ? 'policy' : 'technical_error',
          });
        }
      }
      finish(tool, started, done.status, done.outcome, ctx.tenant.id, done.answer.result);
      return jsonResponse(done.status, serialiseAnswer(answer));
    } catch {
      // Nothing above should throw; if it does, the caller still gets an answer, not a 5xx.
      return jsonResponse(200, {
        result: 'error',
        code: 'E_INTERNAL',
        say: 'Sorry, a technical problem.',
      });
    }
  };

  function finish(
    tool: RetellToolName,
    started: number,
    status: number,
    outcome: 'ok' | 'client_error' | 'fallback' | 'error',
    tenantId: string | undefined,
    result?: string,
  ) {
    const durationMs = Math.max(0, now() - started);
    metrics?.recordToolCall({ tool, durationMs, outcome });
    emit({ type: 'tool:answered', tool, status, outcome, durationMs, tenantId, result });
  }
}

function withLateResults(answer: ToolAnswer, results: ReturnType<LateResults['take']>): ToolAnswer {
  if (results.length === 0) return answer;
  return {
    ...answer,
    say: `${results.map((r) => r.say).join(' ')} ${answer.say}`.trim(),
    late_results: results.map((r) => ({ tool: r.tool, result: r.result, say: r.say })),
  };
}
