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

type Task = () => unknown;
/** Resolves a waiter's gate: with its task for run(), with a release function for acquire(). */
type Open = (value: Task | Release) => void;

/** A waiter that passed a signal: where its pair sits in the ring, and how to stop listening. */
interface Cancellable {
  at: number;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

/**
 * Limits how many callers hold a permit at once. Waiters are served first come, first served,
 * and a released permit goes straight to the next waiter, so a newcomer can never barge in.
 */
export class Semaphore {
  #available: number;

  // The waiting line is a ring of (task, open) pairs; `task` is undefined for acquire(). Pairs
  // are numbered from #head to #tail; pair n sits at slots 2n and 2n+1 (modulo the ring size).
  // Keeping waiters inline, not as an object each, matters: with a long line, the memory the
  // line holds is what costs the time (garbage collection), not the instructions.
  // An aborted waiter blanks its pair: the pair is skipped, and squeezed out when the ring fills.
  #slots: unknown[] = new Array(16);
  #mask = 15;
  #head = 0;
  #tail = 0;
  #blanks = 0;
  #cancellable = new Map<number, Cancellable>();

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
    return this.#tail - this.#head - this.#blanks;
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
    return new Promise<Release>((open, reject) => this.#enqueue(undefined, open as Open, reject, signal));
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
    // The gate resolves with the task itself; a function with a `then` method would be
    // taken for a promise, so such a task travels wrapped.
    const queued: Task = typeof (task as { then?: unknown }).then === 'function' ? () => task() : task;
    // The task starts from a reaction registered here, in the caller's async context, so
    // AsyncLocalStorage (and the like) see the caller's values inside the task.
    return new Promise<Task>((open, reject) => this.#enqueue(queued, open as Open, reject, signal)).then(
      this.#invoke,
    ) as Promise<T>;
  }

  readonly #invoke = async (task: Task): Promise<unknown> => {
    try {
      return await task();
    } finally {
      this.#handOver();
    }
  };

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

  #enqueue(task: Task | undefined, open: Open, reject: (reason: unknown) => void, signal?: AbortSignal): void {
    if ((this.#tail - this.#head) * 2 === this.#slots.length) this.#resize();
    const at = this.#tail++;
    const slot = (at * 2) & this.#mask;
    this.#slots[slot] = task;
    this.#slots[slot + 1] = open;
    if (signal === undefined) return;
    const entry: Cancellable = {
      at,
      signal,
      onAbort: () => {
        this.#forget(entry);
        const blank = (entry.at * 2) & this.#mask;
        this.#slots[blank] = this.#slots[blank + 1] = undefined;
        this.#blanks++;
        reject(signal.reason);
      },
    };
    this.#cancellable.set(at, entry);
    signal.addEventListener('abort', entry.onAbort);
  }

  #forget(entry: Cancellable): void {
    this.#cancellable.delete(entry.at);
    entry.signal.removeEventListener('abort', entry.onAbort);
  }

  /** A permit was freed: it goes to the longest waiter, or back to the pool if none. */
  #handOver(): void {
    const slots = this.#slots;
    while (this.#head < this.#tail) {
      const at = this.#head++;
      const slot = (at * 2) & this.#mask;
      const task = slots[slot] as Task | undefined;
      const open = slots[slot + 1] as Open | undefined;
      slots[slot] = slots[slot + 1] = undefined;
      if (open === undefined) {
        this.#blanks--;
        continue;
      }
      if (this.#cancellable.size > 0) {
        const entry = this.#cancellable.get(at);
        if (entry !== undefined) this.#forget(entry);
      }
      if (this.#head === this.#tail) this.#reset();
      open(task ?? this.#createRelease());
      return;
    }
    this.#reset();
    this.#available++;
  }

  /** The line is empty: start numbering afresh and give back the memory of a past burst. */
  #reset(): void {
    this.#head = this.#tail = 0;
    if (this.#slots.length > 64) {
      this.#slots = new Array(16);
      this.#mask = 15;
    }
  }

  /** The ring is full: squeeze out blank pairs, and double the ring if still over half full. */
  #resize(): void {
    const old = this.#slots;
    const oldMask = this.#mask;
    const live = this.waiting;
    const length = live * 4 > old.length ? old.length * 2 : old.length;
    const slots = new Array(length);
    const cancellable = new Map<number, Cancellable>();
    let to = 0;
    for (let at = this.#head; at < this.#tail; at++) {
      const slot = (at * 2) & oldMask;
      if (old[slot + 1] === undefined) continue;
      slots[to * 2] = old[slot];
      slots[to * 2 + 1] = old[slot + 1];
      const entry = this.#cancellable.get(at);
      if (entry !== undefined) {
        entry.at = to;
        cancellable.set(to, entry);
      }
      to++;
    }
    this.#slots = slots;
    this.#mask = length - 1;
    this.#head = 0;
    this.#tail = to;
    this.#blanks = 0;
    this.#cancellable = cancellable;
  }
}
