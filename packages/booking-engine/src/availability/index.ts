// Availability as the engine composes it (internal to the package; not re-exported publicly).
export { checkAvailability, MAX_ALTERNATIVES } from './check-availability.js';
export type { AvailabilityOptions, CheckAvailabilityInput } from './check-availability.js';
export { prefetch } from './prefetch.js';
export type { PrefetchInput, PrefetchReport } from './prefetch.js';
export { calendarReadFailure } from './calendar-failure.js';
export { slotsWindow, slotViolation, dayViolation, policyContext } from './window.js';
export type { PolicyCode, PolicyContext } from './window.js';
