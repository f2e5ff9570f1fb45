import { WaitList } from './wait-list.js';

/** The rejection of `put` on a closed queue, and of `get` once a closed queue is empty. */
export class QueueClosedError extends Error {
  constructor(message = 'The queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

export interface QueueWaitOptions {
  /** Stops waiting: the call rejects with `signal.reason` and leaves the queue untouched. */
  signal?: AbortSignal;
}

/**
 * A bounded FIFO between producers and consumers. `put` waits while the queue is full, so a
 * fast producer is slowed to the consumers' pace instead of filling memory.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly capacity: number;
  // Buffered items live in #items from #head on; the consumed prefix is dropped in bulk.
  #items: T[] = [];
  #head = 0;
  #closed = false;
  readonly #getters = new WaitList<undefined, T>();
  readonly #putters = new WaitList<T, void>();
  readonly #drainWaiters = new WaitList<undefined, void>();

  /** `capacity` is how many items may wait in the queue; 0 hands each item over directly. */
  constructor(capacity: number) {
    if (!(capacity >= 0 && (Number.isInteger(capacity) || capacity === Infinity))) {
      throw new RangeError(`capacity must be a non-negative integer or Infinity, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  /** Items in the queue now, not counting puts still waiting for room. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Adds an item, waiting for room while the queue is full. */
  put(item: T, options?: QueueWaitOptions): Promise<void> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed) return Promise.reject(new QueueClosedError());
    const getter = this.#getters.shift();
    if (getter !== undefined) getter.resolve(item);
    else if (this.size < this.capacity) this.#items.push(item);
    else {
      return new Promise<void>((resolve, reject) => {
        // An aborted put can leave a capacity-0 queue drained.
        const onAbort = (reason: unknown): void => {
          reject(reason);
          this.#checkDrained();
        };
        this.#putters.push(item, resolve, onAbort, signal);
      });
    }
    return Promise.resolve();
  }

  /** Takes the oldest item, waiting while the queue is empty. */
  get(options?: QueueWaitOptions): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.size > 0) {
      const item = this.#take();
      // Room was made: the longest-waiting put gets it.
      const putter = this.#putters.shift();
      if (putter !== undefined) {
        this.#items.push(putter.data);
        putter.resolve();
      }
      this.#checkDrained();
      return Promise.resolve(item);
    }
    // Only with capacity 0 can a put wait while the queue is empty: take its item directly.
    const putter = this.#putters.shift();
    if (putter !== undefined) {
      putter.resolve();
      this.#checkDrained();
      return Promise.resolve(putter.data);
    }
    if (this.#closed) return Promise.reject(new QueueClosedError());
    return new Promise<T>((resolve, reject) => this.#getters.push(undefined, resolve, reject, signal));
  }

  /**
   * Refuses further puts. Items already in the queue, or waiting to be put, are still
   * delivered; after them, `get` rejects with QueueClosedError and iteration ends.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // Getters only wait on an empty queue, so nothing more will reach them.
    for (let getter; (getter = this.#getters.shift()) !== undefined; ) {
      getter.reject(new QueueClosedError());
    }
  }

  /** Resolves once the queue is empty and no put is waiting, at once if that is so now. */
  drained(options?: QueueWaitOptions): Promise<void> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.size === 0 && this.#putters.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) =>
      this.#drainWaiters.push(undefined, resolve, reject, signal),
    );
  }

  /** Yields items until the queue is closed and empty. Several consumers may iterate at once. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      let item: T;
      try {
        item = await this.get();
      } catch (error) {
        if (error instanceof QueueClosedError) return;
        throw error;
      }
      yield item;
    }
  }

  #take(): T {
    const items = this.#items;
    const item = items[this.#head];
    items[this.#head++] = undefined as T;
    if (this.#head === items.length) {
      items.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= items.length) {
      items.splice(0, this.#head);
      this.#head = 0;
    }
    return item;
  }

  #checkDrained(): void {
    if (this.size > 0 || this.#putters.size > 0) return;
    for (let waiter; (waiter = this.#drainWaiters.shift()) !== undefined; ) waiter.resolve();
  }
}
