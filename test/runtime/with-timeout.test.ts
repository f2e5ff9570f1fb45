import { afterEach, describe, expect, test, vi } from 'vitest';
import { TimeoutError, sleep, withTimeout } from 'async-guard';
import { abortListeners, watchTimers, settle, track } from './observe.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  test('resolves with the value of work that finishes in time and clears its timer', async () => {
    using timers = watchTimers();
    await expect(withTimeout(Promise.resolve('fast'), 1_000)).resolves.toBe('fast');
    await expect(withTimeout(async () => 'fast fn', 1_000)).resolves.toBe('fast fn');
    await settle();
    expect(timers.live).toBe(0);
  });

  test('rejects with a TimeoutError once the time is up', async () => {
    vi.useFakeTimers();
    const result = track(withTimeout(new Promise(() => {}), 100));
    await vi.advanceTimersByTimeAsync(99);
    expect(result.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result.state).toBe('rejected');
    expect(result.value).toBeInstanceOf(TimeoutError);
    expect(result.value).toBeInstanceOf(Error);
    expect((result.value as Error).name).toBe('TimeoutError');
    expect((result.value as Error).message).toBe('Timed out after 100 ms');
  });

  test('uses the given message for the TimeoutError', async () => {
    await expect(withTimeout(new Promise(() => {}), 1, { message: 'fetching the user took too long' })).rejects.toThrow(
      'fetching the user took too long',
    );
  });

  test('the function form gets a signal that aborts on timeout, so the work really stops', async () => {
    let workSignal: AbortSignal | undefined;
    let finished = false;
    using timers = watchTimers();
    const result = withTimeout(async (signal) => {
      workSignal = signal;
      await sleep(60_000, { signal });
      finished = true;
    }, 10);
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    expect(workSignal!.aborted).toBe(true);
    expect(workSignal!.reason).toBeInstanceOf(TimeoutError);
    await settle();
    expect(finished).toBe(false);
    // The work's own sleep stopped too: no timer is left.
    expect(timers.live).toBe(0);
  });

  test('a late rejection of a timed-out promise is handled, never reported as unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let rejectLate!: (reason: unknown) => void;
      const late = new Promise((_, reject) => {
        rejectLate = reject;
      });
      await expect(withTimeout(late, 5)).rejects.toBeInstanceOf(TimeoutError);
      rejectLate(new Error('late failure'));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('aborting the signal rejects with its reason, aborts the work and clears the timer', async () => {
    using timers = watchTimers();
    const controller = new AbortController();
    let workSignal: AbortSignal | undefined;
    const result = withTimeout((signal) => {
      workSignal = signal;
      return new Promise(() => {});
    }, 60_000, { signal: controller.signal });
    const reason = new Error('navigated away');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(workSignal!.reason).toBe(reason);
    await settle();
    expect(timers.live).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test('an already aborted signal rejects with its reason before the work starts', async () => {
    using timers = watchTimers();
    const reason = new Error('cancelled');
    let called = false;
    const result = withTimeout(() => {
      called = true;
      return 1;
    }, 1_000, { signal: AbortSignal.abort(reason) });
    await expect(result).rejects.toBe(reason);
    expect(called).toBe(false);
    await settle();
    expect(timers.live).toBe(0);
  });

  test('passes on the work’s own failure, synchronous or not, and clears the timer', async () => {
    using timers = watchTimers();
    const failure = new Error('work failed');
    const controller = new AbortController();
    await expect(withTimeout(Promise.reject(failure), 1_000, { signal: controller.signal })).rejects.toBe(failure);
    await expect(
      withTimeout(() => {
        throw failure;
      }, 1_000, { signal: controller.signal }),
    ).rejects.toBe(failure);
    await settle();
    expect(timers.live).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test('Infinity means no time limit and starts no timer', async () => {
    using timers = watchTimers();
    const result = withTimeout(sleep(5).then(() => 'done'), Infinity);
    expect(timers.live).toBe(1); // only the sleep's own timer
    await expect(result).resolves.toBe('done');
  });

  test('clamps timeouts above 2^31-1 ms instead of timing out at once', async () => {
    const controller = new AbortController();
    const result = track(withTimeout(new Promise(() => {}), 2 ** 31 + 10, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(result.state).toBe('pending');
    controller.abort();
    await settle();
    expect(result.state).toBe('rejected');
  });
});
