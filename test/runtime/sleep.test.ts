import { afterEach, describe, expect, test, vi } from 'vitest';
import { sleep } from 'async-guard';
import { abortListeners, watchTimers, settle, track } from './observe.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sleep', () => {
  test('resolves after the given time and not before', async () => {
    vi.useFakeTimers();
    const sleeping = track(sleep(1_000));
    await vi.advanceTimersByTimeAsync(999);
    expect(sleeping.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(sleeping.state).toBe('fulfilled');
  });

  test('resolves after a real delay and leaves no timer or listener behind', async () => {
    using timers = watchTimers();
    const controller = new AbortController();
    const started = performance.now();
    await sleep(20, { signal: controller.signal });
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    await settle();
    expect(timers.live).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test('aborting ends the sleep at once with the reason and clears the timer', async () => {
    using timers = watchTimers();
    const controller = new AbortController();
    const sleeping = sleep(60_000, { signal: controller.signal });
    expect(timers.live).toBe(1);
    const reason = new Error('wake up');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await settle();
    expect(timers.live).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test('an already aborted signal rejects with its reason without starting a timer', async () => {
    using timers = watchTimers();
    const reason = new Error('already over');
    const outcome = sleep(1_000, { signal: AbortSignal.abort(reason) }).catch((error: unknown) => error);
    expect(timers.live).toBe(0);
    expect(await outcome).toBe(reason);
  });

  test('clamps delays above 2^31-1 ms instead of firing at once', async () => {
    const controller = new AbortController();
    const sleeping = track(sleep(2 ** 31 + 10, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sleeping.state).toBe('pending');
    controller.abort();
    await settle();
    expect(sleeping.state).toBe('rejected');
  });

  test('treats zero, negative and NaN delays as no delay', async () => {
    await expect(sleep(0)).resolves.toBeUndefined();
    await expect(sleep(-5)).resolves.toBeUndefined();
    await expect(sleep(Number.NaN)).resolves.toBeUndefined();
  });
});
