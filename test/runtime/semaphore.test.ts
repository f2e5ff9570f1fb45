import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, test } from 'vitest';
import { Semaphore } from 'async-guard';
import { abortListeners, settle, track } from './observe.js';

describe('Semaphore', () => {
  test('never lets more tasks run at once than it has permits', async () => {
    const semaphore = new Semaphore(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        semaphore.run(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(semaphore.available).toBe(3);
    expect(semaphore.waiting).toBe(0);
  });

  test('serves waiters first come, first served', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const order: number[] = [];
    const waiters = [1, 2, 3, 4].map((n) =>
      semaphore.acquire().then((next) => {
        order.push(n);
        next();
      }),
    );
    release();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  test('hands a released permit straight to the next waiter so a newcomer cannot barge in', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const waiter = track(semaphore.acquire());
    release();
    expect(semaphore.available).toBe(0);
    expect(semaphore.waiting).toBe(0);
    expect(semaphore.tryAcquire()).toBeUndefined();
    await settle();
    expect(waiter.state).toBe('fulfilled');
  });

  test('release is idempotent: releasing twice never raises the permit count', async () => {
    const semaphore = new Semaphore(2);
    const release = await semaphore.acquire();
    expect(semaphore.available).toBe(1);
    release();
    release();
    expect(semaphore.available).toBe(2);
    const other = semaphore.tryAcquire()!;
    release();
    expect(semaphore.available).toBe(1);
    other();
    expect(semaphore.available).toBe(2);
  });

  test('tryAcquire takes a free permit and returns undefined when none is free', () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire();
    expect(release).toBeTypeOf('function');
    expect(semaphore.tryAcquire()).toBeUndefined();
    release!();
    expect(semaphore.tryAcquire()).toBeTypeOf('function');
  });

  test('run resolves with the task result and releases the permit afterwards', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => 42)).resolves.toBe(42);
    await expect(semaphore.run(() => 'sync value')).resolves.toBe('sync value');
    expect(semaphore.available).toBe(1);
  });

  test('run releases the permit when the task rejects or throws synchronously', async () => {
    const semaphore = new Semaphore(1);
    const failure = new Error('task failed');
    await expect(semaphore.run(async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(semaphore.available).toBe(1);
    await expect(
      semaphore.run(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(semaphore.available).toBe(1);
    // A queued task that throws hands its permit on as well.
    const release = semaphore.tryAcquire()!;
    const queued = semaphore.run(() => {
      throw failure;
    });
    const after = semaphore.run(() => 'next');
    release();
    await expect(queued).rejects.toBe(failure);
    await expect(after).resolves.toBe('next');
    expect(semaphore.available).toBe(1);
  });

  test('an already aborted signal rejects with its reason before any work starts', async () => {
    const semaphore = new Semaphore(1);
    const reason = new Error('cancelled before start');
    const signal = AbortSignal.abort(reason);
    let called = false;
    await expect(semaphore.acquire({ signal })).rejects.toBe(reason);
    await expect(
      semaphore.run(() => {
        called = true;
      }, { signal }),
    ).rejects.toBe(reason);
    expect(called).toBe(false);
    expect(semaphore.available).toBe(1);
  });

  test('an aborted waiter leaves the queue at once, rejects with the reason and takes no permit', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const controller = new AbortController();
    const aborted = track(semaphore.acquire({ signal: controller.signal }));
    const ran: string[] = [];
    const abortedTask = track(semaphore.run(() => ran.push('aborted task'), { signal: controller.signal }));
    const next = track(semaphore.acquire());
    expect(semaphore.waiting).toBe(3);

    const reason = new Error('gave up');
    controller.abort(reason);
    expect(semaphore.waiting).toBe(1);
    expect(abortListeners(controller.signal)).toBe(0);
    await settle();
    expect(aborted).toEqual({ state: 'rejected', value: reason });
    expect(abortedTask).toEqual({ state: 'rejected', value: reason });

    release();
    await settle();
    expect(next.state).toBe('fulfilled');
    expect(ran).toEqual([]);
    (next.value as () => void)();
    expect(semaphore.available).toBe(1);
  });

  test('many waiters aborting while the line grows keep the others in order', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const order: number[] = [];
    const rejected: number[] = [];
    const controllers: AbortController[] = [];
    const calls: Promise<void>[] = [];
    const enqueue = (n: number) => {
      const controller = new AbortController();
      controllers[n] = controller;
      calls.push(
        semaphore.acquire({ signal: controller.signal }).then(
          (next) => {
            order.push(n);
            next();
          },
          () => {
            rejected.push(n);
          },
        ),
      );
    };
    for (let n = 0; n < 20; n++) enqueue(n);
    for (let n = 0; n < 10; n++) controllers[n]!.abort();
    for (let n = 20; n < 50; n++) enqueue(n);
    // These waiters were moved when the line grew; aborting them must still find them.
    controllers[15]!.abort();
    controllers[42]!.abort();
    expect(semaphore.waiting).toBe(50 - 12);
    release();
    await Promise.all(calls);
    const aborted = [...Array.from({ length: 10 }, (_, n) => n), 15, 42];
    expect(rejected.sort((a, b) => a - b)).toEqual(aborted);
    expect(order).toEqual(Array.from({ length: 50 }, (_, n) => n).filter((n) => !aborted.includes(n)));
    expect(semaphore.available).toBe(1);
    for (const controller of controllers) expect(abortListeners(controller.signal)).toBe(0);
  });

  test('a task with a then method is run, not mistaken for a promise', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const task = Object.assign(() => 'ran', { then: 'not a promise method' });
    const thenable = Object.assign(() => 'ran too', { then: () => {} });
    const results = Promise.all([semaphore.run(task), semaphore.run(thenable)]);
    release();
    expect(await results).toEqual(['ran', 'ran too']);
  });

  test('a timed-out waiter (AbortSignal.timeout) leaves the queue and takes no permit', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const signal = AbortSignal.timeout(5);
    await expect(semaphore.acquire({ signal })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(semaphore.waiting).toBe(0);
    release();
    expect(semaphore.available).toBe(1);
  });

  test('a waiter is settled exactly once: aborting after it got the permit changes nothing', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const controller = new AbortController();
    const waiter = track(semaphore.acquire({ signal: controller.signal }));
    release();
    expect(abortListeners(controller.signal)).toBe(0);
    controller.abort();
    await settle();
    expect(waiter.state).toBe('fulfilled');
    expect(semaphore.available).toBe(0);
    (waiter.value as () => void)();
    expect(semaphore.available).toBe(1);
  });

  test('the signal only cancels the wait: a started task runs to completion', async () => {
    const semaphore = new Semaphore(1);
    const controller = new AbortController();
    const result = semaphore.run(async () => {
      controller.abort();
      await settle();
      return 'finished';
    }, { signal: controller.signal });
    await expect(result).resolves.toBe('finished');
  });

  test('rejects a permit count that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
    expect(() => new Semaphore(Number.NaN)).toThrow(RangeError);
  });

  test('a million queued tasks drain without stack overflow', async () => {
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    let done = 0;
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < 1_000_000; i++) all.push(semaphore.run(() => done++));
    expect(semaphore.waiting).toBe(1_000_000);
    release();
    await Promise.all(all);
    expect(done).toBe(1_000_000);
    expect(semaphore.available).toBe(1);
  });

  test('a million queued acquirers drain without stack overflow', async () => {
    const semaphore = new Semaphore(2);
    const first = semaphore.tryAcquire()!;
    const second = semaphore.tryAcquire()!;
    let done = 0;
    const all: Promise<void>[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      all.push(
        semaphore.acquire().then((release) => {
          done++;
          release();
        }),
      );
    }
    first();
    second();
    await Promise.all(all);
    expect(done).toBe(1_000_000);
    expect(semaphore.available).toBe(2);
  });

  test('AsyncLocalStorage context survives the queue: a queued task sees its caller’s store', async () => {
    const storage = new AsyncLocalStorage<string>();
    const semaphore = new Semaphore(1);
    const seen: Array<[string, string | undefined]> = [];
    const calls = ['a', 'b', 'c', 'd'].map((name) =>
      storage.run(name, () =>
        semaphore.run(async () => {
          seen.push([name, storage.getStore()]);
          await settle();
          seen.push([name, storage.getStore()]);
        }),
      ),
    );
    await Promise.all(calls);
    expect(seen).toHaveLength(8);
    for (const [caller, store] of seen) expect(store).toBe(caller);
  });

  test('AsyncLocalStorage context survives waiting in acquire', async () => {
    const storage = new AsyncLocalStorage<string>();
    const semaphore = new Semaphore(1);
    const release = semaphore.tryAcquire()!;
    const stores = ['x', 'y'].map((name) =>
      storage.run(name, async () => {
        const next = await semaphore.acquire();
        const store = storage.getStore();
        next();
        return store;
      }),
    );
    storage.run('releaser', release);
    expect(await Promise.all(stores)).toEqual(['x', 'y']);
  });

  test('a release handle works with using and await using', async () => {
    const semaphore = new Semaphore(1);
    {
      using _permit = await semaphore.acquire();
      expect(semaphore.available).toBe(0);
    }
    expect(semaphore.available).toBe(1);
    {
      await using _permit = await semaphore.acquire();
      expect(semaphore.available).toBe(0);
    }
    expect(semaphore.available).toBe(1);
  });
});
