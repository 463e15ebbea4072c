import type { CalcomFixture } from './fixture.js';

/** The stand-in's operations, used by the fault API and the request log. */
export type CalcomMockOperation =
  | 'slots.find'
  | 'slots.reserve'
  | 'slots.getReservation'
  | 'slots.updateReservation'
  | 'slots.deleteReservation'
  | 'bookings.create'
  | 'bookings.get'
  | 'bookings.list'
  | 'bookings.cancel'
  | 'bookings.reschedule'
  | 'eventTypes.list';

/** The Bearer key the stand-in accepts unless told otherwise. */
export const DEFAULT_MOCK_API_KEY = 'cal_test_voicebook';

/** Options of {@link startCalcomMock}. */
export interface CalcomMockOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Accepted Bearer keys. @default [DEFAULT_MOCK_API_KEY] */
  apiKeys?: string[];
  /** The calendar. @default defaultFixture */
  fixture?: CalcomFixture;
  /** The calendar's clock (bookings, reservations, rate-limit windows). @default () => new Date() */
  now?: () => Date;
  /** Seed of the one PRNG behind latency and error rates: the same seed and requests give the same run. @default 1 */
  seed?: number;
  /**
   * Answer delays. `'realistic'` is the real service: slots 300–800 ms, booking create
   * 500–2000 ms, others 100–400 ms, and 1 % of requests hang for 19 s. Per operation (or `'*'`)
   * a {@link LatencySpec}. The side effect happens first, then the answer waits.
   * @default 'none'
   */
  latency?: 'none' | 'realistic' | LatencyTable;
  /**
   * Cal.com's throttler: per API key (per client address without one) at most `limit` requests
   * per `windowMs`; past it 429 for `blockMs`. Every answer then carries
   * `X-RateLimit-{Limit,Remaining,Reset}-Default` (reset in seconds). `{}` = 120 / 60 s / 60 s.
   * @default false
   */
  rateLimit?: false | RateLimitOptions;
  /** Webhook subscriptions: signed BOOKING_CREATED / CANCELLED / RESCHEDULED deliveries. */
  webhooks?: WebhookSubscription[];
  /**
   * Check every answer before sending it: a 2xx against the operation's schema in Cal.com's
   * OpenAPI document, an error against Cal.com's error bodies (see `ContractValidator`).
   * `'record'` pushes problems to {@link CalcomMock.contractViolations}; `'throw'` also answers
   * 500 instead of a broken 2xx, and makes {@link CalcomMock.close} reject.
   * @default `CALCOM_MOCK_CONTRACT` from the environment if set; else `'throw'` inside a vitest
   * run (`VITEST` set, also inherited by child processes), so every stand-in a suite starts is
   * checked; else `'off'`
   */
  contract?: ContractMode;
  /**
   * Largest request body read; a longer one is answered 413 (`PayloadTooLargeException`) and not
   * buffered. @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * Longest `start`–`end` range `GET /v2/slots` lays out; a longer one is answered 400 like any
   * invalid range, so one query cannot stall the stand-in. @default 400
   */
  maxSlotsRangeDays?: number;
}

/** Options of {@link CalcomMock.setErrorRate}. */
export interface ErrorRateOptions {
  /** Chance (0–1) that a request starts a failure. */
  rate: number;
  /** Statuses drawn from. @default [500, 502, 503, 429] */
  statuses?: number[];
  /** Requests one failure lasts (it and the `burst - 1` after it). @default 1 */
  burst?: number;
}

/** How the stand-in checks its own answers; see {@link CalcomMockOptions.contract}. */
export type ContractMode = 'off' | 'record' | 'throw';

/**
 * The contract mode used when {@link CalcomMockOptions.contract} is not given.
 *
 * @param env - the environment to read `CALCOM_MOCK_CONTRACT` and `VITEST` from.
 * @returns `CALCOM_MOCK_CONTRACT` when it is `off`, `record` or `throw`; else `'throw'` inside vitest and `'off'` outside.
 */
export function defaultContractMode(env: NodeJS.ProcessEnv = process.env): ContractMode {
  const v = env.CALCOM_MOCK_CONTRACT;
  if (v === 'off' || v === 'record' || v === 'throw') return v;
  return env.VITEST ? 'throw' : 'off';
}

/** A latency distribution: uniform in [minMs, maxMs], or `hangMs` with `hangProbability`. */
export interface LatencySpec {
  /** Shortest delay, ms. */
  minMs: number;
  /** Longest delay, ms (delays are drawn uniformly between, seeded). */
  maxMs: number;
  /** Chance (0–1) that a request hangs for `hangMs` instead. @default 0 */
  hangProbability?: number;
  /** How long a hanging request waits before it is answered, ms. @default 19000 */
  hangMs?: number;
}

/** Latency per operation; `'*'` applies to operations not listed. */
export type LatencyTable = Partial<Record<CalcomMockOperation | '*', LatencySpec>>;

/** Options of the stand-in's throttler. */
export interface RateLimitOptions {
  /** Requests allowed per key (or client address) within `windowMs`. @default 120 */
  limit?: number;
  /** Length of the counting window, ms. @default 60000 */
  windowMs?: number;
  /** How long a key is answered 429 once past the limit, ms. @default 60000 */
  blockMs?: number;
}

/** Booking triggers the stand-in sends. */
export type WebhookTrigger = 'BOOKING_CREATED' | 'BOOKING_CANCELLED' | 'BOOKING_RESCHEDULED';

/** Where the stand-in delivers webhooks. */
export interface WebhookSubscription {
  /** Subscriber URL (POST). */
  url: string;
  /** HMAC-SHA256 secret; without one the header says `no-secret-provided`, as Cal.com does. */
  secret?: string;
  /** The triggers delivered to this subscriber. @default all three */
  triggers?: WebhookTrigger[];
}

/** One webhook delivery attempt. */
export interface WebhookDelivery {
  /** The subscriber URL it was posted to. */
  url: string;
  /** The booking trigger delivered. */
  trigger: WebhookTrigger;
  /** HTTP status of the subscriber, or `'error'` when it could not be reached. */
  status: number | 'error';
  /** The exact body sent (what the signature covers). */
  body: string;
  /** The `X-Cal-Signature-256` header sent. */
  signature: string;
}
