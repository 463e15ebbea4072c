// The public API of @voicebook/booking-engine. Redis adapters: `@voicebook/booking-engine/redis`;
// contract suites for adapters: `@voicebook/booking-engine/testing`.
export { BookingEngineError, isBookingEngineError } from './errors.js';
export type { BookingEngineErrorCode } from './errors.js';
export type {
  Locale,
  Spoken,
  IsoWeekday,
  OpeningInterval,
  TenantPolicies,
  Service,
  StaffMember,
  TenantCalendar,
  Tenant,
  Customer,
  AppointmentStatus,
  Appointment,
  CallOutcome,
  CallRecord,
} from './types.js';
export { CalendarError } from './ports/index.js';
export { createCalcomCalendarProvider } from './calcom/calcom-calendar-provider.js';
export { createBookingEngine } from './engine.js';
export type { CalcomCalendarProviderOptions } from './calcom/calcom-calendar-provider.js';
export type {
  TenantDirectory,
  CustomerStore,
  CustomerDetails,
  AppointmentStore,
  AppointmentPatch,
  ListAppointmentsQuery,
  InsertAppointmentResult,
  IdempotencyStore,
  IdempotencyRecord,
  IdempotencyBegin,
  LockManager,
  Lease,
  CallStore,
  CallPatch,
  CalendarProvider,
  CalendarCallOptions,
  CalendarSlot,
  CalendarSlots,
  CalendarBooking,
  CalendarBookingInput,
  CalendarErrorKind,
} from './ports/index.js';
export type {
  BookingEngineOptions,
  BookingEngine,
  CallIdentity,
  CallContext,
  EngineCallOptions,
  ServiceListing,
  NameResolution,
  AvailabilityRequest,
  AvailabilityResult,
  BookRequest,
  BookResult,
  CancelResult,
  RescheduleResult,
  ReconcileReport,
  BookingEngineEvent,
} from './engine-api.js';
export type {
  SpokenDateTimeInput,
  SpokenDateTimeContext,
  SpokenDateTimeErrorCode,
  SpokenDateTimeResult,
} from './dates/types.js';
export { parseSpokenDateTime } from './dates/parse.js';
export { normalizePhone, requirePhone } from './phone.js';
export { tenantSchema, tenantsFileSchema, DEFAULT_TENANT_POLICIES } from './tenants/schema.js';
export type { TenantInput } from './tenants/schema.js';
export { parseTenants, parseTenant, readTenantsFile, TenantConfigError } from './tenants/parse.js';
export { MemoryTenantDirectory } from './tenants/memory-tenant-directory.js';
export {
  MemoryCustomerStore,
  MemoryAppointmentStore,
  MemoryIdempotencyStore,
  MemoryLockManager,
  MemoryCallStore,
} from './memory/index.js';
export type {
  MemoryCustomerStoreOptions,
  MemoryAppointmentStoreOptions,
  MemoryLockManagerOptions,
} from './memory/index.js';
export type { MemoryTenantDirectoryOptions } from './tenants/memory-tenant-directory.js';
export { listServices, MAX_SPOKEN_OPTIONS } from './catalogue/list-services.js';
export type { ListServicesOptions } from './catalogue/list-services.js';
export { DEMO_TENANT, DEMO_CALENDAR_FIXTURE } from './tenants/demo.js';
export { TenantNameIndexes } from './catalogue/name-indexes.js';
export type { TenantNameIndexesOptions } from './catalogue/name-indexes.js';
