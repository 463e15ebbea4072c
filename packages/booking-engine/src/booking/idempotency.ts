// Stripe-style idempotency around `book`: reserve the key, replay a finished answer, wait briefly
// for a concurrent duplicate, refuse the same key with another payload.
import { setTimeout as sleep } from 'node:timers/promises';
import { BookingEngineError, type BookingEngineErrorCode } from '../errors.js';
import type { BookResult } from '../engine-api.js';
import type { IdempotencyRecord } from '../ports/index.js';
import type { Spoken } from '../types.js';
import type { EngineDeps } from './deps.js';
import { SAY_IN_PROGRESS } from './say.js';
import { storeCall } from './store-call.js';

/** What is stored as the answer of a finished key. @internal */
export type StoredAnswer =
  | { readonly kind: 'result'; readonly result: BookResult }
  | {
      readonly kind: 'error';
      readonly code: BookingEngineErrorCode;
      readonly message: string;
      readonly say?: Spoken | undefined;
    };

/** Replays a finished record: the first answer with `replayed: true`, or its error again. */
function replay(record: IdempotencyRecord): BookResult {
  const stored = record.response as StoredAnswer | undefined;
  if (stored?.kind === 'result') return { ...stored.result, replayed: true };
  if (stored?.kind === 'error') {
    throw new BookingEngineError(stored.code, stored.message, false, { say: stored.say });
  }
  throw new BookingEngineError(
    'E_CONFLICT',
    'the stored answer of this request is unreadable',
    false,
  );
}

/**
 * Reserves `key`. Resolves to `undefined` when this request owns it now, or to the replayed
 * first answer of a finished one.
 * @throws {@link BookingEngineError} `E_IDEMPOTENCY_MISMATCH`, `E_IN_PROGRESS`, `E_STORE_UNAVAILABLE`
 * @internal
 */
export async function reserveKey(
  deps: EngineDeps,
  tenantId: string,
  key: string,
  fingerprint: string,
): Promise<BookResult | undefined> {
  const { settings, now } = deps;
  const begin = () =>
    storeCall('idempotency.begin', () =>
      deps.idempotency.begin(tenantId, key, fingerprint, {
        // The reservation outlives the slot lock, so no duplicate starts while the first holds it.
        leaseMs: settings.lockTtlMs + settings.duplicateWaitMs,
        ttlMs: settings.idempotencyTtlMs,
        nowMs: now(),
      }),
    );
  let state = await begin();
  const waitUntil = performance.now() + settings.duplicateWaitMs;
  let pauseMs = 10;
  for (;;) {
    switch (state.state) {
      case 'started':
        return undefined;
      case 'done':
        return replay(state.record);
      case 'mismatch':
        throw new BookingEngineError(
          'E_IDEMPOTENCY_MISMATCH',
          'this call already asked for this service and start with other details',
          false,
        );
      case 'in-progress':
        break;
    }
    if (performance.now() >= waitUntil) {
      throw new BookingEngineError(
        'E_IN_PROGRESS',
        'the same booking request is still being worked on',
        true,
        { say: SAY_IN_PROGRESS },
      );
    }
    await sleep(pauseMs);
    pauseMs = Math.min(pauseMs * 2, 100);
    // begin again rather than get: the first owner may have abandoned the key (a retryable
    // failure), and then this request should take it over and try itself.
    state = await begin();
  }
}

/**
 * Stores the answer and ends the reservation.
 * @internal
 */
export async function finishKey(
  deps: EngineDeps,
  tenantId: string,
  key: string,
  answer: StoredAnswer,
): Promise<void> {
  await storeCall('idempotency.finish', () =>
    deps.idempotency.finish(
      tenantId,
      key,
      { status: answer.kind === 'result' ? 'completed' : 'failed', response: answer },
      { ttlMs: deps.settings.idempotencyTtlMs, nowMs: deps.now() },
    ),
  );
}
