import type { BookingOutput, MockRequestRecord } from './outputs.js';
import type {
  CalcomMockOperation,
  ErrorRateOptions,
  LatencySpec,
  WebhookSubscription,
  WebhookDelivery,
} from './types.js';

/** A running stand-in. */
export interface CalcomMock {
  /** `http://127.0.0.1:<port>`: pass as the client's `baseUrl`. */
  readonly url: string;
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** The first accepted key. */
  readonly apiKey: string;
  /** Requests received so far. */
  readonly requests: readonly MockRequestRecord[];
  /**
   * The next `count` requests to `operation` answer `status` with the real envelope and no side
   * effect. With `body`, that JSON is sent instead of the envelope, as it is (to see how a client
   * copes with a malformed error); the contract check records it like every answer, so with
   * `contract: 'throw'` a non-conforming `body` makes {@link CalcomMock.close} reject.
   */
  failNext(
    operation: CalcomMockOperation,
    options?: { status?: number; count?: number; body?: unknown },
  ): void;
  /** The next request to `operation` is processed (a booking IS stored) but its response is never sent. */
  loseNextResponse(operation: CalcomMockOperation, options?: { delayMs?: number }): void;
  /** Every booking, all statuses. */
  bookings(): BookingOutput[];
  /**
   * Books as if on Cal.com's own booking page (not through the API under test): same rules,
   * fires BOOKING_CREATED. For "booking made elsewhere" tests. Throws when the slot is not free.
   */
  bookElsewhere(input: {
    eventTypeId: number;
    /** ISO instant. */
    start: string;
    attendee: { name: string; email: string; timeZone: string };
  }): BookingOutput;
  /** Replaces the latency of `operation` (or of every operation not set, with `'*'`). */
  setLatency(operation: CalcomMockOperation | '*', spec: LatencySpec | 'none'): void;
  /**
   * From now on, a seeded share `rate` (0–1) of requests to `operation` (or all, `'*'`) fail
   * with one of `statuses` (default 500, 502, 503, 429), without side effect. With `burst: n`
   * each drawn failure starts a burst: it and the next `n - 1` requests fail with the same
   * status, as an outage does. `rate: 0` clears.
   */
  setErrorRate(operation: CalcomMockOperation | '*', options: ErrorRateOptions): void;
  /** Adds a webhook subscription. */
  addWebhook(subscription: WebhookSubscription): void;
  /** Deliveries so far (settled ones). */
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves when every delivery started so far has settled. */
  flushWebhooks(): Promise<void>;
  /** Problems found by the contract check, in order (empty with `contract: 'off'`). */
  readonly contractViolations: ReadonlyArray<{
    /** `undefined` for a path the stand-in does not serve. */
    operation: CalcomMockOperation | undefined;
    /** The status of the answer that broke the contract. */
    status: number;
    /** What in the answer does not match Cal.com's OpenAPI document, one line each. */
    errors: string[];
  }>;
  /** Restores the fixture's calendar and clears faults, the request log and contract problems. */
  reset(): void;
  /**
   * Stops the server, cutting held connections. With `contract: 'throw'` it rejects (after
   * stopping) when any answer broke the contract, listing the problems.
   */
  close(): Promise<void>;
}
