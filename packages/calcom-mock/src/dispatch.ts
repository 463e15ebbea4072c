import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Calendar } from './calendar.js';
import type { Faults } from './faults.js';
import { handle } from './handlers.js';
import type { MockRequestRecord } from './outputs.js';
import {
  EXCEPTION,
  HttpFailure,
  KNOWN_VERSIONS,
  MAX_BODY_DEPTH,
  THROTTLED,
  VERSIONS,
  isJsonContentType,
  nestedDeeper,
} from './requests.js';
import { route } from './routes.js';
import type { CalcomMockOperation, ContractMode } from './types.js';
import type { Webhooks } from './webhooks.js';

// One request through the stand-in, in Cal.com's order: route, API version, API key, throttler,
// injected faults, body, then the operation as a transaction (nothing stored when its answer
// fails), its webhooks once the answer commits, and the (possibly delayed or lost) answer.

/** What the dispatcher works on. */
export interface DispatchDeps {
  readonly cal: Calendar;
  readonly faults: Faults;
  readonly webhooks: Webhooks;
  readonly requests: MockRequestRecord[];
  readonly held: Set<ReturnType<typeof setTimeout>>;
  readonly apiKeys: readonly string[];
  readonly contractMode: ContractMode;
  /** Checks one answer against the contract; whether it conforms. */
  readonly conforms: (
    operation: CalcomMockOperation | undefined,
    status: number,
    payload: unknown,
  ) => boolean;
}

/** The request handler of the stand-in (and `refuse` for what cannot be read). */
export function createDispatch(deps: DispatchDeps) {
  const { cal, faults, webhooks, requests, held, apiKeys, contractMode, conforms } = deps;

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

  return { onRequest, refuse };
}
