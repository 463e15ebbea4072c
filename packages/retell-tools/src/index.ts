// The public API of @voicebook/retell-tools.
export {
  verifyRetellSignature,
  checkRetellSignature,
  signRetellBody,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_MS,
} from './signature.js';
export type { VerifyRetellSignatureInput, SignatureCheck, SignatureFailure } from './signature.js';
export { createRetellToolHandler } from './tool-handler.js';
export type { RetellToolHandler, RetellToolHandlerOptions, RetellMetrics } from './tool-handler.js';
export type { RetellHttpRequest, RetellHttpResponse } from './http.js';
export { MAX_BODY_BYTES } from './http.js';
export type { IdentitySources } from './identity.js';
export { LateResults } from './notices.js';
export type { LateResult } from './notices.js';
export type { RetellToolsEvent } from './events.js';
export { DEFAULT_TOOL_TIMEOUTS_MS, DEFAULT_TOOL_BUDGETS_MS, BUDGET_MARGIN_MS } from './budgets.js';
export {
  TOOL_SCHEMAS,
  RETELL_TOOL_NAMES,
  GERMAN_ARGUMENT_NAMES,
  parseToolArgs,
  isToolName,
  isYes,
  initializeCallArgs,
  listServicesArgs,
  checkAvailabilityArgs,
  bookAppointmentArgs,
  getCustomerAppointmentsArgs,
  cancelAppointmentArgs,
  rescheduleAppointmentArgs,
  resolveNameArgs,
} from './schemas.js';
export type { RetellToolName, ToolArgs, ParsedArgs } from './schemas.js';
export { encodeNameState, decodeNameState } from './state.js';
export { RETELL_ANSWER_LIMIT, ANSWER_BUDGET, serialiseAnswer } from './answer.js';
export type { ToolAnswer } from './answer.js';
export { createRetellWebhookHandler } from './webhook-handler.js';
export type { RetellWebhookHandlerOptions } from './webhook-handler.js';
export type { InboundAnswerBody } from './inbound.js';
export { generateRetellTools, toolParameters } from './generate.js';
export type { RetellCustomTool, GenerateRetellToolsOptions } from './generate.js';
export { generateConversationFlow } from './flow.js';
export type {
  FlowEdge,
  FlowNode,
  GeneratedConversationFlow,
  GenerateConversationFlowOptions,
} from './flow.js';
