// The typed Cal.com API v2 client (issue #2) with its resilience layer (issue #3). The Redis
// adapters live behind the `@voicebook/calcom-client/redis` subpath so ioredis stays an optional peer.
export { createCalcomClient } from './client.js';
export type {
  CalcomClient,
  CalcomClientOptions,
  CalcomClientEvent,
  CalcomRequestEvent,
  CallOptions,
  RetryOptions,
  SlotsApi,
  ReservationsApi,
  BookingsApi,
  EventTypesApi,
  SlotsResult,
  EventTypesResult,
  ReadSource,
  IdempotencyLookup,
} from './client.js';
export { CALCOM_OPERATIONS } from './operations.js';
export type { CalcomOperation, RetryMode } from './operations.js';
export type {
  Instant,
  DayOrInstant,
  SlotsQuery,
  AttendeeInput,
  CreateBookingInput,
  CancelBookingInput,
  RescheduleBookingInput,
  ListBookingsQuery,
  ListEventTypesQuery,
  ReserveSlotInput,
} from './inputs.js';
export type {
  Booking,
  BookingStatus,
  BookingHost,
  BookingAttendee,
  BookingPage,
  Pagination,
  Slot,
  SlotsByDate,
  EventType,
  Reservation,
} from './schemas.js';
export {
  CalcomError,
  CalcomResponseError,
  isCalcomError,
  CalcomConfigError,
  CalcomValidationError,
  SlotUnavailableError,
  CalcomNotFoundError,
  CalcomUnauthorizedError,
  CalcomRateLimitError,
  CalcomTimeoutError,
  CalcomNetworkError,
  CalcomUpstreamError,
  CalcomHttpError,
  CalcomContractError,
  CalcomAbortedError,
  BookingOutcomeUnknownError,
  BookingStateError,
  WebhookSignatureError,
  WebhookPayloadError,
} from './errors.js';
export type {
  CalcomErrorCode,
  CalcomResponseInfo,
  InputIssue,
  SlotUnavailableReason,
  BookingState,
} from './errors.js';
export { verifyCalcomWebhook, isValidCalcomSignature } from './webhooks.js';
export type {
  CalcomWebhookEvent,
  BookingWebhookPayload,
  BookingWebhookTrigger,
  WebhookPerson,
  VerifyCalcomWebhookInput,
} from './webhooks.js';
export {
  BreakerRegistry,
  CircuitBreaker,
  createBreakerRegistry,
  defaultIsFailure,
  CircuitOpenError,
  isCircuitOpenError,
  ResilienceConfigError,
  isResilienceConfigError,
  MemoryBreakerStateStore,
} from './breaker/index.js';
export type {
  BreakerEvent,
  BreakerOptions,
  BreakerState,
  EndpointGroup,
  BreakerStateStore,
  SharedBreakerState,
} from './breaker/index.js';
export {
  MemoryInvalidationBus,
  MemoryCacheStore,
  DEFAULT_TTL_POLICY,
  isEmptySlots,
  resolveTtlMs,
  ACCOUNT_TAG,
  invalidationForWebhook,
  slotTagsFor,
  createTieredCache,
  TieredCache,
} from './cache/index.js';
export type {
  SlotsPolicyHint,
  TtlPolicy,
  CalcomWebhookPayload,
  InvalidationOptions,
  InvalidationScope,
  CacheGetOptions,
  TieredCacheOptions,
  CacheEntry,
  CacheEntryWithVersions,
  CacheEvent,
  CacheResult,
  CacheSource,
  CacheStore,
  InvalidationBus,
  InvalidationBusHandlers,
  InvalidationMessage,
  SafeErrorInfo,
} from './cache/index.js';
