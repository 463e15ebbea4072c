export type { TenantDirectory } from './tenant-directory.js';
export type { CustomerStore, CustomerDetails } from './customer-store.js';
export type {
  AppointmentStore,
  AppointmentPatch,
  ListAppointmentsQuery,
  InsertAppointmentResult,
} from './appointment-store.js';
export type { IdempotencyStore, IdempotencyRecord, IdempotencyBegin } from './idempotency-store.js';
export type { LockManager, Lease } from './lock-manager.js';
export type { CallStore, CallPatch } from './call-store.js';
export { CalendarError } from './calendar-provider.js';
export type {
  CalendarProvider,
  CalendarCallOptions,
  CalendarSlot,
  CalendarSlots,
  CalendarBooking,
  CalendarBookingInput,
  CalendarErrorKind,
} from './calendar-provider.js';
