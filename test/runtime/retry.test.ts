import { afterEach, describe, expect, test, vi } from 'vitest';
import { retry } from 'async-guard';
import { abortListeners, watchTimers, settle, track } from './observe.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Fails `failures` times with `error`, then resolves with the attempt number. */
function flaky(failures: number, error: (attempt: number) => unknown = () => new Error('flaky')) {
  const attempts: number[] = [];
  const fn = async (attempt: number) => {
    attempts.push(attempt);
    if (attempts.length <= failures) throw error(attempt);
    return attempt;
  };
  return { fn, attempts };
}

describe('retry', () => {
  test('retries until the call succeeds, numbering attempts from 1', async () => {
    const { fn, attempts } = flaky(2);
    await expect(retry(fn, { minDelay: 1 })).resolves.toBe(3);
    expect(attempts).toEqual([1, 2, 3]);
  });

  test('hands the caller’s signal to every attempt', async () => {
    const controller = new AbortController();
    const seen: Array<AbortSignal | undefined> = [];
    await retry((_attempt, signal) => {
      seen.push(signal);
      if (seen.length < 2) throw new Error('again');
      return 'ok';
    }, { minDelay: 1, signal: controller.signal });
    expect(seen).toEqual([controller.signal, controller.signal]);
  });

  test('gives up after `retries` retries and rejects with the last error', async () => {
    const { fn, attempts } = flaky(10, (attempt) => new Error(`failure ${attempt}`));
    await expect(retry(fn, { retries: 2, minDelay: 1 })).rejects.toThrow('failure 3');
    expect(attempts).toEqual([1, 2, 3]);
  });

  test('does not retry what shouldRetry refuses, sync or async', async () => {
    const fatal = new Error('400 bad request');
    const first = flaky(5, () => fatal);
    await expect(retry(first.fn, { minDelay: 1, shouldRetry: (error) => error !== fatal })).rejects.toBe(fatal);
    expect(first.attempts).toEqual([1]);
    const second = flaky(5, () => fatal);
    await expect(retry(second.fn, { minDelay: 1, shouldRetry: async () => false })).rejects.toBe(fatal);
    expect(second.attempts).toEqual([1]);
  });

  test('backs off exponentially up to maxDelay when jitter is off', async () => {
    vi.useFakeTimers();
    const delays: number[] = [];
    const { fn } = flaky(5);
    const result = retry(fn, {
      retries: 5,
      minDelay: 100,
      maxDelay: 500,
      jitter: false,
      onRetry: (_error, _attempt, delay) => delays.push(delay),
    });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe(6);
    expect(delays).toEqual([100, 200, 400, 500, 500]);
  });

  test('full jitter by default draws each delay between 0 and the backoff', async () => {
    vi.useFakeTimers();
    const random = vi.spyOn(Math, 'random');
    random.mockReturnValueOnce(0.5).mockReturnValueOnce(0.25).mockReturnValueOnce(0);
    const delays: number[] = [];
    const { fn } = flaky(3);
    const result = retry(fn, { minDelay: 100, onRetry: (_e, _a, delay) => delays.push(delay) });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe(4);
    expect(delays).toEqual([50, 50, 0]);
  });

  test('honours a retry-after hint in seconds exactly, without jitter', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    const delays: number[] = [];
    const { fn } = flaky(2, () => Object.assign(new Error('429'), { retryAfter: 3 }));
    const result = track(retry(fn, { onRetry: (_e, _a, delay) => delays.push(delay) }));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(delays).toEqual([3_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(delays).toEqual([3_000, 3_000]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(result).toEqual({ state: 'fulfilled', value: 3 });
  });

  test('reads a retry-after hint given as a header string, an HTTP date or a Date', async () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const hints = ['2', 'Tue, 01 Jan 2030 00:00:05 GMT', new Date('2030-01-01T00:00:04Z')];
    const delays: number[] = [];
    const { fn } = flaky(3, (attempt) => Object.assign(new Error('503'), { retryAfter: hints[attempt - 1] }));
    const result = retry(fn, { jitter: true, onRetry: (_e, _a, delay) => delays.push(delay) });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe(4);
    // Each date is read when its attempt fails: at 0 s, then 2 s, then 5 s.
    expect(delays).toEqual([2_000, 3_000, 0]);
  });

  test('caps a retry-after hint at maxDelay', async () => {
    vi.useFakeTimers();
    const delays: number[] = [];
    const { fn } = flaky(1, () => Object.assign(new Error('429'), { retryAfter: 3_600 }));
    const result = retry(fn, { maxDelay: 2_000, onRetry: (_e, _a, delay) => delays.push(delay) });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe(2);
    expect(delays).toEqual([2_000]);
  });

  test('stops at maxElapsed rather than wait past it', async () => {
    vi.useFakeTimers();
    const { fn, attempts } = flaky(10);
    const result = retry(fn, { retries: 10, minDelay: 100, jitter: false, maxElapsed: 500 });
    const settled = result.catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(await settled).toMatchObject({ message: 'flaky' });
    // Delays 100 + 200 bring it to 300 ms; waiting 400 more would pass 500 ms.
    expect(attempts).toEqual([1, 2, 3]);
  });

  test('aborting interrupts the delay at once, rejects with the reason and never retries', async () => {
    using timers = watchTimers();
    const controller = new AbortController();
    const { fn, attempts } = flaky(10);
    const result = retry(fn, { minDelay: 60_000, jitter: false, signal: controller.signal });
    await settle();
    expect(attempts).toEqual([1]);
    expect(timers.live).toBe(1);
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(attempts).toEqual([1]);
    await settle();
    expect(timers.live).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test('does not retry an attempt that failed after the signal aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled mid-attempt');
    const attempts: number[] = [];
    const result = retry(async (attempt) => {
      attempts.push(attempt);
      controller.abort(reason);
      throw new Error('request aborted');
    }, { minDelay: 1, signal: controller.signal });
    await expect(result).rejects.toBe(reason);
    expect(attempts).toEqual([1]);
  });

  test('an already aborted signal rejects with its reason before the first attempt', async () => {
    const reason = new Error('never start');
    let called = false;
    await expect(
      retry(() => {
        called = true;
      }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(called).toBe(false);
  });

  test('reports each retry to onRetry with the error, the attempt and the delay', async () => {
    const errors = [new Error('one'), new Error('two')];
    const { fn } = flaky(2, (attempt) => errors[attempt - 1]);
    const calls: unknown[][] = [];
    await retry(fn, { minDelay: 2, jitter: false, onRetry: (...args) => calls.push(args) });
    expect(calls).toEqual([
      [errors[0], 1, 2],
      [errors[1], 2, 4],
    ]);
  });
});
