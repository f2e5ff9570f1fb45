// setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days); clamp instead.
const MAX_DELAY = 2 ** 31 - 1;

export interface SleepOptions {
  /** Ends the sleep early: the promise rejects with `signal.reason` and the timer is cleared. */
  signal?: AbortSignal;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number, options?: SleepOptions): Promise<void> {
  const signal = options?.signal;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      signal!.removeEventListener('abort', onAbort);
      reject(signal!.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      ms > 0 ? Math.min(ms, MAX_DELAY) : 0,
    );
    signal?.addEventListener('abort', onAbort);
  });
}
