import { BookingEngineError } from '../errors.js';
import { CalendarError } from '../ports/calendar-provider.js';

const SAY_UNAVAILABLE = {
  de: 'Ich erreiche den Kalender gerade nicht. Bitte versuchen Sie es gleich noch einmal.',
  en: 'I cannot reach the calendar right now. Please try again in a moment.',
};

const SAY_BROKEN = {
  de: 'Ich kann den Kalender gerade leider nicht abfragen.',
  en: 'Sorry, I cannot check the calendar right now.',
};

/**
 * A failed calendar read as the engine's error: Cal.com unreachable (or anything unexpected) is
 * `E_CALENDAR_UNAVAILABLE` (retryable); an unknown event type, bad input or a refused API key is
 * the tenant's configuration, `E_CONFIG_INVALID`. The cause is kept; both carry a spoken reason.
 * @internal
 */
export function calendarReadFailure(error: unknown, operation: string): BookingEngineError {
  const kind = error instanceof CalendarError ? error.kind : 'unavailable';
  if (kind === 'not-found' || kind === 'invalid') {
    return new BookingEngineError(
      'E_CONFIG_INVALID',
      `${operation}: the calendar refused the query (${kind}); check the tenant's calendar settings`,
      false,
      { cause: error, say: SAY_BROKEN },
    );
  }
  return new BookingEngineError(
    'E_CALENDAR_UNAVAILABLE',
    `${operation}: the calendar is unavailable`,
    true,
    { cause: error, say: SAY_UNAVAILABLE },
  );
}
