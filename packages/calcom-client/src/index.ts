// Resilience building blocks (issue #3): circuit breaker and tiered cache. The Redis adapters
// live behind the `@voicebook/calcom-client/redis` subpath so ioredis stays an optional peer.
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
  DEFAULT_TTL_POLICY,
  isEmptySlots,
  resolveTtlMs,
  invalidationForWebhook,
  slotTagsFor,
  createTieredCache,
  TieredCache,
} from './cache/index.js';
export type {
  SlotsPolicyHint,
  TtlPolicy,
  CalcomWebhookPayload,
  CacheGetOptions,
  TieredCacheOptions,
  CacheEntry,
  CacheEvent,
  CacheResult,
  CacheSource,
  CacheStore,
  InvalidationBus,
  InvalidationBusHandlers,
  InvalidationMessage,
} from './cache/index.js';
