// Parses BookingEngineOptions once (zod) into the resolved values every step reads.
import { z } from 'zod';
import { BookingEngineError } from '../errors.js';
import type { BookingEngineOptions } from '../engine-api.js';
import { DEFAULT_PREFETCH_DAYS } from '../availability/window.js';

const fn = (message: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { message });

const port = (methods: readonly string[]) =>
  z.custom<object>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      methods.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'),
    { message: `must be an object with the methods ${methods.join(', ')}` },
  );

const positiveMs = z.number().int().positive().max(2_147_483_647);

const schema = z.object({
  tenants: port(['get', 'findByPhoneNumber', 'findByAgentId', 'list', 'onChange']),
  calendar: port([
    'findSlots',
    'createBooking',
    'findBookingByIdempotencyKey',
    'cancelBooking',
    'rescheduleBooking',
    'writesBlocked',
  ]),
  customers: port(['findOrCreateByPhone', 'findByPhone', 'get', 'update']).optional(),
  appointments: port([
    'insert',
    'get',
    'getByIdempotencyKey',
    'getByBookingUid',
    'listByCustomer',
    'listByStatus',
    'transition',
  ]).optional(),
  idempotency: port(['begin', 'finish', 'abandon', 'get']).optional(),
  locks: port(['acquire']).optional(),
  calls: port(['apply', 'get']).optional(),
  now: fn('must be a function returning epoch ms').optional(),
  onEvent: fn('must be a function').optional(),
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE')
    .optional(),
  lockTtlMs: positiveMs.min(100).optional(),
  lockWaitMs: z.number().int().min(0).max(10_000).optional(),
  idempotencyTtlMs: positiveMs.optional(),
  alternativeDays: z.number().int().min(0).max(60).optional(),
  prefetchDays: z.number().int().min(0).max(60).optional(),
});

/** The numbers the engine works with after parsing; see {@link BookingEngineOptions}. */
export interface ResolvedEngineSettings {
  readonly defaultCountry: string;
  readonly lockTtlMs: number;
  readonly idempotencyTtlMs: number;
  readonly alternativeDays: number;
  readonly prefetchDays: number;
  /** How long `book` waits for a held slot lock before treating the slot as taken. */
  readonly lockWaitMs: number;
  /** How long a concurrent duplicate waits for the first request's answer. */
  readonly duplicateWaitMs: number;
}

/**
 * Validates the options; the error names the first bad field.
 * @internal
 * @throws {@link BookingEngineError} `E_CONFIG_INVALID`
 */
export function parseEngineOptions(options: BookingEngineOptions): ResolvedEngineSettings {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(options)';
    throw new BookingEngineError(
      'E_CONFIG_INVALID',
      `booking engine option ${field} is invalid: ${issue?.message ?? 'invalid'}`,
      false,
      { cause: parsed.error },
    );
  }
  const lockTtlMs = parsed.data.lockTtlMs ?? 20_000;
  return {
    defaultCountry: parsed.data.defaultCountry ?? 'DE',
    lockTtlMs,
    idempotencyTtlMs: parsed.data.idempotencyTtlMs ?? 86_400_000,
    alternativeDays: parsed.data.alternativeDays ?? 7,
    prefetchDays: parsed.data.prefetchDays ?? DEFAULT_PREFETCH_DAYS,
    // A voice answer cannot wait for another caller's whole Cal.com create (seconds): a slot
    // another booking holds is answered as taken at once (or after this short bound).
    lockWaitMs: Math.min(parsed.data.lockWaitMs ?? 0, Math.floor(lockTtlMs / 2)),
    duplicateWaitMs: Math.min(3_000, lockTtlMs),
  };
}
