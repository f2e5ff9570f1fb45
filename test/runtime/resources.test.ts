// No timer and no abort listener outlives its operation, whichever way the operation ends.
import { describe, expect, test } from 'vitest';
import { AsyncQueue, Mutex, Semaphore, TaskGroup, mapLimit, retry, sleep, withTimeout } from 'async-guard';
import { abortListeners, watchTimers, settle } from './observe.js';

type Outcome = 'success' | 'failure' | 'abort';
const failure = new Error('operation failed');
const neverSettles = () => new Promise<never>(() => {});

/** Each operation runs under `signal`, ending the way `outcome` says (abort: it waits forever). */
const operations: Record<string, (signal: AbortSignal, outcome: Outcome) => Promise<unknown>> = {
  sleep: (signal, outcome) => (outcome === 'failure' ? Promise.reject(failure) : sleep(outcome === 'abort' ? 60_000 : 1, { signal })),
  'withTimeout(promise)': (signal, outcome) =>
    withTimeout(outcome === 'success' ? sleep(1) : outcome === 'failure' ? Promise.reject(failure) : neverSettles(), 60_000, { signal }),
  'withTimeout(fn)': (signal, outcome) =>
    withTimeout((inner) => (outcome === 'success' ? sleep(1, { signal: inner }) : outcome === 'failure' ? Promise.reject(failure) : sleep(60_000, { signal: inner })), 60_000, { signal }),
  retry: (signal, outcome) =>
    retry(async (attempt) => {
      if (outcome === 'success' && attempt > 1) return 'ok';
      throw failure;
    }, { signal, minDelay: outcome === 'abort' ? 60_000 : 1, jitter: false, retries: 2 }),
  'Semaphore#acquire': async (signal, outcome) => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const waiting = semaphore.acquire({ signal });
    if (outcome !== 'abort') release();
    const next = await waiting;
    next();
    if (outcome === 'failure') throw failure;
  },
  'Semaphore#run': (signal, outcome) => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const result = semaphore.run(() => (outcome === 'failure' ? Promise.reject(failure) : sleep(1)), { signal });
    if (outcome !== 'abort') release();
    return result;
  },
  'Mutex#runExclusive': (signal, outcome) => {
    const mutex = new Mutex();
    const unlock = mutex.tryAcquire()!;
    const result = mutex.runExclusive(() => (outcome === 'failure' ? Promise.reject(failure) : 'ok'), { signal });
    if (outcome !== 'abort') unlock();
    return result;
  },
  mapLimit: (signal, outcome) =>
    mapLimit([1, 2, 3], 2, (n, _i, inner) => (outcome === 'failure' && n === 2 ? Promise.reject(failure) : sleep(outcome === 'abort' ? 60_000 : 1, { signal: inner })), { signal }),
  'AsyncQueue#put': async (signal, outcome) => {
    const queue = new AsyncQueue<number>(0);
    const put = queue.put(1, { signal });
    if (outcome !== 'abort') await queue.get();
    await put;
    if (outcome === 'failure') throw failure;
  },
  'AsyncQueue#get': async (signal, outcome) => {
    const queue = new AsyncQueue<number>(1);
    const got = queue.get({ signal });
    if (outcome !== 'abort') await queue.put(1);
    await got;
    if (outcome === 'failure') throw failure;
  },
  'AsyncQueue#drained': async (signal, outcome) => {
    const queue = new AsyncQueue<number>(1);
    await queue.put(1);
    const drained = queue.drained({ signal });
    if (outcome !== 'abort') await queue.get();
    await drained;
    if (outcome === 'failure') throw failure;
  },
  TaskGroup: async (_signal, outcome) => {
    const group = new TaskGroup({ signal: _signal });
    group.spawn((inner) => sleep(outcome === 'abort' ? 60_000 : 1, { signal: inner }));
    if (outcome === 'failure') group.spawn(() => Promise.reject(failure));
    await group;
  },
};

describe('no timer or abort listener outlives its operation', () => {
  for (const [name, operation] of Object.entries(operations)) {
    for (const outcome of ['success', 'failure', 'abort'] as const) {
      test(`${name} on ${outcome}`, async () => {
        using timers = watchTimers();
        const controller = new AbortController();
        const result = operation(controller.signal, outcome).then(
          () => 'fulfilled',
          (error: unknown) => error,
        );
        if (outcome === 'abort') {
          await settle();
          controller.abort(new Error('aborted by test'));
        }
        const settled = await result;
        if (outcome === 'success') expect(settled).toBe('fulfilled');
        else if (outcome === 'failure') expect(settled).toBe(failure);
        else expect(settled).toMatchObject({ message: 'aborted by test' });
        await settle();
        expect(timers.live).toBe(0);
        expect(abortListeners(controller.signal)).toBe(0);
      });
    }
  }

  test('withTimeout when the time runs out', async () => {
    using timers = watchTimers();
    const controller = new AbortController();
    let workSignal: AbortSignal | undefined;
    const result = withTimeout((inner) => {
      workSignal = inner;
      return sleep(60_000, { signal: inner });
    }, 1, { signal: controller.signal });
    await expect(result).rejects.toMatchObject({ name: 'TimeoutError' });
    await settle();
    expect(timers.live).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
    expect(abortListeners(workSignal!)).toBe(0);
  });
});
