import { createHmac } from 'node:crypto';
import { sign } from 'retell-sdk';

/** What one request to a server answered, with its timings. */
export interface TimedAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  /** Round trip as the client saw it. */
  readonly rttMs: number;
  /** The core's own time from `Server-Timing` (NaN when absent). */
  readonly backendMs: number;
}

/** The `call` object Retell sends with a tool call in the default body shape. */
export interface RetellCall {
  readonly call_id: string;
  readonly agent_id?: string | undefined;
  readonly from_number?: string | undefined;
  readonly to_number?: string | undefined;
  readonly direction?: 'inbound' | 'outbound' | undefined;
  readonly call_type?: string | undefined;
}

/**
 * A client that talks to a voicebook server the way Retell does: every body signed with
 * retell-sdk's own `sign` (HMAC-SHA256 over body + timestamp with the API key).
 */
export class RetellClient {
  readonly #base: string;
  readonly #apiKey: string;
  readonly #headers: Record<string, string>;

  /**
   * @param base - The server's URL including any mount prefix.
   * @param apiKey - The Retell API key the server is configured with.
   * @param headers - Headers the tool configuration adds (e.g. a tenant header).
   */
  constructor(base: string, apiKey: string, headers: Record<string, string> = {}) {
    this.#base = base;
    this.#apiKey = apiKey;
    this.#headers = headers;
  }

  /** POSTs `body` (an object is serialised once; a string is sent as it is) signed to `path`. */
  async post(
    path: string,
    body: unknown,
    options: { signed?: boolean; headers?: Record<string, string> } = {},
  ): Promise<TimedAnswer> {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...this.#headers,
      ...options.headers,
    };
    if (options.signed !== false && headers['x-retell-signature'] === undefined) {
      headers['x-retell-signature'] = await sign(raw, this.#apiKey);
    }
    const started = performance.now();
    const res = await fetch(`${this.#base}${path}`, { method: 'POST', headers, body: raw });
    const text = await res.text();
    const rttMs = performance.now() - started;
    const timing = /core;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // a plain-text answer stays text
    }
    return {
      status: res.status,
      body: parsed,
      text,
      rttMs,
      backendMs: timing ? Number(timing[1]) : Number.NaN,
    };
  }

  /** A tool call in Retell's default shape: `{ name, args, call }` to `/retell/tools`. */
  tool(name: string, args: Record<string, unknown>, call: RetellCall): Promise<TimedAnswer> {
    return this.post('/retell/tools', { name, args, call });
  }

  /** A tool call with `args_at_root`: the arguments alone, the tool named by the path. */
  toolAtRoot(name: string, args: Record<string, unknown>): Promise<TimedAnswer> {
    return this.post(`/retell/tools/${name}`, args);
  }
}

/**
 * Signs a Cal.com webhook body as Cal.com does (`X-Cal-Signature-256`, hex HMAC-SHA256).
 *
 * @param rawBody - The body.
 * @param secret - The subscription's secret.
 * @returns The header value.
 */
export function signCalcomWebhook(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * The next Monday–Friday at least `ahead` days after today.
 *
 * @param ahead - Days from today.
 * @param nowMs - The clock.
 * @returns The day as `YYYY-MM-DD`.
 */
export function nextWeekday(ahead: number, nowMs = Date.now()): string {
  let day = new Date(nowMs + ahead * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day = new Date(day.getTime() + 86_400_000);
  return day.toISOString().slice(0, 10);
}
