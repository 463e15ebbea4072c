import { z } from 'zod';
import { DEFAULT_TOOL_TIMEOUTS_MS } from './budgets.js';
import { RETELL_TOOL_NAMES, TOOL_SCHEMAS, type RetellToolName } from './schemas.js';

/** A Retell custom tool, as `general_tools` of a Retell LLM or `tools` of a conversation flow take it. */
export interface RetellCustomTool {
  /** Always `custom`: Retell calls `url` with the arguments. */
  readonly type: 'custom';
  /** The tool's name, as the LLM sees it. */
  readonly name: RetellToolName;
  /** When the LLM should call it, in English. */
  readonly description: string;
  /** The handler's URL: `<baseUrl><path>/<name>`. */
  readonly url: string;
  /** Always `POST`. */
  readonly method: 'POST';
  /** Headers Retell sends with every call (e.g. a tenant header); missing: none. */
  readonly headers?: Record<string, string>;
  /** JSON Schema of the arguments, generated from the tool's zod schema. */
  readonly parameters: {
    /** Always `object`. */
    type: 'object';
    /** One JSON Schema per argument, by name. */
    properties: Record<string, unknown>;
    /** Names of the arguments that must be given; missing when none must. */
    required?: string[];
  };
  /** Whether the agent says a filler sentence while the tool runs (`true` for slow tools). */
  readonly speak_during_execution: boolean;
  /** Whether the agent speaks right after the answer (always `true`: it reads the result). */
  readonly speak_after_execution: boolean;
  /** What the filler sentence should say (`Einen Moment, ich schaue nach.`). */
  readonly execution_message_description?: string;
  /** How long Retell waits for an answer, ms; see {@link DEFAULT_TOOL_TIMEOUTS_MS}. */
  readonly timeout_ms: number;
  /** Retries Retell may make; safe, the handler is idempotent. */
  readonly max_retry: number;
  /** Set on conversation-flow tools, referenced by function nodes. */
  readonly tool_id?: string;
}

/** Options of {@link generateRetellTools}. */
export interface GenerateRetellToolsOptions {
  /** Where the tool handler is mounted, without a trailing slash, e.g. `https://api.example.com`. */
  readonly baseUrl: string;
  /** Path the tools are served under; each tool at `<path>/<name>`. @default '/retell/tools' */
  readonly path?: string | undefined;
  /** Per-tool `timeout_ms`, merged over {@link DEFAULT_TOOL_TIMEOUTS_MS}; keep the handler's budgets below. */
  readonly timeouts?: Partial<Record<RetellToolName, number>> | undefined;
  /** Headers every tool sends, e.g. `{ 'X-Voicebook-Tenant': 'salon-sonnenschein' }`. */
  readonly headers?: Record<string, string> | undefined;
  /** Language of the message spoken while a slow tool runs. @default 'de' */
  readonly locale?: 'de' | 'en' | undefined;
  /** Retries per tool (0–5). @default 1 */
  readonly maxRetry?: number | undefined;
}

const DESCRIPTIONS: Record<RetellToolName, string> = {
  initialize_call:
    'Once at the start if the dynamic variables are empty: who is calling, their next appointment, company name and the current date and time.',
  list_services:
    'The services (at most five) or their categories; call with a category the caller chose to list within it.',
  check_availability:
    'Whether a service is free at the wished day and time; else up to three nearest alternatives. Pass the day and time as the caller said them.',
  book_appointment:
    'Books a slot. First call with confirmed false to get the read-back sentence; call again with confirmed true only after the caller said yes. Idempotent.',
  get_customer_appointments: "The caller's own upcoming appointments (from the caller's number).",
  cancel_appointment:
    "Cancels one of the caller's appointments; confirmed true only after the caller agreed.",
  reschedule_appointment:
    "Moves one of the caller's appointments to a new day and time; confirmed true only after the caller agreed.",
  resolve_name:
    'Finds the staff member the caller named. When the answer is ambiguous, ask its question and call again with the answer and the returned state.',
};

const SLOW_TOOLS = new Set<RetellToolName>([
  'check_availability',
  'book_appointment',
  'cancel_appointment',
  'reschedule_appointment',
]);

/**
 * The JSON Schema of a tool's arguments, from its zod schema (zod 4's `z.toJSONSchema`), in the
 * shape Retell's `parameters` takes.
 *
 * @param tool - the tool.
 * @returns `{ type: 'object', properties, required? }`.
 */
export function toolParameters(tool: RetellToolName): RetellCustomTool['parameters'] {
  const schema = z.toJSONSchema(TOOL_SCHEMAS[tool], { io: 'input' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return {
    type: 'object',
    properties: schema.properties ?? {},
    ...(schema.required && schema.required.length > 0 ? { required: schema.required } : {}),
  };
}

/**
 * Every tool's Retell custom-tool definition, `parameters` generated from the same zod schemas
 * the handler parses with, so definitions and handler never drift apart.
 *
 * @param options - base URL, timeouts, headers ({@link GenerateRetellToolsOptions}).
 * @returns one {@link RetellCustomTool} per tool, in booking-path order.
 * @example
 * ```ts
 * const tools = generateRetellTools({ baseUrl: 'https://api.example.com' });
 * await retell.llm.create({ general_tools: tools, general_prompt: '…' });
 * ```
 */
export function generateRetellTools(options: GenerateRetellToolsOptions): RetellCustomTool[] {
  const base = options.baseUrl.replace(/\/+$/, '');
  const path = options.path ?? '/retell/tools';
  const timeouts = { ...DEFAULT_TOOL_TIMEOUTS_MS, ...options.timeouts };
  const de = (options.locale ?? 'de') === 'de';
  return RETELL_TOOL_NAMES.map((name) => {
    const slow = SLOW_TOOLS.has(name);
    return {
      type: 'custom',
      name,
      description: DESCRIPTIONS[name],
      url: `${base}${path}/${name}`,
      method: 'POST',
      ...(options.headers ? { headers: { ...options.headers } } : {}),
      parameters: toolParameters(name),
      speak_during_execution: slow,
      speak_after_execution: true,
      ...(slow
        ? {
            execution_message_description: de
              ? 'Sagen Sie kurz: "Einen Moment, ich schaue nach."'
              : 'Say briefly: "One moment, let me check."',
          }
        : {}),
      timeout_ms: Math.min(600_000, Math.max(1_000, timeouts[name])),
      max_retry: Math.min(5, Math.max(0, options.maxRetry ?? 1)),
    };
  });
}
