import type { InvalidTestCase, SuggestionOutput, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-floating-promise.js';
import * as path from 'node:path';
import { javascriptRuleTester, typedFixtureDir, typedRuleTester, untypedRuleTester } from './rule-tester.js';
import { typeErrors, type Snippet } from './typecheck.js';

type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<MessageIds, Options>;

const CATCH_TS = '.catch((error: unknown) => {\n  console.error(error);\n})';
const CATCH_JS = '.catch((error) => {\n  console.error(error);\n})';

interface FloatingExpectation {
  /** The statement's expression, exactly as written (its first occurrence in `code`). */
  target: string;
  /** The enclosing function is async: `await` is offered. */
  inAsync?: boolean;
  /** Full output of the "make the function async" suggestion, when it is offered. */
  makeAsync?: { name: string; output: string };
  /** Whether `.catch(…)` is offered (not for ternaries and other compound expressions). */
  catchable?: boolean;
  /** The expression needs parentheses after `await`/`void`. */
  loose?: boolean;
  filename?: string;
  options?: Options;
}

/** One floating promise in `code` (the statement `target;`), with the suggestions the rule must offer for it. */
function floating(code: string, expected: FloatingExpectation): Invalid {
  const { target, inAsync = false, catchable = true, loose = false, filename } = expected;
  const wrapped = loose ? `(${target})` : target;
  const ignoreVoid = expected.options?.[0]?.ignoreVoid !== false;
  // The statement is the last `target;` in the code (a declaration may share its text).
  const at = code.lastIndexOf(`${target};`);
  if (at < 0) throw new Error(`'${target};' is not in ${code}`);
  const replaced = (text: string): string => code.slice(0, at) + text + code.slice(at + target.length);
  const suggestions: SuggestionOutput<MessageIds>[] = [];
  if (inAsync) suggestions.push({ messageId: 'addAwait', output: replaced(`await ${wrapped}`) });
  if (ignoreVoid) suggestions.push({ messageId: 'addVoid', output: replaced(`void ${wrapped}`) });
  if (catchable) {
    const handler = filename?.endsWith('.js') ? CATCH_JS : CATCH_TS;
    suggestions.push({ messageId: 'addCatch', output: replaced(`${target}${handler}`) });
  }
  if (expected.makeAsync) suggestions.push({ messageId: 'makeAsync', data: { name: expected.makeAsync.name }, output: expected.makeAsync.output });
  return {
    code,
    ...(filename && { filename }),
    ...(expected.options && { options: expected.options }),
    errors: [{ messageId: 'floating', suggestions }],
  };
}

const API = "import { sendEmail, sendLater, notify, mailer, load, identity, thenable, safeSend } from './modules/promise-api.js';\n";

/** Cases that need type information to be found (or to be known safe). */
const typedValid: Valid[] = [
  `${API}export async function run() { await sendEmail('a'); }`,
  `${API}export function run() { return sendEmail('a'); }`,
  `${API}sendEmail('a').catch(() => undefined);`,
  `${API}sendEmail('a').then(() => 1, () => 2);`,
  `${API}void sendEmail('a');`,
  `${API}const pending = sendEmail('a'); void pending;`,
  `${API}let p: Promise<void>; p = sendEmail('a');`,
  `${API}mailer.queue('a');`,
  `${API}load(1);`,
  `${API}identity(1);`,
  `${API}thenable();`,
  `${API}export async function run() { await Promise.all([sendEmail('a'), notify('b')]); }`,
  `${API}sendEmail('a').catch(console.error).finally(() => undefined);`,
  "declare const value: number | undefined; value;",
  "declare function f(): string; f();",
  "declare function g(): any; g();",
  "declare const list: number[]; list.push(1);",
  'export class Builder { on(): this { return this; } } new Builder().on().on();',
  'declare const target: { a: number }; Object.assign(target, { b: 1 });',
  'declare const results: number[]; export async function f() { await results; }',
  "declare const maybe: (() => Promise<void>) | undefined; maybe?.call(undefined)?.catch(() => {});",
  "export async function run() { await new Promise((resolve) => setTimeout(resolve, 1)); }",
  "export class C { private pending?: Promise<void>; start() { this.pending = Promise.resolve(); } }",
  "const log = (x: unknown) => console.log(x); log(1);",
  "function plain() { return 1; } plain();",
  "declare const flag: boolean; declare function a(): void; flag && a();",
  "declare const p: Promise<void>; declare const flag: boolean; flag ? p.catch(() => {}) : undefined;",
  "declare const p: Promise<void>; export async function run() { await p; }",
  "declare function task(): Promise<void>; export const run = () => { void task(); };",
  { code: `${API}sendEmail('a');`, options: [{ allowForKnownSafeCalls: ['sendEmail'] }] },
  { code: `${API}sendEmail('a');`, options: [{ allowForKnownSafeCalls: [{ from: 'file', name: 'sendEmail' }] }] },
  { code: `${API}safeSend();`, options: [{ allowForKnownSafePromises: [{ from: 'file', name: 'SafePromise' }] }] },
  { code: `${API}safeSend();`, options: [{ allowForKnownSafePromises: ['SafePromise'] }] },
  { code: "(async () => { await Promise.resolve(); })();", options: [{ ignoreIIFE: true }] },
  { code: 'declare function task(): Promise<void>; const pending = task(); export async function run() { await pending; }', options: [{ checkStored: true }] },
  { code: 'declare function task(): Promise<void>; export function run() { const pending = task(); return pending; }', options: [{ checkStored: true }] },
  { code: 'declare function task(): Promise<void>; export function run() { const pending = task(); pending.catch(() => {}); }', options: [{ checkStored: true }] },
  { code: 'declare function task(): Promise<void>; export function run() { const pending = task(); track(pending); } declare function track(p: Promise<void>): void;', options: [{ checkStored: true }] },
  { code: 'declare function task(): Promise<void>; export const pending = task();', options: [{ checkStored: true }] },
  { code: 'declare function task(): number; export function run() { const n = task(); return n; }', options: [{ checkStored: true }] },
  "declare const options: { [key: string]: any };\nif (options.flag) options.flag();",
  "declare const op: { insert(): Promise<void> } | { remove(): void };\nif ('remove' in op) op.remove();",
  // A chain of `this`-returning overloads on a union: each link is asked once, not once per overload
  // (which would take minutes: 60 declarations at each of four levels).
  (() => {
    const overloads = Array.from({ length: 30 }, (_, index) => `once(event: "e${index}", listener: () => void): this;`).join(' ');
    return `declare class A { ${overloads} }\ndeclare class B { ${overloads} }\ndeclare const socket: A | B;\nsocket${".once('e1', () => {})".repeat(4)};`;
  })(),
  // A guard after the call narrows nothing before it, in a loop neither (its head brings the declared type back).
  'class Base { run(): void {} }\nclass Sub extends Base { override async run(): Promise<void> {} }\ndeclare const worker: Base;\nworker.run();\nif (worker instanceof Sub) console.log(1);',
  'class Base { run(): void {} }\nclass Sub extends Base { override async run(): Promise<void> {} }\ndeclare const worker: Base;\ndo { worker.run(); } while (!(worker instanceof Sub));',
  // The declared member answers: nothing narrows `worker` to a subtype (`log` is no guard).
  'class Base { run(): void {} }\nclass Sub extends Base { override async run(): Promise<void> {} }\ndeclare const worker: Base;\ndeclare function log(value: Base): boolean;\nlog(worker);\nworker.run();',
];

const typedInvalid: Invalid[] = [
  floating(`${API}sendEmail('a');`, { target: "sendEmail('a')" }),
  floating(`${API}sendLater('a');`, { target: "sendLater('a')" }),
  floating(`${API}notify('a');`, { target: "notify('a')" }),
  floating(`${API}mailer.send('a');`, { target: "mailer.send('a')" }),
  floating(`${API}load('key');`, { target: "load('key')" }),
  floating(`${API}identity(sendEmail('a'));`, { target: "identity(sendEmail('a'))" }),
  floating(`${API}sendEmail('a').then(() => 1);`, { target: "sendEmail('a').then(() => 1)" }),
  floating(`${API}sendEmail('a').finally(() => 1);`, { target: "sendEmail('a').finally(() => 1)" }),
  floating(`${API}export async function run() { sendEmail('a'); }`, { target: "sendEmail('a')", inAsync: true }),
  floating(`${API}export const run = async () => { mailer.send('x'); };`, { target: "mailer.send('x')", inAsync: true }),
  floating(`${API}export function run() { sendEmail('a'); }`, {
    target: "sendEmail('a')",
    makeAsync: { name: 'run', output: `${API}export async function run() { await sendEmail('a'); }` },
  }),
  floating(`${API}export function run(): void { sendEmail('a'); }`, {
    target: "sendEmail('a')",
    makeAsync: { name: 'run', output: `${API}export async function run(): Promise<void> { await sendEmail('a'); }` },
  }),
  floating(`${API}export const run = () => { sendEmail('a'); };`, {
    target: "sendEmail('a')",
    makeAsync: { name: 'run', output: `${API}export const run = async () => { await sendEmail('a'); };` },
  }),
  floating(`${API}export class Job { start() { sendEmail('a'); } }`, {
    target: "sendEmail('a')",
    makeAsync: { name: 'start', output: `${API}export class Job { async start() { await sendEmail('a'); } }` },
  }),
  floating(`${API}export class Job { static start() { sendEmail('a'); } }`, {
    target: "sendEmail('a')",
    makeAsync: { name: 'start', output: `${API}export class Job { static async start() { await sendEmail('a'); } }` },
  }),
  // A constructor, a getter and a function that returns a value keep their signatures.
  floating(`${API}export class Job { constructor() { sendEmail('a'); } }`, { target: "sendEmail('a')" }),
  floating(`${API}export class Job { get ready() { sendEmail('a'); return true; } }`, { target: "sendEmail('a')" }),
  floating(`${API}export function count() { sendEmail('a'); return 1; }`, { target: "sendEmail('a')" }),
  // A callback whose caller ignores what it returns: making it async would only move the problem.
  floating(`${API}[1].forEach(() => { sendEmail('a'); });`, { target: "sendEmail('a')" }),
  // A callback whose caller accepts a promise may become async.
  floating(`${API}declare function test(name: string, body: () => void | Promise<void>): void;\ntest('x', () => { sendEmail('a'); });`, {
    target: "sendEmail('a')",
    makeAsync: {
      name: '(anonymous)',
      output: `${API}declare function test(name: string, body: () => void | Promise<void>): void;\ntest('x', async () => { await sendEmail('a'); });`,
    },
  }),
  floating('declare const p: Promise<number>; p;', { target: 'p' }),
  floating('declare const p: Promise<number> | undefined; p;', { target: 'p', catchable: false }),
  floating('declare function f(): Promise<number> | number; f();', { target: 'f()', catchable: false }),
  floating('declare function f<T extends Promise<void>>(x: T): T; declare const p: Promise<void>; f(p);', { target: 'f(p)' }),
  floating('declare function f(): Promise<void> & { cancel(): void }; f();', { target: 'f()' }),
  floating('Promise.resolve(1);', { target: 'Promise.resolve(1)' }),
  floating('Promise.reject(new Error("x"));', { target: 'Promise.reject(new Error("x"))' }),
  floating('Promise.all([Promise.resolve(1)]);', { target: 'Promise.all([Promise.resolve(1)])' }),
  floating('Promise.allSettled([Promise.resolve(1)]);', { target: 'Promise.allSettled([Promise.resolve(1)])' }),
  floating('Promise.race([Promise.resolve(1)]);', { target: 'Promise.race([Promise.resolve(1)])' }),
  floating('Promise.any([Promise.resolve(1)]);', { target: 'Promise.any([Promise.resolve(1)])' }),
  floating("fetch('https://example.com');", { target: "fetch('https://example.com')" }),
  floating("import('./modules/promise-api.js');", { target: "import('./modules/promise-api.js')" }),
  floating('(async () => { await Promise.resolve(); })();', { target: '(async () => { await Promise.resolve(); })()' }),
  floating('declare function f(): Promise<void>; declare const flag: boolean; flag ? f() : undefined;', {
    target: 'flag ? f() : undefined',
    loose: true,
    catchable: false,
  }),
  floating('declare function f(): Promise<void>; declare const flag: boolean; flag && f();', { target: 'flag && f()', loose: true, catchable: false }),
  floating('declare function f(): Promise<void>; declare const g: (() => Promise<void>) | undefined; g?.() ?? f();', {
    target: 'g?.() ?? f()',
    loose: true,
    catchable: false,
  }),
  floating('declare function f(): Promise<void>; let n = 0; n++, f();', { target: 'n++, f()', loose: true, catchable: false }),
  floating('declare const obj: { run?: () => Promise<void> }; obj.run?.();', { target: 'obj.run?.()', catchable: false }),
  floating('declare const handlers: Record<string, () => Promise<void>>; handlers["x"]!();', { target: 'handlers["x"]!()' }),
  floating('declare const tasks: Array<() => Promise<void>>; tasks[0]!();', { target: 'tasks[0]!()' }),
  floating('declare class Store { save(): Promise<void>; } export function run(store: Store) { store.save(); }', {
    target: 'store.save()',
    makeAsync: { name: 'run', output: 'declare class Store { save(): Promise<void>; } export async function run(store: Store) { await store.save(); }' },
  }),
  floating('declare const p: Promise<void>; export function run() { p.then(() => undefined); }', {
    target: 'p.then(() => undefined)',
    makeAsync: { name: 'run', output: 'declare const p: Promise<void>; export async function run() { await p.then(() => undefined); }' },
  }),
  floating('async function inner() {} export async function outer() { inner(); }', { target: 'inner()', inAsync: true }),
  floating('function later() { return Promise.resolve(1); } later();', { target: 'later()' }),
  floating('const later = () => new Promise<void>((resolve) => resolve()); later();', { target: 'later()' }),
  floating('export class Queue { async drain() {} run() { this.drain(); } }', {
    target: 'this.drain()',
    makeAsync: { name: 'run', output: 'export class Queue { async drain() {} async run() { await this.drain(); } }' },
  }),
  floating(`${API}safeSend();`, { target: 'safeSend()' }),
  floating(`${API}thenable();`, { target: 'thenable()', options: [{ checkThenables: true }], catchable: false }),
  floating(`${API}void sendEmail('a');`, { target: "void sendEmail('a')", options: [{ ignoreVoid: false }], catchable: false }),
  floating('declare function f(): Promise<void>; export async function run() { f(); }', {
    target: 'f()',
    inAsync: true,
    filename: 'file.js',
  }),
  {
    code: `${API}export async function run() { void sendEmail('a'); }`,
    options: [{ ignoreVoid: false }],
    errors: [{ messageId: 'floating', suggestions: [{ messageId: 'addAwait', output: `${API}export async function run() { await sendEmail('a'); }` }] }],
  },
  {
    code: 'declare function f(): Promise<void>; export const run = () => void f();',
    options: [{ ignoreVoid: false }],
    errors: [{ messageId: 'floating', suggestions: [] }],
  },
  {
    code: 'declare const p: Promise<void>; p.catch(undefined);',
    errors: [{ messageId: 'uselessHandler' }],
  },
  {
    code: 'declare const p: Promise<void>; p.then(() => 1, null);',
    errors: [{ messageId: 'uselessHandler' }],
  },
  {
    code: 'declare const p: Promise<void>; declare const handler: string; p.catch(handler);',
    errors: [{ messageId: 'uselessHandler' }],
  },
  {
    code: 'declare function f(): Promise<void>; [f(), f()];',
    errors: [{ messageId: 'floatingArray', suggestions: [{ messageId: 'awaitAll', output: 'declare function f(): Promise<void>; void Promise.all([f(), f()]);' }] }],
  },
  {
    code: 'declare const items: string[]; declare function save(x: string): Promise<void>; export async function run() { items.map((x) => save(x)); }',
    errors: [
      {
        messageId: 'floatingArray',
        suggestions: [
          {
            messageId: 'awaitAll',
            output:
              'declare const items: string[]; declare function save(x: string): Promise<void>; export async function run() { await Promise.all(items.map((x) => save(x))); }',
          },
        ],
      },
    ],
  },
  {
    code: 'declare const items: string[]; export async function run() { await items.map(async (x) => x); }',
    errors: [
      {
        messageId: 'floatingArray',
        suggestions: [
          { messageId: 'awaitAll', output: 'declare const items: string[]; export async function run() { await Promise.all(items.map(async (x) => x)); }' },
        ],
      },
    ],
  },
  {
    code: 'declare const pending: Promise<void>[]; export async function f() { await pending; }',
    errors: [
      {
        messageId: 'floatingArray',
        suggestions: [{ messageId: 'awaitAll', output: 'declare const pending: Promise<void>[]; export async function f() { await Promise.all(pending); }' }],
      },
    ],
  },
  floating('Object.assign(Promise.resolve(1), { label: "x" });', { target: 'Object.assign(Promise.resolve(1), { label: "x" })' }),
  {
    code: 'declare const pair: [Promise<void>, number]; pair;',
    errors: [{ messageId: 'floatingArray', suggestions: [{ messageId: 'awaitAll', output: 'declare const pair: [Promise<void>, number]; void Promise.all(pair);' }] }],
  },
  {
    code: 'declare function task(): Promise<void>; export function run() { const pending = task(); }',
    options: [{ checkStored: true }],
    errors: [{ messageId: 'storedNeverHandled', data: { name: 'pending' } }],
  },
  {
    code: 'declare function task(): Promise<void>; export function run() { const pending = task(); if (pending) console.log("started"); }',
    options: [{ checkStored: true }],
    errors: [{ messageId: 'storedNeverHandled', data: { name: 'pending' } }],
  },
  {
    code: 'declare function task(): Promise<void>; const pending = task();',
    options: [{ checkStored: true }],
    errors: [{ messageId: 'storedNeverHandled', data: { name: 'pending' } }],
  },  // Narrowed to a subtype whose method returns a promise: the member is the subtype's, not the
  // declared type's (which the rule reads first when nothing can narrow that way).
  ...narrowedToSubtype(),
  ...readFromDeclaredTypes(),
];

/** Receivers whose member the rule reads from declarations: a constructor, a callee's annotation, an index signature, a union. */
function readFromDeclaredTypes(): Invalid[] {
  const POOL = 'class Pool { async drain(): Promise<void> {} }\n';
  return [
    floating(`${POOL}const pool = new Pool();\npool.drain();`, { target: 'pool.drain()' }),
    floating(`${POOL}declare function open(): Pool;\nconst pool = open();\npool.drain();`, { target: 'pool.drain()' }),
    floating(`${POOL}declare function connect(): Promise<Pool>;\nexport async function run() { const pool = await connect(); pool.drain(); }`, { target: 'pool.drain()', inAsync: true }),
    floating(`${POOL}declare function make(): Pool;\nmake().drain();`, { target: 'make().drain()' }),
    // `new Box(job)` is a `Box<Job>`: its `value` is a `Job`, whose `run` is async, not `Base`'s.
    floating(
      'class Base { run(): void {} }\nclass Job extends Base { override async run(): Promise<void> {} }\nclass Box<T extends Base> { constructor(readonly value: T) {} }\nconst box = new Box(new Job());\nbox.value.run();',
      { target: 'box.value.run()' },
    ),
    floating('declare const handlers: Record<string, () => Promise<void>>;\nhandlers.flush();', { target: 'handlers.flush()' }),
    floating('declare const jobs: { [name: string]: Promise<void> };\njobs.nightly;', { target: 'jobs.nightly', catchable: true }),
    floating("declare const op: { insert(): Promise<void> } | { remove(): void };\nif ('insert' in op) op.insert();", { target: 'op.insert()' }),
    // `on` returns `this`: the chain's value is the emitter; its last call returns a promise.
    floating(
      'declare class Emitter { on(event: string, listener: () => void): this; flush(): Promise<void> }\ndeclare const emitter: Emitter;\nemitter.on(\'a\', () => {}).on(\'b\', () => {}).flush();',
      { target: "emitter.on('a', () => {}).on('b', () => {}).flush()" },
    ),
  ];
}

/** A method declared `void` on `Base` that `Sub` overrides with an async one, called after narrowing to `Sub`. */
function narrowedToSubtype(): Invalid[] {
  const SUB = 'class Base { run(): void {} }\nclass Sub extends Base { override async run(): Promise<void> {} }\ndeclare const worker: Base;\n';
  return [
    floating(`${SUB}if (worker instanceof Sub) worker.run();`, { target: 'worker.run()' }),
    floating(`${SUB}declare function isSub(value: Base): value is Sub;\nif (isSub(worker)) worker.run();`, { target: 'worker.run()' }),
    // TypeScript infers `value is Sub` from the body.
    floating(`${SUB}function isSub(value: Base) { return value instanceof Sub; }\nif (isSub(worker)) worker.run();`, { target: 'worker.run()' }),
    floating(`${SUB}declare function assertSub(value: Base): asserts value is Sub;\nassertSub(worker);\nworker.run();`, { target: 'worker.run()' }),
    floating(`${SUB}declare const checks: { isSub(value: Base): value is Sub };\nif (checks.isSub(worker)) worker.run();`, { target: 'worker.run()' }),
    floating(`${SUB}if (worker instanceof Sub) [1].forEach(() => { worker.run(); });`, { target: 'worker.run()' }),
    floating(`${SUB}export function go(item: Base) { if (item instanceof Sub) item.run(); }`, {
      target: 'item.run()',
      makeAsync: { name: 'go', output: `${SUB}export async function go(item: Base) { if (item instanceof Sub) await item.run(); }` },
    }),
    floating(`${SUB}export class Owner { worker = new Base(); go() { if (this.worker instanceof Sub) this.worker.run(); } }`, {
      target: 'this.worker.run()',
      makeAsync: { name: 'go', output: `${SUB}export class Owner { worker = new Base(); async go() { if (this.worker instanceof Sub) await this.worker.run(); } }` },
    }),
    floating(
      'class Shape { isLeaf(): this is Leaf { return this instanceof Leaf; } run(): void {} }\nclass Leaf extends Shape { override async run(): Promise<void> {} }\ndeclare const shape: Shape;\nif (shape.isLeaf()) shape.run();',
      { target: 'shape.run()' },
    ),
  ];
}

/** Cases found without type information (plain syntax and scope analysis), checked with and without types. */
const sharedValid: Valid[] = [
  'async function f() {} export async function run() { await f(); }',
  'async function f() {} export function run() { return f(); }',
  'async function f() {} f().catch(() => {});',
  'async function f() {} f().then(() => {}, () => {});',
  'async function f() {} void f();',
  'async function f() {} const p = f(); export { p };',
  'function f() { return 1; } f();',
  'fetch("x").then(() => {}).catch(() => {});',
  'Promise.resolve().catch(() => {});',
  'export async function run() { await Promise.all([fetch("a"), fetch("b")]); }',
  'const fetch = (x: string) => x; fetch("x");',
  'class Promise2 {} new Promise2();',
  'export class Job { async a() {} b() { return this.a(); } }',
  'async function f() {} export function run() { const p = f(); return p; }',
  { code: 'async function f() {} f();', options: [{ allowForKnownSafeCalls: ['f'] }] },
  { code: '(async () => {})();', options: [{ ignoreIIFE: true }] },
];

const sharedInvalid: Invalid[] = [
  floating('async function f() {} f();', { target: 'f()' }),
  floating('const f = async () => {}; f();', { target: 'f()' }),
  floating('const f = async function () {}; f();', { target: 'f()' }),
  floating('function f(): Promise<void> { return Promise.resolve(); } f();', { target: 'f()' }),
  floating('function f() { return fetch("x"); } f();', { target: 'f()' }),
  floating('fetch("x");', { target: 'fetch("x")' }),
  floating('fetch("x").then(() => 1);', { target: 'fetch("x").then(() => 1)' }),
  floating('new Promise<void>((resolve) => resolve());', { target: 'new Promise<void>((resolve) => resolve())' }),
  floating('Promise.all([]);', { target: 'Promise.all([])' }),
  floating('Promise.allSettled([]);', { target: 'Promise.allSettled([])' }),
  floating('Promise.race([]);', { target: 'Promise.race([])' }),
  floating('Promise.any([]);', { target: 'Promise.any([])' }),
  floating('Promise.resolve();', { target: 'Promise.resolve()' }),
  floating('(async () => {})();', { target: '(async () => {})()' }),
  floating('async function f() {} export async function run() { f(); }', { target: 'f()', inAsync: true }),
  floating('export class Job { async a() {} async b() { this.a(); } }', { target: 'this.a()', inAsync: true }),
  floating('async function f() {} f().finally(() => {});', { target: 'f().finally(() => {})' }),
  floating('async function f() {} declare const flag: boolean; flag ? f() : null;', { target: 'flag ? f() : null', loose: true, catchable: false }),
  floating('async function f() {} declare const flag: boolean; flag || f();', { target: 'flag || f()', loose: true, catchable: false }),
  floating('const p = fetch("x"); p;', { target: 'p' }),
  floating("import flush from './modules/promise-api.js'; flush();", { target: 'flush()' }),
  floating("import { sendEmail } from './modules/promise-api.js'; sendEmail('a');", { target: "sendEmail('a')" }),
  floating("import { notify as tell } from './modules/promise-api.js'; tell('a');", { target: "tell('a')" }),
  floating("import * as api from './modules/promise-api.js'; api.sendLater('a');", { target: "api.sendLater('a')" }),
  floating('async function f() {} export function run() { f(); }', {
    target: 'f()',
    makeAsync: { name: 'run', output: 'async function f() {} export async function run() { await f(); }' },
  }),
  {
    code: 'async function f() {} [f(), f()];',
    errors: [{ messageId: 'floatingArray', suggestions: [{ messageId: 'awaitAll', output: 'async function f() {} void Promise.all([f(), f()]);' }] }],
  },
  {
    code: 'async function f() {} f().catch(null);',
    errors: [{ messageId: 'uselessHandler' }],
  },
  {
    code: 'async function f() {} export function run() { const pending = f(); }',
    options: [{ checkStored: true }],
    errors: [{ messageId: 'storedNeverHandled', data: { name: 'pending' } }],
  },
];

/** Untyped runs resolve relative imports from the file's folder: place them in the fixture folder. */
function inFixture<T extends ValidTestCase<Options> | Invalid>(testCase: T | string): T {
  const object = (typeof testCase === 'string' ? { code: testCase } : testCase) as T;
  return { ...object, filename: path.join(typedFixtureDir, object.filename ?? 'file.ts') };
}

typedRuleTester().run('no-floating-promise (typed)', rule, {
  valid: [...typedValid, ...sharedValid],
  invalid: [...typedInvalid, ...sharedInvalid],
});

untypedRuleTester().run('no-floating-promise (untyped)', rule, {
  valid: [
    ...sharedValid,
    // Without types the rule cannot tell what these return, so it stays quiet.
    "declare function f(): Promise<void>; f();",
    "import { mailer } from './modules/promise-api.js'; mailer.send('a');",
  ].map(inFixture),
  invalid: sharedInvalid.map(inFixture),
});

javascriptRuleTester().run('no-floating-promise (JavaScript)', rule, {
  valid: ['async function f() {} f().catch(() => {});', 'function f() {} f();'].map(inFixture),
  invalid: [
    floating('async function f() {} f();', { target: 'f()', filename: 'file.js' }),
    floating("const { sendEmail } = require('./modules/promise-api.js'); sendEmail('a');", { target: "sendEmail('a')", filename: 'file.js' }),
    floating('fetch("x").then(() => 1);', { target: 'fetch("x").then(() => 1)', filename: 'file.js' }),
  ].map(inFixture),
});

describe('no-floating-promise suggestions', () => {
  it('every suggested fix of the typed cases type-checks', () => {
    const snippets: Snippet[] = [];
    for (const testCase of [...typedInvalid, ...sharedInvalid]) {
      if (testCase.filename?.endsWith('.js')) continue;
      for (const error of testCase.errors) {
        for (const suggestion of error.suggestions ?? []) snippets.push({ code: suggestion.output, filename: testCase.filename });
      }
    }
    expect(snippets.length).toBeGreaterThan(100);
    const errors = typeErrors(snippets);
    const failures = snippets.map((snippet, index) => ({ code: snippet.code, error: errors[index] })).filter((entry) => entry.error !== '');
    expect(failures).toEqual([]);
  });
});
