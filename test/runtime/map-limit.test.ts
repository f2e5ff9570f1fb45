import { describe, expect, test } from 'vitest';
import { mapLimit } from 'async-guard';
import { abortListeners, settle } from './observe.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapLimit', () => {
  test('resolves with results in input order whatever order the calls finish in', async () => {
    const results = await mapLimit([30, 10, 20, 0], 4, async (ms, index) => {
      await delay(ms);
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:10', '2:20', '3:0']);
  });

  test('never runs more calls at once than the limit', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit(Array.from({ length: 30 }, (_, i) => i), 4, async (n) => {
      running++;
      most = Math.max(most, running);
      await delay(n % 3);
      running--;
      return n * 2;
    });
    expect(most).toBe(4);
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
  });

  test('accepts any iterable, including generators and sets, and synchronous results', async () => {
    function* numbers() {
      yield 1;
      yield 2;
      yield 3;
    }
    expect(await mapLimit(numbers(), 2, (n) => n + 1)).toEqual([2, 3, 4]);
    expect(await mapLimit(new Set(['a', 'b']), 8, (s) => s.toUpperCase())).toEqual(['A', 'B']);
  });

  test('accepts an async iterable and keeps its order with several calls running', async () => {
    async function* slowNumbers() {
      for (let i = 0; i < 10; i++) {
        await delay(1);
        yield i;
      }
    }
    let running = 0;
    let most = 0;
    const results = await mapLimit(slowNumbers(), 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await delay(10 - n);
      running--;
      return n * n;
    });
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i * i));
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(1);
  });

  test('resolves with an empty array for empty input', async () => {
    expect(await mapLimit([], 3, () => 1)).toEqual([]);
    async function* nothing() {}
    expect(await mapLimit(nothing(), 3, () => 1)).toEqual([]);
  });

  test('on the first error it starts nothing new, aborts running calls and rejects with that error at once', async () => {
    const failure = new Error('item 1 failed');
    const started: number[] = [];
    const runningSignals: AbortSignal[] = [];
    let slowFinished = false;
    const result = mapLimit([0, 1, 2, 3, 4, 5], 2, async (n, _index, signal) => {
      started.push(n);
      if (n === 1) {
        await delay(5);
        throw failure;
      }
      runningSignals.push(signal);
      await delay(200);
      slowFinished = true;
      return n;
    });
    await expect(result).rejects.toBe(failure);
    expect(slowFinished).toBe(false);
    expect(started).toEqual([0, 1]);
    expect(runningSignals[0]!.aborted).toBe(true);
    expect(runningSignals[0]!.reason).toBe(failure);
  });

  test('a synchronous throw stops the start-up at once', async () => {
    const failure = new Error('sync failure');
    const started: number[] = [];
    const result = mapLimit([0, 1, 2, 3], Infinity, (n) => {
      started.push(n);
      throw failure;
    });
    await expect(result).rejects.toBe(failure);
    expect(started).toEqual([0]);
  });

  test('a failing iterator rejects with its error', async () => {
    const failure = new Error('source broke');
    function* broken() {
      yield 1;
      throw failure;
    }
    await expect(mapLimit(broken(), 1, (n) => n)).rejects.toBe(failure);
  });

  test('closes the source on failure so its finally blocks run', async () => {
    let closed = false;
    function* source() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    await expect(
      mapLimit(source(), 2, async (n) => {
        if (n === 3) throw new Error('stop');
        return n;
      }),
    ).rejects.toThrow('stop');
    expect(closed).toBe(true);
  });

  test('aborting the signal stops the run, aborts running calls and rejects with the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const seen: AbortSignal[] = [];
    let calls = 0;
    const result = mapLimit(Array.from({ length: 10 }, (_, i) => i), 2, async (_n, _i, signal) => {
      calls++;
      seen.push(signal);
      await delay(50);
    }, { signal: controller.signal });
    await delay(5);
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    await settle();
    expect(calls).toBe(2);
    expect(seen.every((signal) => signal.aborted)).toBe(true);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test('an already aborted signal rejects with its reason before pulling any item', async () => {
    const reason = new Error('too late');
    let pulled = false;
    const source = {
      *[Symbol.iterator]() {
        pulled = true;
        yield 1;
      },
    };
    let called = false;
    await expect(
      mapLimit(source, 2, () => {
        called = true;
      }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(pulled).toBe(false);
    expect(called).toBe(false);
  });

  test('removes its listener from the caller’s signal once done', async () => {
    const controller = new AbortController();
    await mapLimit([1, 2, 3], 2, async (n) => n, { signal: controller.signal });
    expect(abortListeners(controller.signal)).toBe(0);
    await expect(
      mapLimit([1], 2, async () => Promise.reject(new Error('x')), { signal: controller.signal }),
    ).rejects.toThrow('x');
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test('rejects a limit that is not a positive integer or Infinity', async () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      await expect(mapLimit([1], limit, (n) => n)).rejects.toThrow(RangeError);
    }
    expect(await mapLimit([1, 2], Infinity, (n) => n)).toEqual([1, 2]);
  });

  test('handles a million items with limit 1 without stack overflow', async () => {
    const items = Array.from({ length: 1_000_000 }, (_, i) => i);
    const results = await mapLimit(items, 1, (n) => n);
    expect(results.length).toBe(1_000_000);
    expect(results[999_999]).toBe(999_999);
  });
});
