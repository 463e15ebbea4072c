import {
  generateRetellTools,
  type GenerateRetellToolsOptions,
  type RetellCustomTool,
} from './generate.js';
import type { RetellToolName } from './schemas.js';

/** An edge of a flow node: a prompt condition and where it leads. */
export interface FlowEdge {
  /** Edge id, unique within the flow. */
  readonly id: string;
  /** When the LLM takes this edge. */
  readonly transition_condition: {
    /** Always `prompt`: the LLM judges the condition. */
    readonly type: 'prompt';
    /** The condition in words (`The caller wants to book`). */
    readonly prompt: string;
  };
  /** Id of the node it leads to. */
  readonly destination_node_id: string;
}

/** A node of the generated conversation flow (the subset of Retell's node types it uses). */
export type FlowNode =
  | {
      /** Node id, unique within the flow. */
      readonly id: string;
      /** A node where the agent talks with the caller. */
      readonly type: 'conversation';
      /** Display name in Retell's flow editor. */
      readonly name: string;
      /** What the agent does in this node. */
      readonly instruction: {
        /** Always `prompt`. */
        readonly type: 'prompt';
        /** The prompt text. */
        readonly text: string;
      };
      /** Where the conversation may go next. */
      readonly edges: FlowEdge[];
    }
  | {
      /** Node id, unique within the flow. */
      readonly id: string;
      /** A node that calls a tool. */
      readonly type: 'function';
      /** Display name in Retell's flow editor. */
      readonly name: string;
      /** The tool it calls (its `tool_id` in the flow's `tools`). */
      readonly tool_id: RetellToolName;
      /** Always `local`: the tool is defined in the flow itself. */
      readonly tool_type: 'local';
      /** Always `true`: the node waits for the tool's answer before moving on. */
      readonly wait_for_result: true;
      /** Whether the agent says a filler sentence while the tool runs (slow tools). */
      readonly speak_during_execution: boolean;
      /** What the agent does with the tool's answer. */
      readonly instruction: {
        /** Always `prompt`. */
        readonly type: 'prompt';
        /** The prompt text. */
        readonly text: string;
      };
      /** Where the conversation may go next. */
      readonly edges: FlowEdge[];
    }
  | {
      /** Node id, unique within the flow. */
      readonly id: string;
      /** The node that ends the call. */
      readonly type: 'end';
      /** Display name in Retell's flow editor. */
      readonly name: string;
      /** What the agent says before hanging up. */
      readonly instruction: {
        /** Always `prompt`. */
        readonly type: 'prompt';
        /** The prompt text. */
        readonly text: string;
      };
    };

/** A conversation flow, as Retell's `conversationFlow.create` takes it. */
export interface GeneratedConversationFlow {
  /** The LLM Retell runs the flow with. */
  readonly model_choice: {
    /** Always `cascading` (Retell's speech-to-text, LLM, text-to-speech pipeline). */
    readonly type: 'cascading';
    /** The model; `gpt-4.1-mini` is faster and cheaper. */
    readonly model: 'gpt-4.1' | 'gpt-4.1-mini';
  };
  /** Always `agent`: the agent greets first. */
  readonly start_speaker: 'agent';
  /** Id of the first node. */
  readonly start_node_id: string;
  /** The prompt every node shares (role, rules, the caller's dynamic variables). */
  readonly global_prompt: string;
  /** Values of the dynamic variables when `call_inbound` set none (all strings). */
  readonly default_dynamic_variables: Record<string, string>;
  /** The voicebook tools, with `tool_id` set. */
  readonly tools: RetellCustomTool[];
  /** The nodes, start node first. */
  readonly nodes: FlowNode[];
}

/** Options of {@link generateConversationFlow}. */
export interface GenerateConversationFlowOptions extends GenerateRetellToolsOptions {
  /** Language of the prompts. @default 'de' */
  readonly locale?: 'de' | 'en' | undefined;
  /** The LLM of the flow (`model_choice.model`). @default 'gpt-4.1' */
  readonly model?: 'gpt-4.1' | 'gpt-4.1-mini' | undefined;
}

type Text = { de: string; en: string };
const T = {
  global: {
    de: 'Sie sind die freundliche Telefonassistenz von {{company_name}}. Heute ist {{current_date}}, {{current_time}} Uhr. Sprechen Sie kurz, natürlich und auf Deutsch. Lesen Sie einen Termin vor dem Buchen genau einmal vor. Erfinden Sie nie freie Zeiten: nur was die Werkzeuge sagen. Nennen Sie nie Telefonnummern.',
    en: 'You are the friendly phone assistant of {{company_name}}. Today is {{current_date}}, {{current_time}}. Speak briefly and naturally. Read an appointment back exactly once before booking. Never invent free times: only what the tools say. Never read out phone numbers.',
  },
  greet: {
    de: 'Begrüßen Sie den Anrufer (bekannt: {{caller_known}}, Vorname: {{first_name}}; nächster Termin: {{upcoming_appointment}}) und fragen Sie, wie Sie helfen können.',
    en: 'Greet the caller (known: {{caller_known}}, first name: {{first_name}}; next appointment: {{upcoming_appointment}}) and ask how you can help.',
  },
  service: {
    de: 'Fragen Sie, welche Leistung gewünscht ist. Fragt der Anrufer, was es gibt, listen Sie die Leistungen auf.',
    en: 'Ask which service the caller wants. If they ask what is on offer, list the services.',
  },
  listed: {
    de: 'Lesen Sie die Leistungen oder Kategorien aus dem Ergebnis vor.',
    en: 'Read out the services or categories from the result.',
  },
  when: {
    de: 'Fragen Sie nach Tag und Uhrzeit; bieten Sie Alternativen aus dem letzten Ergebnis an.',
    en: 'Ask for the day and time; offer the alternatives of the last result.',
  },
  checked: {
    de: 'Sagen Sie das Ergebnis der Prüfung.',
    en: 'Tell the caller the result of the check.',
  },
  confirm: {
    de: 'Lesen Sie Leistung, Tag und Uhrzeit einmal vor und fragen Sie, ob Sie buchen sollen.',
    en: 'Read back service, day and time once and ask whether to book.',
  },
  booked: { de: 'Sagen Sie das Ergebnis der Buchung.', en: 'Tell the caller the booking result.' },
  found: {
    de: 'Lesen Sie die Termine vor und fragen Sie, welcher gemeint ist.',
    en: 'Read the appointments and ask which one is meant.',
  },
  cancelConfirm: {
    de: 'Fragen Sie einmal, ob dieser Termin abgesagt werden soll.',
    en: 'Ask once whether to cancel this appointment.',
  },
  moveWhen: {
    de: 'Fragen Sie, auf welchen Tag und welche Uhrzeit verschoben werden soll, und bestätigen Sie einmal.',
    en: 'Ask which day and time to move it to, and confirm once.',
  },
  done: { de: 'Sagen Sie das Ergebnis.', en: 'Tell the caller the result.' },
  bye: {
    de: 'Fragen Sie, ob noch etwas ist, und verabschieden Sie sich freundlich.',
    en: 'Ask whether there is anything else and say goodbye.',
  },
} satisfies Record<string, Text>;

/**
 * A conversation flow for the booking path: greeting (inbound dynamic variables), service
 * selection with `list_services`, day and time, `check_availability`, one read-back, booking,
 * goodbye; and branches to cancel and to reschedule the caller's appointments. Prompts in German
 * or English; its tools are {@link generateRetellTools}' with `tool_id` set.
 *
 * @param options - the tools' options plus `locale` and `model`.
 * @returns the body of Retell's `conversationFlow.create`.
 * @example
 * ```ts
 * await retell.conversationFlow.create(generateConversationFlow({ baseUrl: 'https://api.example.com' }));
 * ```
 */
export function generateConversationFlow(
  options: GenerateConversationFlowOptions,
): GeneratedConversationFlow {
  const l = options.locale ?? 'de';
  const p = (text: Text) => ({ type: 'prompt' as const, text: text[l] });
  let edgeCount = 0;
  const edge = (prompt: string, to: string): FlowEdge => ({
    id: `edge_${++edgeCount}`,
    transition_condition: { type: 'prompt', prompt },
    destination_node_id: to,
  });
  const talk = (id: string, text: Text, edges: FlowEdge[]): FlowNode => ({
    id,
    type: 'conversation',
    name: id,
    instruction: p(text),
    edges,
  });
  const call = (id: string, tool: RetellToolName, text: Text, edges: FlowEdge[]): FlowNode => ({
    id,
    type: 'function',
    name: id,
    tool_id: tool,
    tool_type: 'local',
    wait_for_result: true,
    speak_during_execution: tool !== 'list_services' && tool !== 'get_customer_appointments',
    instruction: p(text),
    edges,
  });
  const nodes: FlowNode[] = [
    talk('greeting', T.greet, [
      edge('The caller wants to book an appointment', 'service'),
      edge('The caller wants to cancel an appointment', 'cancel_lookup'),
      edge('The caller wants to move an appointment', 'reschedule_lookup'),
    ]),
    talk('service', T.service, [
      edge('The caller asks which services exist', 'list_services'),
      edge('The caller named a service', 'when'),
    ]),
    call('list_services', 'list_services', T.listed, [
      edge('The services were read out', 'service'),
    ]),
    talk('when', T.when, [edge('The caller said a day (and a time)', 'check')]),
    call('check', 'check_availability', T.checked, [
      edge('The wished time is available', 'confirm'),
      edge('The wished time is not available or unclear', 'when'),
    ]),
    talk('confirm', T.confirm, [
      edge('The caller said yes', 'book'),
      edge('The caller wants another day or time', 'when'),
    ]),
    call('book', 'book_appointment', T.booked, [
      edge('The appointment is booked or noted', 'goodbye'),
      edge('The slot was taken meanwhile', 'when'),
    ]),
    call('cancel_lookup', 'get_customer_appointments', T.found, [
      edge('The caller chose an appointment', 'cancel_confirm'),
    ]),
    talk('cancel_confirm', T.cancelConfirm, [
      edge('The caller confirmed the cancellation', 'cancel'),
      edge('The caller does not want to cancel', 'goodbye'),
    ]),
    call('cancel', 'cancel_appointment', T.done, [edge('The result was told', 'goodbye')]),
    call('reschedule_lookup', 'get_customer_appointments', T.found, [
      edge('The caller chose an appointment', 'reschedule_when'),
    ]),
    talk('reschedule_when', T.moveWhen, [
      edge('The caller confirmed the new day and time', 'reschedule'),
    ]),
    call('reschedule', 'reschedule_appointment', T.done, [
      edge('The appointment was moved', 'goodbye'),
      edge('The new time is not available', 'reschedule_when'),
    ]),
    { id: 'goodbye', type: 'end', name: 'goodbye', instruction: p(T.bye) },
  ];
  return {
    model_choice: { type: 'cascading', model: options.model ?? 'gpt-4.1' },
    start_speaker: 'agent',
    start_node_id: 'greeting',
    global_prompt: T.global[l],
    default_dynamic_variables: {
      caller_known: 'false',
      first_name: '',
      upcoming_appointment: '',
      company_name: '',
      current_date: '',
      current_time: '',
    },
    tools: generateRetellTools({ ...options, locale: l }).map((t) => ({ ...t, tool_id: t.name })),
    nodes,
  };
}
