/** What a tool run settled to. @internal */
export type Settled<T> =
  { readonly ok: true; readonly answer: T } | { readonly ok: false; readonly error: unknown };

/**
 * In-flight and recent tool runs by (call, tool, arguments): a retry of a running call waits for
 * the same work; a write's answer is replayed for `ttlMs`. Bounded. @internal
 */
export class ReplayCache<T> {
  readonly #entries = new Map<string, { work: Promise<Settled<T>>; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #max: number;

  constructor(ttlMs: number, now: () => number, max = 10_000) {
    this.#ttlMs = ttlMs;
    this.#now = now;
    this.#max = max;
  }

  get(key: string | undefined): Promise<Settled<T>> | undefined {
    if (key === undefined) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.work;
  }

  /** Keeps `work` while it runs; afterwards only when `keep` (writes) and it succeeded. */
  set(key: string, work: Promise<Settled<T>>, keep: boolean): void {
    if (this.#entries.get(key)?.work === work) return;
    this.#entries.set(key, { work, expiresAt: Number.POSITIVE_INFINITY });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    void work.then((settled) => {
      if (this.#entries.get(key)?.work !== work) return;
      if (keep && settled.ok)
        this.#entries.set(key, { work, expiresAt: this.#now() + this.#ttlMs });
      else this.#entries.delete(key);
    });
  }
}

/** Waits for `work` at most `budgetMs`; `undefined` when the budget ran out first. @internal */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, budgetMs));
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
