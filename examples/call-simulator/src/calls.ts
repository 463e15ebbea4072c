// Scripted calls, played the way Retell plays them: an inbound webhook, then signed tool calls in
// either body shape, the agent speaking each tool's `say`.
import type { RetellClient, TimedAnswer } from '@voicebook/server-core/client';
import type { Turn } from './latency-model.js';

/** A tool answer as retell-tools sends it. */
export interface Answer {
  readonly result: string;
  readonly say: string;
  readonly alternatives?: readonly { start: string; when: string }[];
  readonly appointments?: readonly { id: string }[];
  readonly state?: string;
  readonly stale?: boolean;
  readonly [field: string]: unknown;
}

/** What the runner remembers within a call (the last answer of each tool). */
export type Memory = Partial<Record<string, Answer>>;

/** One step of a script. */
export type Step =
  | { readonly caller: string }
  | {
      readonly tool: string;
      readonly args: (memory: Memory) => Record<string, unknown>;
      /** `root`: Retell's args-at-root payload (tool in the path, tenant and call id in headers). */
      readonly shape?: 'default' | 'root';
      /** Checked against the answer's `result` (the demo fails loudly if the script goes astray). */
      readonly expect?: readonly string[];
    }
  | { readonly note: string; readonly run?: () => Promise<void> | void };

/** A scripted call. */
export interface Script {
  readonly title: string;
  readonly callId: string;
  readonly from: string;
  readonly locale: 'de' | 'en';
  /** The service wanted (for the baseline, which has no list tool). */
  readonly books: boolean;
  readonly steps: readonly Step[];
}

/** A tool's round trip within a played call. */
export interface ToolTiming {
  readonly tool: string;
  readonly shape: 'default' | 'root';
  readonly rttMs: number;
  readonly backendMs: number;
  readonly result: string;
  /** Slots requests Cal.com received during the tool call (0: answered from the cache). */
  readonly upstreamReads?: number | undefined;
}

/** A played call. */
export interface PlayedCall {
  readonly script: Script;
  readonly turns: Turn[];
  readonly tools: ToolTiming[];
  readonly lines: string[];
  readonly booked: boolean;
}

/** Options of {@link playCall}. */
export interface PlayOptions {
  readonly retell: RetellClient;
  /** The same server with the tool configuration's headers (tenant, call id) for `root` calls. */
  readonly rootClient: (callId: string) => RetellClient;
  readonly toNumber: string;
  readonly agentId: string;
  /** Real pause per caller word, so background prefetch has the time a real caller gives it. */
  readonly pauseMsPerWord: number;
  /**
   * Real pause for the agent's greeting (a real one takes seconds): the prefetch the inbound
   * webhook started is done by the time the caller has said anything. @default 0
   */
  readonly greetingMs?: number | undefined;
  /** Slots requests Cal.com has received so far (the stand-in's log). */
  readonly upstreamReads?: (() => number) | undefined;
}

const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
const fmt = (ms: number) => (Number.isNaN(ms) ? '   -  ' : ms.toFixed(1).padStart(6));

/**
 * Plays a script against a server.
 *
 * @param script - The call.
 * @param options - Clients and pacing.
 * @returns The conversation, each tool's timing and whether a booking was made.
 */
export async function playCall(script: Script, options: PlayOptions): Promise<PlayedCall> {
  const lines: string[] = [];
  const turns: Turn[] = [];
  const tools: ToolTiming[] = [];
  const memory: Memory = {};
  const call = {
    call_id: script.callId,
    agent_id: options.agentId,
    from_number: script.from,
    to_number: options.toNumber,
    direction: 'inbound' as const,
    call_type: 'phone_call',
  };
  const inbound = await options.retell.post('/retell/inbound', {
    event: 'call_inbound',
    call_inbound: {
      agent_id: options.agentId,
      from_number: script.from,
      to_number: options.toNumber,
    },
  });
  const vars =
    (inbound.body as { call_inbound?: { dynamic_variables?: Record<string, string> } }).call_inbound
      ?.dynamic_variables ?? {};
  const known = Object.entries(vars).find(
    ([k, v]) => /first_name|customer_name/.test(k) && v !== '',
  )?.[1];
  lines.push(
    `        · inbound webhook ${fmt(inbound.rttMs)} ms rtt, ${fmt(inbound.backendMs)} ms backend; caller ${known ? 'known' : 'new'} (dynamic variables: ${Object.keys(vars).length})`,
  );
  await options.retell.post('/retell/webhook', {
    event: 'call_started',
    call: { ...call, start_timestamp: Date.now() },
  });
  const greeting =
    script.locale === 'de'
      ? `Salon Sonnenschein, guten Tag${known ? ` ${known}` : ''}! Wie kann ich helfen?`
      : `Salon Sonnenschein, hello${known ? ` ${known}` : ''}! How can I help?`;
  lines.push(`Agent:  "${greeting}"`);
  turns.push({ who: 'agent', text: greeting });
  await new Promise((r) => setTimeout(r, options.greetingMs ?? 0));
  let booked = false;
  for (const step of script.steps) {
    if ('caller' in step) {
      lines.push(`Caller: "${step.caller}"`);
      turns.push({ who: 'caller', text: step.caller });
      await new Promise((r) => setTimeout(r, words(step.caller) * options.pauseMsPerWord));
    } else if ('note' in step) {
      await step.run?.();
      lines.push(`        · ${step.note}`);
    } else {
      const shape = step.shape ?? 'default';
      const args = step.args(memory);
      const readsBefore = options.upstreamReads?.();
      const res: TimedAnswer =
        shape === 'root'
          ? await options.rootClient(script.callId).toolAtRoot(step.tool, args)
          : await options.retell.tool(step.tool, args, call);
      const answer = res.body as Answer;
      if (res.status !== 200 || (step.expect && !step.expect.includes(answer.result))) {
        throw new Error(
          `${script.title}: ${step.tool} answered ${res.status} ${res.text.slice(0, 300)}`,
        );
      }
      memory[step.tool] = answer;
      if (step.tool === 'book_appointment' && answer.result === 'booked') booked = true;
      tools.push({
        tool: step.tool,
        shape,
        rttMs: res.rttMs,
        backendMs: res.backendMs,
        result: answer.result,
        upstreamReads:
          readsBefore === undefined ? undefined : (options.upstreamReads?.() ?? 0) - readsBefore,
      });
      const text =
        step.tool === 'book_appointment' && answer.result === 'booked'
          ? `Gebucht: ${answer.say}`
          : answer.say;
      lines.push(
        `        · ${step.tool.padEnd(26)} ${fmt(res.rttMs)} ms rtt ${fmt(res.backendMs)} ms backend  [${shape} body] → ${answer.result}${answer.stale ? ' (stale)' : ''}`,
      );
      lines.push(`Agent:  "${text}"`);
      turns.push({ who: 'agent', text: answer.say, toolMs: [res.rttMs] });
    }
  }
  const bye = script.locale === 'de' ? 'Vielen Dank, auf Wiederhören!' : 'Thank you, goodbye!';
  turns.push({ who: 'agent', text: bye });
  lines.push(`Agent:  "${bye}"`);
  return { script, turns, tools, lines, booked };
}
