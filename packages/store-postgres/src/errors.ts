import { BookingEngineError, isBookingEngineError } from '@voicebook/booking-engine';

/** SQLSTATE classes and codes that mean "try again": the database, not the request, failed. */
const RETRYABLE_STATES = new Set(['57014', '57P01', '57P02', '57P03', '40001', '40P01', '53300']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

interface DriverError {
  code?: unknown;
  message?: unknown;
}

/**
 * Maps a node-postgres error to the engine's typed errors: connection loss, timeouts and
 * serialisation failures are `E_STORE_UNAVAILABLE` (retryable); data exceptions (SQLSTATE
 * class 22, e.g. a NUL byte in text) are `E_INVALID_INPUT`. Messages carry codes, never values.
 * @internal
 */
export function toStoreError(error: unknown): BookingEngineError {
  if (isBookingEngineError(error)) return error;
  const { code, message } = (
    typeof error === 'object' && error !== null ? error : {}
  ) as DriverError;
  const state = typeof code === 'string' ? code : '';
  if (state.startsWith('22')) {
    return new BookingEngineError(
      'E_INVALID_INPUT',
      `PostgreSQL refused a value (SQLSTATE ${state})`,
      false,
      {
        cause: error,
      },
    );
  }
  const text = typeof message === 'string' ? message : '';
  const retryable =
    RETRYABLE_STATES.has(state) ||
    state.startsWith('08') ||
    NETWORK_CODES.has(state) ||
    /timeout|terminated|Connection|connect/i.test(text);
  const what = state ? `SQLSTATE ${state}` : 'no answer';
  return new BookingEngineError(
    'E_STORE_UNAVAILABLE',
    `PostgreSQL store failed (${what})`,
    retryable,
    {
      cause: error,
    },
  );
}
