import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, test } from 'vitest';
import { AsyncQueue, QueueClosedError } from 'async-guard';
import { abortListeners, settle, track } from './observe.js';

describe('AsyncQueue', () => {
  test('delivers items first in, first out', async () => {
    const queue = new AsyncQueue<number>(10);
    for (const n of [1, 2, 3]) await queue.put(n);
    expect(queue.size).toBe(3);
    expect([await queue.get(), await queue.get(), await queue.get()]).toEqual([1, 2, 3]);
  });

  test('put waits while the queue is full and resumes when a get makes room', async () => {
    const queue = new AsyncQueue<string>(2);
    await queue.put('a');
    await queue.put('b');
    const third = track(queue.put('c'));
    await settle();
    expect(third.state).toBe('pending');
    expect(queue.size).toBe(2);
    expect(await queue.get()).toBe('a');
    await settle();
    expect(third.state).toBe('fulfilled');
    expect(queue.size).toBe(2);
    expect([await queue.get(), await queue.get()]).toEqual(['b', 'c']);
  });

  test('a producer faster than its consumer never has more than capacity items queued', async () => {
    const queue = new AsyncQueue<number>(3);
    let most = 0;
    const producer = (async () => {
      for (let i = 0; i < 50; i++) {
        await queue.put(i);
        most = Math.max(most, queue.size);
      }
      queue.close();
    })();
    const received: number[] = [];
    for await (const item of queue) {
      received.push(item);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await producer;
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(most).toBeLessThanOrEqual(3);
  });

  test('get waits while the queue is empty and a put hands the item straight over', async () => {
    const queue = new AsyncQueue<string>(1);
    const first = track(queue.get());
    const second = track(queue.get());
    await settle();
    expect(first.state).toBe('pending');
    await queue.put('x');
    await queue.put('y');
    await settle();
    expect(first).toEqual({ state: 'fulfilled', value: 'x' });
    expect(second).toEqual({ state: 'fulfilled', value: 'y' });
    expect(queue.size).toBe(0);
  });

  test('capacity 0 makes every put wait for a get', async () => {
    const queue = new AsyncQueue<number>(0);
    const put = track(queue.put(7));
    await settle();
    expect(put.state).toBe('pending');
    expect(await queue.get()).toBe(7);
    await settle();
    expect(put.state).toBe('fulfilled');
  });

  test('close refuses new puts but still delivers what was queued or waiting to be put', async () => {
    const queue = new AsyncQueue<number>(1);
    await queue.put(1);
    const waitingPut = track(queue.put(2));
    queue.close();
    expect(queue.closed).toBe(true);
    await expect(queue.put(3)).rejects.toBeInstanceOf(QueueClosedError);
    expect(await queue.get()).toBe(1);
    expect(await queue.get()).toBe(2);
    await settle();
    expect(waitingPut.state).toBe('fulfilled');
    await expect(queue.get()).rejects.toBeInstanceOf(QueueClosedError);
  });

  test('close rejects consumers waiting on an empty queue', async () => {
    const queue = new AsyncQueue<number>(1);
    const waiting = queue.get();
    queue.close();
    await expect(waiting).rejects.toBeInstanceOf(QueueClosedError);
  });

  test('async iteration yields every item and ends when the queue is closed and empty', async () => {
    const queue = new AsyncQueue<number>(2);
    const consumed = (async () => {
      const items: number[] = [];
      for await (const item of queue) items.push(item);
      return items;
    })();
    for (const n of [1, 2, 3, 4, 5]) await queue.put(n);
    queue.close();
    expect(await consumed).toEqual([1, 2, 3, 4, 5]);
  });

  test('several consumers iterating share the items without duplicates', async () => {
    const queue = new AsyncQueue<number>(4);
    const consume = async () => {
      const items: number[] = [];
      for await (const item of queue) {
        items.push(item);
        await settle();
      }
      return items;
    };
    const consumers = [consume(), consume(), consume()];
    for (let i = 0; i < 30; i++) await queue.put(i);
    queue.close();
    const all = (await Promise.all(consumers)).flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  test('drained resolves once every item has been taken, and at once when already empty', async () => {
    const queue = new AsyncQueue<number>(5);
    await expect(queue.drained()).resolves.toBeUndefined();
    await queue.put(1);
    await queue.put(2);
    const drained = track(queue.drained());
    await queue.get();
    await settle();
    expect(drained.state).toBe('pending');
    await queue.get();
    await settle();
    expect(drained.state).toBe('fulfilled');
  });

  test('an aborted put leaves the queue at once, rejects with the reason and its item is never delivered', async () => {
    const queue = new AsyncQueue<string>(1);
    await queue.put('kept');
    const controller = new AbortController();
    const reason = new Error('producer cancelled');
    const aborted = queue.put('dropped', { signal: controller.signal });
    const after = track(queue.put('after'));
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect(abortListeners(controller.signal)).toBe(0);
    expect(await queue.get()).toBe('kept');
    expect(await queue.get()).toBe('after');
    await settle();
    expect(after.state).toBe('fulfilled');
    expect(queue.size).toBe(0);
  });

  test('an aborted get leaves the queue and the next item goes to the next consumer', async () => {
    const queue = new AsyncQueue<string>(1);
    const controller = new AbortController();
    const aborted = queue.get({ signal: controller.signal });
    const next = track(queue.get());
    controller.abort(new Error('consumer gone'));
    await expect(aborted).rejects.toThrow('consumer gone');
    await queue.put('item');
    await settle();
    expect(next).toEqual({ state: 'fulfilled', value: 'item' });
  });

  test('an aborted put on a capacity-0 queue lets drained resolve', async () => {
    const queue = new AsyncQueue<number>(0);
    const controller = new AbortController();
    const put = queue.put(1, { signal: controller.signal });
    const drained = track(queue.drained());
    controller.abort();
    await expect(put).rejects.toMatchObject({ name: 'AbortError' });
    await settle();
    expect(drained.state).toBe('fulfilled');
  });

  test('an already aborted signal rejects put, get and drained with its reason and changes nothing', async () => {
    const queue = new AsyncQueue<number>(1);
    const reason = new Error('stop');
    const signal = AbortSignal.abort(reason);
    await expect(queue.put(1, { signal })).rejects.toBe(reason);
    expect(queue.size).toBe(0);
    await expect(queue.get({ signal })).rejects.toBe(reason);
    await queue.put(2);
    await expect(queue.drained({ signal })).rejects.toBe(reason);
    expect(await queue.get()).toBe(2);
  });

  test('AsyncLocalStorage context survives waiting in get and put', async () => {
    const storage = new AsyncLocalStorage<string>();
    const queue = new AsyncQueue<number>(0);
    const consumer = storage.run('consumer', async () => {
      await queue.get();
      return storage.getStore();
    });
    const producer = storage.run('producer', async () => {
      await queue.put(1);
      await queue.put(2);
      return storage.getStore();
    });
    expect(await consumer).toBe('consumer');
    await storage.run('other', () => queue.get());
    expect(await producer).toBe('producer');
  });

  test('rejects a capacity that is not a non-negative integer or Infinity', () => {
    expect(() => new AsyncQueue(-1)).toThrow(RangeError);
    expect(() => new AsyncQueue(2.5)).toThrow(RangeError);
    expect(new AsyncQueue(Infinity).capacity).toBe(Infinity);
  });
});
