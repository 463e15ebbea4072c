export { MemoryInvalidationBus } from './bus.js';
export { MemoryCacheStore } from './memory-store.js';
export {
  DEFAULT_TTL_POLICY,
  isEmptySlots,
  resolveTtlMs,
  type SlotsPolicyHint,
  type TtlPolicy,
} from './policy.js';
export {
  ACCOUNT_TAG,
  invalidationForWebhook,
  slotTagsFor,
  type CalcomWebhookPayload,
  type InvalidationOptions,
  type InvalidationScope,
} from './tags.js';
export {
  createTieredCache,
  TieredCache,
  type CacheGetOptions,
  type TieredCacheOptions,
} from './tiered-cache.js';
export type {
  CacheEntry,
  CacheEntryWithVersions,
  CacheEvent,
  CacheResult,
  CacheSource,
  CacheStore,
  InvalidationBus,
  InvalidationBusHandlers,
  InvalidationMessage,
} from './types.js';
export type { SafeErrorInfo } from '../internal/safe-error.js';
