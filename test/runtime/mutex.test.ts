import { describe, expect, test } from 'vitest';
import { Mutex } from 'async-guard';
import { settle, track } from './observe.js';

describe('Mutex', () => {
  test('runExclusive never lets two critical sections overlap and keeps arrival order', async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        mutex.runExclusive(async () => {
          events.push(`enter ${n}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
          events.push(`leave ${n}`);
        }),
      ),
    );
    expect(events).toEqual(['enter 1', 'leave 1', 'enter 2', 'leave 2', 'enter 3', 'leave 3']);
  });

  test('isLocked reports whether someone holds the lock', async () => {
    const mutex = new Mutex();
    expect(mutex.isLocked).toBe(false);
    const unlock = await mutex.acquire();
    expect(mutex.isLocked).toBe(true);
    unlock();
    expect(mutex.isLocked).toBe(false);
  });

  test('an unlock passes the lock to the next waiter and a second unlock does nothing', async () => {
    const mutex = new Mutex();
    const unlock = await mutex.acquire();
    const next = track(mutex.acquire());
    expect(mutex.waiting).toBe(1);
    unlock();
    unlock();
    await settle();
    expect(next.state).toBe('fulfilled');
    expect(mutex.isLocked).toBe(true);
    expect(mutex.tryAcquire()).toBeUndefined();
    (next.value as () => void)();
    expect(mutex.isLocked).toBe(false);
  });

  test('runExclusive unlocks when the critical section fails', async () => {
    const mutex = new Mutex();
    const failure = new Error('broken');
    await expect(mutex.runExclusive(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(mutex.isLocked).toBe(false);
  });

  test('an aborted waiter rejects with the reason and never gets the lock', async () => {
    const mutex = new Mutex();
    const unlock = mutex.tryAcquire()!;
    const controller = new AbortController();
    let entered = false;
    const waiting = mutex.runExclusive(() => {
      entered = true;
    }, { signal: controller.signal });
    controller.abort(new Error('stop waiting'));
    await expect(waiting).rejects.toThrow('stop waiting');
    unlock();
    await settle();
    expect(entered).toBe(false);
    expect(mutex.isLocked).toBe(false);
  });

  test('a lock handle unlocks at the end of an await using block', async () => {
    const mutex = new Mutex();
    {
      await using _lock = await mutex.acquire();
      expect(mutex.isLocked).toBe(true);
    }
    expect(mutex.isLocked).toBe(false);
  });
});
