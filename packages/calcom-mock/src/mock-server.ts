import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CalcomMock } from './api.js';
import { createContractValidator, type ContractValidator } from './contract.js';
import { defaultFixture } from './fixture.js';
import { createCalendar } from './calendar.js';
import { createFaults } from './faults.js';
import { handle } from './handlers.js';
import { route } from './routes.js';
import { createWebhooks } from './webhooks.js';
import type { BookingOutput, MockRequestRecord } from './outputs.js';
import {
  VERSIONS,
  KNOWN_VERSIONS,
  EXCEPTION,
  HttpFailure,
  createBody,
  THROTTLED,
  zodMessage,
  MAX_BODY_DEPTH,
  nestedDeeper,
  isJsonContentType,
} from './requests.js';
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

  const send = (res: ServerResponse, status: number, payload: unknown): void => {
    const body = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  };

  const sendError = (
    res: ServerResponse,
    operation: CalcomMockOperation | undefined,
    status: number,
    path: string,
    message: string,
  ): void => {
    res.setHeader('X-Request-Id', randomUUID());
    const code = EXCEPTION[status] ?? 'HttpException';
    const payload = {
      status: 'error',
      timestamp: new Date().toISOString(),
      path,
      error: {
        code,
        message,
        details: { message, error: code.replace(/Exception$/, ''), statusCode: status },
      },
    };
    conforms(operation, status, payload);
    send(res, status, payload);
  };

  /** Answers a request that cannot be read or routed: a bare error envelope, never a crash. */
  const refuse = (res: ServerResponse, status: number, path: string, message: string): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(res, undefined, status, path, message);
  };

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

  const onRequest = (req: IncomingMessage, res: ServerResponse, chunks: Buffer[]): void => {
    {
      let url: URL;
      try {
        url = new URL(`http://localhost${req.url ?? '/'}`);
      } catch {
        return refuse(res, 400, '/', 'Bad request: invalid request target');
      }
      const path = url.pathname.replace(/^\/api\/v2\//, '/v2/');
      const method = req.method ?? 'GET';
      const record: MockRequestRecord = { method, path, status: 0, delayMs: 0 };
      requests.push(record);
      let delayMs = 0;
      const later = (send: () => void): void => {
        if (delayMs <= 0) return send();
        const t = setTimeout(() => {
          held.delete(t);
          send();
        }, delayMs);
        held.add(t);
      };
      const reply = (status: number, text: string): void => {
        record.status = status;
        later(() => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
        });
      };
      const fail = (status: number, message: string): void => {
        record.status = status;
        later(() => {
          sendError(res, record.operation, status, url.pathname, message);
        });
      };

      let matched: ReturnType<typeof route>;
      try {
        matched = route(method, path);
      } catch (error) {
        if (error instanceof HttpFailure) return fail(error.status, error.message);
        throw error;
      }
      if (!matched) return fail(404, `Cannot ${method} ${url.pathname}`);
      const operation = matched.operation;
      record.operation = operation;

      const version = req.headers['cal-api-version'];
      if (version !== VERSIONS[operation]) {
        // A missing or unknown version is routed to 2024-04-15 (NOTES.md §1.3). Its legacy
        // bookings controller serves /v2/bookings with another request and response shape and
        // fails on today's (calcom/cal.com#16924): Nest's bare 500, no envelope. Every other
        // route has no controller for that version (or for the wrong one sent): 404.
        const routed =
          typeof version === 'string' && KNOWN_VERSIONS.includes(version) ? version : '2024-04-15';
        if (operation.startsWith('bookings.') && routed === '2024-04-15') {
          record.status = 500;
          res.setHeader('X-Request-Id', randomUUID());
          const payload = { statusCode: 500, message: 'Internal server error' };
          conforms(operation, 500, payload);
          return later(() => {
            send(res, 500, payload);
          });
        }
        return fail(404, `Cannot ${method} ${url.pathname}`);
      }

      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
      if (token !== undefined && !apiKeys.includes(token)) {
        return fail(
          401,
          token.startsWith('cal_')
            ? 'CustomThrottlerGuard - Invalid API Key'
            : 'ApiAuthStrategy - api key - Your api key is not valid',
        );
      }

      // The throttler guard runs before any controller.
      const limited = faults.throttle(token ?? `ip:${req.socket.remoteAddress ?? ''}`);
      if (limited) for (const [k, v] of Object.entries(limited.headers)) res.setHeader(k, v);
      if (limited?.refused) return fail(429, THROTTLED);

      delayMs = faults.delayFor(operation);
      record.delayMs = delayMs;
      const forced = faults.forced(operation);
      if (forced?.body !== undefined) {
        const { status, body: answer } = forced;
        record.status = status;
        return later(() => {
          res.setHeader('X-Request-Id', randomUUID());
          conforms(operation, status, answer);
          send(res, status, answer);
        });
      }
      const injected = forced?.status ?? faults.injectedError(operation);
      if (injected !== undefined) {
        if (injected === 429 && !limited) {
          res.setHeader('X-RateLimit-Limit-Default', '120');
          res.setHeader('X-RateLimit-Remaining-Default', '0');
          res.setHeader('X-RateLimit-Reset-Default', '1');
        }
        return fail(
          injected,
          injected === 429
            ? THROTTLED
            : injected >= 500
              ? 'Internal server error'
              : 'Injected failure',
        );
      }

      let body: unknown;
      if (chunks.length > 0 && isJsonContentType(req.headers['content-type'])) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return fail(400, 'Unexpected token in JSON body');
        }
        if (nestedDeeper(body, MAX_BODY_DEPTH)) {
          return fail(400, `body property is wrong,nested deeper than ${String(MAX_BODY_DEPTH)}`);
        }
      }

      // A write is a transaction: an answer that fails (an error, a contract 500) stores nothing.
      const saved = method === 'GET' ? undefined : cal.snapshot();
      webhooks.begin();
      try {
        const out = handle(
          cal,
          webhooks,
          operation,
          matched.uid,
          url.searchParams,
          body,
          token !== undefined,
        );
        const payload = { status: 'success', data: out.data, ...out.extra };
        const text = JSON.stringify(payload);
        if (!conforms(operation, out.status, payload) && contractMode === 'throw') {
          if (saved) cal.restore(saved);
          return fail(500, 'Stand-in answer breaks the OpenAPI contract');
        }
        webhooks.commit();
        const lose = faults.takeLost(operation);
        if (lose) {
          record.status = -1;
          if (lose.delayMs !== undefined) {
            const t = setTimeout(() => {
              held.delete(t);
              req.socket.destroy();
            }, lose.delayMs);
            held.add(t);
          }
          return; // processed, never answered
        }
        reply(out.status, text);
      } catch (error) {
        if (saved) cal.restore(saved);
        if (error instanceof HttpFailure) return fail(error.status, error.message);
        return fail(500, 'Internal server error');
      } finally {
        webhooks.end();
      }
    }
  };

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
