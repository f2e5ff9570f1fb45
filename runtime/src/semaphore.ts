import { WaitList, type Waiter } from './wait-list.js';

// Symbol.dispose is missing in some runtimes; TypeScript's `using` falls back to these keys.
const disposeKey: typeof Symbol.dispose =
  Symbol.dispose ?? (Symbol.for('Symbol.dispose') as typeof Symbol.dispose);
const asyncDisposeKey: typeof Symbol.asyncDispose =
  Symbol.asyncDispose ?? (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

/** Gives a permit back. Calling it again does nothing. Works with `using` and `await using`. */
export interface Release extends Disposable, AsyncDisposable {
  (): void;
}

export interface WaitOptions {
  /** Stops waiting: the call rejects with `signal.reason` and takes no permit. */
  signal?: AbortSignal;
}

/**
 * Limits how many callers hold a permit at once. Waiters are served first come, first served,
 * and a released permit goes straight to the next waiter, so a newcomer can never barge in.
 */
export class Semaphore {
  #available: number;
  // A waiter's data is the task for run(), or undefined for acquire().
  readonly #waiters = new WaitList<(() => unknown) | undefined, any>();

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`permits must be a positive integer, got ${permits}`);
    }
    this.#available = permits;
  }

  /** Permits free right now. */
  get available(): number {
    return this.#available;
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** Takes a permit if one is free right now, without waiting. */
  tryAcquire(): Release | undefined {
    if (this.#available === 0) return undefined;
    this.#available--;
    return this.#createRelease();
  }

  /** Waits for a permit and resolves with the function that gives it back. */
  acquire(options?: WaitOptions): Promise<Release> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#available > 0) {
      this.#available--;
      return Promise.resolve(this.#createRelease());
    }
    return new Promise<Release>((resolve, reject) =>
      this.#waiters.push(undefined, resolve, reject, signal),
    );
  }

  /**
   * Runs `task` once a permit is free and releases the permit when the task settles,
   * whether it succeeds or fails. The signal only cancels the wait; pass it to the task
   * yourself if the task should stop too.
   */
  run<T>(task: () => T | PromiseLike<T>, options?: WaitOptions): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#available > 0) {
      this.#available--;
      return this.#invoke(task) as Promise<T>;
    }
    // The task is started from a reaction registered here, in the caller's async context,
    // so AsyncLocalStorage (and similar) see the caller's values inside the task. The
    // gate resolves with the waiter when a permit is handed over.
    return new Promise<Waiter<() => unknown, unknown>>((open, reject) =>
      this.#waiters.push(task, open, reject, signal),
    ).then(this.#invokeWaiter) as Promise<T>;
  }

  readonly #invokeWaiter = (waiter: Waiter<() => unknown, unknown>): Promise<unknown> =>
    this.#invoke(waiter.data);

  async #invoke(task: () => unknown): Promise<unknown> {
    try {
      return await task();
    } finally {
      this.#handOver();
    }
  }

  #createRelease(): Release {
    let released = false;
    const release = (() => {
      if (released) return;
      released = true;
      this.#handOver();
    }) as Release;
    release[disposeKey] = release;
    release[asyncDisposeKey] = () => Promise.resolve(release());
    return release;
  }

  /** A permit was freed: it goes to the longest waiter, or back to the pool if none. */
  #handOver(): void {
    const waiter = this.#waiters.shift();
    if (waiter === undefined) this.#available++;
    else if (waiter.data === undefined) waiter.resolve(this.#createRelease());
    else waiter.resolve(waiter);
  }
}
