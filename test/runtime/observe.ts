// What the tests look at from outside: timers alive in the process, listeners on a signal,
// and a way to let every pending promise reaction run.
import { createHook } from 'node:async_hooks';
import { getEventListeners } from 'node:events';

/**
 * Watches the timers created from now on. Counting only these, rather than every timer in
 * the process, keeps the test runner's own timers out of the count.
 */
export function watchTimers(): { readonly live: number } & Disposable {
  const live = new Set<number>();
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'Timeout') live.add(asyncId);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    get live() {
      return live.size;
    },
    [Symbol.dispose]: () => hook.disable(),
  };
}

/** Abort listeners currently registered on `signal`. */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

/**
 * Resolves after every already-queued microtask and promise reaction has run, and after the
 * destroy hooks of timers cleared so far (Node reports those on a later turn).
 */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/** Records whether a promise has settled, without ever leaving its rejection unhandled. */
export function track<T>(promise: Promise<T>): { readonly state: 'pending' | 'fulfilled' | 'rejected'; readonly value: unknown } {
  const record = { state: 'pending' as 'pending' | 'fulfilled' | 'rejected', value: undefined as unknown };
  promise.then(
    (value) => {
      record.state = 'fulfilled';
      record.value = value;
    },
    (error: unknown) => {
      record.state = 'rejected';
      record.value = error;
    },
  );
  return record;
}
