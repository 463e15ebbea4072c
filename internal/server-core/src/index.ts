// The framework-neutral core of the reference servers (private workspace package).
export { loadConfig, ConfigError } from './config.js';
export type { ServerConfig, ConfigErrorCode } from './config.js';
export { createVoicebookApp } from './app.js';
export type { VoicebookApp, VoicebookAppOptions, AppMode, AppLogger } from './app.js';
export {
  VOICEBOOK_ROUTES,
  BODY_LIMIT_BYTES,
  PAYLOAD_TOO_LARGE,
  INTERNAL_ERROR,
  serializeBody,
  timed,
} from './http.js';
export type { CoreRequest, CoreResponse, CoreHandler, RouteName, RouteSpec } from './http.js';
export {
  createLogger,
  loggerOptions,
  scrubPhoneNumbers,
  safeSerializers,
  REDACT_PATHS,
} from './logger.js';
export { createCalcomWebhookHandler } from './calcom-webhook.js';
export type { CalcomWebhookHandlerOptions } from './calcom-webhook.js';
export { checkReadiness, httpProbe } from './readiness.js';
export type {
  ReadinessReport,
  ReadinessInputs,
  DependencyCheck,
  BreakerStates,
  Probe,
} from './readiness.js';
export { CalendarClients } from './calendar-clients.js';
export { onShutdownSignal, closeIdleWhileClosing } from './shutdown.js';
export type { Stoppable, ShutdownOptions } from './shutdown.js';
export { startServer } from './start.js';
export type { RunningServer, ServerFactory } from './start.js';
