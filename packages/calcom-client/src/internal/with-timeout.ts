/**
 * Settles with `call`, or rejects with `onTimeout()` after `ms`, whichever comes first. The
 * timer is always cleared, and a late rejection of `call` is swallowed (it lost the race).
 * @internal
 */
export async function withTimeout<R>(
  call: Promise<R>,
  ms: number,
  onTimeout: () => Error,
): Promise<R> {
  call.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      call,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(onTimeout());
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
