import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CalcomMock } from './api.js';
import { createContractValidator, type ContractValidator } from './contract.js';
import { defaultFixture } from './fixture.js';
import { createCalendar } from './calendar.js';
import { createFaults } from './faults.js';
import { createDispatch } from './dispatch.js';
import { createWebhooks } from './webhooks.js';
import type { BookingOutput, MockRequestRecord } from './outputs.js';
import { HttpFailure, createBody, zodMessage } from './requests.js';
import {
  DEFAULT_MOCK_API_KEY,
  defaultContractMode,
  type CalcomMockOperation,
  type CalcomMockOptions,
} from './types.js';

export type { CalcomMock } from './api.js';
export type { BookingOutput, MockRequestRecord, ReservationOutput } from './outputs.js';
export { DEFAULT_MOCK_API_KEY, defaultContractMode } from './types.js';
export type {
  CalcomMockOperation,
  CalcomMockOptions,
  ContractMode,
  ErrorRateOptions,
  LatencySpec,
  LatencyTable,
  RateLimitOptions,
  WebhookDelivery,
  WebhookSubscription,
  WebhookTrigger,
} from './types.js';

// Compiling the document's schemas takes a while; every stand-in of a process shares one.
let sharedContract: ContractValidator | undefined;

/**
 * Starts a local Cal.com API v2 stand-in on 127.0.0.1.
 *
 * @param options - port, fixture, clock, faults, webhooks and the contract check; every field optional.
 * @returns the running stand-in, once it listens; `close()` stops it.
 * @throws Node's listen error (e.g. `EADDRINUSE`) when the port cannot be bound.
 * @example
 * ```ts
 * const mock = await startCalcomMock({ port: 0 });
 * const res = await fetch(`${mock.url}/v2/event-types?username=salon-demo`, {
 *   headers: { 'cal-api-version': '2024-06-14' },
 * });
 * await mock.close();
 * ```
 */
export async function startCalcomMock(options: CalcomMockOptions = {}): Promise<CalcomMock> {
  const fixture = options.fixture ?? defaultFixture;
  const apiKeys = options.apiKeys ?? [DEFAULT_MOCK_API_KEY];
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const maxRangeDays = options.maxSlotsRangeDays ?? 400;
  const requests: MockRequestRecord[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<ReturnType<typeof setTimeout>>();
  const cal = createCalendar(fixture, now, maxRangeDays);
  const faults = createFaults(options, now);
  const webhooks = createWebhooks(fixture, now, options.webhooks ?? []);
  const contractMode = options.contract ?? defaultContractMode();
  const contract: ContractValidator | undefined =
    contractMode === 'off' ? undefined : (sharedContract ??= createContractValidator());
  const contractViolations: Array<{
    operation: CalcomMockOperation | undefined;
    status: number;
    errors: string[];
  }> = [];
  /** Checks one answer; returns whether it conforms (always `true` with the check off). */
  const conforms = (
    operation: CalcomMockOperation | undefined,
    status: number,
    payload: unknown,
  ): boolean => {
    if (!contract) return true;
    const errors = contract.validate(operation, status, JSON.parse(JSON.stringify(payload)));
    if (errors.length === 0) return true;
    contractViolations.push({ operation, status, errors });
    return false;
  };

  const { onRequest, refuse } = createDispatch({
    cal,
    faults,
    webhooks,
    requests,
    held,
    apiKeys,
    contractMode,
    conforms,
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      if (tooLarge) return;
      size += c.length;
      if (size <= maxBodyBytes) {
        chunks.push(c);
        return;
      }
      tooLarge = true;
      chunks.length = 0;
      res.setHeader('connection', 'close');
      refuse(res, 413, req.url ?? '/', 'request entity too large');
      res.once('finish', () => req.destroy());
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (tooLarge) return;
      try {
        onRequest(req, res, chunks);
      } catch {
        refuse(res, 500, '/', 'Internal server error');
      }
    });
  });

  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    apiKey: apiKeys[0] ?? DEFAULT_MOCK_API_KEY,
    requests,
    failNext(operation, { status = 500, count = 1, body } = {}) {
      faults.failNext(operation, status, count, body);
    },
    loseNextResponse(operation, opts = {}) {
      faults.loseNext(operation, opts);
    },
    bookings: () => cal.bookings.map((b) => structuredClone(b)),
    bookElsewhere(input) {
      const r = createBody.safeParse(input);
      if (!r.success) throw new Error(`bookElsewhere: ${zodMessage(r.error)}`);
      let booking: BookingOutput;
      try {
        booking = cal.createBooking(r.data);
      } catch (error) {
        if (error instanceof HttpFailure) throw new Error(`bookElsewhere: ${error.message}`);
        throw error;
      }
      webhooks.fire('BOOKING_CREATED', booking);
      return structuredClone(booking);
    },
    setLatency(operation, spec) {
      faults.setLatency(operation, spec);
    },
    setErrorRate(operation, rate) {
      faults.setErrorRate(operation, rate);
    },
    addWebhook(subscription) {
      webhooks.add(subscription);
    },
    webhookDeliveries: () => webhooks.deliveries(),
    flushWebhooks: () => webhooks.flush(),
    contractViolations,
    reset() {
      faults.reset();
      cal.reservations.clear();
      requests.length = 0;
      webhooks.reset();
      contractViolations.length = 0;
      cal.seed();
    },
    async close() {
      for (const t of held) clearTimeout(t);
      held.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (contractMode === 'throw' && contractViolations.length > 0) {
        const list = contractViolations
          .map((v) => `${v.operation ?? '(no route)'} ${String(v.status)}: ${v.errors.join('; ')}`)
          .join('\n');
        throw new Error(`calcom-mock answered outside the OpenAPI contract:\n${list}`);
      }
    },
  };
}
