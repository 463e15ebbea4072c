// Store failures (Redis down, PostgreSQL gone) become one typed, retryable error.
import { BookingEngineError, isBookingEngineError } from '../errors.js';

const SAY_STORE = {
  de: 'Entschuldigung, gerade klappt etwas bei uns nicht. Bitte versuchen Sie es gleich noch einmal.',
  en: 'Sorry, something is not working on our side right now. Please try again in a moment.',
} as const;

/**
 * Runs a store operation; anything it throws (other than an engine error) is
 * `E_STORE_UNAVAILABLE`, retryable, with the cause attached.
 * @internal
 */
export async function storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isBookingEngineError(error)) throw error;
    throw new BookingEngineError('E_STORE_UNAVAILABLE', `store ${operation} failed`, true, {
      cause: error,
      say: SAY_STORE,
    });
  }
}

/**
 * Runs a clean-up step whose failure must not hide the real outcome (a lock release, an
 * abandon after an error): failures are swallowed.
 * @internal
 */
export async function bestEffort(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch {
    // The lease expires by itself and an in-progress reservation by its lease.
  }
}
