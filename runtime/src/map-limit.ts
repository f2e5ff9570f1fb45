export interface MapLimitOptions {
  /** Stops the whole run: no new calls start, running calls see their signal abort. */
  signal?: AbortSignal;
}

/**
 * Calls `fn` for every item with at most `limit` calls running at once and resolves with the
 * results in input order. On the first failure it starts nothing new, aborts the signal given
 * to the calls still running and rejects with that failure without waiting for them.
 */
export function mapLimit<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T, index: number, signal: AbortSignal) => R | PromiseLike<R>,
  options?: MapLimitOptions,
): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const outer = options?.signal;
    if (outer?.aborted) return reject(outer.reason);
    if (!(limit >= 1 && (Number.isInteger(limit) || limit === Infinity))) {
      return reject(new RangeError(`limit must be a positive integer or Infinity, got ${limit}`));
    }

    const controller = new AbortController();
    const signal = controller.signal;
    const isAsync = Symbol.asyncIterator in Object(items);
    const iterator = isAsync
      ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (items as Iterable<T>)[Symbol.iterator]();
    const results: R[] = [];
    let nextIndex = 0;
    let running = 0;
    let exhausted = false;
    let stopped = false;

    const stop = (error: unknown): void => {
      if (stopped) return;
      stopped = true;
      outer?.removeEventListener('abort', onAbort);
      controller.abort(error);
      // Let a generator run its `finally` blocks; its own failure to close changes nothing.
      try {
        Promise.resolve(iterator.return?.()).catch(ignore);
      } catch {}
      reject(error);
    };
    const onAbort = (): void => stop(outer!.reason);
    outer?.addEventListener('abort', onAbort);

    // A lane pulls the next item, runs fn on it and repeats: `limit` lanes give the
    // concurrency, and each item costs one await instead of a queued promise per item.
    const lane = async (): Promise<void> => {
      try {
        while (!stopped) {
          const index = nextIndex++;
          const step = isAsync
            ? await (iterator as AsyncIterator<T>).next()
            : (iterator as Iterator<T>).next();
          if (step.done) {
            exhausted = true;
            break;
          }
          if (stopped) break;
          // Async sources only show whether more items exist once an item arrives.
          if (isAsync && running < limit && !exhausted) startLane();
          results[index] = await fn(step.value, index, signal);
        }
      } catch (error) {
        // Caught here rather than on the lane's promise so that a synchronous throw stops
        // the start-up loop below before it opens another lane.
        stop(error);
      }
      if (--running === 0 && !stopped) {
        stopped = true;
        outer?.removeEventListener('abort', onAbort);
        resolve(results);
      }
    };
    const startLane = (): void => {
      running++;
      void lane();
    };

    startLane();
    // A sync source is pulled at once by each lane, so open the rest of them here.
    while (!isAsync && running < limit && !exhausted && !stopped) startLane();
  });
}

function ignore(): void {}
