import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths pino replaces with `[redacted]`: credentials, and every field that carries a caller's
 * name or number wherever it appears one or two levels deep (Retell's `call`, our records).
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-retell-signature"]',
  'req.headers["x-cal-signature-256"]',
  ...[
    'from_number',
    'to_number',
    'fromNumber',
    'toNumber',
    'phone',
    'phoneNumber',
    'callerPhone',
    'name',
    'customerName',
    'attendeeName',
    'firstName',
    'lastName',
    'email',
  ].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

// International (+49 30 123456) and national (0171 1234567, 030/123456) numbers: at least 7
// digits, optionally grouped by spaces, dashes, slashes, dots or parentheses.
const PHONE = /(?:\+|00|\b0)\d(?:[\s\-/.()]*\d){5,}/g;
const PHONE_ENCODED = /(?:%2B|\+)\d(?:(?:%20|[\s\-/.()])*\d){5,}/gi;

/**
 * Replaces phone numbers in free text (a URL, an error message) with `[phone]`.
 *
 * @param text - Any text that may reach a log line.
 * @returns The text without phone numbers.
 */
export function scrubPhoneNumbers(text: string): string {
  return text.replace(PHONE_ENCODED, '[phone]').replace(PHONE, '[phone]');
}

const decoded = (url: string): string => {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
};

interface RequestLike {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly id?: unknown;
  readonly headers?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * pino serializers for `req` and `err` that keep numbers out of the log: the URL and error
 * messages are scrubbed, and of the headers only the request id and user agent are kept.
 */
export const safeSerializers = {
  req: (req: RequestLike): Record<string, unknown> => {
    return {
      id: req.id,
      method: req.method,
      url: scrubPhoneNumbers(decoded(req.url ?? '')),
      headers: {
        'user-agent': req.headers?.['user-agent'],
        'x-request-id': req.headers?.['x-request-id'],
      },
    };
  },
  err: (err: unknown): Record<string, unknown> => {
    if (!(err instanceof Error)) return { message: scrubPhoneNumbers(String(err)) };
    const e = err as Error & { code?: unknown; retryable?: unknown; statusCode?: unknown };
    return {
      type: e.name,
      code: e.code,
      retryable: e.retryable,
      statusCode: e.statusCode,
      message: scrubPhoneNumbers(e.message),
      stack: e.stack === undefined ? undefined : scrubPhoneNumbers(e.stack),
    };
  },
};

/**
 * The pino options both servers use: JSON lines, redacted paths, scrubbing serializers.
 *
 * @param level - The log level.
 * @returns Options for `pino(...)`, Fastify's `logger` or pino-http.
 */
export function loggerOptions(level: string = 'info'): LoggerOptions {
  return {
    level,
    base: { service: 'voicebook' },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    serializers: safeSerializers,
    hooks: {
      // A message string is scrubbed too, so `log.info(\`call from ${x}\`)` cannot leak.
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubPhoneNumbers(a) : a));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
}

/**
 * A pino logger with {@link loggerOptions}.
 *
 * @param level - The log level.
 * @param destination - Where to write (stdout by default; tests pass a stream).
 * @returns The logger.
 * @example
 * ```ts
 * const log = createLogger('info');
 * log.info({ call: { from_number: '+4917012345678' } }, 'inbound'); // from_number: [redacted]
 * ```
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return destination === undefined
    ? pino(loggerOptions(level))
    : pino(loggerOptions(level), destination);
}
