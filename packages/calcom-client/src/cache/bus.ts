import type { InvalidationBus, InvalidationBusHandlers, InvalidationMessage } from './types.js';

/**
 * In-process {@link InvalidationBus}: share one instance between caches of one process
 * (tests, or several caches in one server). `setConnected(false)` simulates a lost subscription.
 *
 * @example
 * ```ts
 * const bus = new MemoryInvalidationBus();
 * const a = createTieredCache({ bus });
 * const b = createTieredCache({ bus });
 * await a.invalidateTags(['et:1001:day:2026-11-26']); // b sees it
 * ```
 */
export class MemoryInvalidationBus implements InvalidationBus {
  #subs = new Set<InvalidationBusHandlers>();
  #connected = true;

  publish(message: InvalidationMessage): Promise<void> {
    if (!this.#connected) return Promise.reject(new Error('bus disconnected'));
    for (const s of this.#subs) queueMicrotask(() => s.onMessage(message));
    return Promise.resolve();
  }

  subscribe(handlers: InvalidationBusHandlers): Promise<() => Promise<void>> {
    this.#subs.add(handlers);
    return Promise.resolve(() => {
      this.#subs.delete(handlers);
      return Promise.resolve();
    });
  }

  /** Simulates losing (`false`) or regaining (`true`) the subscription of every subscriber. */
  setConnected(connected: boolean): void {
    if (connected === this.#connected) return;
    this.#connected = connected;
    for (const s of this.#subs) s.onConnectionChange(connected);
  }
}
