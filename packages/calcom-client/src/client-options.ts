import { z } from 'zod';
import type { InvalidationScope } from './cache/tags.js';
import { MAX_TIMER_MS } from './internal/signals.js';
import { OPERATIONS, type CalcomOperation } from './operations.js';

// The parser of the client's options (`CalcomClientOptions`, declared with the client).

/** @internal */
export const optionsSchema = z.object({
  apiKey: z.string().min(1, 'must not be empty'),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  fetch: z.custom<typeof fetch>((v) => typeof v === 'function', 'must be a function').optional(),
  timeouts: z
    .partialRecord(
      z.enum(Object.keys(OPERATIONS) as [CalcomOperation, ...CalcomOperation[]]),
      z.union([
        z.number().int().positive().max(MAX_TIMER_MS),
        z.array(z.number().int().positive().max(MAX_TIMER_MS)).min(1),
      ]),
    )
    .optional(),
  deadlines: z
    .partialRecord(
      z.enum(Object.keys(OPERATIONS) as [CalcomOperation, ...CalcomOperation[]]),
      z.number().int().positive().max(MAX_TIMER_MS),
    )
    .optional(),
  retry: z
    .strictObject({
      attempts: z
        .partialRecord(
          z.enum(Object.keys(OPERATIONS) as [CalcomOperation, ...CalcomOperation[]]),
          z.number().int().min(1).max(10),
        )
        .optional(),
      initialDelayMs: z.number().int().min(0).optional(),
      maxDelayMs: z.number().int().min(0).optional(),
      maxRateLimitWaitMs: z.number().int().min(0).optional(),
    })
    .optional(),
  breaker: z.unknown().optional(),
  cache: z.unknown().optional(),
  invalidation: z
    .strictObject({
      scope: z
        .union([
          z.literal('account'),
          z.literal('event-type'),
          z.custom<InvalidationScope>((v) => typeof v === 'function', 'must be a function'),
        ])
        .optional(),
    })
    .optional(),
  idempotencyMetadataKey: z.string().min(1).max(40).optional(),
  onEvent: z.custom<(e: unknown) => void>((v) => typeof v === 'function').optional(),
});

/** The options as {@link optionsSchema} parsed them. @internal */
export type ParsedOptions = z.infer<typeof optionsSchema>;

/**
 * The API root the request paths (`v2/...`) are relative to: `baseUrl` without trailing slashes
 * and without a trailing `/v2`, so that `https://api.cal.com/v2` (as Cal.com documents its base
 * URL) and `https://api.cal.com` both work.
 * @internal
 */
export function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v2$/i, '');
}
