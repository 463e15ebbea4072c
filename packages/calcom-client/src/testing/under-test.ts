/** What a contract suite's factory hands the suite: a fresh, empty adapter. */
export interface PortUnderTest<T> {
  /** The adapter under test, holding nothing yet. */
  readonly store: T;
  /** Releases what the factory opened (connections, keys). */
  readonly cleanup?: (() => Promise<void>) | undefined;
}

/** A factory of fresh adapters for a contract suite (called before every test). */
export type PortFactory<T> = () => Promise<PortUnderTest<T>>;

/** @internal Runs `fn` with a fresh adapter and always cleans up. */
export async function withPort<T>(
  factory: PortFactory<T>,
  fn: (store: T) => Promise<void>,
): Promise<void> {
  const { store, cleanup } = await factory();
  try {
    await fn(store);
  } finally {
    await cleanup?.();
  }
}

/** @internal */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
