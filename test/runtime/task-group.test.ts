import { describe, expect, test } from 'vitest';
import { TaskGroup, sleep } from 'async-guard';
import { abortListeners, settle, track } from './observe.js';

describe('TaskGroup', () => {
  test('awaiting the group waits for every task, including ones spawned while it waits', async () => {
    const group = new TaskGroup();
    const finished: string[] = [];
    group.spawn(async () => {
      await sleep(5);
      finished.push('first');
      group.spawn(async () => {
        await sleep(5);
        finished.push('spawned later');
      });
    });
    group.spawn(() => {
      finished.push('sync');
    });
    await group;
    expect(finished).toEqual(['sync', 'first', 'spawned later']);
    expect(group.running).toBe(0);
  });

  test('spawn returns the task’s own promise', async () => {
    const group = new TaskGroup();
    const value = group.spawn(async () => 42);
    await group;
    await expect(value).resolves.toBe(42);
  });

  test('the first failure aborts the siblings with it as reason and the group rejects with it', async () => {
    const group = new TaskGroup();
    const failure = new Error('one task failed');
    let siblingSignal: AbortSignal | undefined;
    let siblingFinished = false;
    group.spawn(async (signal) => {
      siblingSignal = signal;
      await sleep(60_000, { signal });
      siblingFinished = true;
    });
    group.spawn(async () => {
      await sleep(2);
      throw failure;
    });
    await expect(group).rejects.toBe(failure);
    expect(siblingSignal!.aborted).toBe(true);
    expect(siblingSignal!.reason).toBe(failure);
    expect(siblingFinished).toBe(false);
  });

  test('waits for aborted siblings to settle before rejecting', async () => {
    const group = new TaskGroup();
    let cleanedUp = false;
    group.spawn(async (signal) => {
      try {
        await sleep(60_000, { signal });
      } finally {
        await sleep(5);
        cleanedUp = true;
      }
    });
    group.spawn(() => {
      throw new Error('fail fast');
    });
    await expect(group).rejects.toThrow('fail fast');
    expect(cleanedUp).toBe(true);
  });

  test('other real failures are reported together in an AggregateError whose cause is the first', async () => {
    const group = new TaskGroup();
    const first = new Error('first');
    const second = new Error('second, ignoring the abort');
    group.spawn(async () => {
      await sleep(1);
      throw first;
    });
    group.spawn(async () => {
      await sleep(10);
      throw second;
    });
    const error = await group.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([first, second]);
    expect((error as AggregateError).cause).toBe(first);
  });

  test('siblings that fail only by obeying the abort do not count as failures', async () => {
    const group = new TaskGroup();
    const failure = new Error('the real problem');
    group.spawn((signal) => sleep(60_000, { signal }));
    group.spawn(async (signal) => {
      await sleep(60_000, { signal }).catch(() => {
        throw new DOMException('aborted', 'AbortError');
      });
    });
    group.spawn(() => Promise.reject(failure));
    await expect(group).rejects.toBe(failure);
  });

  test('a failed task never surfaces as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const group = new TaskGroup();
      group.spawn(() => Promise.reject(new Error('nobody awaits my promise')));
      group.spawn(() => {
        throw new Error('sync throw');
      });
      await group.then(undefined, () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('aborting the parent signal aborts the tasks and the group rejects with its reason', async () => {
    const parent = new AbortController();
    const group = new TaskGroup({ signal: parent.signal });
    const task = group.spawn((signal) => sleep(60_000, { signal }));
    const reason = new Error('request closed');
    parent.abort(reason);
    await expect(task).rejects.toBe(reason);
    await expect(group).rejects.toBe(reason);
    expect(abortListeners(parent.signal)).toBe(0);
  });

  test('stops listening to the parent signal once finished', async () => {
    const parent = new AbortController();
    const group = new TaskGroup({ signal: parent.signal });
    expect(abortListeners(parent.signal)).toBe(1);
    group.spawn(() => sleep(1));
    await group;
    expect(abortListeners(parent.signal)).toBe(0);
  });

  test('a task spawned into an aborted group is not started and rejects with the reason', async () => {
    const reason = new Error('group over');
    const group = new TaskGroup({ signal: AbortSignal.abort(reason) });
    let started = false;
    const task = group.spawn(() => {
      started = true;
    });
    await expect(task).rejects.toBe(reason);
    expect(started).toBe(false);
    await expect(group).rejects.toBe(reason);
  });

  test('spawning into a group that has finished throws', async () => {
    const group = new TaskGroup();
    await group;
    expect(() => group.spawn(() => 1)).toThrow('finished');
  });

  test('an empty group resolves at once', async () => {
    await expect(new TaskGroup()).resolves.toBeUndefined();
  });

  test('await using waits for all tasks at the end of the block', async () => {
    let done = false;
    {
      await using group = new TaskGroup();
      group.spawn(async () => {
        await sleep(5);
        done = true;
      });
    }
    expect(done).toBe(true);
  });

  test('await using throws the failure itself when the block did not await the group', async () => {
    const failure = new Error('background task failed');
    const block = async () => {
      await using group = new TaskGroup();
      group.spawn(() => Promise.reject(failure));
    };
    await expect(block()).rejects.toBe(failure);
  });

  test('await using does not throw a failure a second time once the block awaited the group', async () => {
    const failure = new Error('thrown once');
    let siblingFinished = false;
    const block = async () => {
      await using group = new TaskGroup();
      group.spawn(async (signal) => {
        await sleep(5, { signal }).catch(() => undefined);
        siblingFinished = true;
      });
      group.spawn(() => Promise.reject(failure));
      await group;
    };
    // Not a SuppressedError wrapping the same error twice.
    await expect(block()).rejects.toBe(failure);
    expect(siblingFinished).toBe(true);
  });

  test('using aborts whatever is still running at the end of the block', async () => {
    let signal: AbortSignal | undefined;
    let task: Promise<unknown> | undefined;
    {
      using group = new TaskGroup();
      task = group.spawn((s) => {
        signal = s;
        return sleep(60_000, { signal: s });
      });
    }
    expect(signal!.aborted).toBe(true);
    await expect(task).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('abort() cancels the tasks and the group rejects with the given reason', async () => {
    const group = new TaskGroup();
    const pending = track(group.spawn((signal) => sleep(60_000, { signal })));
    const reason = new Error('enough');
    group.abort(reason);
    await expect(group).rejects.toBe(reason);
    await settle();
    expect(pending).toEqual({ state: 'rejected', value: reason });
  });
});
