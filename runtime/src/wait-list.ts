/**
 * A FIFO of callers waiting for something (an item, free space, an empty queue). Any waiter
 * can also leave in O(1) when its AbortSignal fires, which a plain array cannot do.
 */
export class Waiter<D, V> {
  prev: Waiter<D, V> | undefined = undefined;
  next: Waiter<D, V> | undefined = undefined;
  signal: AbortSignal | undefined = undefined;
  onAbort: (() => void) | undefined = undefined;

  constructor(
    /** What the waiter brings along: a task to run, an item to put. */
    readonly data: D,
    readonly resolve: (value: V) => void,
    readonly reject: (reason: unknown) => void,
  ) {}
}

export class WaitList<D, V> {
  #head: Waiter<D, V> | undefined = undefined;
  #tail: Waiter<D, V> | undefined = undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /**
   * Appends a waiter. If `signal` aborts first, the waiter leaves the list at once and
   * `reject` receives `signal.reason`; it is then never handed out by `shift`.
   */
  push(data: D, resolve: (value: V) => void, reject: (reason: unknown) => void, signal?: AbortSignal): void {
    const waiter = new Waiter(data, resolve, reject);
    const tail = this.#tail;
    if (tail === undefined) this.#head = waiter;
    else {
      tail.next = waiter;
      waiter.prev = tail;
    }
    this.#tail = waiter;
    this.#size++;
    if (signal !== undefined) {
      waiter.signal = signal;
      waiter.onAbort = () => {
        this.#unlink(waiter);
        waiter.reject(signal.reason);
      };
      signal.addEventListener('abort', waiter.onAbort);
    }
  }

  /** Removes and returns the longest-waiting waiter; its abort listener is gone by then. */
  shift(): Waiter<D, V> | undefined {
    const waiter = this.#head;
    if (waiter !== undefined) this.#unlink(waiter);
    return waiter;
  }

  #unlink(waiter: Waiter<D, V>): void {
    const { prev, next } = waiter;
    if (prev === undefined) this.#head = next;
    else prev.next = next;
    if (next === undefined) this.#tail = prev;
    else next.prev = prev;
    waiter.prev = waiter.next = undefined;
    this.#size--;
    if (waiter.signal !== undefined) waiter.signal.removeEventListener('abort', waiter.onAbort!);
  }
}
