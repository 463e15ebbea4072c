import { CalcomError } from './base.js';
import type { CalcomOperation } from '../operations.js';

/**
 * Invalid options passed to {@link createCalcomClient}; `field` names the option.
 *
 * @example
 * ```ts
 * createCalcomClient({ apiKey: '' }); // throws CalcomConfigError, field 'apiKey'
 * ```
 */
export class CalcomConfigError extends CalcomError {
  /** Always `'CalcomConfigError'`. */
  override name = 'CalcomConfigError';
  /** Dotted path of the invalid option. */
  readonly field: string;
  constructor(field: string, message: string) {
    super('E_CALCOM_CONFIG', `Invalid option "${field}": ${message}`, { retryable: false });
    this.field = field;
  }
}

/** One problem with an input, from {@link CalcomValidationError.issues}. */
export interface InputIssue {
  /** Dotted path of the field, e.g. `attendee.timeZone`. */
  readonly field: string;
  /** What is wrong with it. */
  readonly message: string;
}

/**
 * The input of a call was rejected before anything was sent to Cal.com (an invalid date, an empty
 * attendee name, an unknown time zone…). `field` names the first bad field; `issues` lists all.
 *
 * @example
 * ```ts
 * await client.bookings.create({ ...input, attendee: { ...input.attendee, name: ' ' } });
 * // CalcomValidationError: bookings.create: attendee.name must not be empty
 * ```
 */
export class CalcomValidationError extends CalcomError {
  /** Always `'CalcomValidationError'`. */
  override name = 'CalcomValidationError';
  /** Dotted path of the first invalid field. */
  readonly field: string;
  /** Every problem found. */
  readonly issues: readonly InputIssue[];
  constructor(operation: CalcomOperation, issues: readonly InputIssue[]) {
    const first = issues[0] ?? { field: '(input)', message: 'is invalid' };
    super('E_CALCOM_INVALID_INPUT', `${operation}: ${first.field} ${first.message}`, {
      retryable: false,
      operation,
    });
    this.field = first.field;
    this.issues = issues;
  }
}
