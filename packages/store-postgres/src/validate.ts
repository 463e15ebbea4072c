import { BookingEngineError } from '@voicebook/booking-engine';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Limits on what a store accepts; longer input is refused before it reaches SQL. @internal */
export const LIMITS = { id: 200, name: 300, email: 320, text: 2000 } as const;

function invalid(field: string, why: string): BookingEngineError {
  return new BookingEngineError('E_INVALID_INPUT', `${field}: ${why}`, false);
}

/** @internal */
export function checkText(field: string, value: string | undefined, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.length > max) throw invalid(field, `longer than ${max} characters`);
  // PostgreSQL text cannot hold NUL; refuse it here with a clear error instead of SQLSTATE 22021.
  if (value.includes('\u0000')) throw invalid(field, 'contains a NUL character');
}

/** @internal */
export function checkId(field: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0)
    throw invalid(field, 'must be a non-empty string');
  checkText(field, value, LIMITS.id);
}

/** @internal */
export function checkPhone(phone: string): void {
  if (typeof phone !== 'string' || !E164.test(phone))
    throw invalid('phone', 'must be E.164 (+49…)');
}
