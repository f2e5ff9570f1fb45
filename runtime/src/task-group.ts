// Symbol.dispose is missing in some runtimes; TypeScript's `using` falls back to these keys.
const disposeKey: typeof Symbol.dispose =
  Symbol.dispose ?? (Symbol.for('Symbol.dispose') as typeof Symbol.dispose);
const asyncDisposeKey: typeof Symbol.asyncDispose =
  Symbol.asyncDispose ?? (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

export interface TaskGroupOptions {
  /** A parent's signal: aborting it aborts every task in the group. */
  signal?: AbortSignal;
}

/**
 * Structured concurrency: tasks spawned into a group share one AbortSignal, and awaiting the
 * group waits for all of them, including tasks spawned while it waits.
 *
 * The first task to fail aborts the others (the signal's reason is that failure) and the group
 * rejects with it. If other tasks also failed, other than by reacting to the abort, the group
 * rejects with an AggregateError of all failures instead, first one first and as its `cause`.
 */
export class TaskGroup implements PromiseLike<void>, Disposable, AsyncDisposable {
  readonly #controller = new AbortController();
  readonly #parent: AbortSignal | undefined;
  readonly #errors: unknown[] = [];
  #running = 0;
  #done: Promise<void> | undefined;
  #finish: (() => void) | undefined;
  #awaited = false;

  constructor(options?: TaskGroupOptions) {
    const parent = options?.signal;
    this.#parent = parent;
    if (parent?.aborted) this.#controller.abort(parent.reason);
    else parent?.addEventListener('abort', this.#onParentAbort);
  }

  /** Aborted when a task fails, the parent signal aborts, or `abort()` is called. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Tasks spawned and not yet settled. */
  get running(): number {
    return this.#running;
  }

  /**
   * Starts `task` now with the group's signal and returns its promise. Its failure is the
   * group's to report, so leaving the returned promise unobserved is safe.
   */
  spawn<T>(task: (signal: AbortSignal) => T | PromiseLike<T>): Promise<T> {
    if (this.#finish === undefined && this.#done !== undefined) {
      throw new Error('Cannot spawn into a TaskGroup that has finished');
    }
    const signal = this.signal;
    let promise: Promise<T>;
    if (signal.aborted) {
      // Honoured before any work starts; not a failure of its own.
      promise = Promise.reject(signal.reason);
      promise.catch(ignore);
      return promise;
    }
    try {
      promise = Promise.resolve(task(signal));
    } catch (error) {
      promise = Promise.reject(error);
    }
    this.#running++;
    promise.then(this.#onSettled, this.#onFailed);
    return promise;
  }

  /** Aborts every running task; awaiting the group then rejects with `reason`. */
  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  then<A = void, B = never>(
    onfulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#awaited = true;
    return this.#completion().then(onfulfilled, onrejected);
  }

  /**
   * For `await using`: waits for every task. Rejects with the group's failure unless the block
   * already awaited the group, so that a failure thrown there is not thrown a second time
   * (which `await using` would wrap in a SuppressedError).
   */
  [asyncDisposeKey](): Promise<void> {
    return this.#completion().catch((error: unknown) => {
      if (!this.#awaited) throw error;
    });
  }

  /** For `using`: aborts whatever is still running when the scope ends, without waiting. */
  [disposeKey](): void {
    this.abort();
  }

  /** Settles once every task has settled, as described on the class. */
  #completion(): Promise<void> {
    if (this.#done === undefined) {
      this.#done = new Promise<void>((resolve, reject) => {
        this.#finish = () => {
          this.#finish = undefined;
          this.#parent?.removeEventListener('abort', this.#onParentAbort);
          const errors = this.#errors;
          if (errors.length > 1) {
            reject(new AggregateError(errors, `${errors.length} tasks failed`, { cause: errors[0] }));
          } else if (errors.length === 1) reject(errors[0]);
          else if (this.signal.aborted) reject(this.signal.reason);
          else resolve();
        };
      });
      // Observed here so that a group nobody awaits never rejects unhandled.
      this.#done.catch(ignore);
      if (this.#running === 0) this.#finish!();
    }
    return this.#done;
  }

  readonly #onParentAbort = (): void => {
    this.#parent!.removeEventListener('abort', this.#onParentAbort);
    this.abort(this.#parent!.reason);
  };

  readonly #onSettled = (): void => {
    if (--this.#running === 0) this.#finish?.();
  };

  readonly #onFailed = (error: unknown): void => {
    const signal = this.signal;
    if (!signal.aborted) {
      this.#errors.push(error);
      this.#controller.abort(error);
    } else if (!isAbortEcho(error, signal) && !this.#errors.includes(error)) {
      this.#errors.push(error);
    }
    this.#onSettled();
  };
}

/** Whether a task failed only because it obeyed the group's abort. */
function isAbortEcho(error: unknown, signal: AbortSignal): boolean {
  return error === signal.reason || (error as { name?: unknown } | null)?.name === 'AbortError';
}

function ignore(): void {}
