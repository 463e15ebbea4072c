import type { BookingEngine } from '@voicebook/booking-engine';
import {
  LateResults,
  createRetellToolHandler,
  createRetellWebhookHandler,
  type RetellToolsEvent,
} from '@voicebook/retell-tools';
import type { SloMetrics } from '@voicebook/slo-metrics';
import type { ServerConfig } from './config.js';
import type { CoreHandler, CoreRequest } from './http.js';

/** The three signed Retell routes. */
export interface RetellHandlers {
  readonly tools: CoreHandler;
  readonly webhook: CoreHandler;
  readonly inbound: CoreHandler;
}

/**
 * The retell-tools handlers for a configuration. A tool named in the path
 * (`/retell/tools/:name`) is passed on as the tool name, for tools configured with
 * `args_at_root` whose body carries no name. Call webhooks and the inbound webhook share one
 * handler (it tells them apart by `event`) and the tool handler's late results.
 *
 * @param deps - Configuration, engine, metrics, clock, event sink.
 * @returns The handlers.
 */
export function createRetellHandlers(deps: {
  config: ServerConfig;
  engine: BookingEngine;
  metrics: SloMetrics;
  now: () => number;
  onEvent?: ((event: RetellToolsEvent) => void) | undefined;
}): RetellHandlers {
  const common = {
    apiKey: deps.config.retellApiKey,
    engine: deps.engine,
    metrics: deps.metrics,
    now: deps.now,
    lateResults: new LateResults(),
    onEvent: deps.onEvent,
    tenantHeader: deps.config.tenantHeader,
  };
  const tool = createRetellToolHandler(common);
  const webhook = createRetellWebhookHandler(common);
  const forward = (request: CoreRequest) =>
    webhook({ method: request.method, headers: request.headers, rawBody: request.rawBody });
  return {
    tools: (request) =>
      tool({
        method: request.method,
        headers: request.headers,
        rawBody: request.rawBody,
        toolName: request.params?.name,
      }),
    webhook: forward,
    inbound: forward,
  };
}
