import type { RetellToolName } from './schemas.js';

/**
 * The `timeout_ms` {@link generateRetellTools} sets on each tool: Retell gives up after it
 * (allowed 1,000–600,000 ms).
 */
export const DEFAULT_TOOL_TIMEOUTS_MS: Readonly<Record<RetellToolName, number>> = {
  initialize_call: 5_000,
  list_services: 5_000,
  check_availability: 8_000,
  book_appointment: 15_000,
  get_customer_appointments: 5_000,
  cancel_appointment: 10_000,
  reschedule_appointment: 12_000,
  resolve_name: 4_000,
};

/** Time kept free between the handler's answer and Retell's timeout (network, retries). */
export const BUDGET_MARGIN_MS = 1_500;

/**
 * Each tool's answer budget: its default timeout less {@link BUDGET_MARGIN_MS}. After it the
 * handler answers with a spoken fallback and lets the work finish behind the answer.
 */
export const DEFAULT_TOOL_BUDGETS_MS: Readonly<Record<RetellToolName, number>> = Object.fromEntries(
  Object.entries(DEFAULT_TOOL_TIMEOUTS_MS).map(([tool, ms]) => [tool, ms - BUDGET_MARGIN_MS]),
) as Record<RetellToolName, number>;
