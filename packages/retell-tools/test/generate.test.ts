import type { ConversationFlowCreateParams } from 'retell-sdk/resources/conversation-flow';
import type { LlmCreateParams } from 'retell-sdk/resources/llm';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_MARGIN_MS,
  DEFAULT_TOOL_BUDGETS_MS,
  RETELL_TOOL_NAMES,
  generateConversationFlow,
  generateRetellTools,
  parseToolArgs,
} from '../src/index.js';
import { applyThroughRetellSdk } from '../scripts/apply-local.js';

const baseUrl = 'https://api.example.com/';

describe('generateRetellTools', () => {
  it('emits one custom tool per tool with parameters from the zod schemas', () => {
    const tools = generateRetellTools({ baseUrl, timeouts: { book_appointment: 20_000 } });
    expect(tools.map((t) => t.name)).toEqual(RETELL_TOOL_NAMES);
    const book = tools.find((t) => t.name === 'book_appointment');
    expect(book?.url).toBe('https://api.example.com/retell/tools/book_appointment');
    expect(book?.timeout_ms).toBe(20_000);
    expect(book?.parameters.required).toEqual(['service', 'date', 'time', 'confirmed']);
    expect(Object.keys(book?.parameters.properties ?? {})).toContain('customer_name');
    expect(tools.find((t) => t.name === 'initialize_call')?.parameters.required).toBeUndefined();
  });

  it('every required parameter is one the handler needs (an example built from them parses)', () => {
    for (const tool of generateRetellTools({ baseUrl })) {
      const args = Object.fromEntries(
        (tool.parameters.required ?? []).map((k) => [k, k === 'confirmed' ? true : 'morgen']),
      );
      expect(parseToolArgs(tool.name, args).ok).toBe(true);
      const [first, ...rest] = tool.parameters.required ?? [];
      if (first !== undefined) {
        const missingOne = Object.fromEntries(
          Object.entries(args).filter(([k]) => rest.includes(k)),
        );
        expect(parseToolArgs(tool.name, missingOne).ok).toBe(false);
      }
    }
  });

  it('gives every tool a timeout_ms that leaves the handler budget plus the margin', () => {
    for (const tool of generateRetellTools({ baseUrl })) {
      expect(tool.timeout_ms - DEFAULT_TOOL_BUDGETS_MS[tool.name]).toBeGreaterThanOrEqual(
        BUDGET_MARGIN_MS,
      );
      expect(DEFAULT_TOOL_BUDGETS_MS[tool.name]).toBeGreaterThan(1_000);
    }
  });

  it('type-checks against retell-sdk request types', () => {
    const general: NonNullable<LlmCreateParams['general_tools']> = generateRetellTools({ baseUrl });
    const flow: ConversationFlowCreateParams = generateConversationFlow({ baseUrl, locale: 'en' });
    expect(general).toHaveLength(RETELL_TOOL_NAMES.length);
    expect(flow.nodes.length).toBeGreaterThan(10);
  });
});

describe('generateConversationFlow', () => {
  it('covers the booking path with one confirmation and the cancel and reschedule branches', () => {
    const flow = generateConversationFlow({ baseUrl });
    const ids = new Set(flow.nodes.map((n) => n.id));
    for (const node of flow.nodes) {
      if (node.type === 'end') continue;
      for (const e of node.edges) expect(ids.has(e.destination_node_id)).toBe(true);
      if (node.type === 'function')
        expect(flow.tools.some((t) => t.tool_id === node.tool_id)).toBe(true);
    }
    const tools = flow.nodes.flatMap((n) => (n.type === 'function' ? [n.tool_id] : []));
    expect(tools.filter((t) => t === 'book_appointment')).toHaveLength(1);
    expect(tools).toEqual(
      expect.arrayContaining([
        'list_services',
        'check_availability',
        'cancel_appointment',
        'reschedule_appointment',
      ]),
    );
    expect(
      flow.nodes.filter((n) => n.id.includes('confirm') && !n.id.startsWith('cancel')),
    ).toHaveLength(1);
  });

  it('writes German or English prompts', () => {
    expect(generateConversationFlow({ baseUrl }).global_prompt).toContain('Termin');
    expect(generateConversationFlow({ baseUrl, locale: 'en' }).global_prompt).toContain(
      'appointment',
    );
  });
});

describe('applied through the real retell-sdk client', () => {
  it('sends the generated objects unchanged to a recording server (scripts/apply-local.ts)', async () => {
    for (const locale of ['de', 'en'] as const) {
      const applied = await applyThroughRetellSdk({
        toolsBaseUrl: baseUrl,
        locale,
        apiKey: 'key_test',
      });
      const seen = applied.requests;
      expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        'POST /create-retell-llm',
        'POST /create-conversation-flow',
      ]);
      expect(seen[0]?.authorization).toBe('Bearer key_test');
      expect((seen[0]?.body as { general_tools: unknown }).general_tools).toEqual(
        JSON.parse(JSON.stringify(applied.tools)),
      );
      expect(applied.tools).toEqual(generateRetellTools({ baseUrl }));
      expect(seen[1]?.body).toEqual(
        JSON.parse(JSON.stringify(generateConversationFlow({ baseUrl, locale }))),
      );
      expect(applied).toMatchObject({ llmId: 'llm_local', conversationFlowId: 'cf_local' });
    }
  });
});
