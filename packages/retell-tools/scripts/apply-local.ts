/**
 * Applies the generated agent configuration through the real `retell-sdk` client, pointed at a
 * local HTTP server that records what the SDK sends (no network, no Retell account):
 * `generateRetellTools` as a Retell LLM's `general_tools`, then `generateConversationFlow` as a
 * conversation flow. Run: `pnpm apply:local [de|en] [https://your.host]`.
 *
 * Point `baseURL` at `https://api.retellai.com` and use a real key to apply the same objects for
 * real; the test suite runs {@link applyThroughRetellSdk} and compares the recorded bodies with
 * the generated objects.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Retell } from 'retell-sdk';
import { generateConversationFlow, generateRetellTools } from '../src/index.js';

/** One request the SDK sent. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** What {@link applyThroughRetellSdk} sent and got back. */
export interface AppliedConfiguration {
  readonly tools: ReturnType<typeof generateRetellTools>;
  readonly flow: ReturnType<typeof generateConversationFlow>;
  readonly requests: readonly RecordedRequest[];
  readonly llmId: string;
  readonly conversationFlowId: string;
}

function record(requests: RecordedRequest[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      });
      // Just enough of Retell's answers for the SDK to return.
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ llm_id: 'llm_local', conversation_flow_id: 'cf_local', version: 0 }));
    });
  };
}

/**
 * Generates the tools and the flow for `toolsBaseUrl` and sends both through `retell-sdk` to a
 * recording server on 127.0.0.1.
 *
 * @param options - where the tools are served, the prompts' language and the API key to send.
 * @returns the generated objects, the recorded requests and the ids the SDK returned.
 */
export async function applyThroughRetellSdk(options: {
  readonly toolsBaseUrl: string;
  readonly locale?: 'de' | 'en' | undefined;
  readonly apiKey?: string | undefined;
}): Promise<AppliedConfiguration> {
  const requests: RecordedRequest[] = [];
  const server = createServer(record(requests));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const retell = new Retell({
      apiKey: options.apiKey ?? 'key_local',
      baseURL: `http://127.0.0.1:${port}`,
      maxRetries: 0,
    });
    const tools = generateRetellTools({ baseUrl: options.toolsBaseUrl });
    const flow = generateConversationFlow({
      baseUrl: options.toolsBaseUrl,
      locale: options.locale,
    });
    const llm = await retell.llm.create({
      general_prompt: flow.global_prompt,
      general_tools: tools,
    });
    const created = await retell.conversationFlow.create(flow);
    return {
      tools,
      flow,
      requests,
      llmId: llm.llm_id,
      conversationFlowId: created.conversation_flow_id,
    };
  } finally {
    server.close();
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const locale = process.argv[2] === 'en' ? 'en' : 'de';
  const toolsBaseUrl = process.argv[3] ?? 'https://voicebook.example.com/retell/tools';
  const applied = await applyThroughRetellSdk({ toolsBaseUrl, locale });
  for (const r of applied.requests) {
    console.log(`${r.method} ${r.url} (${JSON.stringify(r.body).length} bytes of JSON)`);
  }
  console.log(
    `${applied.tools.length} tools, ${applied.flow.nodes.length} flow nodes (${locale}); ` +
      `the SDK returned ${applied.llmId} and ${applied.conversationFlowId}`,
  );
}
