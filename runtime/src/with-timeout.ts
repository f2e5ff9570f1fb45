import { TimeoutError } from './timeout-error.js';

// setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days); clamp instead.
const MAX_DELAY = 2 ** 31 - 1;

export interface WithTimeoutOptions {
  /** Gives up early: rejects with `signal.reason` and aborts the work's own signal. */
  signal?: AbortSignal;
  /** Message of the TimeoutError. */
  message?: string;
}

/**
 * Settles like `work`, or rejects with a TimeoutError after `ms` milliseconds.
 *
 * Pass a function to have the work stopped for real: it receives an AbortSignal that aborts
 * (with the TimeoutError as its reason) when time runs out. A promise passed directly keeps
 * running; its late rejection is still handled. `ms` may be Infinity for no time limit.
 */
export function withTimeout<T>(
  work: PromiseLike<T> | ((signal: AbortSignal) => T | PromiseLike<T>),
  ms: number,
  options?: WithTimeoutOptions,
): Promise<T> {
  const signal = options?.signal;
  return new Promise<T>((resolve, reject) => {
    const controller = typeof work === 'function' ? new AbortController() : undefined;
    let settled = false;
    let timer: TimerHandle;
    const settle = (fulfilled: boolean, value: unknown, stopWork: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (stopWork) controller?.abort(value);
      if (fulfilled) resolve(value as T);
      else reject(value);
    };
    const onAbort = (): void => settle(false, signal!.reason, true);

    if (signal?.aborted) {
      // Honoured before any work starts. A promise handed in is still observed so that its
      // rejection is never reported as unhandled.
      if (controller === undefined) Promise.resolve(work).catch(ignore);
      return reject(signal.reason);
    }
    signal?.addEventListener('abort', onAbort);
    if (ms !== Infinity) {
      timer = setTimeout(
        () => settle(false, new TimeoutError(options?.message ?? `Timed out after ${ms} ms`), true),
        ms > 0 ? Math.min(ms, MAX_DELAY) : 0,
      );
    }

    let result: T | PromiseLike<T>;
    try {
      result = typeof work === 'function' ? work(controller!.signal) : work;
    } catch (error) {
      return settle(false, error, false);
    }
    Promise.resolve(result).then(
      (value) => settle(true, value, false),
      (error: unknown) => settle(false, error, false),
    );
  });
}

function ignore(): void {}
