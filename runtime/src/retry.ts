import { sleep } from './sleep.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 3, so at most 4 attempts. */
  retries?: number;
  /** Backoff before the first retry, in ms (before jitter). Default 100. */
  minDelay?: number;
  /** Upper bound of any delay, retry-after hints included, in ms. Default 30 000. */
  maxDelay?: number;
  /** Growth of the backoff per attempt. Default 2. */
  factor?: number;
  /** Full jitter: each delay is drawn uniformly from 0 to the backoff. Default true. */
  jitter?: boolean;
  /** Return false (or a promise of false) to fail at once with this error. */
  shouldRetry?: (error: unknown, attempt: number) => boolean | PromiseLike<boolean>;
  /** Gives up rather than start an attempt more than this many ms after the first began. */
  maxElapsed?: number;
  /** Stops retrying and interrupts a pending delay; rejects with `signal.reason`. Also handed to `fn`. */
  signal?: AbortSignal;
  /** Called before each delay, e.g. for logging. */
  onRetry?: (error: unknown, attempt: number, delay: number) => void;
}

/**
 * Calls `fn` until it succeeds, waiting longer between attempts (exponential backoff with
 * full jitter). `fn` receives the attempt number, starting at 1, and `options.signal` to pass
 * on to the work (undefined when none was given).
 *
 * An error with a `retryAfter` property (seconds as a number or numeric string, an HTTP date
 * string, or a Date), as read from a 429 or 503 response's Retry-After header, sets the next
 * delay exactly: no jitter, only capped by `maxDelay`.
 */
export async function retry<T>(
  fn: (attempt: number, signal: AbortSignal | undefined) => T | PromiseLike<T>,
  options: RetryOptions = {},
): Promise<T> {
  const {
    retries = 3,
    minDelay = 100,
    maxDelay = 30_000,
    factor = 2,
    jitter = true,
    shouldRetry,
    maxElapsed = Infinity,
    signal,
    onRetry,
  } = options;
  const start = Date.now();
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt, signal);
    } catch (error) {
      // Never retry once aborted: the work was told to stop.
      signal?.throwIfAborted();
      if (attempt > retries) throw error;
      if (shouldRetry !== undefined && !(await shouldRetry(error, attempt))) throw error;
      const hint = retryAfterMs(error);
      const backoff = Math.min(maxDelay, minDelay * factor ** (attempt - 1));
      const delay =
        hint !== undefined ? Math.min(hint, maxDelay) : jitter ? Math.random() * backoff : backoff;
      if (Date.now() - start + delay > maxElapsed) throw error;
      onRetry?.(error, attempt, delay);
      await sleep(delay, { signal });
    }
  }
}

/** Reads a Retry-After style hint from an error: ms to wait, or undefined when there is none. */
function retryAfterMs(error: unknown): number | undefined {
  const hint = (error as { retryAfter?: unknown } | null | undefined)?.retryAfter;
  let ms: number;
  if (typeof hint === 'number') ms = hint * 1000;
  else if (hint instanceof Date) ms = hint.getTime() - Date.now();
  else if (typeof hint === 'string') {
    ms = /^\s*\d+\s*$/.test(hint) ? Number(hint) * 1000 : Date.parse(hint) - Date.now();
  } else return undefined;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}
