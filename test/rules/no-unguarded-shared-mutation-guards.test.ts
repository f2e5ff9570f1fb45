import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-unguarded-shared-mutation.js';
import { typedRuleTester, untypedRuleTester } from './rule-tester.js';
import { typeErrors } from './typecheck.js';

type Mode = 'both' | 'typed' | 'untyped';
type Valid = string | (ValidTestCase<Options> & { mode?: Mode });
type Invalid = InvalidTestCase<MessageIds, Options> & { mode?: Mode };

const H = "import { load, price, work } from './modules/shared-helpers.js';\n";
const AG = "import { Mutex, Semaphore } from 'async-guard';\n";
const AM = "import { Mutex, Semaphore, withTimeout, type MutexInterface } from 'async-mutex';\n";

/** read, await, write of `count`, indented for a function body at `indent`. */
const update = (indent: string) => `${indent}const n = count;\n${indent}await work();\n${indent}count = n + 1;`;

// -------------------------------------------------------------------------------------------------
// Each guard form keeps the rule silent
// -------------------------------------------------------------------------------------------------
const guarded: Valid[] = [
  // async-guard Mutex.runExclusive
  `${H}${AG}let count = 0;
const lock = new Mutex();
export async function inc() {
  await lock.runExclusive(async () => {
${update('    ')}
  });
}`,
  // a private field lock
  `${H}${AG}export class Counter {
  count = 0;
  #lock = new Mutex();
  async inc() {
    await this.#lock.runExclusive(async () => {
      const n = this.count;
      await work();
      this.count = n + 1;
    });
  }
}`,
  // async-guard Semaphore with one permit: run
  `${H}${AG}let count = 0;
const gate = new Semaphore(1);
export async function inc() {
  await gate.run(async () => {
${update('    ')}
  });
}`,
  // await acquire(), release() in finally
  `${H}${AG}let count = 0;
const lock = new Mutex();
export async function inc() {
  const release = await lock.acquire();
  try {
${update('    ')}
  } finally {
    release();
  }
}`,
  // acquire inside try, release in finally
  `${H}${AG}let count = 0;
const lock = new Mutex();
export async function inc() {
  let release: (() => void) | undefined;
  try {
    release = await lock.acquire();
${update('    ')}
  } finally {
    release?.();
  }
}`,
  // using / await using a lock handle
  `${H}${AG}let count = 0;
const lock = new Mutex();
export async function inc() {
  using held = await lock.acquire();
${update('  ')}
  void held;
}`,
  `${H}${AG}let count = 0;
const lock = new Mutex();
export async function inc() {
  await using held = await lock.acquire();
${update('  ')}
  void held;
}`,
  // a lock injected through a constructor parameter property
  `${H}${AG}export class Ledger {
  total = 0;
  constructor(private readonly lock: Mutex) {}
  async add(item: string) {
    const release = await this.lock.acquire();
    try {
      const total = this.total;
      this.total = total + await price(item);
    } finally {
      release();
    }
  }
}`,
  // async-mutex: Mutex.runExclusive, acquire with lock.release(), Semaphore(1), withTimeout, an interface-typed parameter
  `${H}${AM}let count = 0;
const lock = new Mutex();
export async function inc() {
  await lock.runExclusive(async () => {
${update('    ')}
  });
}`,
  `${H}${AM}let count = 0;
const lock = new Mutex();
export async function inc() {
  await lock.acquire();
  try {
${update('    ')}
  } finally {
    lock.release();
  }
}`,
  `${H}${AM}let count = 0;
const gate = new Semaphore(1);
export async function inc() {
  const [, release] = await gate.acquire();
  try {
${update('    ')}
  } finally {
    release();
  }
}`,
  `${H}${AM}let count = 0;
const gate = new Semaphore(1);
export async function inc() {
  await gate.runExclusive(async () => {
${update('    ')}
  });
}`,
  `${H}${AM}let count = 0;
const lock = withTimeout(new Mutex(), 1000);
export async function inc() {
  const release = await lock.acquire();
  try {
${update('    ')}
  } finally {
    release();
  }
}`,
  `${H}${AM}let count = 0;
export async function inc(lock: MutexInterface) {
  const release = await lock.acquire();
  try {
${update('    ')}
  } finally {
    release();
  }
}`,
  // runExclusive says what it does, whatever the object
  `${H}declare const queue: { runExclusive<T>(task: () => Promise<T>): Promise<T> };
let count = 0;
export async function inc() {
  await queue.runExclusive(async () => {
${update('    ')}
  });
}`,
  // functions named in the guards option
  {
    code: `${H}declare function withLock<T>(task: () => Promise<T>): Promise<T>;
let count = 0;
export async function inc() {
  await withLock(async () => {
${update('    ')}
  });
}`,
    options: [{ guards: ['withLock'] }],
  },
  {
    code: `${H}export class Jobs {
  count = 0;
  constructor(private readonly queue: { add<T>(task: () => Promise<T>): Promise<T> }) {}
  async inc() {
    await this.queue.add(async () => {
      const n = this.count;
      await work();
      this.count = n + 1;
    });
  }
}`,
    options: [{ guards: ['this.queue.add'] }],
  },
  // helpers that are only ever called under a lock
  `${H}${AG}export class Counter {
  count = 0;
  #lock = new Mutex();
  async increment() {
    await this.#lock.runExclusive(() => this.#apply());
  }
  async #apply() {
    const n = this.count;
    await work();
    this.count = n + 1;
  }
}`,
  `${H}${AG}let count = 0;
const lock = new Mutex();
async function apply() {
${update('  ')}
}
export async function inc() {
  const release = await lock.acquire();
  try {
    await apply();
  } finally {
    release();
  }
}`,
  // with types: a lock that comes from a function, known by its type
  {
    code: `${H}${AG}declare function sharedLock(): Mutex;
let count = 0;
const lock = sharedLock();
export async function inc() {
  const release = await lock.acquire();
  try {
${update('    ')}
  } finally {
    release();
  }
}`,
    mode: 'typed',
  },
];

// -------------------------------------------------------------------------------------------------
// What does not count as a guard
// -------------------------------------------------------------------------------------------------
const lostCount = (read: number, pause: number, output: string) => ({
  messageId: 'lostUpdate' as const,
  data: { name: 'count', readLine: read, pause: 'await', pauseLine: pause },
  suggestions: [{ messageId: 'guardWithMutex' as const, data: { lock: 'countLock', start: 'read', readLine: read }, output }],
});

const unguarded: Invalid[] = [
  {
    name: 'a semaphore with three permits lets three runs in',
    code: `${H}${AG}let count = 0;
const gate = new Semaphore(3);
export async function inc() {
  await gate.run(async () => {
${update('    ')}
  });
}`,
    errors: [lostCount(7, 8, `${H}${AG}let count = 0;
const countLock = new Mutex();
const gate = new Semaphore(3);
export async function inc() {
  await gate.run(async () => {
    await countLock.runExclusive(async () => {
      const n = count;
      await work();
      count = n + 1;
    });
  });
}`)],
  },
  {
    name: 'async-mutex: a semaphore with two permits',
    code: `${H}${AM}let count = 0;
const gate = new Semaphore(2);
export async function inc() {
  await gate.runExclusive(async () => {
${update('    ')}
  });
}`,
    errors: [lostCount(7, 8, `${H}${AM}let count = 0;
const countLock = new Mutex();
const gate = new Semaphore(2);
export async function inc() {
  await gate.runExclusive(async () => {
    await countLock.runExclusive(async () => {
      const n = count;
      await work();
      count = n + 1;
    });
  });
}`)],
  },
  {
    name: 'the read happens before the lock is taken',
    code: `${H}${AG}let count = 0;
const lock = new Mutex();
export async function inc() {
  const n = count;
  const release = await lock.acquire();
  try {
    count = n + 1;
  } finally {
    release();
  }
}`,
    errors: [lostCount(6, 7, `${H}${AG}let count = 0;
const countLock = new Mutex();
const lock = new Mutex();
export async function inc() {
  await countLock.runExclusive(async () => {
    const n = count;
    const release = await lock.acquire();
    try {
      count = n + 1;
    } finally {
      release();
    }
  });
}`)],
  },
  {
    name: 'acquire() of a connection pool is not a lock',
    code: `${H}declare const pool: { acquire(): Promise<{ release(): void }> };
let count = 0;
export async function inc() {
  const connection = await pool.acquire();
  try {
${update('    ')}
  } finally {
    connection.release();
  }
}`,
    errors: [lostCount(7, 8, `${H}import { Mutex } from 'async-guard';
declare const pool: { acquire(): Promise<{ release(): void }> };
let count = 0;
const countLock = new Mutex();
export async function inc() {
  const connection = await pool.acquire();
  try {
    await countLock.runExclusive(async () => {
      const n = count;
      await work();
      count = n + 1;
    });
  } finally {
    connection.release();
  }
}`)],
  },
  {
    name: 'a class of our own named Mutex is not recognised',
    code: `${H}class Mutex {
  async acquire() {
    return () => {};
  }
}
let count = 0;
const lock = new Mutex();
export async function inc() {
  const release = await lock.acquire();
  try {
${update('    ')}
  } finally {
    release();
  }
}`,
    errors: [lostCount(12, 13, `${H}import { Mutex as MutexAsync } from 'async-guard';
class Mutex {
  async acquire() {
    return () => {};
  }
}
let count = 0;
const countLock = new MutexAsync();
const lock = new Mutex();
export async function inc() {
  const release = await lock.acquire();
  try {
    await countLock.runExclusive(async () => {
      const n = count;
      await work();
      count = n + 1;
    });
  } finally {
    release();
  }
}`)],
  },
  {
    name: 'callbacks started inside a guarded callback run concurrently with each other',
    code: `${H}${AG}const lock = new Mutex();
export async function sum(items: string[]) {
  let total = 0;
  await lock.runExclusive(async () => {
    await Promise.all(items.map(async (item) => {
      total += await price(item);
    }));
  });
  return total;
}`,
    errors: [
      {
        messageId: 'lostUpdate',
        data: { name: 'total', readLine: 8, pause: 'await', pauseLine: 8 },
        suggestions: [
          {
            messageId: 'guardWithMutex',
            data: { lock: 'totalLock', start: 'read', readLine: 8 },
            output: `${H}${AG}const lock = new Mutex();
export async function sum(items: string[]) {
  let total = 0;
  const totalLock = new Mutex();
  await lock.runExclusive(async () => {
    await Promise.all(items.map(async (item) => {
      await totalLock.runExclusive(async () => { total += await price(item); });
    }));
  });
  return total;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a helper that is also called without the lock',
    code: `${H}${AG}let count = 0;
const lock = new Mutex();
async function apply() {
${update('  ')}
}
export async function inc() {
  await lock.runExclusive(apply);
  await lock.runExclusive(() => apply());
}
export async function incUnsafe() {
  await apply();
}`,
    errors: [lostCount(6, 7, `${H}${AG}let count = 0;
const countLock = new Mutex();
const lock = new Mutex();
async function apply() {
  await countLock.runExclusive(async () => {
    const n = count;
    await work();
    count = n + 1;
  });
}
export async function inc() {
  await lock.runExclusive(apply);
  await lock.runExclusive(() => apply());
}
export async function incUnsafe() {
  await apply();
}`)],
  },
  {
    name: 'without the guards option, withLock is just a function',
    code: `${H}declare function withLock<T>(task: () => Promise<T>): Promise<T>;
let count = 0;
export async function inc() {
  await withLock(async () => {
${update('    ')}
  });
}`,
    errors: [lostCount(6, 7, `${H}import { Mutex } from 'async-guard';
declare function withLock<T>(task: () => Promise<T>): Promise<T>;
let count = 0;
const countLock = new Mutex();
export async function inc() {
  await withLock(async () => {
    await countLock.runExclusive(async () => {
      const n = count;
      await work();
      count = n + 1;
    });
  });
}`)],
  },
  {
    name: 'without types, a lock that comes from a function is not known',
    mode: 'untyped',
    code: `${H}${AG}declare function sharedLock(): Mutex;
let count = 0;
const lock = sharedLock();
export async function inc() {
  const release = await lock.acquire();
  try {
${update('    ')}
  } finally {
    release();
  }
}`,
    errors: [lostCount(9, 10, `${H}${AG}declare function sharedLock(): Mutex;
let count = 0;
const countLock = new Mutex();
const lock = sharedLock();
export async function inc() {
  const release = await lock.acquire();
  try {
    await countLock.runExclusive(async () => {
      const n = count;
      await work();
      count = n + 1;
    });
  } finally {
    release();
  }
}`)],
  },
];

const runsIn = (mode: Exclude<Mode, 'both'>) => (testCase: { mode?: Mode }) => testCase.mode === undefined || testCase.mode === 'both' || testCase.mode === mode;
const strip = <T extends { mode?: Mode }>({ mode: _mode, ...rest }: T) => rest;
const guardedCases = guarded.map((testCase) => (typeof testCase === 'string' ? { code: testCase } : testCase));

typedRuleTester().run('no-unguarded-shared-mutation guards (with types)', rule, {
  valid: guardedCases.filter(runsIn('typed')).map(strip),
  invalid: unguarded.filter(runsIn('typed')).map(strip),
});

untypedRuleTester().run('no-unguarded-shared-mutation guards (without types)', rule, {
  valid: guardedCases.filter(runsIn('untyped')).map(strip),
  invalid: unguarded.filter(runsIn('untyped')).map(strip),
});

describe('no-unguarded-shared-mutation guard cases', () => {
  it('type-check, before and after the suggestion', () => {
    const snippets = [
      ...guardedCases.map((testCase) => ({ name: testCase.code, code: testCase.code })),
      ...unguarded.flatMap((testCase) => [
        { name: testCase.name ?? '', code: testCase.code },
        ...testCase.errors.flatMap((error) => (error.suggestions ?? []).map((offered) => ({ name: `${testCase.name} (fixed)`, code: offered.output }))),
      ]),
    ];
    const errors = typeErrors(snippets);
    expect(snippets.map((snippet, index) => ({ name: snippet.name, errors: errors[index] })).filter((result) => result.errors !== '')).toEqual([]);
  });
});
