// Property-based tests: random interleavings of acquire, release, abort and timeout (and of
// put, get, abort and close for the queue), checking the invariants after every step.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AsyncQueue, QueueClosedError, Semaphore, type Release } from 'async-guard';
import { abortListeners, settle } from './observe.js';

type State = 'pending' | 'fulfilled' | 'rejected';
interface Request<T> {
  id: number;
  state: State;
  value?: T;
  reason?: unknown;
  controller?: AbortController;
  /** For Semaphore#run: the task has been started (it holds a permit). */
  started?: boolean;
}

function watch<T>(request: Request<T>, promise: Promise<T>, onFulfilled?: () => void): void {
  promise.then(
    (value) => {
      expect(request.state).toBe('pending');
      request.state = 'fulfilled';
      request.value = value;
      onFulfilled?.();
    },
    (reason: unknown) => {
      expect(request.state).toBe('pending');
      request.state = 'rejected';
      request.reason = reason;
    },
  );
}

const semaphoreOp = fc.oneof(
  fc.record({ kind: fc.constant('acquire' as const), cancellable: fc.boolean() }),
  fc.record({ kind: fc.constant('run' as const), cancellable: fc.boolean() }),
  fc.record({ kind: fc.constant('tryAcquire' as const) }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat(), twice: fc.boolean() }),
  fc.record({ kind: fc.constant('finishTask' as const), pick: fc.nat(), fail: fc.boolean() }),
  fc.record({ kind: fc.constant('abort' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('timeout' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('flush' as const) }),
);

describe('Semaphore invariants over random interleavings', () => {
  test('permits are conserved, granted FIFO, never to aborted or timed-out waiters, and released once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(semaphoreOp, { maxLength: 120 }), async (permits, ops) => {
        const semaphore = new Semaphore(permits);
        const requests: Request<unknown>[] = [];
        const held: Release[] = []; // permits held through acquire/tryAcquire
        const runningTasks: Array<{ finish: (fail: boolean) => void }> = []; // permits held by run()
        const grantOrder: number[] = [];
        const cancelled = new Set<number>();
        let nextId = 0;

        const check = () => {
          expect(held.length + runningTasks.length + semaphore.available).toBe(permits);
          if (semaphore.available > 0) expect(semaphore.waiting).toBe(0);
          expect(semaphore.waiting).toBe(requests.filter((r) => r.state === 'pending' && !r.started).length);
          // Served in arrival order: grants only ever go to later requests.
          expect(grantOrder).toEqual([...grantOrder].sort((a, b) => a - b));
          for (const id of cancelled) expect(grantOrder).not.toContain(id);
        };
        const pendingWithSignal = () =>
          requests.filter((r) => r.state === 'pending' && !r.started && r.controller && !r.controller.signal.aborted);

        for (const op of ops) {
          switch (op.kind) {
            case 'acquire': {
              const request: Request<unknown> = { id: nextId++, state: 'pending' };
              if (op.cancellable) request.controller = new AbortController();
              requests.push(request);
              watch(request, semaphore.acquire({ signal: request.controller?.signal }), () => {
                grantOrder.push(request.id);
                held.push(request.value as Release);
              });
              break;
            }
            case 'run': {
              const request: Request<unknown> = { id: nextId++, state: 'pending' };
              if (op.cancellable) request.controller = new AbortController();
              requests.push(request);
              const promise = semaphore.run(
                () =>
                  new Promise((resolve, reject) => {
                    request.started = true;
                    grantOrder.push(request.id);
                    const entry = {
                      finish: (fail: boolean) => {
                        runningTasks.splice(runningTasks.indexOf(entry), 1);
                        if (fail) reject(new Error('task failed'));
                        else resolve('done');
                      },
                    };
                    runningTasks.push(entry);
                  }),
                { signal: request.controller?.signal },
              );
              watch(request, promise);
              break;
            }
            case 'tryAcquire': {
              const release = semaphore.tryAcquire();
              if (release) held.push(release);
              break;
            }
            case 'release': {
              if (held.length === 0) break;
              const [release] = held.splice(op.pick % held.length, 1);
              release!();
              if (op.twice) release!();
              break;
            }
            case 'finishTask': {
              if (runningTasks.length > 0) runningTasks[op.pick % runningTasks.length]!.finish(op.fail);
              break;
            }
            case 'abort':
            case 'timeout': {
              const candidates = pendingWithSignal();
              if (candidates.length === 0) break;
              const request = candidates[op.pick % candidates.length]!;
              const reason =
                op.kind === 'timeout' ? new DOMException('waited too long', 'TimeoutError') : new Error('aborted');
              const waitingBefore = semaphore.waiting;
              request.controller!.abort(reason);
              // Leaves the queue at once, before any promise reaction runs.
              expect(semaphore.waiting).toBe(waitingBefore - 1);
              cancelled.add(request.id);
              await settle();
              expect(request.state).toBe('rejected');
              expect(request.reason).toBe(reason);
              break;
            }
            case 'flush':
              break;
          }
          await settle();
          check();
        }

        // Wind down: give everything back and let every waiter through.
        while (held.length > 0 || runningTasks.length > 0) {
          if (held.length > 0) held.pop()!();
          else runningTasks[0]!.finish(false);
          await settle();
        }
        expect(semaphore.available).toBe(permits);
        expect(semaphore.waiting).toBe(0);
        for (const request of requests) {
          expect(request.state).not.toBe('pending');
          if (request.controller) expect(abortListeners(request.controller.signal)).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

const queueOp = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), cancellable: fc.boolean() }),
  fc.record({ kind: fc.constant('get' as const), cancellable: fc.boolean() }),
  fc.record({ kind: fc.constant('abort' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('timeout' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('close' as const) }),
  fc.record({ kind: fc.constant('flush' as const) }),
);

describe('AsyncQueue invariants over random interleavings', () => {
  test('items arrive once each, in put order, never from aborted puts, and the queue never overfills', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(queueOp, { maxLength: 60 }), async (capacity, ops) => {
        const queue = new AsyncQueue<number>(capacity);
        const puts: Request<void>[] = [];
        const gets: Request<number>[] = [];
        const abortedPuts = new Set<number>();
        let closed = false;
        let nextId = 0;

        const check = () => {
          expect(queue.size).toBeLessThanOrEqual(capacity);
          const accepted = puts.filter((p) => p.state === 'fulfilled').length;
          const delivered = gets.filter((g) => g.state === 'fulfilled');
          expect(queue.size).toBe(accepted - delivered.length);
          if (gets.some((g) => g.state === 'pending')) expect(queue.size).toBe(0);
          if (puts.some((p) => p.state === 'pending')) expect(queue.size).toBe(capacity);
          // Delivered values, in the order consumers asked, are the accepted puts in put order.
          const values = delivered.map((g) => g.value!);
          const putOrder = puts.filter((p) => !abortedPuts.has(p.id)).map((p) => p.id);
          expect(values).toEqual(putOrder.slice(0, values.length));
        };
        const pendingWithSignal = () =>
          [...puts, ...gets].filter((r) => r.state === 'pending' && r.controller && !r.controller.signal.aborted);

        for (const op of ops) {
          switch (op.kind) {
            case 'put': {
              const request: Request<void> = { id: nextId++, state: 'pending' };
              if (op.cancellable) request.controller = new AbortController();
              const promise = queue.put(request.id, { signal: request.controller?.signal });
              if (closed) {
                await expect(promise).rejects.toBeInstanceOf(QueueClosedError);
                abortedPuts.add(request.id);
                break;
              }
              puts.push(request);
              watch(request, promise);
              break;
            }
            case 'get': {
              const request: Request<number> = { id: nextId++, state: 'pending' };
              if (op.cancellable) request.controller = new AbortController();
              gets.push(request);
              watch(request, queue.get({ signal: request.controller?.signal }));
              break;
            }
            case 'abort':
            case 'timeout': {
              const candidates = pendingWithSignal();
              if (candidates.length === 0) break;
              const request = candidates[op.pick % candidates.length]!;
              const reason =
                op.kind === 'timeout' ? new DOMException('waited too long', 'TimeoutError') : new Error('aborted');
              request.controller!.abort(reason);
              if (puts.includes(request as Request<void>)) abortedPuts.add(request.id);
              await settle();
              expect(request.state).toBe('rejected');
              expect(request.reason).toBe(reason);
              break;
            }
            case 'close':
              queue.close();
              closed = true;
              break;
            case 'flush':
              break;
          }
          await settle();
          check();
        }

        // Drain: every accepted item comes out exactly once, then the closed queue ends.
        queue.close();
        const rest: number[] = [];
        for await (const item of queue) rest.push(item);
        await settle();
        const delivered = [...gets.filter((g) => g.state === 'fulfilled').map((g) => g.value!), ...rest];
        const expected = puts.filter((p) => !abortedPuts.has(p.id)).map((p) => p.id);
        expect(delivered).toEqual(expected);
        for (const request of [...puts, ...gets]) {
          expect(request.state).not.toBe('pending');
          if (request.controller) expect(abortListeners(request.controller.signal)).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
