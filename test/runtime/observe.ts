// What the tests look at from outside: timers alive in the process, listeners on a signal,
// and a way to let every pending promise reaction run.
import { getEventListeners } from 'node:events';

/** Timers (setTimeout/setInterval) currently keeping the process alive or pending. */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

/** Abort listeners currently registered on `signal`. */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

/** Resolves after every already-queued microtask and promise reaction has run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
