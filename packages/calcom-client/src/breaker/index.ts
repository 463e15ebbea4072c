export { BreakerRegistry, createBreakerRegistry } from './registry.js';
export {
  CircuitBreaker,
  defaultIsFailure,
  type BreakerEvent,
  type BreakerOptions,
  type BreakerState,
  type EndpointGroup,
} from './breaker.js';
export {
  CircuitOpenError,
  isCircuitOpenError,
  ResilienceConfigError,
  isResilienceConfigError,
} from './errors.js';
export {
  MemoryBreakerStateStore,
  type BreakerStateStore,
  type SharedBreakerState,
} from './store.js';
