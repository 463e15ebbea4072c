import type { CalcomOperation } from '../operations.js';
import type { RequestPipeline } from '../pipeline/pipeline.js';
import type { CalcomRequestEvent } from '../pipeline/types.js';
import type { Booking } from '../schemas.js';
import { single } from './envelopes.js';
import type { Invalidation } from './invalidation.js';

/** What every resource module shares: the pipeline, the invalidation, events. @internal */
export interface ClientContext {
  /** The one way requests reach Cal.com. */
  readonly pipe: RequestPipeline;
  /** What bookings make stale in the cache. */
  readonly invalidation: Invalidation;
  /** Metadata key that carries the idempotency key on created bookings. */
  readonly metaKey: string;
  /** Never throws. */
  readonly emit: (event: CalcomRequestEvent) => void;
  /** The one booking of an answer, remembered for later invalidation. */
  single(operation: CalcomOperation, data: Booking | 'recurring'): Booking;
}

/** Builds the {@link ClientContext}. @internal */
export function createContext(o: Omit<ClientContext, 'single'>): ClientContext {
  return {
    ...o,
    single: (operation, data) => {
      const b = single(operation, data);
      o.invalidation.remember(b);
      return b;
    },
  };
}
