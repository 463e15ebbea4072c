/** Largest number of turns a `resolve_name` state keeps (older ones are dropped). */
const MAX_TURNS = 8;
const MAX_TURN_LENGTH = 200;

/**
 * Encodes the engine's name-resolution turns as one opaque string the LLM passes back unchanged
 * (base64url JSON), so no server memory is needed between turns.
 *
 * @param turns - the engine's `state`.
 * @returns the opaque string.
 */
export function encodeNameState(turns: readonly string[]): string {
  const kept = turns.slice(-MAX_TURNS).map((t) => t.slice(0, MAX_TURN_LENGTH));
  return Buffer.from(JSON.stringify(kept), 'utf8').toString('base64url');
}

/**
 * Decodes {@link encodeNameState}'s string. Anything that is not a valid state (the LLM changed
 * it, or sent something else) reads as a fresh start, never an error.
 *
 * @param state - the string the LLM sent, if any.
 * @returns the turns.
 */
export function decodeNameState(state: string | undefined): string[] {
  if (state === undefined || state === '') return [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(state, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed)) return [];
    const turns = parsed.filter((t): t is string => typeof t === 'string');
    if (turns.length !== parsed.length) return [];
    return turns.slice(-MAX_TURNS).map((t) => t.slice(0, MAX_TURN_LENGTH));
  } catch {
    return [];
  }
}
