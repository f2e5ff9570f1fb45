import type { TableInvalid, TableValid } from './case-table.js';
import type { MessageIds, Options } from '../../rules/src/rules/no-sequential-await.js';

export type Valid = TableValid<Options>;
export type Invalid = TableInvalid<MessageIds, Options>;

const useMapLimit = (output: string, limit = 8) => ({
  messageId: 'useMapLimit' as const,
  data: { limit, helper: 'mapLimit' },
  output,
});

export const invalid: Invalid[] = [
  {
    name: 'one request per element, results discarded',
    code: `import { saveUser, type User } from './modules/jobs-api.js';
export async function saveAll(users: User[]) {
  for (const user of users) {
    await saveUser(user);
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        data: { awaited: 'saveUser(user)' },
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 28,
        suggestions: [
          useMapLimit(`import { saveUser, type User } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
export async function saveAll(users: User[]) {
  await mapLimit(users, 8, async (user) => {
    await saveUser(user);
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'results collected with push right after an empty array',
    code: `import { loadUser, type User } from './modules/jobs-api.js';
export async function loadAll(ids: string[]) {
  const users: User[] = [];
  for (const id of ids) {
    const user = await loadUser(id);
    users.push(user);
  }
  return users;
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        data: { awaited: 'loadUser(id)' },
        suggestions: [
          useMapLimit(`import { loadUser, type User } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
export async function loadAll(ids: string[]) {
  const users: User[] = await mapLimit(ids, 8, async (id) => {
    const user = await loadUser(id);
    return user;
  });
  return users;
}`),
        ],
      },
    ],
  },
  {
    name: 'push of the awaited value itself, body without braces',
    code: `export async function statuses(urls: string[]) {
  const codes = [];
  for (const url of urls) codes.push((await fetch(url)).status);
  return codes;
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

export async function statuses(urls: string[]) {
  const codes = await mapLimit(urls, 8, async (url) => { return (await fetch(url)).status; });
  return codes;
}`),
        ],
      },
    ],
  },
  {
    name: 'results[i] written by index in a counted loop',
    code: `export async function sizes(urls: string[]) {
  const sizes = new Array<number>(urls.length);
  for (let i = 0; i < urls.length; i++) {
    const response = await fetch(urls[i]!);
    sizes[i] = Number(response.headers.get('content-length'));
  }
  return sizes;
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        data: { awaited: 'fetch(urls[i]!)' },
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

export async function sizes(urls: string[]) {
  const sizes = new Array<number>(urls.length);
  await mapLimit(Array.from({ length: urls.length }, (_, i) => i), 8, async (i) => {
    const response = await fetch(urls[i]!);
    sizes[i] = Number(response.headers.get('content-length'));
  });
  return sizes;
}`),
        ],
      },
    ],
  },
  {
    name: 'pages 1 to n, inclusive',
    code: `export async function allPages(count: number) {
  for (let page = 1; page <= count; page++) {
    await fetch(\`/reports?page=\${page}\`, { method: 'DELETE' });
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

export async function allPages(count: number) {
  await mapLimit(Array.from({ length: count }, (_, page) => page + 1), 8, async (page) => {
    await fetch(\`/reports?page=\${page}\`, { method: 'DELETE' });
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'a continue not decided by an awaited value becomes return',
    code: `import { saveUser, type User } from './modules/jobs-api.js';
export async function saveActive(users: User[]) {
  for (const user of users) {
    if (user.name === '') continue;
    await saveUser(user);
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        suggestions: [
          useMapLimit(`import { saveUser, type User } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
export async function saveActive(users: User[]) {
  await mapLimit(users, 8, async (user) => {
    if (user.name === '') return;
    await saveUser(user);
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'destructured entries and a value derived from the element',
    code: `export async function upload(files: Map<string, string>) {
  for (const [name, body] of files) {
    const target = \`https://storage.example.com/\${name}\`;
    await fetch(target, { method: 'PUT', body });
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        data: { awaited: "fetch(target, { method: 'PUT', body })" },
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

export async function upload(files: Map<string, string>) {
  await mapLimit(files, 8, async ([name, body]) => {
    const target = \`https://storage.example.com/\${name}\`;
    await fetch(target, { method: 'PUT', body });
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'a loop in a class method keeps this',
    code: `export class Mailer {
  sent = 0;
  constructor(private readonly endpoint: string) {}
  async sendAll(addresses: string[]) {
    for (const to of addresses) {
      await fetch(this.endpoint, { method: 'POST', body: to });
    }
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

export class Mailer {
  sent = 0;
  constructor(private readonly endpoint: string) {}
  async sendAll(addresses: string[]) {
    await mapLimit(addresses, 8, async (to) => {
      await fetch(this.endpoint, { method: 'POST', body: to });
    });
  }
}`),
        ],
      },
    ],
  },
  {
    name: 'storing into a map is independent, but the insertion order would change: no rewrite',
    code: `import { loadUser, type User } from './modules/jobs-api.js';
export async function index(ids: string[]) {
  const byId = new Map<string, User>();
  for (const id of ids) byId.set(id, await loadUser(id));
  return byId;
}`,
    errors: [{ messageId: 'sequentialAwait', suggestions: [] }],
  },
  {
    name: 'push not last in the body: reported, no rewrite',
    code: `export async function all(urls: string[]) {
  const out: number[] = [];
  for (const url of urls) {
    out.push((await fetch(url)).status);
    await fetch(url, { method: 'DELETE' });
  }
  return out;
}`,
    errors: [{ messageId: 'sequentialAwait', suggestions: [] }],
  },
  {
    name: 'nested independent loops: only the outer one is reported',
    code: `export async function all(groups: string[][]) {
  for (const group of groups) {
    for (const url of group) {
      await fetch(url);
    }
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        line: 2,
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

export async function all(groups: string[][]) {
  await mapLimit(groups, 8, async (group) => {
    for (const url of group) {
      await fetch(url);
    }
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'pagination inside is local to each element: the outer loop is independent',
    code: `import { fetchPage } from './modules/jobs-api.js';
export async function syncAll(accounts: string[]) {
  for (const account of accounts) {
    let cursor: string | undefined = account;
    while (cursor) {
      const page = await fetchPage(cursor);
      cursor = page.next;
    }
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        data: { awaited: 'fetchPage(cursor)' },
        suggestions: [
          useMapLimit(`import { fetchPage } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
export async function syncAll(accounts: string[]) {
  await mapLimit(accounts, 8, async (account) => {
    let cursor: string | undefined = account;
    while (cursor) {
      const page = await fetchPage(cursor);
      cursor = page.next;
    }
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'options: limit and helper module',
    options: [{ limit: 2, helperModule: './modules/jobs-helpers.js' }],
    code: `export async function all(urls: readonly string[]) {
  for (const url of urls) await fetch(url);
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        suggestions: [
          useMapLimit(
            `import { mapLimit } from './modules/jobs-helpers.js';

export async function all(urls: readonly string[]) {
  await mapLimit(urls, 2, async (url) => { await fetch(url); });
}`,
            2,
          ),
        ],
      },
    ],
  },
  {
    name: 'a var in the body would leave its scope: reported, no rewrite',
    code: `export async function all(urls: string[]) {
  for (const url of urls) {
    var last = await fetch(url);
  }
  return last;
}`,
    notTypeChecked: 'var declared in a loop is used after it on purpose',
    errors: [{ messageId: 'sequentialAwait', suggestions: [] }],
  },
  {
    name: 'a throw on a bad response stops nothing that the rewrite would not stop too',
    code: `export async function all(urls: string[]) {
  for (const url of urls) {
    const response = await fetch(url, { method: 'POST' });
    if (!response.ok) throw new Error(\`\${url}: \${response.status}\`);
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

export async function all(urls: string[]) {
  await mapLimit(urls, 8, async (url) => {
    const response = await fetch(url, { method: 'POST' });
    if (!response.ok) throw new Error(\`\${url}: \${response.status}\`);
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'an element passed through a helper before the await',
    code: `const endpoint = (id: string) => \`https://api.example.com/users/\${id}\`;
export async function removeAll(ids: Iterable<string>) {
  for (const id of ids) {
    const url = endpoint(id);
    await fetch(url, { method: 'DELETE' });
  }
}`,
    errors: [
      {
        messageId: 'sequentialAwait',
        data: { awaited: "fetch(url, { method: 'DELETE' })" },
        suggestions: [
          useMapLimit(`import { mapLimit } from 'async-guard';

const endpoint = (id: string) => \`https://api.example.com/users/\${id}\`;
export async function removeAll(ids: Iterable<string>) {
  await mapLimit(ids, 8, async (id) => {
    const url = endpoint(id);
    await fetch(url, { method: 'DELETE' });
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'top-level await in a module',
    code: `import { saveUser, type User } from './modules/jobs-api.js';
declare const users: User[];
for (const user of users) await saveUser(user);`,
    notTypeChecked: 'top-level await needs an ES module',
    errors: [
      {
        messageId: 'sequentialAwait',
        suggestions: [
          useMapLimit(`import { saveUser, type User } from './modules/jobs-api.js';
import { mapLimit } from 'async-guard';
declare const users: User[];
await mapLimit(users, 8, async (user) => { await saveUser(user); });`),
        ],
      },
    ],
  },
];

export const valid: Valid[] = [
  {
    name: 'batches awaited one after another on purpose',
    code: `export async function all(batches: string[][]) {
  for (const batch of batches) await Promise.all(batch.map((url) => fetch(url)));
}`,
  },
  {
    name: 'an array both appended to by index and read for its length',
    code: `export async function all(urls: string[]) {
  const out: Response[] = [];
  for (const url of urls) out[out.length] = await fetch(url);
  return out;
}`,
  },
  {
    name: 'the counted loop grows what it counts',
    code: `export async function all(urls: string[]) {
  for (let i = 0; i < urls.length; i++) {
    const text = await (await fetch(urls[i]!)).text();
    if (text.startsWith('http')) urls.push(text);
  }
}`,
  },
  {
    name: 'for...in, while and do...while loops are left alone',
    code: `export async function all(byName: Record<string, string>, urls: string[]) {
  for (const name in byName) await fetch(byName[name]!);
  let i = 0;
  while (i < urls.length) await fetch(urls[i++]!);
  do { await fetch(urls[0]!); } while (urls.shift());
}`,
  },
  {
    name: 'a counter that does not start at a literal',
    code: `export async function all(urls: string[], from: number) {
  for (let i = from; i < urls.length; i++) await fetch(urls[i]!);
}`,
  },
  {
    name: 'a pagination cursor carried from one iteration to the next',
    code: `import { fetchPage } from './modules/jobs-api.js';
export async function all() {
  const items: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    cursor = result.next;
    if (!cursor) break;
  }
  return items;
}`,
  },
  {
    name: 'a while loop over pages',
    code: `import { fetchPage } from './modules/jobs-api.js';
export async function all() {
  let cursor: string | undefined = 'start';
  while (cursor) cursor = (await fetchPage(cursor)).next;
}`,
  },
  {
    name: 'a running total',
    code: `export async function total(urls: string[]) {
  let bytes = 0;
  for (const url of urls) bytes += (await (await fetch(url)).text()).length;
  return bytes;
}`,
  },
  {
    name: 'a counter incremented per iteration',
    code: `export async function count(urls: string[]) {
  let done = 0;
  for (const url of urls) {
    await fetch(url);
    done++;
  }
  return done;
}`,
  },
  {
    name: 'a retry loop',
    code: `export async function get(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url);
    } catch {}
  }
  throw new Error('failed');
}`,
  },
  {
    name: 'stops at the first element that matches an awaited check',
    code: `export async function firstAlive(hosts: string[]) {
  for (const host of hosts) {
    const response = await fetch(host);
    if (response.ok) return host;
  }
  return undefined;
}`,
  },
  {
    name: 'break on an awaited value',
    code: `export async function until(urls: string[]) {
  for (const url of urls) {
    const response = await fetch(url);
    if (response.status === 429) break;
  }
}`,
  },
  {
    name: 'continue decided by an awaited value',
    code: `export async function upload(urls: string[]) {
  for (const url of urls) {
    const head = await fetch(url, { method: 'HEAD' });
    if (head.ok) continue;
    await fetch(url, { method: 'PUT' });
  }
}`,
  },
  {
    name: 'continue from a catch of awaited work',
    code: `export async function upload(urls: string[]) {
  for (const url of urls) {
    try { await fetch(url, { method: 'HEAD' }); } catch { continue; }
    await fetch(url, { method: 'PUT' });
  }
}`,
  },
  {
    name: 'deliberate pacing with sleep',
    code: `import { sleep } from 'async-guard';
export async function gently(urls: string[]) {
  for (const url of urls) {
    await fetch(url);
    await sleep(200);
  }
}`,
  },
  {
    name: 'pacing with a timer promise',
    code: `export async function gently(urls: string[]) {
  for (const url of urls) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fetch(url);
  }
}`,
  },
  {
    name: 'a rate limiter',
    code: `declare const limiter: { removeTokens(count: number): Promise<number> };
export async function limited(urls: string[]) {
  for (const url of urls) {
    await limiter.removeTokens(1);
    await fetch(url);
  }
}`,
  },
  {
    name: 'a queue that the loop walks and grows (a crawler)',
    code: `export async function crawl(start: string) {
  const queue = [start];
  for (const url of queue) {
    const links = (await (await fetch(url)).text()).split('\\n');
    queue.push(...links);
  }
}`,
  },
  {
    name: 'a set read and written across iterations',
    code: `export async function unique(urls: string[]) {
  const seen = new Set<string>();
  for (const url of urls) {
    if (seen.has(url)) continue;
    seen.add(url);
    await fetch(url);
  }
}`,
  },
  {
    name: 'the awaited work does not use the element',
    code: `export async function warm(times: number[]) {
  for (const _ of times) await fetch('/health');
}`,
  },
  {
    name: 'writes to one stream, in order',
    code: `import { createWriteStream } from 'node:fs';
declare function writeLine(line: string): Promise<void>;
export async function dump(lines: string[], out: { write(line: string): Promise<void> }) {
  for (const line of lines) await out.write(line);
  for (const line of lines) await writeLine(line);
  void createWriteStream;
}`,
  },
  {
    name: 'events delivered in order',
    code: `declare const bus: { emit(name: string, payload: unknown): Promise<void> };
export async function replay(events: { name: string; payload: unknown }[]) {
  for (const event of events) await bus.emit(event.name, event.payload);
}`,
  },
  {
    name: 'migrations run in order',
    code: `declare function apply(name: string): Promise<void>;
export async function migrate(migrations: string[]) {
  for (const migration of migrations) await apply(migration);
}`,
  },
  {
    name: 'a series of tasks, and lifecycle calls on each element',
    code: `export async function series(tasks: (() => Promise<void>)[], services: { start(): Promise<void> }[]) {
  for (const task of tasks) await task();
  for (const service of services) await service.start();
}`,
  },
  {
    name: 'for await over a stream',
    code: `export async function read(stream: AsyncIterable<string>) {
  for await (const chunk of stream) await fetch(chunk);
}`,
  },
  {
    name: 'a loop without await',
    code: `export function all(urls: string[]) {
  for (const url of urls) void fetch(url);
}`,
  },
  {
    name: 'await only inside a callback',
    code: `export function all(urls: string[]) {
  for (const url of urls) setTimeout(async () => { await fetch(url); }, 0);
}`,
  },
  {
    name: 'a loop variable assigned outside (for (x of …) without a declaration)',
    code: `export async function all(urls: string[]) {
  let url: string;
  for (url of urls) await fetch(url);
}`,
  },
  {
    name: 'state on this read and written',
    code: `export class Sync {
  done = 0;
  async run(urls: string[]) {
    for (const url of urls) {
      await fetch(url);
      this.done = this.done + 1;
    }
  }
}`,
  },
  {
    name: 'an outer variable assigned in a callback of the body',
    code: `export async function last(urls: string[]) {
  let latest = '';
  for (const url of urls) {
    await fetch(url).then(() => { latest = url; });
  }
  return latest;
}`,
  },
  {
    name: 'the counter is changed in the body',
    code: `export async function skip(urls: string[]) {
  for (let i = 0; i < urls.length; i++) {
    await fetch(urls[i]!);
    if (urls[i] === '') i++;
  }
}`,
  },
  {
    name: 'a labelled loop',
    code: `export async function all(urls: string[]) {
  outer: for (const url of urls) {
    await fetch(url);
    continue outer;
  }
}`,
  },
  {
    name: 'a generator yielding per element',
    code: `export async function* each(urls: string[]) {
  for (const url of urls) yield await fetch(url);
}`,
  },
  {
    name: 'items taken from a queue with shift',
    code: `export async function drain(urls: string[], pending: string[]) {
  for (const url of urls) {
    await fetch(url);
    pending.shift();
  }
}`,
  },
  {
    name: 'a semaphore inside the loop',
    code: `declare const semaphore: { acquire(): Promise<() => void> };
export async function all(urls: string[]) {
  for (const url of urls) {
    const release = await semaphore.acquire();
    await fetch(url);
    release();
  }
}`,
  },
];
