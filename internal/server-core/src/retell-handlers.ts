import type { BookingEngine } from '@voicebook/booking-engine';
import {
  createRetellInboundHandler,
  createRetellToolHandler,
  createRetellWebhookHandler,
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
 * `args_at_root` whose body carries no name.
 *
 * @param deps - Configuration, engine, metrics, clock.
 * @returns The handlers.
 */
export function createRetellHandlers(deps: {
  config: ServerConfig;
  engine: BookingEngine;
  metrics: SloMetrics;
  now: () => number;
}): RetellHandlers {
  const common = {
    apiKey: deps.config.retellApiKey,
    engine: deps.engine,
    metrics: deps.metrics,
    now: deps.now,
    ...(deps.config.tenantHeader === undefined ? {} : { tenantHeader: deps.config.tenantHeader }),
  };
  const tool = createRetellToolHandler(common);
  const webhook = createRetellWebhookHandler(common);
  const inbound = createRetellInboundHandler(common);
  return {
    tools: (request: CoreRequest) =>
      tool({
        method: request.method,
        headers: request.headers,
        rawBody: request.rawBody,
        ...(request.params?.name === undefined ? {} : { toolName: request.params.name }),
      }),
    webhook: (request) => webhook(request),
    inbound: (request) => inbound(request),
  };
}
