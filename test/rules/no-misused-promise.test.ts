import * as path from 'node:path';
import type { InvalidTestCase, SuggestionOutput, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-misused-promise.js';
import { javascriptRuleTester, typedFixtureDir, typedRuleTester, untypedRuleTester } from './rule-tester.js';
import { typeErrors, type Snippet } from './typecheck.js';

type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<MessageIds, Options>;
type Suggestions = SuggestionOutput<MessageIds>[];

/** One report of `messageId`, with the given suggestions (none when omitted). */
function misuse(code: string, messageId: MessageIds, suggestions: Suggestions = [], extra: Partial<Invalid> = {}): Invalid {
  return { code, errors: [{ messageId, suggestions }], ...extra };
}

/** The code with `from` (its last occurrence) replaced by `to`: the expected output of a suggestion. */
function edit(code: string, from: string, to: string): string {
  const at = code.lastIndexOf(from);
  if (at < 0) throw new Error(`'${from}' is not in ${code}`);
  return code.slice(0, at) + to + code.slice(at + from.length);
}

/** A promise used where a value is expected, inside async code: `await` is offered. */
function awaitable(code: string, target: string, messageId: MessageIds, awaited = `await ${target}`): Invalid {
  return misuse(code, messageId, [{ messageId: 'addAwait', output: edit(code, target, awaited) }]);
}

const P = 'declare const p: Promise<boolean>;\n';
const SAVE = 'declare function save(item: string): Promise<void>;\ndeclare const items: string[];\n';

const typedValid: Valid[] = [
  // Where the declared place holds no function, or a callback's body is an object.
  'declare function setup(options: { hooks: { name: string } }): void;\nsetup({ hooks: { name: `${1}` } });',
  'declare function make(options: { build(): { onClose: () => void | Promise<void> } }): void;\nmake({ build() { return { onClose: async () => {} }; } });',
  'declare function on(listener: () => void): void;\non(() => ({ done: true }));',
  // Never callable, by declarations: an options interface (and its bases), a mapped type.
  'interface Base { retries: number }\ninterface Options extends Base { name: string }\ndeclare const options: Options;\ndeclare function on(listener: () => void, options?: unknown): void;\non(() => {}, options);',
  'type Flags = { [K in "a" | "b"]: boolean };\ndeclare const flags: Flags;\ndeclare function on(listener: (() => void) | Flags): void;\non(flags);',
  // Every part of the initializer is settled: an awaited call and a plain object.
  'declare const flag: boolean;\ndeclare function fetchIt(): Promise<{ a: number }>;\ndeclare const settled: { a: number };\nexport async function f() { const value = flag ? await fetchIt() : settled; return { ...value }; }',
  'declare const flag: boolean;\ndeclare function fetchIt(): Promise<{ a: number }>;\nexport async function f() { const value = flag ? await fetchIt() : undefined; if (value) return 1; return 0; }',
  // The annotation expects no function: the returned value is not asked about.
  'declare function load(): Promise<() => Promise<void>>;\nexport async function f<T>(x: T): Promise<T | null> { const r = await load(); void r; return x; }',
  'export function* g(): Generator<number, () => void> { yield 1; return () => {}; }',
  // What a local function returns, destructured: no promise there; a returned literal has no type to match.
  'async function make() { return { task: 1 }; }\nexport async function f() { const { task } = await make(); if (task) return 1; return 0; }',
  'declare function count(): Promise<number>;\ndeclare function run(o: { done: () => void; n: number }): void;\nexport async function f() { const n = await count(); run({ done: () => {}, n }); }',
  'export function make() { return { done: async () => {} }; }',
  'export class Maker { make() { return { done: async () => {} }; } }',
  // Arithmetic makes no function, a default value of a number neither.
  'declare function run(o: { done: () => void; count: number }): void;\nexport function f(p: { n?: number }) { const { n = 1 } = p; const count = n * 2 + 1; run({ done: () => {}, count }); }',
  'declare function run(o: { done: () => void }): void;\nexport function f(p: { done?: () => void }, on: boolean) { const { done = () => {} } = p; const pick = on && done; if (pick) run({ done: pick }); }',
  // Values that are not always promises, or that are awaited.
  'declare const p: Promise<boolean> | undefined; if (p) {}',
  'declare const p: Promise<boolean> | undefined; export const ready = p ? 1 : 0;',
  `${P}export async function f() { if (await p) return 1; return 0; }`,
  `${P}export async function f() { return (await p) ? 1 : 0; }`,
  `${P}export const started = p !== undefined;`,
  `${P}export const same = p === p;`,
  `${P}export const label = \`\${typeof p}\`;`,
  'declare const value: boolean; if (value) {}',
  'declare function check(): boolean; if (check()) {}',
  'declare const n: number; export const x = n && 1;',
  `${P}export const fallback = p ?? 1;`,
  'declare const cfg: { retries: number }; export const copy = { ...cfg };',
  'declare const p: Promise<{ a: number }>; export async function f() { return { ...(await p) }; }',
  'declare const items: Promise<number>[]; export const all = [...items];',
  // Callbacks whose caller handles the promise, or that return no promise.
  `${SAVE}export const done = items.map(async (item) => save(item));`,
  `${SAVE}export async function f() { await Promise.all(items.map((item) => save(item))); }`,
  `${SAVE}items.forEach((item) => console.log(item));`,
  `${SAVE}items.forEach((item) => { void save(item); });`,
  'setTimeout(() => {}, 10);',
  'new Promise<void>((resolve) => resolve());',
  'declare function it(name: string, body: () => void | Promise<void>): void; it("works", async () => {});',
  'declare function run(body: () => Promise<void>): void; run(async () => {});',
  'declare function on(listener: () => void): void; declare function on(listener: () => Promise<void>): void; on(async () => {});',
  'declare function take<T>(value: T): T; take(async () => {});',
  'declare function later(ms: number): void; later(1);',
  'declare const p: Promise<void>; p.finally(async () => {});',
  `${SAVE}export const found = items.find((item) => item.length > 1);`,
  'export const handlers: { onDone: () => void } = { onDone: () => {} };',
  'export const handlers: { onDone: () => Promise<void> } = { onDone: async () => {} };',
  'export const handlers = { onDone: async () => {} };',
  'export const makers = [1].map(() => { return async () => {}; });',
  'declare function register(make: () => () => Promise<void>): void; register(() => { return async () => {}; });',
  'export function make(): () => void { return () => {}; }',
  'export function make(): () => Promise<void> { return async () => {}; }',
  'export function make() { return async () => {}; }',
  'export const f: () => void = () => {};',
  'export const f: () => Promise<void> = async () => {};',
  'let g: () => void = () => {}; g = () => {}; g();',
  'interface Listener { handle(): void } export class A implements Listener { handle() {} }',
  'interface Listener { handle(): Promise<void> } export class A implements Listener { async handle() {} }',
  'export class Base { handle(): void {} } export class A extends Base { static async handle() {} }',
  { code: "import './modules/promise-jsx.js';\nexport const b = <button onHover={async () => {}} />;", filename: 'react.tsx' },
  { code: "import './modules/promise-jsx.js';\nexport const b = <button onClick={() => {}} />;", filename: 'react.tsx' },
  // Options turn checks off.
  { code: `${P}if (p) {}`, options: [{ checksConditionals: false }] },
  { code: 'declare const p: Promise<{ a: 1 }>; export const o = { ...p };', options: [{ checksSpreads: false }] },
  { code: `${P}export const s = \`\${p}\`;`, options: [{ checksValues: false }] },
  { code: `${SAVE}items.forEach(async (item) => { await save(item); });`, options: [{ checksVoidReturn: false }] },
  { code: `${SAVE}items.forEach(async (item) => { await save(item); });`, options: [{ checksVoidReturn: { arguments: false } }] },
  { code: 'export const f: () => void = async () => {};', options: [{ checksVoidReturn: { variables: false } }] },
  { code: 'export function make(): () => void { return async () => {}; }', options: [{ checksVoidReturn: { returns: false } }] },
  { code: 'export const h: { onDone: () => void } = { onDone: async () => {} };', options: [{ checksVoidReturn: { properties: false } }] },
  { code: 'interface L { handle(): void } export class A implements L { async handle() {} }', options: [{ checksVoidReturn: { inheritedMethods: false } }] },
  {
    code: "import './modules/promise-jsx.js';\nexport const b = <button onClick={async () => {}} />;",
    filename: 'react.tsx',
    options: [{ checksVoidReturn: { attributes: false } }],
  },
  // Declared generic types read from their declarations: aliases, mapped types, interfaces.
  'declare function run(o: { done: () => void }): void;\nexport function f(p: { done: () => void }) { const { done } = p; run({ done }); }',
  'declare function run(o: { token: string }): void;\nexport function f(p: { token: string }) { let { token } = p; token = token.trim(); run({ token }); }',
  "type Params<T> = Omit<T, 'secret'> & { id: number };\nexport function f(p: Params<{ secret: string; name: string }>) { return { ...p }; }",
  "type Prettify<T> = { [K in keyof T]: T[K] } & {};\ntype Request<T> = T extends object ? Prettify<T> : T;\nexport function f(p: Request<{ a: 1 }> & Partial<{ b: string }>) { return { ...p }; }",
  'interface Base { a: number }\ninterface Options extends Base { b: string }\nexport function f(o: Options) { return { ...o }; }',
  "export function f(r: Record<'a' | 'b', number>, s: Readonly<{ c: boolean }>) { return { ...r, ...s }; }",
  'type Pair<A, B = A> = [A, B];\nexport function f(p: Pair<number>) { return { ...p }; }',
  // An object rest is a new plain object: without a `then` on its source, never a promise.
  "type Params<T> = Omit<T, 'secret'> & { id: number };\nexport function f(p: Params<{ secret: string; name: string }>) { const { id, ...rest } = p; return { ...rest, id }; }",
  'export function f({ a, ...rest }: { a: number; b: string }) { return { ...rest, a }; }',
  // A member the declarations replace or type as returning a promise expects no void function.
  "declare function run(o: Omit<{ onDone: () => void; name: string }, 'onDone'> & { onDone: () => Promise<void> }): void;\nrun({ name: 'a', onDone: async () => {} });",
  'type Handlers<F> = { onDone: F };\ndeclare function run(h: Handlers<() => Promise<void>>): void;\nrun({ onDone: async () => {} });',
  // A name that is also a type parameter, or a function that is also a namespace, has one value declaration to read.
  'export function f<account>(p: { account?: string }, fallback: string) { const { account = fallback } = p; if (!account) return 0; return 1; }',
  'export function run(o: { onDone: () => Promise<void> }) { return o; }\nexport namespace run { export type Options = { a: 1 } }\nrun({ onDone: async () => {} });',
];

const typedInvalid: Invalid[] = [
  // A promise behind aliases and defaults is still found.
  misuse('type Later<T> = Promise<T> | undefined;\nexport function f(p: Later<{ a: number }>) { return { ...p }; }', 'spread'),
  misuse('type Maybe<T> = T | null;\ntype Task<T = string> = Maybe<Promise<T>>;\nexport function f(t: Task) { return { ...t }; }', 'spread'),
  misuse("type Keep<T> = { [K in keyof T]: T[K] };\nexport function f(p: Keep<Promise<number>> & Omit<{ a: 1 }, 'b'>) { if (p) return 1; return 0; }", 'conditional'),
  misuse(`${P}if (p) {}`, 'conditional'),
  misuse('export function f<task>(p: { task?: Promise<void> }) { const { task = Promise.resolve() } = p; if (task) return 1; return 0; }', 'conditional'),
  misuse('export function f<task>() { const task = Promise.resolve(1); if (task) return 1; return 0; }', 'conditional'),
  misuse(
    'export function run(o: { onDone: () => void }) { return o; }\nexport namespace run { export type Options = { a: 1 } }\nrun({ onDone: async () => {} });',
    'voidReturnProperty',
  ),
  // The rest of a source that may be a promise keeps its `then`, as its type says.
  misuse('declare const p: Promise<number> & { extra: string };\nconst { extra, ...rest } = p;\nexport const o = { ...rest, extra };', 'spread'),
  // `pending` is a promise only on the subtype `instanceof` narrows to (for `this`, to `this & AsyncJob`).
  misuse(
    'class Job { pending: object = {} }\nclass AsyncJob extends Job { override pending: Promise<void> = Promise.resolve() }\ndeclare const job: Job;\nif (job instanceof AsyncJob && job.pending) {}',
    'conditional',
  ),
  misuse(
    'class Job { pending: object = {}; check() { if (this instanceof AsyncJob && this.pending) return 1; return 0; } }\nclass AsyncJob extends Job { override pending: Promise<void> = Promise.resolve() }',
    'conditional',
  ),
  misuse(`${P}while (p) { break; }`, 'conditional'),
  misuse(`${P}do { break; } while (p);`, 'conditional'),
  misuse(`${P}for (; p; ) { break; }`, 'conditional'),
  misuse(`${P}export const x = p ? 1 : 0;`, 'conditional'),
  misuse(`${P}export const x = !p;`, 'conditional'),
  misuse(`${P}declare const flag: boolean; if (flag && p) {}`, 'conditional'),
  misuse(`${P}declare const flag: boolean; if (flag || p) {}`, 'conditional'),
  misuse(`${P}export const x = p || 1;`, 'conditional'),
  misuse(`${P}declare const other: boolean | undefined; if (other ?? p) {}`, 'conditional'),
  misuse('declare function load(): Promise<string>; if (load()) {}', 'conditional'),
  misuse("import { sendEmail } from './modules/promise-api.js';\nif (sendEmail('a')) {}", 'conditional'),
  misuse('declare const p: Promise<boolean>; let q: Promise<boolean> | undefined = p; if (q) {}', 'conditional'),
  misuse('declare const box: { ready: Promise<boolean> }; if (box.ready) {}', 'conditional'),
  misuse('declare function isReady<T extends Promise<boolean>>(value: T): T; declare const p: Promise<boolean>; if (isReady(p)) {}', 'conditional'),
  misuse("import { thenable } from './modules/promise-api.js';\nif (thenable()) {}", 'conditional'),
  awaitable(`${P}export async function f() { if (p) return 1; return 0; }`, 'p', 'conditional'),
  awaitable(`${P}export async function f() { return !p; }`, 'p', 'conditional'),
  awaitable(`${P}export async function f() { while (p) break; }`, 'p', 'conditional'),
  awaitable(`${P}export async function f() { return p ? 1 : 0; }`, 'p', 'conditional'),
  awaitable('declare function load(): Promise<string>;\nexport async function f() { if (load()) return 1; return 0; }', 'load()', 'conditional'),
  misuse(`${SAVE}export const kept = items.filter(async (item) => item.length > 1);`, 'predicate'),
  misuse(`${SAVE}export const hit = items.some(async (item) => item.length > 1);`, 'predicate'),
  misuse(`${SAVE}export const hit = items.find((item) => save(item));`, 'predicate'),
  misuse('declare const p: Promise<{ a: number }>; export const o = { ...p };', 'spread'),
  misuse('declare const p: Promise<{ a: number }> | undefined; export const o = { ...p };', 'spread'),
  awaitable('declare const p: Promise<{ a: number }>; export async function f() { return { ...p }; }', 'p', 'spread'),
  // Destructured from a conditional: each branch's declared type gives the property.
  awaitable(
    'type Params = { gas?: bigint; pending: Promise<boolean> };\ndeclare const flag: boolean;\ndeclare function prepare(): Promise<unknown>;\nexport async function f(args: Params) { const { gas, pending } = flag ? ((await prepare()) as Params) : args; if (gas) return 1; if (pending) return 2; return 0; }',
    'pending',
    'conditional',
  ),
  misuse(
    'type Handlers = { run: () => Promise<void> };\ndeclare const flag: boolean;\ndeclare const loaded: unknown;\ndeclare function on(listener: () => void): void;\nexport function f(handlers: Handlers) { const { run } = flag ? (loaded as Handlers) : handlers; on(run); }',
    'voidReturnArgument',
  ),
  // A constant whose initializer is typed part by part: the awaited call is settled, `pending` is not.
  awaitable(
    'declare const flag: boolean;\ndeclare function fetchIt(): Promise<{ a: number }>;\ndeclare const pending: Promise<{ a: number }>;\nexport async function f() { const value = flag ? await fetchIt() : pending; return { ...value }; }',
    'value',
    'spread',
  ),
  misuse(`${P}export const s = \`ready: \${p}\`;`, 'template'),
  awaitable(`${P}export async function f() { return \`ready: \${p}\`; }`, 'p', 'template'),
  misuse(`${P}export const s = 'ready: ' + p;`, 'concatenation'),
  awaitable(`${P}export async function f() { return p + '!'; }`, 'p', 'concatenation'),
  misuse('declare function count(): Promise<number>; export const none = count() === 0;', 'comparison'),
  misuse("declare function name(): Promise<string>; export const isRoot = name() == 'root';", 'comparison'),
  awaitable('declare function count(): Promise<number>;\nexport async function f() { return count() !== 0; }', 'count()', 'comparison'),
  misuse("process.on('SIGTERM', async () => {});", 'voidReturnArgument'),
  // Callable by a call signature its declarations state: an interface's own, a base interface's, an intersection's.
  misuse('interface Job { (): Promise<void> }\ndeclare const job: Job;\ndeclare function on(listener: () => void): void;\non(job);', 'voidReturnArgument'),
  misuse('interface Task { (): Promise<void> }\ninterface Job extends Task { name: string }\ndeclare const job: Job;\ndeclare function on(listener: () => void): void;\non(job);', 'voidReturnArgument'),
  misuse('type Job = { name: string } & (() => Promise<void>);\ndeclare const job: Job;\ndeclare function on(listener: () => void): void;\non(job);', 'voidReturnArgument'),
  misuse("import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.on('message', async () => {});", 'voidReturnArgument'),
  misuse("declare const button: HTMLElement;\nbutton.addEventListener('click', async () => {});", 'voidReturnArgument'),
  misuse("declare function save(): Promise<void>;\nsetTimeout(save, 10);", 'voidReturnArgument'),
  misuse("import { sendEmail } from './modules/promise-api.js';\n['a'].forEach(sendEmail);", 'forEachAsync'),
  misuse("import { mailer } from './modules/promise-api.js';\n['a'].forEach(mailer.send.bind(mailer));", 'forEachAsync'),
  misuse('declare function on(listener: () => void): void; on(async () => {});', 'voidReturnArgument'),
  misuse('declare function on(...listeners: Array<() => void>): void; on(() => {}, async () => {});', 'voidReturnArgument'),
  misuse('declare function later(fn: () => void): void; later(() => Promise.resolve());', 'voidReturnArgument'),
  misuse('declare function later(fn: () => void): void; const job = async () => {}; later(job);', 'voidReturnArgument'),
  misuse(`${SAVE}items.forEach(async (item) => { await save(item); });`, 'forEachAsync'),
  misuse(`${SAVE}export function f() { items.forEach(async (item) => { await save(item); }); }`, 'forEachAsync'),
  misuse(`${SAVE}declare const set: Set<string>;\nexport async function f() { set.forEach(async (item) => { await save(item); }); }`, 'forEachAsync'),
  misuse(`${SAVE}export async function f() { items.forEach(async (item) => { return save(item); }); }`, 'forEachAsync'),
  (() => {
    const code = `${SAVE}export async function f() {\n  items.forEach(async (item) => {\n    await save(item);\n  });\n}`;
    return misuse(code, 'forEachAsync', [
      { messageId: 'useForOf', output: `${SAVE}export async function f() {\n  for (const item of items) {\n    await save(item);\n  }\n}` },
      { messageId: 'usePromiseAll', output: `${SAVE}export async function f() {\n  await Promise.all(items.map(async (item) => {\n    await save(item);\n  }));\n}` },
    ]);
  })(),
  (() => {
    const code = `${SAVE}export async function f() { items.forEach(async (item: string) => save(item)); }`;
    return misuse(code, 'forEachAsync', [
      { messageId: 'useForOf', output: `${SAVE}export async function f() { for (const item of items) { await save(item); } }` },
      { messageId: 'usePromiseAll', output: `${SAVE}export async function f() { await Promise.all(items.map(async (item: string) => save(item))); }` },
    ]);
  })(),
  (() => {
    const code = `${SAVE}export async function f() { items.forEach(async (item, index) => { if (index > 2) return; await save(item); }); }`;
    return misuse(code, 'forEachAsync', [
      {
        messageId: 'useForOf',
        output: `${SAVE}export async function f() { for (const [index, item] of items.entries()) { if (index > 2) continue; await save(item); } }`,
      },
      {
        messageId: 'usePromiseAll',
        output: `${SAVE}export async function f() { await Promise.all(items.map(async (item, index) => { if (index > 2) return; await save(item); })); }`,
      },
    ]);
  })(),
  (() => {
    const code = 'declare function notify(id: number): Promise<void>;\ndeclare const users: { id: number }[];\nexport async function f() { users.forEach(async ({ id }) => { await notify(id); }); }';
    return misuse(code, 'forEachAsync', [
      { messageId: 'useForOf', output: edit(code, 'users.forEach(async ({ id }) => { await notify(id); });', 'for (const { id } of users) { await notify(id); }') },
      { messageId: 'usePromiseAll', output: edit(code, 'users.forEach(async ({ id }) => { await notify(id); })', 'await Promise.all(users.map(async ({ id }) => { await notify(id); }))') },
    ]);
  })(),
  (() => {
    const code = 'export const value = new Promise<number>(async (resolve) => {\n  const n = await Promise.resolve(1);\n  resolve(n + 1);\n});';
    return misuse(code, 'asyncExecutor', [
      { messageId: 'moveOutOfExecutor', output: 'export const value = (async (): Promise<number> => {\nconst n = await Promise.resolve(1);\nreturn n + 1;\n})();' },
      {
        messageId: 'catchInsideExecutor',
        output:
          'export const value = new Promise<number>((resolve, reject) => {\n  (async () => {\n  const n = await Promise.resolve(1);\n  resolve(n + 1);\n})().catch(reject);\n});',
      },
    ]);
  })(),
  (() => {
    const code = 'export const value = new Promise<void>(async (resolve, reject) => {\n  try { await Promise.resolve(); resolve(); } catch (error) { reject(error); }\n});';
    return misuse(code, 'asyncExecutor', [
      {
        messageId: 'catchInsideExecutor',
        output:
          'export const value = new Promise<void>((resolve, reject) => {\n  (async () => {\n  try { await Promise.resolve(); resolve(); } catch (error) { reject(error); }\n})().catch(reject);\n});',
      },
    ]);
  })(),
  misuse('export const handlers: { onDone: () => void } = { onDone: async () => {} };', 'voidReturnProperty'),
  // Literals deeper in: a nested object, an array element, the result of a literal's method; the
  // place's declared type says a void function is expected there.
  misuse('declare function setup(options: { hooks: { onDone: () => void } }): void;\nsetup({ hooks: { onDone: async () => {} } });', 'voidReturnProperty'),
  misuse('declare function register(handlers: Array<{ run: () => void }>): void;\nregister([{ run: async () => {} }]);', 'voidReturnProperty'),
  misuse('declare function make(options: { build(): { onClose: () => void } }): void;\nmake({ build() { return { onClose: async () => {} }; } });', 'voidReturnProperty'),
  // The parameter's type read from its declarations: a member bound through an alias, a generic base, a method.
  misuse('type Handlers<F> = { onDone: F };\ndeclare function run(h: Handlers<() => void>): void;\nrun({ onDone: async () => {} });', 'voidReturnProperty'),
  misuse('interface Base<T> { done: T }\ninterface Options extends Base<() => void> { name: string }\ndeclare function run(o: Options): void;\nrun({ name: "a", done: async () => {} });', 'voidReturnProperty'),
  misuse("type Keep<T> = { [K in keyof T]: T[K] };\ndeclare function run(o: Pick<Keep<{ close(): void; id: number }>, 'close'>): void;\nrun({ close: async () => {} });", 'voidReturnProperty'),
  misuse('declare function make(options: { factory(): () => void }): void;\nmake({ factory() { return async () => {}; } });', 'voidReturnReturnValue'),
  // Values read through destructuring and shorthand properties keep their declared types.
  misuse('declare function run(o: { done: () => void }): void;\nexport function f(p: { done: () => Promise<void> }) { const { done } = p; run({ done }); }', 'voidReturnProperty'),
  misuse('declare function run(o: { done: () => void }): void;\nexport function f({ done }: { done: () => Promise<void> }) { run({ done }); }', 'voidReturnProperty'),
  misuse('declare function run(done: () => void): void;\nexport function f(p: { done: () => Promise<void> }) { const { done: finish } = p; run(finish); }', 'voidReturnArgument'),
  // A default value joins the property's declared type (a subtype of the other is dropped).
  misuse('declare function run(o: { done: () => void }): void;\nexport function f(p: { done?: () => Promise<void> }) { let { done = async () => {} } = p; run({ done }); }', 'voidReturnProperty'),
  misuse('declare function run(o: { done: () => void }): void;\ndeclare function load(): Promise<void>;\nexport function f(p: { done?: () => Promise<void> }) { const { done = load } = p; run({ done }); }', 'voidReturnProperty'),
  // Destructured from what a local function returns: its object literals say.
  misuse('declare function load(): Promise<void>;\nfunction make() { return { task: load() }; }\nconst { task } = make();\nexport const ready = task ? 1 : 0;', 'conditional'),
  misuse('function make() { return { run: async () => {} }; }\nconst { run } = make();\nsetTimeout(run, 1);', 'voidReturnArgument'),
  misuse('declare function load(): Promise<void>;\nconst base = { n: 1 };\nfunction make() { return { ...base, task: load() }; }\nconst { task } = make();\nexport const ready = task ? 1 : 0;', 'conditional'),
  // An awaited call whose declared promise holds an async function.
  misuse('declare function handler(): Promise<() => Promise<void>>;\nexport async function f() { const h = await handler(); setTimeout(h, 1); }', 'voidReturnArgument'),
  // \`{ … } as T\` takes its property types from T.
  misuse('declare function run(o: unknown): void;\ntype Options = { done: () => void };\nrun({ done: async () => {} } as Options);', 'voidReturnProperty'),
  misuse('export function make(): { done: () => void } { return { done: async () => {} }; }', 'voidReturnProperty'),
  // Logical operators pass one of their operands on: an async function behind \`&&\`, \`||\` or \`??\`.
  misuse('declare function run(o: { done: () => void }): void;\nexport function f(on: boolean) { const done = on && (async () => {}); if (done) run({ done }); }', 'voidReturnProperty'),
  misuse('declare function run(done: () => void): void;\nexport function f(given?: () => void) { const done = given ?? (async () => {}); run(done); }', 'voidReturnArgument'),
  misuse('export const handlers: { onDone: () => void } = { async onDone() {} };', 'voidReturnProperty'),
  misuse('export const handlers: { onDone: () => void } = { onDone: async (): Promise<void> => {} };', 'voidReturnProperty'),
  misuse('const onDone = async () => {}; export const handlers: { onDone: () => void } = { onDone };', 'voidReturnProperty'),
  misuse('declare function register(options: { onError: (error: Error) => void }): void;\nregister({ onError: async () => {} });', 'voidReturnProperty'),
  misuse('export function make(): () => void { return async () => {}; }', 'voidReturnReturnValue'),
  // An async function's declared Promise<T> expects T: a void function here.
  misuse('export async function make(): Promise<() => void> { return async () => {}; }', 'voidReturnReturnValue'),
  misuse('type Handler = () => void;\nexport function make(): Handler { return async () => {}; }', 'voidReturnReturnValue'),
  misuse('declare function register(make: () => () => void): void; register(() => { return async () => {}; });', 'voidReturnReturnValue'),
  misuse('export const f: () => void = async () => {};', 'voidReturnVariable'),
  misuse('let g: () => void = () => {}; g = async () => {}; g();', 'voidReturnVariable'),
  misuse('declare const el: { onload: (() => void) | null }; el.onload = async () => {};', 'voidReturnVariable'),
  misuse('interface Listener { handle(): void } export class A implements Listener { async handle() {} }', 'voidReturnInheritedMethod'),
  misuse('export class Base { handle(): void {} } export class A extends Base { override async handle() {} }', 'voidReturnInheritedMethod'),
  misuse('interface Base { handle(): void } export interface Child extends Base { handle(): Promise<void> }', 'voidReturnInheritedMethod'),
  misuse('export abstract class Base { abstract handle(): void } export class A extends Base { handle = async () => {}; }', 'voidReturnInheritedMethod'),
  misuse("import './modules/promise-jsx.js';\nexport const b = <button onClick={async () => {}} />;", 'voidReturnAttribute', [], { filename: 'react.tsx' }),
  misuse("import './modules/promise-jsx.js';\nconst send = async () => {};\nexport const b = <button onClick={send} />;", 'voidReturnAttribute', [], { filename: 'react.tsx' }),
];

/** Found with or without type information. */
const sharedValid: Valid[] = [
  'async function f() { return true; } export async function g() { if (await f()) return 1; return 0; }',
  'export const items = [1, 2]; items.forEach((n) => console.log(n));',
  'setTimeout(() => console.log("later"), 10);',
  'new Promise((resolve) => setTimeout(resolve, 10));',
  'async function f() {} export const all = Promise.all([1].map(async () => f()));',
  'export async function f(flag: boolean) { if (flag) return 1; return 0; }',
  'export const text = `${1 + 1}`;',
];

const sharedInvalid: Invalid[] = [
  misuse('async function check() { return true; } if (check()) {}', 'conditional'),
  misuse('if (fetch("x")) {}', 'conditional'),
  misuse('const pending = fetch("x"); export const ok = !pending;', 'conditional'),
  awaitable('async function check() { return true; } export async function f() { if (check()) return 1; return 0; }', 'check()', 'conditional'),
  misuse('async function name() { return "x"; } export const s = `name: ${name()}`;', 'template'),
  misuse('async function name() { return "x"; } export const s = "name: " + name();', 'concatenation'),
  misuse('async function count() { return 1; } export const none = count() === 0;', 'comparison'),
  misuse('setTimeout(async () => {}, 10);', 'voidReturnArgument'),
  misuse('setInterval(async () => {}, 10);', 'voidReturnArgument'),
  misuse("process.on('exit', async () => {});", 'voidReturnArgument'),
  misuse('async function tick() {} setTimeout(tick, 10);', 'voidReturnArgument'),
  misuse('async function work() {} [1, 2].forEach(async () => { await work(); });', 'forEachAsync'),
  (() => {
    const code = 'async function work(n: number) {}\nexport async function f() { [1, 2].forEach(async (n) => { await work(n); }); }';
    return misuse(code, 'forEachAsync', [
      { messageId: 'useForOf', output: 'async function work(n: number) {}\nexport async function f() { for (const n of [1, 2]) { await work(n); } }' },
      { messageId: 'usePromiseAll', output: 'async function work(n: number) {}\nexport async function f() { await Promise.all([1, 2].map(async (n) => { await work(n); })); }' },
    ]);
  })(),
  (() => {
    const code = 'export const value = new Promise(async (resolve) => {\n  resolve(await fetch("x"));\n});';
    return misuse(code, 'asyncExecutor', [
      { messageId: 'moveOutOfExecutor', output: 'export const value = (async () => {\nreturn await fetch("x");\n})();' },
      { messageId: 'catchInsideExecutor', output: 'export const value = new Promise((resolve, reject) => {\n  (async () => {\n  resolve(await fetch("x"));\n})().catch(reject);\n});' },
    ]);
  })(),
];

typedRuleTester().run('no-misused-promise (typed)', rule, {
  valid: [...typedValid, ...sharedValid],
  invalid: [...typedInvalid, ...sharedInvalid],
});

/** Untyped runs resolve relative imports from the file's folder: place them in the fixture folder. */
function inFixture<T extends ValidTestCase<Options> | Invalid>(testCase: T | string): T {
  const object = (typeof testCase === 'string' ? { code: testCase } : testCase) as T;
  return { ...object, filename: path.join(typedFixtureDir, object.filename ?? 'file.ts') };
}

untypedRuleTester().run('no-misused-promise (untyped)', rule, {
  valid: [
    ...sharedValid,
    // Without types these are unknown, so the rule stays quiet rather than guess.
    'declare function load(): Thing; interface Thing { then(): void } if (load()) {}',
    'declare function on(listener: () => void): void; on(async () => {});',
    'export const f: () => void = async () => {};',
  ].map(inFixture),
  invalid: [
    ...sharedInvalid,
    misuse(`${P}if (p) {}`, 'conditional'),
    misuse("import { sendEmail } from './modules/promise-api.js';\nif (sendEmail('a')) {}", 'conditional'),
    misuse("import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.on('message', async () => {});", 'voidReturnArgument'),
    misuse('export const b = <button onClick={async () => {}} />;', 'voidReturnAttribute', [], { filename: 'react.tsx' }),
  ].map(inFixture),
});

javascriptRuleTester().run('no-misused-promise (JavaScript)', rule, {
  valid: ['[1].forEach((n) => console.log(n));', 'new Promise((resolve) => resolve(1));'].map(inFixture),
  invalid: [
    misuse('[1].forEach(async (n) => { await n; });', 'forEachAsync', [], { filename: 'file.js' }),
    misuse('new Promise(async (resolve, reject) => { reject(new Error("x")); resolve(1); });', 'asyncExecutor', [
      {
        messageId: 'catchInsideExecutor',
        output: 'new Promise((resolve, reject) => {\n  (async () => { reject(new Error("x")); resolve(1); })().catch(reject);\n});',
      },
    ], { filename: 'file.js' }),
  ].map(inFixture),
});

describe('no-misused-promise suggestions', () => {
  it('every suggested fix of the typed cases type-checks', () => {
    const snippets: Snippet[] = [];
    for (const testCase of [...typedInvalid, ...sharedInvalid]) {
      for (const error of testCase.errors) {
        for (const suggestion of error.suggestions ?? []) snippets.push({ code: suggestion.output, filename: testCase.filename });
      }
    }
    expect(snippets.length).toBeGreaterThan(20);
    const errors = typeErrors(snippets);
    const failures = snippets.map((snippet, index) => ({ code: snippet.code, error: errors[index] })).filter((entry) => entry.error !== '');
    expect(failures).toEqual([]);
  });
});
