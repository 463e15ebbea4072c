import { isCalcomError } from '@voicebook/calcom-client';
import { CalendarError, type CalendarErrorKind } from '../ports/calendar-provider.js';

/** Whether an operation changes the calendar (then a lost answer means "maybe done"). */
type OperationKind = 'read' | 'write';

// By code, not by class: the guard still works when two copies of calcom-client are loaded.
const KIND_BY_CODE: Readonly<Record<string, CalendarErrorKind>> = {
  E_SLOT_UNAVAILABLE: 'slot-unavailable',
  E_CALCOM_TIMEOUT: 'unavailable',
  E_CALCOM_NETWORK: 'unavailable',
  E_CALCOM_UPSTREAM: 'unavailable',
  E_CALCOM_RATE_LIMITED: 'unavailable',
  E_CIRCUIT_OPEN: 'unavailable',
  E_BOOKING_OUTCOME_UNKNOWN: 'outcome-unknown',
  E_CALCOM_NOT_FOUND: 'not-found',
  E_BOOKING_STATE: 'state',
  E_CALCOM_INVALID_INPUT: 'invalid',
  E_CALCOM_CONFIG: 'invalid',
  E_RESILIENCE_CONFIG: 'invalid',
  // A wrong or revoked API key and any other refused request are configuration faults.
  E_CALCOM_UNAUTHORIZED: 'invalid',
  E_CALCOM_HTTP: 'invalid',
};

/**
 * Maps anything calcom-client throws to a {@link CalendarError}, keeping it as `cause`. An answer
 * that broke Cal.com's schema, or a call the caller aborted, leaves a write's outcome open
 * (`'outcome-unknown'`) and a read merely failed (`'unavailable'`).
 * @internal
 */
export function toCalendarError(
  error: unknown,
  operation: string,
  kind: OperationKind,
): CalendarError {
  if (error instanceof CalendarError) return error;
  const code = isCalcomError(error) ? error.code : undefined;
  let mapped: CalendarErrorKind | undefined = code === undefined ? undefined : KIND_BY_CODE[code];
  if (mapped === undefined) {
    const uncertain = code === 'E_CALCOM_CONTRACT' || code === 'E_CALCOM_ABORTED';
    mapped = uncertain && kind === 'write' ? 'outcome-unknown' : 'unavailable';
  }
  return new CalendarError(mapped, `Cal.com ${operation} failed (${code ?? 'unexpected error'})`, {
    cause: error,
  });
}
