import { Semaphore, type Release, type WaitOptions } from './semaphore.js';

/** Lets one caller at a time into a critical section, in arrival order. */
export class Mutex {
  readonly #semaphore = new Semaphore(1);

  /** True while someone holds the lock. */
  get isLocked(): boolean {
    return this.#semaphore.available === 0;
  }

  /** Callers waiting for the lock. */
  get waiting(): number {
    return this.#semaphore.waiting;
  }

  /** Waits for the lock and resolves with the function that unlocks it. */
  acquire(options?: WaitOptions): Promise<Release> {
    return this.#semaphore.acquire(options);
  }

  /** Takes the lock if it is free right now, without waiting. */
  tryAcquire(): Release | undefined {
    return this.#semaphore.tryAcquire();
  }

  /** Runs `task` while holding the lock; unlocks when it settles. */
  runExclusive<T>(task: () => T | PromiseLike<T>, options?: WaitOptions): Promise<T> {
    return this.#semaphore.run(task, options);
  }
}
