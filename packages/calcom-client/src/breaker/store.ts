/**
 * State of one endpoint group's breaker as shared between instances.
 * `openUntil === 0` means closed; `openUntil > now` open; `0 < openUntil <= now` half-open.
 */
export interface SharedBreakerState {
  /** Epoch ms until which the circuit is open; `0` when closed. */
  readonly openUntil: number;
  /** Incremented on every opening; a close or probe lease only applies to its generation. */
  readonly generation: number;
}

/**
 * Port through which breakers of several instances share their state. The default
 * `MemoryBreakerStateStore` is per process; `RedisBreakerStateStore` (subpath
 * `@voicebook/calcom-client/redis`) is fleet-wide.
 *
 * @example
 * ```ts
 * const store: BreakerStateStore = new MemoryBreakerStateStore();
 * await store.open('read', Date.now() + 60_000);
 * ```
 */
export interface BreakerStateStore {
  /** Reads the shared state of `group`. */
  read(group: string): Promise<SharedBreakerState>;
  /** Opens `group` until `openUntil` (epoch ms) and returns the new state (generation + 1). */
  open(group: string, openUntil: number): Promise<SharedBreakerState>;
  /** Closes `group` if its generation is still `generation`; returns whether it did. */
  close(group: string, generation: number): Promise<boolean>;
  /**
   * Tries to take the half-open probe lease of `generation` for `leaseMs`. Exactly one caller
   * fleet-wide gets `true` until the lease expires or is released.
   */
  acquireProbe(group: string, generation: number, owner: string, leaseMs: number): Promise<boolean>;
  /** Releases the probe lease if `owner` still holds it. */
  releaseProbe(group: string, generation: number, owner: string): Promise<void>;
}

/**
 * In-process {@link BreakerStateStore}. Pass one instance to several registries to share state
 * between them inside one process (e.g. in tests).
 *
 * @example
 * ```ts
 * const store = new MemoryBreakerStateStore();
 * const a = createBreakerRegistry({ store });
 * const b = createBreakerRegistry({ store }); // sees a's open state
 * ```
 */
export class MemoryBreakerStateStore implements BreakerStateStore {
  #states = new Map<string, SharedBreakerState>();
  #leases = new Map<string, { owner: string; until: number }>();
  readonly #now: () => number;

  /** @param now - clock (epoch ms); defaults to `Date.now`. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  read(group: string): Promise<SharedBreakerState> {
    return Promise.resolve(this.#states.get(group) ?? { openUntil: 0, generation: 0 });
  }

  open(group: string, openUntil: number): Promise<SharedBreakerState> {
    const prev = this.#states.get(group) ?? { openUntil: 0, generation: 0 };
    const next = { openUntil, generation: prev.generation + 1 };
    this.#states.set(group, next);
    // A lease belongs to one generation: every older one of this group is dead now.
    for (const key of this.#leases.keys()) {
      if (key.startsWith(`${group}:`)) this.#leases.delete(key);
    }
    return Promise.resolve(next);
  }

  close(group: string, generation: number): Promise<boolean> {
    const prev = this.#states.get(group) ?? { openUntil: 0, generation: 0 };
    if (prev.generation !== generation) return Promise.resolve(false);
    this.#states.set(group, { openUntil: 0, generation });
    return Promise.resolve(true);
  }

  acquireProbe(
    group: string,
    generation: number,
    owner: string,
    leaseMs: number,
  ): Promise<boolean> {
    const key = `${group}:${String(generation)}`;
    const lease = this.#leases.get(key);
    const now = this.#now();
    if (lease && lease.until > now && lease.owner !== owner) return Promise.resolve(false);
    this.#leases.set(key, { owner, until: now + leaseMs });
    return Promise.resolve(true);
  }

  /** Probe leases currently held (bounded by the number of groups). @internal */
  get leaseCount(): number {
    return this.#leases.size;
  }

  releaseProbe(group: string, generation: number, owner: string): Promise<void> {
    const key = `${group}:${String(generation)}`;
    if (this.#leases.get(key)?.owner === owner) this.#leases.delete(key);
    return Promise.resolve();
  }
}
