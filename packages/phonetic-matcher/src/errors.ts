/** Stable codes of every error thrown by `@voicebook/phonetic-matcher`. */
export type PhoneticMatcherErrorCode =
  | 'E_CONFIG_INVALID'
  | 'E_ENTRY_INVALID'
  | 'E_DUPLICATE_ID'
  | 'E_INPUT_INVALID'
  | 'E_SNAPSHOT_INVALID';

/**
 * Base class of every error thrown by `@voicebook/phonetic-matcher`. Prefer
 * {@link isPhoneticMatcherError} to `instanceof`: the guard also works when two copies of the
 * package are loaded.
 *
 * @example
 * ```ts
 * try {
 *   index.match(42 as unknown as string);
 * } catch (e) {
 *   if (isPhoneticMatcherError(e)) console.error(e.code); // 'E_INPUT_INVALID'
 * }
 * ```
 */
export class PhoneticMatcherError extends Error {
  /** Always `'PhoneticMatcherError'`. */
  override name = 'PhoneticMatcherError';
  /** Brand checked by {@link isPhoneticMatcherError}. */
  readonly isPhoneticMatcherError = true;
  constructor(
    /** Stable machine-readable code. */
    readonly code: PhoneticMatcherErrorCode,
    message: string,
    /** Whether repeating the same call can succeed (never: all errors are caller errors). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Thrown once by {@link createNameIndex} / {@link loadNameIndex} when an option is invalid.
 *
 * @example
 * ```ts
 * createNameIndex([], { minScore: 2 }); // throws MatcherConfigError, field 'minScore'
 * ```
 */
export class MatcherConfigError extends PhoneticMatcherError {
  /** Always `'MatcherConfigError'`. */
  override name = 'MatcherConfigError';
  constructor(
    /** Dotted path of the invalid option. */
    readonly field: string,
    detail: string,
    cause?: unknown,
  ) {
    super('E_CONFIG_INVALID', `Invalid phonetic-matcher option "${field}": ${detail}`, false, {
      cause,
    });
  }
}

/**
 * Thrown when an entry passed to `createNameIndex`, `add` or `update` is malformed (code
 * `E_ENTRY_INVALID`) or its id is already present (code `E_DUPLICATE_ID`). The message names the
 * field and the id, never the person's name.
 *
 * @example
 * ```ts
 * index.add({ id: 'a', name: 'Petra Meyer' });
 * index.add({ id: 'a', name: 'Petra Meyer' }); // EntryError, code 'E_DUPLICATE_ID'
 * ```
 */
export class EntryError extends PhoneticMatcherError {
  /** Always `'EntryError'`. */
  override name = 'EntryError';
  constructor(
    code: 'E_ENTRY_INVALID' | 'E_DUPLICATE_ID',
    /** Field of the entry that is invalid. */
    readonly field: string,
    detail: string,
  ) {
    super(code, `Invalid name entry (${field}): ${detail}`, false);
  }
}

/**
 * Thrown by `match` / `refine` when the input is not a string (or the previous result is not a
 * result of this package). Over-long strings are truncated, not rejected; see
 * {@link MatchOptions.maxInputChars}.
 *
 * @example
 * ```ts
 * try {
 *   index.match(undefined as unknown as string);
 * } catch (e) {
 *   if (isPhoneticMatcherError(e) && e.code === 'E_INPUT_INVALID') return;
 * }
 * ```
 */
export class MatchInputError extends PhoneticMatcherError {
  /** Always `'MatchInputError'`. */
  override name = 'MatchInputError';
  constructor(detail: string) {
    super('E_INPUT_INVALID', `Invalid match input: ${detail}`, false);
  }
}

/**
 * Thrown by {@link loadNameIndex} when the snapshot is not one written by `index.toJSON()` of a
 * compatible version.
 *
 * @example
 * ```ts
 * loadNameIndex({ version: 99 } as never); // SnapshotError
 * ```
 */
export class SnapshotError extends PhoneticMatcherError {
  /** Always `'SnapshotError'`. */
  override name = 'SnapshotError';
  constructor(detail: string, cause?: unknown) {
    super('E_SNAPSHOT_INVALID', `Invalid name index snapshot: ${detail}`, false, { cause });
  }
}

/**
 * True if `e` is any error thrown by this package (works across duplicate package copies).
 *
 * @param e - anything caught.
 * @returns `true` for an error thrown by `@voicebook/phonetic-matcher`.
 * @example
 * ```ts
 * if (isPhoneticMatcherError(e)) console.error(e.code, e.retryable);
 * ```
 */
export function isPhoneticMatcherError(e: unknown): e is PhoneticMatcherError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { isPhoneticMatcherError?: unknown }).isPhoneticMatcherError === true
  );
}
