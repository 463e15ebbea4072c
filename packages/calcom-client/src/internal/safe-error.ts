import { REDACTED, redact } from './redact.js';

/**
 * What an event says about an error: its name, its code and a redacted message — never the error
 * object itself, whose message, `command.args` (ioredis) or `cause` can carry raw Redis keys or
 * cached values (a JSON parse error quotes the value it could not parse).
 */
export interface SafeErrorInfo {
  /** `error.name` (e.g. `ReplyError`, `MaxRetriesPerRequestError`, `L2Timeout`), else `Error`. */
  readonly name: string;
  /** `error.code` when it is a short identifier (e.g. `ECONNREFUSED`, `ETIMEDOUT`). */
  readonly code?: string;
  /**
   * The message, at most 200 characters, with the key and tags of the call, quoted text, e-mail
   * addresses, phone-like numbers and every `a:b`-shaped token (Redis keys) replaced by
   * `[redacted]`. Host:port addresses (`127.0.0.1:6379`) are kept.
   */
  readonly message: string;
}

const NAME = /^[A-Za-z][\w.]{0,63}$/;
const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const QUOTED = /"[^"]*"?|'[^']*'?|`[^`]*`?/g;
// A token with a colon inside it: `vb:calcom:c:slots:1001`, `tag:et:1001`, `user:erika`.
const COLON_TOKEN = /[^\s:,;()]*[^\s:,;()]:[^\s,;()]+/g;
const HOST_PORT = /^(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]+\]):\d{1,5}$/;

/**
 * Reduces `error` to {@link SafeErrorInfo}. `secrets` are strings known to be sensitive at the
 * call site (the cache key, its tags): they are removed first, wherever they appear.
 * @internal
 */
export function safeErrorInfo(error: unknown, secrets: readonly string[] = []): SafeErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const name = typeof e.name === 'string' && NAME.test(e.name) ? e.name : 'Error';
  const code =
    typeof e.code === 'string' && CODE.test(e.code)
      ? e.code
      : typeof e.code === 'number' && Number.isInteger(e.code)
        ? String(e.code)
        : undefined;
  let message =
    typeof e.message === 'string' ? e.message : typeof error === 'string' ? error : 'unknown error';
  message = message.slice(0, 1_000);
  // The secrets, e-mail addresses and phone numbers (the one redactor of the package), then what
  // only Redis errors carry: quoted text and keys.
  message = redact(message, secrets)
    .replace(QUOTED, REDACTED)
    .replace(COLON_TOKEN, (t) => (HOST_PORT.test(t) ? t : REDACTED));
  if (message.length > 200) message = `${message.slice(0, 199)}…`;
  return code === undefined ? { name, message } : { name, code, message };
}
