/**
 * Settles with `call`, or rejects with `onTimeout()` after `ms`, whichever comes first. The
 * timer is always cleared, and a late rejection of `call` is swallowed (it lost the race).
 *
 * When the timer fires, the rejection waits for one `setImmediate`: Node runs timers before it
 * polls I/O, so after the loop was blocked (a burst of requests in one tick) a reply that had
 * long arrived would otherwise lose to the timer. Only a reply still missing after the poll
 * phase counts as a timeout.
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
          setImmediate(() => {
            reject(onTimeout());
          });
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
