/**
 * Freezes `value` and everything reachable from it, so a tenant handed out cannot be changed by a
 * caller by accident.
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
