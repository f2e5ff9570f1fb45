import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-unguarded-shared-mutation.js';
import { javascriptRuleTester, typedRuleTester, untypedRuleTester } from './rule-tester.js';
import { typeErrors } from './typecheck.js';

/** Where a case runs: with type information, without, or both (the default). */
type Mode = 'both' | 'typed' | 'untyped';
type Valid = string | (ValidTestCase<Options> & { mode?: Mode });
type Invalid = InvalidTestCase<MessageIds, Options> & { mode?: Mode };
type Expected = Invalid['errors'][number];

/** Every case starts with this line, so line numbers in the expectations count from 2. */
const H = "import { connect, delay, fetchValue, load, price, render, save, work } from './modules/shared-helpers.js';\n";
/** The line the suggestion adds below `H`. */
const M = "import { Mutex } from 'async-guard';\n";

interface Report {
  name: string;
  read: number;
  pause: number;
  pauseWord?: string;
  /** The code after the suggestion; absent when the rule offers none. */
  output?: string;
  lock?: string;
}

const suggestion = (kind: 'read' | 'check', report: Report) =>
  report.output === undefined
    ? []
    : [{ messageId: 'guardWithMutex' as const, data: { lock: report.lock!, start: kind, readLine: report.read }, output: report.output }];

const lost = (report: Report): Expected => ({
  messageId: 'lostUpdate',
  data: { name: report.name, readLine: report.read, pause: report.pauseWord ?? 'await', pauseLine: report.pause },
  suggestions: suggestion('read', report),
});

const checked = (report: Report): Expected => ({
  messageId: 'checkThenAct',
  data: { name: report.name, readLine: report.read, pause: report.pauseWord ?? 'await', pauseLine: report.pause },
  suggestions: suggestion('check', report),
});

// -------------------------------------------------------------------------------------------------
// Read-modify-write across an await
// -------------------------------------------------------------------------------------------------
const lostUpdates: Invalid[] = [
  {
    name: 'x += await f() on a module variable',
    code: `${H}let hits = 0;
export async function record() { hits += await fetchValue(); }`,
    errors: [
      lost({
        name: 'hits', read: 3, pause: 3, lock: 'hitsLock',
        output: `${H}${M}let hits = 0;
const hitsLock = new Mutex();
export async function record() { await hitsLock.runExclusive(async () => { hits += await fetchValue(); }); }`,
      }),
    ],
  },
  {
    name: 'x = x + await f()',
    code: `${H}let total = 0;
export async function add(item: string) {
  total = total + await price(item);
}`,
    errors: [
      lost({
        name: 'total', read: 4, pause: 4, lock: 'totalLock',
        output: `${H}${M}let total = 0;
const totalLock = new Mutex();
export async function add(item: string) {
  await totalLock.runExclusive(async () => { total = total + await price(item); });
}`,
      }),
    ],
  },
  {
    name: 'the value read into a local, the await, then the write (this.balance)',
    code: `${H}export class Account {
  balance = 100;
  async withdraw(amount: number) {
    const current = this.balance;
    await save(amount);
    this.balance = current - amount;
  }
}`,
    errors: [
      lost({
        name: 'this.balance', read: 5, pause: 6, lock: '#balanceLock',
        output: `${H}${M}export class Account {
  balance = 100;
  #balanceLock = new Mutex();
  async withdraw(amount: number) {
    await this.#balanceLock.runExclusive(async () => {
      const current = this.balance;
      await save(amount);
      this.balance = current - amount;
    });
  }
}`,
      }),
    ],
  },
  {
    name: 'count = n + 1 where n was read from count before the await',
    code: `${H}let count = 0;
export async function next() {
  const n = count;
  await delay(5);
  count = n + 1;
}`,
    errors: [
      lost({
        name: 'count', read: 4, pause: 5, lock: 'countLock',
        output: `${H}${M}let count = 0;
const countLock = new Mutex();
export async function next() {
  await countLock.runExclusive(async () => {
    const n = count;
    await delay(5);
    count = n + 1;
  });
}`,
      }),
    ],
  },
  {
    name: 'through two locals',
    code: `${H}let score = 1;
export async function double() {
  const before = score;
  const doubled = before * 2;
  await work();
  score = doubled;
}`,
    errors: [lost({ name: 'score', read: 4, pause: 6, lock: 'scoreLock', output: `${H}${M}let score = 1;
const scoreLock = new Mutex();
export async function double() {
  await scoreLock.runExclusive(async () => {
    const before = score;
    const doubled = before * 2;
    await work();
    score = doubled;
  });
}` })],
  },
  {
    name: 'destructured from this',
    code: `${H}export class Wallet {
  coins = 0;
  async spend(n: number) {
    const { coins } = this;
    await save();
    this.coins = coins - n;
  }
}`,
    errors: [lost({ name: 'this.coins', read: 5, pause: 6, lock: '#coinsLock', output: `${H}${M}export class Wallet {
  coins = 0;
  #coinsLock = new Mutex();
  async spend(n: number) {
    await this.#coinsLock.runExclusive(async () => {
      const { coins } = this;
      await save();
      this.coins = coins - n;
    });
  }
}` })],
  },
  {
    name: 'an immutable array update that reads the array before the await',
    code: `${H}let items: number[] = [];
export async function append(key: string) {
  items = [...items, await load(key)];
}`,
    errors: [lost({ name: 'items', read: 4, pause: 4, lock: 'itemsLock', output: `${H}${M}let items: number[] = [];
const itemsLock = new Mutex();
export async function append(key: string) {
  await itemsLock.runExclusive(async () => { items = [...items, await load(key)]; });
}` })],
  },
  {
    name: 'an object spread of this.state before the await',
    code: `${H}export class View {
  state = { count: 0, label: '' };
  async refresh() {
    this.state = { ...this.state, label: await render() };
  }
}`,
    errors: [lost({ name: 'this.state', read: 5, pause: 5, lock: '#stateLock', output: `${H}${M}export class View {
  state = { count: 0, label: '' };
  #stateLock = new Mutex();
  async refresh() {
    await this.#stateLock.runExclusive(async () => { this.state = { ...this.state, label: await render() }; });
  }
}` })],
  },
  {
    name: 'a Map entry read with get and written back with set',
    code: `${H}const counts = new Map<string, number>();
export async function bump(key: string) {
  const seen = counts.get(key) ?? 0;
  await save(key);
  counts.set(key, seen + 1);
}`,
    errors: [lost({ name: 'counts', read: 4, pause: 5, lock: 'countsLock', output: `${H}${M}const counts = new Map<string, number>();
const countsLock = new Mutex();
export async function bump(key: string) {
  await countsLock.runExclusive(async () => {
    const seen = counts.get(key) ?? 0;
    await save(key);
    counts.set(key, seen + 1);
  });
}` })],
  },
  {
    name: 'a private field',
    code: `${H}export class Meter {
  #used = 0;
  async use(n: number) {
    const used = this.#used;
    await work();
    this.#used = used + n;
  }
}`,
    errors: [lost({ name: 'this.#used', read: 5, pause: 6, lock: '#usedLock', output: `${H}${M}export class Meter {
  #used = 0;
  #usedLock = new Mutex();
  async use(n: number) {
    await this.#usedLock.runExclusive(async () => {
      const used = this.#used;
      await work();
      this.#used = used + n;
    });
  }
}` })],
  },
  {
    name: 'a static member through this in a static method',
    code: `${H}export class Registry {
  static size = 0;
  static async register(key: string) {
    const size = this.size;
    await save(key);
    this.size = size + 1;
  }
}`,
    errors: [lost({ name: 'this.size', read: 5, pause: 6, lock: '#sizeLock', output: `${H}${M}export class Registry {
  static size = 0;
  static #sizeLock = new Mutex();
  static async register(key: string) {
    await Registry.#sizeLock.runExclusive(async () => {
      const size = this.size;
      await save(key);
      this.size = size + 1;
    });
  }
}` })],
  },
  {
    name: 'a static member through the class name from a module function',
    code: `${H}export class Pool {
  static open = 0;
}
export async function openOne() {
  const open = Pool.open;
  await connect();
  Pool.open = open + 1;
}`,
    errors: [lost({ name: 'Pool.open', read: 6, pause: 7, lock: 'poolLock', output: `${H}${M}export class Pool {
  static open = 0;
}
const poolLock = new Mutex();
export async function openOne() {
  await poolLock.runExclusive(async () => {
    const open = Pool.open;
    await connect();
    Pool.open = open + 1;
  });
}` })],
  },
  {
    name: 'a local of the outer function that concurrent callbacks update',
    code: `${H}export async function sum(items: string[]) {
  let total = 0;
  await Promise.all(items.map(async (item) => {
    total += await price(item);
  }));
  return total;
}`,
    errors: [lost({ name: 'total', read: 5, pause: 5, lock: 'totalLock', output: `${H}${M}export async function sum(items: string[]) {
  let total = 0;
  const totalLock = new Mutex();
  await Promise.all(items.map(async (item) => {
    await totalLock.runExclusive(async () => { total += await price(item); });
  }));
  return total;
}` })],
  },
  {
    name: 'a variable of the function that registers a repeating callback',
    code: `${H}export function startPolling() {
  let ticks = 0;
  return setInterval(async () => {
    const seen = ticks;
    await work();
    ticks = seen + 1;
  }, 1000);
}`,
    errors: [lost({ name: 'ticks', read: 5, pause: 6, lock: 'ticksLock', output: `${H}${M}export function startPolling() {
  let ticks = 0;
  const ticksLock = new Mutex();
  return setInterval(async () => {
    await ticksLock.runExclusive(async () => {
      const seen = ticks;
      await work();
      ticks = seen + 1;
    });
  }, 1000);
}` })],
  },
  {
    name: 'a closure variable of a factory',
    code: `${H}export function counter() {
  let value = 0;
  return async function increment() {
    const seen = value;
    await delay();
    value = seen + 1;
    return value;
  };
}`,
    errors: [lost({ name: 'value', read: 5, pause: 6, lock: 'valueLock', output: `${H}${M}export function counter() {
  let value = 0;
  const valueLock = new Mutex();
  return async function increment() {
    await valueLock.runExclusive(async () => {
      const seen = value;
      await delay();
      value = seen + 1;
    });
    return value;
  };
}` })],
  },
  {
    name: 'a property of an object passed in (no suggestion: the lock belongs beside the object)',
    code: `${H}export async function deposit(account: { balance: number }, amount: number) {
  const balance = account.balance;
  await save(amount);
  account.balance = balance + amount;
}`,
    errors: [lost({ name: 'account.balance', read: 3, pause: 4 })],
  },
  {
    name: 'a property of an imported object (no suggestion)',
    code: `${H}import { stats } from './modules/shared-state.js';
export async function hit() {
  stats.hits = stats.hits + await fetchValue();
}`,
    errors: [lost({ name: 'stats.hits', read: 4, pause: 4 })],
  },
  {
    name: 'read before a loop, written inside it with the await on the back edge',
    code: `${H}export class Batch {
  done = 0;
  async run(jobs: string[]) {
    const start = this.done;
    let finished = 0;
    for (const job of jobs) {
      this.done = start + finished;
      await save(job);
      finished++;
    }
  }
}`,
    errors: [lost({ name: 'this.done', read: 5, pause: 9, lock: '#doneLock', output: `${H}${M}export class Batch {
  done = 0;
  #doneLock = new Mutex();
  async run(jobs: string[]) {
    await this.#doneLock.runExclusive(async () => {
      const start = this.done;
      let finished = 0;
      for (const job of jobs) {
        this.done = start + finished;
        await save(job);
        finished++;
      }
    });
  }
}` })],
  },
  {
    name: 'in a loop, the old value read before the await of the same iteration',
    code: `${H}export class Cart {
  total = 0;
  async addAll(items: string[]) {
    for (const item of items) {
      this.total = this.total + await price(item);
    }
  }
}`,
    errors: [lost({ name: 'this.total', read: 6, pause: 6, lock: '#totalLock', output: `${H}${M}export class Cart {
  total = 0;
  #totalLock = new Mutex();
  async addAll(items: string[]) {
    for (const item of items) {
      await this.#totalLock.runExclusive(async () => { this.total = this.total + await price(item); });
    }
  }
}` })],
  },
  {
    name: 'the write in a finally block after an await in try',
    code: `${H}export class Tally {
  count = 0;
  async track() {
    const count = this.count;
    try {
      await work();
    } finally {
      this.count = count + 1;
    }
  }
}`,
    errors: [lost({ name: 'this.count', read: 5, pause: 7, lock: '#countLock', output: `${H}${M}export class Tally {
  count = 0;
  #countLock = new Mutex();
  async track() {
    await this.#countLock.runExclusive(async () => {
      const count = this.count;
      try {
        await work();
      } finally {
        this.count = count + 1;
      }
    });
  }
}` })],
  },
  {
    name: 'an alias of a member: s.count is this.stats.count',
    code: `${H}export class Service {
  stats = { count: 0 };
  async handle() {
    const s = this.stats;
    const seen = s.count;
    await work();
    s.count = seen + 1;
  }
}`,
    errors: [lost({ name: 's.count', read: 6, pause: 7, lock: '#statsLock', output: `${H}${M}export class Service {
  stats = { count: 0 };
  #statsLock = new Mutex();
  async handle() {
    const s = this.stats;
    await this.#statsLock.runExclusive(async () => {
      const seen = s.count;
      await work();
      s.count = seen + 1;
    });
  }
}` })],
  },
  {
    name: 'an array element through its index',
    code: `${H}const slots: number[] = [0, 0];
export async function fill() {
  const first = slots[0];
  await delay();
  slots[0] = first + 1;
}`,
    errors: [lost({ name: 'slots[0]', read: 4, pause: 5, lock: 'slotsLock', output: `${H}${M}const slots: number[] = [0, 0];
const slotsLock = new Mutex();
export async function fill() {
  await slotsLock.runExclusive(async () => {
    const first = slots[0];
    await delay();
    slots[0] = first + 1;
  });
}` })],
  },
  {
    name: 'splice with an index found before the await',
    code: `${H}const queue: string[] = [];
export async function finish(job: string) {
  const index = queue.indexOf(job);
  await save(job);
  queue.splice(index, 1);
}`,
    errors: [lost({ name: 'queue', read: 4, pause: 5, lock: 'queueLock', output: `${H}${M}const queue: string[] = [];
const queueLock = new Mutex();
export async function finish(job: string) {
  await queueLock.runExclusive(async () => {
    const index = queue.indexOf(job);
    await save(job);
    queue.splice(index, 1);
  });
}` })],
  },
  {
    name: 'a class field holding an async arrow',
    code: `${H}export class Clicker {
  clicks = 0;
  onClick = async () => {
    const clicks = this.clicks;
    await save();
    this.clicks = clicks + 1;
  };
}`,
    errors: [lost({ name: 'this.clicks', read: 5, pause: 6, lock: '#clicksLock', output: `${H}${M}export class Clicker {
  clicks = 0;
  #clicksLock = new Mutex();
  onClick = async () => {
    await this.#clicksLock.runExclusive(async () => {
      const clicks = this.clicks;
      await save();
      this.clicks = clicks + 1;
    });
  };
}` })],
  },
  {
    name: 'a method of an object literal (no suggestion: no class to hold the lock)',
    code: `${H}export const store = {
  count: 0,
  async increment() {
    const count = this.count;
    await save();
    this.count = count + 1;
  },
};`,
    errors: [lost({ name: 'this.count', read: 5, pause: 6 })],
  },
  {
    name: 'a yield between the read and the write of an async generator',
    code: `${H}let produced = 0;
export async function* produce() {
  const before = produced;
  yield before;
  produced = before + 1;
}`,
    errors: [lost({ name: 'produced', read: 4, pause: 5, pauseWord: 'yield' })],
  },
  {
    name: 'a for await step between the read and the write',
    code: `${H}let received = 0;
export async function drain(source: AsyncIterable<string>) {
  const before = received;
  let n = 0;
  for await (const chunk of source) n += chunk.length;
  received = before + n;
}`,
    errors: [lost({ name: 'received', read: 4, pause: 6, pauseWord: '`for await` step', lock: 'receivedLock', output: `${H}${M}let received = 0;
const receivedLock = new Mutex();
export async function drain(source: AsyncIterable<string>) {
  await receivedLock.runExclusive(async () => {
    const before = received;
    let n = 0;
    for await (const chunk of source) n += chunk.length;
    received = before + n;
  });
}` })],
  },
  {
    name: 'a conditional value built from the stale read',
    code: `${H}let level = 0;
export async function raise(force: boolean) {
  const old = level;
  await work();
  level = force ? old + 10 : old + 1;
}`,
    errors: [lost({ name: 'level', read: 4, pause: 5, lock: 'levelLock', output: `${H}${M}let level = 0;
const levelLock = new Mutex();
export async function raise(force: boolean) {
  await levelLock.runExclusive(async () => {
    const old = level;
    await work();
    level = force ? old + 10 : old + 1;
  });
}` })],
  },
  {
    name: 'a global through globalThis (no suggestion)',
    code: `${H}declare global {
  var requests: number;
}
export async function count() {
  globalThis.requests = globalThis.requests + await fetchValue();
}`,
    errors: [lost({ name: 'globalThis.requests', read: 6, pause: 6 })],
  },
  {
    name: 'a counter checked and bumped is not a guard flag: other calls still get past it',
    code: `${H}export class Limiter {
  active = 0;
  total = 0;
  async run(item: string) {
    if (this.active >= 4) return;
    this.active++;
    const total = this.total;
    this.total = total + await price(item);
    this.active--;
  }
}`,
    errors: [lost({ name: 'this.total', read: 8, pause: 9, lock: '#totalLock', output: `${H}${M}export class Limiter {
  active = 0;
  total = 0;
  #totalLock = new Mutex();
  async run(item: string) {
    if (this.active >= 4) return;
    this.active++;
    await this.#totalLock.runExclusive(async () => {
      const total = this.total;
      this.total = total + await price(item);
    });
    this.active--;
  }
}` })],
  },
  {
    name: 'after the guard flag is cleared, other calls get in again',
    code: `${H}export class Sync {
  running = false;
  synced = 0;
  async sync() {
    if (this.running) return;
    this.running = true;
    await work();
    this.running = false;
    const synced = this.synced;
    await save();
    this.synced = synced + 1;
  }
}`,
    errors: [lost({ name: 'this.synced', read: 10, pause: 11, lock: '#syncedLock', output: `${H}${M}export class Sync {
  running = false;
  synced = 0;
  #syncedLock = new Mutex();
  async sync() {
    if (this.running) return;
    this.running = true;
    await work();
    this.running = false;
    await this.#syncedLock.runExclusive(async () => {
      const synced = this.synced;
      await save();
      this.synced = synced + 1;
    });
  }
}` })],
  },
  {
    name: 'written back exactly as read, without a change of its own in between',
    code: `${H}let current = 'a';
export async function keep() {
  const seen = current;
  await work();
  current = seen;
}`,
    errors: [lost({ name: 'current', read: 4, pause: 5, lock: 'currentLock', output: `${H}${M}let current = 'a';
const currentLock = new Mutex();
export async function keep() {
  await currentLock.runExclusive(async () => {
    const seen = current;
    await work();
    current = seen;
  });
}` })],
  },
];

// -------------------------------------------------------------------------------------------------
// Check-then-act across an await
// -------------------------------------------------------------------------------------------------
const checkThenAct: Invalid[] = [
  {
    name: 'Map: has, await, set in the guarded block',
    code: `${H}const cache = new Map<string, number>();
export async function get(key: string) {
  if (!cache.has(key)) {
    const value = await load(key);
    cache.set(key, value);
  }
  return cache.get(key);
}`,
    errors: [checked({ name: 'cache', read: 4, pause: 5, lock: 'cacheLock', output: `${H}${M}const cache = new Map<string, number>();
const cacheLock = new Mutex();
export async function get(key: string) {
  await cacheLock.runExclusive(async () => {
    if (!cache.has(key)) {
      const value = await load(key);
      cache.set(key, value);
    }
  });
  return cache.get(key);
}` })],
  },
  {
    name: 'Map: an early return on a hit, then load and set (the span runs to the end and returns)',
    code: `${H}const cache = new Map<string, number>();
export async function get(key: string): Promise<number> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = await load(key);
  cache.set(key, value);
  return value;
}`,
    errors: [checked({ name: 'cache', read: 4, pause: 6, lock: 'cacheLock', output: `${H}${M}const cache = new Map<string, number>();
const cacheLock = new Mutex();
export async function get(key: string): Promise<number> {
  return await cacheLock.runExclusive(async () => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = await load(key);
    cache.set(key, value);
    return value;
  });
}` })],
  },
  {
    name: 'a flag checked, then set after an await',
    code: `${H}export class Client {
  connecting = false;
  async open() {
    if (!this.connecting) {
      await delay(10);
      this.connecting = true;
    }
  }
}`,
    errors: [checked({ name: 'this.connecting', read: 5, pause: 6, lock: '#connectingLock', output: `${H}${M}export class Client {
  connecting = false;
  #connectingLock = new Mutex();
  async open() {
    await this.#connectingLock.runExclusive(async () => {
      if (!this.connecting) {
        await delay(10);
        this.connecting = true;
      }
    });
  }
}` })],
  },
  {
    name: 'lazy initialisation: if (!this.conn) this.conn = await connect()',
    code: `${H}import type { Connection } from './modules/shared-helpers.js';
export class Db {
  conn: Connection | undefined;
  async get() {
    if (!this.conn) this.conn = await connect();
    return this.conn;
  }
}`,
    errors: [checked({ name: 'this.conn', read: 6, pause: 6, lock: '#connLock', output: `${H}import type { Connection } from './modules/shared-helpers.js';
${M}export class Db {
  conn: Connection | undefined;
  #connLock = new Mutex();
  async get() {
    await this.#connLock.runExclusive(async () => { if (!this.conn) this.conn = await connect(); });
    return this.conn;
  }
}` })],
  },
  {
    name: 'lazy initialisation with ??=',
    code: `${H}import type { Connection } from './modules/shared-helpers.js';
let shared: Connection | undefined;
export async function connection() {
  shared ??= await connect();
  return shared;
}`,
    errors: [checked({ name: 'shared', read: 5, pause: 5, lock: 'sharedLock', output: `${H}import type { Connection } from './modules/shared-helpers.js';
${M}let shared: Connection | undefined;
const sharedLock = new Mutex();
export async function connection() {
  await sharedLock.runExclusive(async () => { shared ??= await connect(); });
  return shared;
}` })],
  },
  {
    name: 'lazy initialisation with ||= on a member',
    code: `${H}export class Page {
  html = '';
  async body() {
    this.html ||= await render();
    return this.html;
  }
}`,
    errors: [checked({ name: 'this.html', read: 5, pause: 5, lock: '#htmlLock', output: `${H}${M}export class Page {
  html = '';
  #htmlLock = new Mutex();
  async body() {
    await this.#htmlLock.runExclusive(async () => { this.html ||= await render(); });
    return this.html;
  }
}` })],
  },
  {
    name: 'Set: has, await, add',
    code: `${H}const seen = new Set<string>();
export async function once(id: string) {
  if (seen.has(id)) return;
  await save(id);
  seen.add(id);
}`,
    errors: [checked({ name: 'seen', read: 4, pause: 5, lock: 'seenLock', output: `${H}${M}const seen = new Set<string>();
const seenLock = new Mutex();
export async function once(id: string) {
  return await seenLock.runExclusive(async () => {
    if (seen.has(id)) return;
    await save(id);
    seen.add(id);
  });
}` })],
  },
  {
    name: 'an array length checked, then pushed to after an await',
    code: `${H}export class Buffer {
  private items: number[] = [];
  async fill(key: string) {
    if (this.items.length < 10) {
      this.items.push(await load(key));
    }
  }
}`,
    errors: [checked({ name: 'this.items', read: 5, pause: 6, lock: '#itemsLock', output: `${H}${M}export class Buffer {
  private items: number[] = [];
  #itemsLock = new Mutex();
  async fill(key: string) {
    await this.#itemsLock.runExclusive(async () => {
      if (this.items.length < 10) {
        this.items.push(await load(key));
      }
    });
  }
}` })],
  },
  {
    name: 'the check kept in a local',
    code: `${H}const cache = new Map<string, number>();
export async function warm(key: string) {
  const missing = !cache.has(key);
  if (missing) {
    cache.set(key, await load(key));
  }
}`,
    errors: [checked({ name: 'cache', read: 4, pause: 6, lock: 'cacheLock', output: `${H}${M}const cache = new Map<string, number>();
const cacheLock = new Mutex();
export async function warm(key: string) {
  await cacheLock.runExclusive(async () => {
    const missing = !cache.has(key);
    if (missing) {
      cache.set(key, await load(key));
    }
  });
}` })],
  },
  {
    name: 'the act in the else branch',
    code: `${H}const cache = new Map<string, number>();
export async function lookup(key: string) {
  if (cache.has(key)) {
    console.log('hit');
  } else {
    const value = await load(key);
    cache.set(key, value);
  }
}`,
    errors: [checked({ name: 'cache', read: 4, pause: 7, lock: 'cacheLock', output: `${H}${M}const cache = new Map<string, number>();
const cacheLock = new Mutex();
export async function lookup(key: string) {
  await cacheLock.runExclusive(async () => {
    if (cache.has(key)) {
      console.log('hit');
    } else {
      const value = await load(key);
      cache.set(key, value);
    }
  });
}` })],
  },
  {
    name: 'a queue drained by a loop that checks, awaits, then shifts',
    code: `${H}export class Worker {
  queue: string[] = [];
  async drain() {
    while (this.queue.length > 0) {
      const job = this.queue[0];
      await save(job);
      this.queue.shift();
    }
  }
}`,
    errors: [checked({ name: 'this.queue', read: 5, pause: 7, lock: '#queueLock', output: `${H}${M}export class Worker {
  queue: string[] = [];
  #queueLock = new Mutex();
  async drain() {
    await this.#queueLock.runExclusive(async () => {
      while (this.queue.length > 0) {
        const job = this.queue[0];
        await save(job);
        this.queue.shift();
      }
    });
  }
}` })],
  },
  {
    name: 'closed twice: the flag is checked, then set after flushing',
    code: `${H}export class Stream {
  closed = false;
  async close() {
    if (this.closed) return;
    await save();
    this.closed = true;
  }
}`,
    errors: [checked({ name: 'this.closed', read: 5, pause: 6, lock: '#closedLock', output: `${H}${M}export class Stream {
  closed = false;
  #closedLock = new Mutex();
  async close() {
    return await this.#closedLock.runExclusive(async () => {
      if (this.closed) return;
      await save();
      this.closed = true;
    });
  }
}` })],
  },
  {
    name: 'in a ternary',
    code: `${H}const cache = new Map<string, number>();
export async function value(key: string) {
  return cache.has(key) ? cache.get(key) : cache.set(key, await load(key));
}`,
    errors: [checked({ name: 'cache', read: 4, pause: 4, lock: 'cacheLock', output: `${H}${M}const cache = new Map<string, number>();
const cacheLock = new Mutex();
export async function value(key: string) {
  return await cacheLock.runExclusive(async () => { return cache.has(key) ? cache.get(key) : cache.set(key, await load(key)); });
}` })],
  },
  {
    name: 'a Map reached through a parameter (no suggestion)',
    code: `${H}export async function fill(cache: Map<string, number>, key: string) {
  if (!cache.has(key)) cache.set(key, await load(key));
}`,
    errors: [checked({ name: 'cache', read: 3, pause: 3 })],
  },
  {
    name: 'an imported Map (no suggestion); without types its kind is unknown',
    mode: 'typed',
    code: `${H}import { sessions } from './modules/shared-state.js';
export async function start(user: string) {
  if (!sessions.has(user)) {
    sessions.set(user, await load(user));
  }
}`,
    errors: [checked({ name: 'sessions', read: 4, pause: 5 })],
  },
];

// -------------------------------------------------------------------------------------------------
// Silent: writes that do not rest on a stale read, and require-atomic-updates' false positives
// -------------------------------------------------------------------------------------------------
const valid: Valid[] = [
  // A plain write after an await: nothing read before it.
  `${H}export async function handler(ctx: { body: string }) { ctx.body = await render(); }`,
  `${H}export async function main() { await work(); process.exitCode = 1; }`,
  `${H}export class Box { value = 0; async refresh() { this.value = await fetchValue(); } }`,
  `${H}let latest = 0; export async function poll() { latest = await fetchValue(); }`,
  // Read fresh, after the last await.
  `${H}let count = 0; export async function inc() { await work(); count = count + 1; }`,
  `${H}let count = 0; export async function inc() { count = await fetchValue() + count; }`,
  `${H}export class C { n = 0; async m() { let v = this.n; await work(); v = this.n; this.n = v + 1; } }`,
  `${H}export class C { n = 0; async m() { while (this.n < 10) { const v = this.n; this.n = v + 1; await delay(); } } }`,
  // Locals that never escape, and objects the function created.
  `${H}export async function sum(items: string[]) { let total = 0; for (const item of items) total += await price(item); return total; }`,
  `${H}export async function build() { const result = { data: 0 }; result.data = result.data + await fetchValue(); return result; }`,
  `${H}export async function build() { const parts: number[] = []; if (parts.length === 0) parts.push(await fetchValue()); return parts; }`,
  `${H}export async function f() { let n = 0; [1, 2].forEach((x) => console.log(x + n)); const v = n; await work(); n = v + 1; return n; }`,
  // Guard flags set before the first await, reset in finally.
  `${H}let running = false;
export async function runOnce() {
  if (running) return;
  running = true;
  try {
    await work();
  } finally {
    running = false;
  }
}`,
  `${H}export class Loader {
  loading = false;
  data = 0;
  async load() {
    if (this.loading) return;
    this.loading = true;
    this.data = await fetchValue();
    this.loading = false;
  }
}`,
  // The flag keeps other calls out, so what the same check read stays true while it is held.
  `${H}import type { Connection } from './modules/shared-helpers.js';
export class Pool {
  private connection: Connection | undefined;
  private connecting = false;
  async open() {
    if (this.connecting || this.connection) return;
    this.connecting = true;
    try {
      const connection = await connect();
      this.connection = connection;
    } finally {
      this.connecting = false;
    }
  }
}`,
  // Waiting for a flag to clear, then setting it: the last look at the flag is after the last await.
  `${H}import type { Connection } from './modules/shared-helpers.js';
export class Link {
  private connection: Connection | undefined;
  private connecting = false;
  async open(): Promise<Connection> {
    while (this.connecting) await delay(1);
    if (this.connection) return this.connection;
    this.connecting = true;
    try {
      const connection = await connect();
      this.connection = connection;
      return connection;
    } finally {
      this.connecting = false;
    }
  }
}`,
  // The value carried around the loop is read again after each await.
  `${H}export class Ticker {
  n = 0;
  async run(steps: number) {
    let seen = this.n;
    for (let i = 0; i < steps; i++) {
      this.n = seen + 1;
      await delay();
      seen = this.n;
    }
  }
}`,
  // A callback its caller runs once and waits for: the caller's variables belong to that one call.
  `${H}declare const tracer: { withSpan<T>(name: string, task: () => Promise<T>): Promise<T> };
export async function firstToken(sources: Array<() => Promise<string | null>>) {
  let token: string | null = null;
  return tracer.withSpan('first-token', async () => {
    for (let i = 0; i < sources.length && token === null; i++) token = await sources[i]!();
    return token;
  });
}`,
  // Restoring a saved value in finally puts it back on purpose.
  `${H}export class Machine {
  state = 'idle';
  async run() {
    const previous = this.state;
    this.state = 'busy';
    try {
      await work();
    } finally {
      this.state = previous;
    }
  }
}`,
  // Counters changed in one step each.
  `${H}export class Gauge { active = 0; async run() { this.active++; try { await work(); } finally { this.active--; } } }`,
  // koa: per-request context objects.
  `${H}export async function responseTime(ctx: { set(name: string, value: string): void }, next: () => Promise<void>) {
  const start = Date.now();
  await next();
  const ms = Date.now() - start;
  ctx.set('X-Response-Time', \`\${ms}ms\`);
}`,
  `${H}export async function enrich(req: { user: { name: string; score?: number } }) {
  const user = req.user;
  req.user = { ...user, score: await fetchValue() };
}`,
  `${H}export async function authenticate(authContext: { token: string }) {
  authContext.token = authContext.token + await render();
}`,
  `${H}export async function etag(ctx: { get(name: string): string; set(name: string, value: string): void }, next: () => Promise<void>) {
  if (!ctx.get('If-None-Match')) {
    await next();
    ctx.set('ETag', 'x');
  }
}`,
  // Checked again after the await (double-checked), or compared before the write (compare-and-set).
  `${H}const cache = new Map<string, number>();
export async function get(key: string) {
  if (!cache.has(key)) {
    const value = await load(key);
    if (!cache.has(key)) cache.set(key, value);
  }
  return cache.get(key);
}`,
  `${H}export class Model {
  state = 0;
  async recompute() {
    const seen = this.state;
    const next = (await fetchValue()) + seen;
    if (this.state === seen) this.state = next;
  }
}`,
  // A promise cached without awaiting it first.
  `${H}const pending = new Map<string, Promise<number>>();
export async function get(key: string) {
  let promise = pending.get(key);
  if (!promise) {
    promise = load(key);
    pending.set(key, promise);
  }
  return promise;
}`,
  // A different place is written than the one read.
  `${H}export class C { a = 0; b = 0; async m() { const v = this.a; await work(); this.b = v + 1; } }`,
  `${H}const m = new Map<string, number>(); export async function f(a: string, b: string) { const v = m.get(a) ?? 0; await work(); m.set(b, v); }`,
  // Adding after an await does not overwrite anything.
  `${H}export class List { items: number[] = []; async add(key: string) { const item = await load(key); this.items.push(item); } }`,
  `${H}export class Jobs { queue: string[] = []; async drain() { while (this.queue.length > 0) { const job = this.queue.shift()!; await save(job); } } }`,
  // A version stamp compared after the await.
  `${H}export class Saver {
  version = 0;
  saved = 0;
  async save() {
    const version = ++this.version;
    await delay(100);
    if (version !== this.version) return;
    this.saved = version;
  }
}`,
  // The write does not depend on how the check came out.
  `${H}const cache = new Map<string, number>();
export async function refresh(key: string) {
  if (cache.has(key)) console.log('refreshing');
  await work();
  cache.set(key, await load(key));
}`,
  // The flag is set in the same step as the check.
  `${H}export class Client {
  connecting = false;
  async open() {
    if (!this.connecting) {
      this.connecting = true;
      await connect();
      this.connecting = false;
    }
  }
}`,
  // Synchronous code cannot be interleaved.
  `${H}let count = 0; export function inc() { const v = count; console.log(v); count = v + 1; }`,
  // A function handed to then() is not part of this function's flow.
  `${H}let count = 0; export async function inc() { const v = count; await fetchValue().then(() => { console.log(v); }); }`,
  // Only a checkThenAct report would apply, and it is switched off.
  {
    code: `${H}const cache = new Map<string, number>();
export async function get(key: string) {
  if (!cache.has(key)) cache.set(key, await load(key));
}`,
    options: [{ checkThenAct: false }],
  },
  // Without types, a Map must be seen being created: an unknown object's has/set is not one.
  {
    code: `${H}declare function makeCache(): Map<string, number>;
const cache = makeCache();
export async function get(key: string) {
  if (!cache.has(key)) cache.set(key, await load(key));
}`,
    mode: 'untyped',
  },
];

// With types the Map above is known for what it is.
const typedOnly: Invalid[] = [
  {
    name: 'a Map known by its type only',
    mode: 'typed',
    code: `${H}declare function makeCache(): Map<string, number>;
const cache = makeCache();
export async function get(key: string) {
  if (!cache.has(key)) cache.set(key, await load(key));
}`,
    errors: [checked({ name: 'cache', read: 5, pause: 5, lock: 'cacheLock', output: `${H}${M}declare function makeCache(): Map<string, number>;
const cache = makeCache();
const cacheLock = new Mutex();
export async function get(key: string) {
  await cacheLock.runExclusive(async () => { if (!cache.has(key)) cache.set(key, await load(key)); });
}` })],
  },
];

// -------------------------------------------------------------------------------------------------
// The suggestion: locals handed back, returns kept, the lock declared once, imports merged
// -------------------------------------------------------------------------------------------------
const fixes: Invalid[] = [
  {
    name: 'a local declared in the span and used after it is returned from the callback',
    code: `${H}let balance = 100;
export async function withdraw(amount: number) {
  const before = balance;
  await save(amount);
  balance = before - amount;
  console.log('was', before);
}`,
    errors: [lost({ name: 'balance', read: 4, pause: 5, lock: 'balanceLock', output: `${H}${M}let balance = 100;
const balanceLock = new Mutex();
export async function withdraw(amount: number) {
  const before = await balanceLock.runExclusive(async () => {
    const before = balance;
    await save(amount);
    balance = before - amount;
    return before;
  });
  console.log('was', before);
}` })],
  },
  {
    name: 'several locals come back as an object; a let stays assignable',
    code: `${H}let stock = 10;
export async function take(n: number) {
  let left = stock;
  const wanted = n;
  await save(n);
  stock = left - wanted;
  left = stock;
  return { left, wanted };
}`,
    errors: [lost({ name: 'stock', read: 4, pause: 6, lock: 'stockLock', output: `${H}${M}let stock = 10;
const stockLock = new Mutex();
export async function take(n: number) {
  let { left, wanted } = await stockLock.runExclusive(async () => {
    let left = stock;
    const wanted = n;
    await save(n);
    stock = left - wanted;
    return { left, wanted };
  });
  left = stock;
  return { left, wanted };
}` })],
  },
  {
    name: 'a return inside the span: the lock holds to the end and its result is returned',
    code: `${H}export class Inventory {
  stock = 5;
  async reserve(n: number): Promise<boolean> {
    const stock = this.stock;
    if (stock < n) return false;
    await save(n);
    this.stock = stock - n;
    return true;
  }
}`,
    errors: [lost({ name: 'this.stock', read: 5, pause: 7, lock: '#stockLock', output: `${H}${M}export class Inventory {
  stock = 5;
  #stockLock = new Mutex();
  async reserve(n: number): Promise<boolean> {
    return await this.#stockLock.runExclusive(async () => {
      const stock = this.stock;
      if (stock < n) return false;
      await save(n);
      this.stock = stock - n;
      return true;
    });
  }
}` })],
  },
  {
    name: 'no suggestion when a break would leave a loop outside the span',
    code: `${H}let done = 0;
export async function run(jobs: string[]) {
  for (const job of jobs) {
    const before = done;
    await save(job);
    if (job === 'stop') break;
    done = before + 1;
  }
}`,
    errors: [lost({ name: 'done', read: 5, pause: 6 })],
  },
  {
    name: 'no suggestion when the span declares a var (hoisting)',
    code: `${H}let n = 0;
export async function f() {
  var seen = n;
  await work();
  n = seen + 1;
}`,
    errors: [lost({ name: 'n', read: 4, pause: 5 })],
  },
  {
    name: 'no suggestion when a local declared before the span is assigned in it and read after it',
    code: `${H}let n = 0;
export async function f() {
  let last = 0;
  const seen = n;
  last = await fetchValue();
  n = seen + last;
  return last;
}`,
    errors: [lost({ name: 'n', read: 5, pause: 6 })],
  },
  {
    name: 'Mutex is added to an existing import of the helper module',
    code: `${H}import { Semaphore } from 'async-guard';
export const limit = new Semaphore(4);
let n = 0;
export async function f() { n += await fetchValue(); }`,
    errors: [lost({ name: 'n', read: 5, pause: 5, lock: 'nLock', output: `${H}import { Semaphore, Mutex } from 'async-guard';
export const limit = new Semaphore(4);
let n = 0;
const nLock = new Mutex();
export async function f() { await nLock.runExclusive(async () => { n += await fetchValue(); }); }` })],
  },
  {
    name: 'an existing lock of that name is used, not declared again',
    code: `${H}import { Mutex } from 'async-guard';
let n = 0;
const nLock = new Mutex();
export async function f() { n += await fetchValue(); }`,
    errors: [lost({ name: 'n', read: 5, pause: 5, lock: 'nLock', output: `${H}import { Mutex } from 'async-guard';
let n = 0;
const nLock = new Mutex();
export async function f() { await nLock.runExclusive(async () => { n += await fetchValue(); }); }` })],
  },
  {
    name: 'a name already taken by something else gets a number',
    code: `${H}let n = 0;
const nLock = 'taken';
export async function f() { n += await fetchValue(); console.log(nLock); }`,
    errors: [lost({ name: 'n', read: 4, pause: 4, lock: 'nLock2', output: `${H}${M}let n = 0;
const nLock2 = new Mutex();
const nLock = 'taken';
export async function f() { await nLock2.runExclusive(async () => { n += await fetchValue(); }); console.log(nLock); }` })],
  },
  {
    name: 'a local class named Mutex: the import is renamed',
    code: `${H}class Mutex {}
export const local = new Mutex();
let n = 0;
export async function f() { n += await fetchValue(); }`,
    errors: [lost({ name: 'n', read: 5, pause: 5, lock: 'nLock', output: `${H}import { Mutex as MutexAsync } from 'async-guard';
class Mutex {}
export const local = new Mutex();
let n = 0;
const nLock = new MutexAsync();
export async function f() { await nLock.runExclusive(async () => { n += await fetchValue(); }); }` })],
  },
  {
    name: 'the helperModule option names the module Mutex comes from',
    options: [{ helperModule: './modules/shared-locks.js' }],
    code: `${H}let n = 0;
export async function f() { n += await fetchValue(); }`,
    errors: [lost({ name: 'n', read: 3, pause: 3, lock: 'nLock', output: `${H}import { Mutex } from './modules/shared-locks.js';
let n = 0;
const nLock = new Mutex();
export async function f() { await nLock.runExclusive(async () => { n += await fetchValue(); }); }` })],
  },
  {
    name: 'state assigned in the constructor: the lock field goes first in the class body',
    code: `${H}export class Store {
  private cache: Map<string, number>;
  constructor() {
    this.cache = new Map();
  }
  async get(key: string) {
    if (!this.cache.has(key)) this.cache.set(key, await load(key));
    return this.cache.get(key);
  }
}`,
    errors: [checked({ name: 'this.cache', read: 8, pause: 8, lock: '#cacheLock', output: `${H}${M}export class Store {
  private cache: Map<string, number>;
  #cacheLock = new Mutex();
  constructor() {
    this.cache = new Map();
  }
  async get(key: string) {
    await this.#cacheLock.runExclusive(async () => { if (!this.cache.has(key)) this.cache.set(key, await load(key)); });
    return this.cache.get(key);
  }
}` })],
  },
  {
    name: 'a class written on one line keeps to one line',
    code: `${H}export class Dial { level = 0; async turn() { const level = this.level; await work(); this.level = level + 1; } }`,
    errors: [lost({ name: 'this.level', read: 2, pause: 2, lock: '#levelLock', output: `${H}${M}export class Dial { level = 0; #levelLock = new Mutex(); async turn() { await this.#levelLock.runExclusive(async () => { const level = this.level; await work(); this.level = level + 1; }); } }` })],
  },
  {
    name: 'a multi-line template literal keeps its lines as they are',
    code: `${H}let log = '';
export async function append(line: string) {
  const before = log;
  await save(line);
  log = before + \`
\${line}\`;
}`,
    errors: [lost({ name: 'log', read: 4, pause: 5, lock: 'logLock', output: `${H}${M}let log = '';
const logLock = new Mutex();
export async function append(line: string) {
  await logLock.runExclusive(async () => {
    const before = log;
    await save(line);
    log = before + \`
\${line}\`;
  });
}` })],
  },
  {
    name: 'JavaScript: the same fix in a .js file',
    filename: 'file.js',
    code: `import { save } from './modules/shared-helpers.js';
export class Account {
  balance = 0;
  async deposit(amount) {
    const balance = this.balance;
    await save(amount);
    this.balance = balance + amount;
  }
}`,
    errors: [lost({ name: 'this.balance', read: 5, pause: 6, lock: '#balanceLock', output: `import { save } from './modules/shared-helpers.js';
${M}export class Account {
  balance = 0;
  #balanceLock = new Mutex();
  async deposit(amount) {
    await this.#balanceLock.runExclusive(async () => {
      const balance = this.balance;
      await save(amount);
      this.balance = balance + amount;
    });
  }
}` })],
  },
];

// -------------------------------------------------------------------------------------------------
// Runs
// -------------------------------------------------------------------------------------------------
const invalid: Invalid[] = [...lostUpdates, ...checkThenAct, ...typedOnly, ...fixes];
const runsIn = (mode: Exclude<Mode, 'both'>) => (testCase: { mode?: Mode }) => testCase.mode === undefined || testCase.mode === 'both' || testCase.mode === mode;
const strip = <T extends { mode?: Mode }>({ mode: _mode, ...rest }: T) => rest;
const validCases = valid.map((testCase) => (typeof testCase === 'string' ? { code: testCase } : testCase));

typedRuleTester().run('no-unguarded-shared-mutation (with types)', rule, {
  valid: validCases.filter(runsIn('typed')).map(strip),
  invalid: invalid.filter(runsIn('typed')).map(strip),
});

untypedRuleTester().run('no-unguarded-shared-mutation (without types)', rule, {
  valid: validCases.filter(runsIn('untyped')).map(strip),
  invalid: invalid.filter(runsIn('untyped')).map(strip),
});

describe('no-unguarded-shared-mutation suggestions', () => {
  const outputs = invalid.flatMap((testCase) =>
    testCase.errors.flatMap((error) =>
      (error.suggestions ?? []).map((offered) => ({ name: testCase.name ?? testCase.code, code: offered.output, filename: testCase.filename })),
    ),
  );

  it('produce code that type-checks (strict TypeScript, the real async-guard types)', () => {
    expect(outputs.length).toBeGreaterThan(40);
    const errors = typeErrors(outputs);
    const failures = outputs.map((output, index) => ({ name: output.name, errors: errors[index] })).filter((result) => result.errors !== '');
    expect(failures).toEqual([]);
  });

  it('start from code that type-checks, so the comparison is fair', () => {
    const originals = invalid.filter((testCase) => !testCase.filename?.endsWith('.js')).map((testCase) => ({ name: testCase.name ?? '', code: testCase.code }));
    const errors = typeErrors(originals);
    const failures = originals.map((original, index) => ({ name: original.name, errors: errors[index] })).filter((result) => result.errors !== '');
    expect(failures).toEqual([]);
  });
});

describe('no-unguarded-shared-mutation case count', () => {
  it('covers at least 70 cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(70);
  });
});
