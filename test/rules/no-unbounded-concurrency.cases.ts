import type { TableInvalid, TableValid } from './case-table.js';
import type { MessageIds, Options } from '../../rules/src/rules/no-unbounded-concurrency.js';

export type Valid = TableValid<Options>;
export type Invalid = TableInvalid<MessageIds, Options>;

const useMapLimit = (output: string, replacement: string, limit = 8) => ({
  messageId: 'useMapLimit' as const,
  data: { limit, replacement },
  output,
});

export const mapInvalid: Invalid[] = [
  {
    name: 'async arrow awaiting fetch for every url',
    code: `export async function crawl(urls: string[]) {
  return Promise.all(urls.map(async (url) => {
    const response = await fetch(url);
    return response.text();
  }));
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        data: { method: 'all', collection: 'urls' },
        line: 2,
        column: 10,
        suggestions: [
          useMapLimit(
            `import { mapLimit } from 'async-guard';

export async function crawl(urls: string[]) {
  return mapLimit(urls, 8, async (url) => {
    const response = await fetch(url);
    return response.text();
  });
}`,
            'mapLimit(urls, 8, …)',
          ),
        ],
      },
    ],
  },
  {
    name: 'awaited, after other imports: the import goes after the last one',
    code: `import { loadUser, type User } from './modules/jobs-api.js';
export async function loadAll(ids: readonly string[]): Promise<User[]> {
  const users = await Promise.all(ids.map((id) => loadUser(id)));
  return users;
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        data: { method: 'all', collection: 'ids' },
        suggestions: [
          useMapLimit(
            `import { loadUser, type User } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
export async function loadAll(ids: readonly string[]): Promise<User[]> {
  const users = await mapLimit(ids, 8, (id) => loadUser(id));
  return users;
}`,
            'mapLimit(ids, 8, …)',
          ),
        ],
      },
    ],
  },
  {
    name: 'a function of the same file passed by name',
    code: `async function resize(path: string): Promise<number> {
  const response = await fetch(path);
  return Number(response.headers.get('content-length'));
}
export async function resizeAll(paths: string[]) {
  await Promise.all(paths.map(resize));
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        suggestions: [
          useMapLimit(
            `import { mapLimit } from 'async-guard';

async function resize(path: string): Promise<number> {
  const response = await fetch(path);
  return Number(response.headers.get('content-length'));
}
export async function resizeAll(paths: string[]) {
  await mapLimit(paths, 8, resize);
}`,
            'mapLimit(paths, 8, …)',
          ),
        ],
      },
    ],
  },
  {
    name: 'an imported function passed by name is only known with types',
    mode: 'typed',
    code: `import { loadUser } from './modules/jobs-api.js';
export async function loadAll(ids: string[]) {
  return Promise.all(ids.map(loadUser));
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        suggestions: [
          useMapLimit(
            `import { loadUser } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
export async function loadAll(ids: string[]) {
  return mapLimit(ids, 8, loadUser);
}`,
            'mapLimit(ids, 8, …)',
          ),
        ],
      },
    ],
  },
  {
    name: 'an existing import of the helper module is extended',
    code: `import { sleep } from 'async-guard';
export async function notify(addresses: string[], send: (to: string) => Promise<void>) {
  await sleep(10);
  await Promise.all(addresses.map(async (to) => { await send(to); }));
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        suggestions: [
          useMapLimit(
            `import { sleep, mapLimit } from 'async-guard';
export async function notify(addresses: string[], send: (to: string) => Promise<void>) {
  await sleep(10);
  await mapLimit(addresses, 8, async (to) => { await send(to); });
}`,
            'mapLimit(addresses, 8, …)',
          ),
        ],
      },
    ],
  },
  {
    name: 'mapLimit already imported is reused',
    code: `import { mapLimit } from 'async-guard';
export async function both(a: string[], b: string[]) {
  const first = await mapLimit(a, 2, (x) => fetch(x));
  const second = await Promise.all(b.map((x) => fetch(x)));
  return [first, second];
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        line: 4,
        suggestions: [
          useMapLimit(
            `import { mapLimit } from 'async-guard';
export async function both(a: string[], b: string[]) {
  const first = await mapLimit(a, 2, (x) => fetch(x));
  const second = await mapLimit(b, 8, (x) => fetch(x));
  return [first, second];
}`,
            'mapLimit(b, 8, …)',
          ),
        ],
      },
    ],
  },
  {
    name: 'a local mapLimit of another kind: the import is renamed',
    code: `const mapLimit = 3;
export async function all(items: string[]) {
  return Promise.all(items.map(async (item) => (await fetch(item)).status + mapLimit));
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        suggestions: [
          useMapLimit(
            `import { mapLimit as mapLimitAsync } from 'async-guard';

const mapLimit = 3;
export async function all(items: string[]) {
  return mapLimitAsync(items, 8, async (item) => (await fetch(item)).status + mapLimit);
}`,
            'mapLimitAsync(items, 8, …)',
          ),
        ],
      },
    ],
  },
  {
    name: 'options: limit and helper module',
    options: [{ limit: 4, helperModule: './modules/jobs-helpers.js' }],
    code: `export async function all(items: Set<string>) {
  return Promise.all([...items].map(async (item) => fetch(item)));
}`,
    errors: [
      {
        messageId: 'unboundedMap',
        data: { method: 'all', collection: '[...items]' },
        suggestions: [
          useMapLimit(
            `import { mapLimit } from './modules/jobs-helpers.js';

export async function all(items: Set<string>) {
  return mapLimit([...items], 4, async (item) => fetch(item));
}`,
            'mapLimit([...items], 4, …)',
            4,
          ),
        ],
      },
    ],
  },
  {
    name: 'an array literal longer than maxStaticSize',
    options: [{ maxStaticSize: 2 }],
    code: `export async function ping() {
  return Promise.all(['a', 'b', 'c'].map((host) => fetch(host)));
}`,
    errors: [{ messageId: 'unboundedMap', suggestions: [useMapLimit(`import { mapLimit } from 'async-guard';

export async function ping() {
  return mapLimit(['a', 'b', 'c'], 8, (host) => fetch(host));
}`, "mapLimit(['a', 'b', 'c'], 8, …)")] }],
  },
  {
    name: 'a const literal that the code grows later',
    code: `export async function ping(extra: string) {
  const hosts = ['a', 'b'];
  hosts.push(extra);
  return Promise.all(hosts.map((host) => fetch(host)));
}`,
    errors: [{ messageId: 'unboundedMap', suggestions: [useMapLimit(`import { mapLimit } from 'async-guard';

export async function ping(extra: string) {
  const hosts = ['a', 'b'];
  hosts.push(extra);
  return mapLimit(hosts, 8, (host) => fetch(host));
}`, 'mapLimit(hosts, 8, …)')] }],
  },
  {
    name: 'allSettled is reported without a rewrite: its results have another shape',
    code: `export async function check(urls: string[]) {
  return Promise.allSettled(urls.map((url) => fetch(url)));
}`,
    errors: [{ messageId: 'unboundedMap', data: { method: 'allSettled', collection: 'urls' }, suggestions: [] }],
  },
  {
    name: 'race and any are reported without a rewrite',
    code: `export async function fastest(mirrors: string[]) {
  const first = await Promise.race(mirrors.map((url) => fetch(url)));
  const any = await Promise.any(mirrors.map(async (url) => fetch(url)));
  return [first, any];
}`,
    errors: [
      { messageId: 'unboundedMap', data: { method: 'race', collection: 'mirrors' }, suggestions: [] },
      { messageId: 'unboundedMap', data: { method: 'any', collection: 'mirrors' }, suggestions: [] },
    ],
  },
  {
    name: 'Array.from with an async mapper: reported, no rewrite',
    code: `export async function all(keys: Set<string>) {
  return Promise.all(Array.from(keys, async (key) => fetch(key)));
}`,
    errors: [{ messageId: 'unboundedMap', data: { method: 'all', collection: 'keys' }, suggestions: [] }],
  },
  {
    name: 'an array-like of a length read from the input',
    code: `export async function pages(count: number) {
  return Promise.all(Array.from({ length: count }, async (_, page) => fetch(\`/items?page=\${page}\`)));
}`,
    errors: [{ messageId: 'unboundedMap', data: { method: 'all', collection: '{ length: count }' }, suggestions: [] }],
  },
  {
    name: 'a callback that uses the array argument keeps Promise.all (mapLimit passes a signal third)',
    code: `export async function all(urls: string[]) {
  return Promise.all(urls.map(async (url, index, list) => fetch(\`\${url}?of=\${list.length}&at=\${index}\`)));
}`,
    errors: [{ messageId: 'unboundedMap', suggestions: [] }],
  },
  {
    name: 'the mapped array is built a line earlier: reported at Promise.all, no rewrite',
    code: `export async function all(urls: string[]) {
  const requests = urls.map((url) => fetch(url));
  return Promise.all(requests);
}`,
    errors: [{ messageId: 'unboundedMap', line: 3, suggestions: [] }],
  },
  {
    name: 'a type assertion around the mapped array',
    code: `export async function all(urls: string[]) {
  return Promise.all(urls.map((url) => fetch(url)) as Promise<Response>[]);
}`,
    errors: [{ messageId: 'unboundedMap', suggestions: [useMapLimit(`import { mapLimit } from 'async-guard';

export async function all(urls: string[]) {
  return mapLimit(urls, 8, (url) => fetch(url));
}`, 'mapLimit(urls, 8, …)')] }],
  },
  {
    name: 'a tuple longer than maxStaticSize is unbounded enough',
    mode: 'typed',
    options: [{ maxStaticSize: 2 }],
    code: `import { REGIONS } from './modules/jobs-api.js';
export async function all() {
  return Promise.all(REGIONS.map((region) => fetch(region)));
}`,
    errors: [{ messageId: 'unboundedMap', suggestions: [useMapLimit(`import { REGIONS } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
export async function all() {
  return mapLimit(REGIONS, 8, (region) => fetch(region));
}`, 'mapLimit(REGIONS, 8, …)')] }],
  },
];

export const loopInvalid: Invalid[] = [
  {
    name: 'a promise pushed per element in a for...of loop',
    code: `import { saveUser, type User } from './modules/jobs-api.js';
export async function saveAll(users: User[]) {
  const saves: Promise<void>[] = [];
  for (const user of users) {
    saves.push(saveUser(user));
  }
  await Promise.all(saves);
}`,
    errors: [{ messageId: 'unboundedLoop', data: { method: 'all', array: 'saves' }, line: 7 }],
  },
  {
    name: 'pushed from a forEach callback',
    code: `export async function all(urls: string[]) {
  const pending: Promise<Response>[] = [];
  urls.forEach((url) => pending.push(fetch(url)));
  return Promise.allSettled(pending);
}`,
    errors: [{ messageId: 'unboundedLoop', data: { method: 'allSettled', array: 'pending' } }],
  },
  {
    name: 'a counted loop up to a variable',
    code: `export async function pages(count: number) {
  const requests = [];
  for (let page = 1; page <= count; page++) requests.push(fetch(\`/items?page=\${page}\`));
  return Promise.all(requests);
}`,
    errors: [{ messageId: 'unboundedLoop' }],
  },
];

export const invalid: Invalid[] = [...mapInvalid, ...loopInvalid];

export const valid: Valid[] = [
  { name: 'a short array literal', code: `export const all = () => Promise.all(['a', 'b', 'c'].map((host) => fetch(host)));` },
  {
    name: 'a const bound to a short literal',
    code: `const HOSTS = ['eu.example.com', 'us.example.com'];
export const all = () => Promise.all(HOSTS.map(async (host) => (await fetch(host)).status));`,
  },
  {
    name: 'a short tuple from another module (types see its length)',
    mode: 'typed',
    code: `import { REGIONS } from './modules/jobs-api.js';
export const all = () => Promise.all(REGIONS.map((region) => fetch(region)));`,
  },
  {
    name: 'a tuple-typed parameter',
    mode: 'typed',
    code: `export const both = (pair: readonly [string, string]) => Promise.all(pair.map((url) => fetch(url)));`,
  },
  { name: 'a fixed list of calls', code: `export const all = (a: string, b: string) => Promise.all([fetch(a), fetch(b)]);` },
  {
    name: 'the callback does no async work',
    code: `export const doubled = (items: number[]) => Promise.all(items.map(async (x) => x * 2));`,
  },
  {
    name: 'a sync function of the file returns plain values',
    code: `function label(x: number): string { return String(x); }
export const labels = (items: number[]) => Promise.all(items.map((x) => label(x)));`,
  },
  {
    name: 'a callback building plain objects',
    code: `export const rows = (items: string[]) => Promise.all(items.map(async (item) => ({ item, at: Date.now() })));`,
  },
  {
    name: 'with types: a callback returning a non-promise',
    mode: 'typed',
    code: `import { formatUser, type User } from './modules/jobs-api.js';
export const labels = (users: User[]) => Promise.all(users.map((user) => formatUser(user)));`,
  },
  {
    name: 'each call goes through a limiter',
    code: `declare function limit<T>(fn: () => Promise<T>): Promise<T>;
export const all = (urls: string[]) => Promise.all(urls.map((url) => limit(() => fetch(url))));`,
  },
  {
    name: 'each callback acquires a semaphore',
    code: `declare const semaphore: { acquire(): Promise<() => void> };
export const all = (urls: string[]) =>
  Promise.all(urls.map(async (url) => {
    const release = await semaphore.acquire();
    try { return await fetch(url); } finally { release(); }
  }));`,
  },
  {
    name: 'a staggered start',
    code: `import { sleep } from 'async-guard';
export const all = (urls: string[]) =>
  Promise.all(urls.map(async (url, index) => {
    await sleep(index * 100);
    return fetch(url);
  }));`,
  },
  {
    name: 'a batch of a bigger list',
    code: `export async function all(urls: string[], size: number) {
  for (let start = 0; start < urls.length; start += size) {
    const slice = urls.slice(start, start + size);
    await Promise.all(slice.map((url) => fetch(url)));
  }
  for (const batch of [urls]) await Promise.all(batch.map((url) => fetch(url)));
}`,
  },
  {
    name: 'with types: map of something that is not an array',
    mode: 'typed',
    code: `import { Remote } from './modules/jobs-api.js';
export const all = (remote: Remote) => Promise.all(remote.map((key) => fetch(key)));`,
  },
  {
    name: 'a shadowed Promise',
    code: `declare const Promise: { all(items: unknown): unknown };
export const all = (urls: string[]) => Promise.all(urls.map((url) => fetch(url)));`,
  },
  {
    name: 'a loop over a short literal',
    code: `export async function all() {
  const tasks = [];
  for (const region of ['eu', 'us']) tasks.push(fetch(region));
  for (let i = 0; i < 3; i++) tasks.push(fetch(String(i)));
  return Promise.all(tasks);
}`,
  },
  {
    name: 'a hand-written pool: the loop waits for a free slot',
    code: `export async function all(urls: string[]) {
  const running: Promise<unknown>[] = [];
  for (const url of urls) {
    if (running.length >= 4) await Promise.race(running);
    running.push(fetch(url));
  }
  return Promise.all(running);
}`,
  },
  {
    name: 'values pushed in the loop are not promises',
    mode: 'typed',
    code: `export async function all(items: number[]) {
  const values: number[] = [];
  for (const item of items) values.push(Math.abs(item));
  return Promise.all(values);
}`,
  },
  {
    name: 'awaited values pushed in the loop',
    code: `export async function all(urls: string[]) {
  const responses = [];
  for (const url of urls) responses.push(await fetch(url));
  return Promise.all(responses);
}`,
  },
  {
    name: 'closing every client at once is how shutdown works',
    code: `export async function shutdown(clients: Map<string, { close(): Promise<void> }>) {
  await Promise.all([...clients.values()].map((client) => client.close()));
  const closing: Promise<void>[] = [];
  for (const client of clients.values()) closing.push(client.close());
  await Promise.all(closing);
}`,
  },
  {
    name: 'ending every session',
    code: `export async function endAll(sessions: Set<{ endSession(): Promise<void> }>) {
  await Promise.all(Array.from(sessions, (session) => session.endSession()));
}`,
  },
  {
    name: 'registered callbacks and plugins are as many as the code registers',
    code: `export async function start(onStartCallbacks: (() => Promise<void>)[], plugins: { setup(): Promise<void> }[]) {
  await Promise.all(onStartCallbacks.map(async (callback) => callback()));
  await Promise.all(plugins.map((plugin) => plugin.setup()));
}`,
  },
  {
    name: 'a pool of a fixed or configured number of workers',
    code: `export async function crawl(queue: string[], options: { concurrency: number }) {
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) await fetch(url);
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  await Promise.all(Array.from({ length: options.concurrency }, async () => worker()));
  const workers: Promise<void>[] = [];
  for (let i = 0; i < options.concurrency; i++) workers.push(worker());
  await Promise.all(workers);
}`,
  },
  {
    name: 'work pushed through a semaphore',
    code: `declare const semaphore: { run<T>(fn: () => Promise<T>): Promise<T> };
export async function all(urls: string[]) {
  const pending: Promise<Response>[] = [];
  for (const url of urls) pending.push(semaphore.run(() => fetch(url)));
  return Promise.all(pending);
}`,
  },
  {
    name: 'one push outside any loop',
    code: `export async function all(url: string) {
  const tasks = [];
  tasks.push(fetch(url));
  return Promise.all(tasks);
}`,
  },
];
