import type { TableInvalid, TableValid } from './case-table.js';
import type { MessageIds, Options } from '../../rules/src/rules/require-timeout.js';

export type Valid = TableValid<Options>;
export type Invalid = TableInvalid<MessageIds, Options>;

const addSignal = (output: string, text = 'signal: AbortSignal.timeout(10000)', ms = 10000) => ({
  messageId: 'addSignal' as const,
  data: { text, ms },
  output,
});
const wrap = (output: string, ms = 10000, helper = 'withTimeout') => ({
  messageId: 'wrapWithTimeout' as const,
  data: { text: `${helper}(…, ${ms})`, ms },
  output,
});

export const fetchInvalid: Invalid[] = [
  {
    name: 'awaited fetch without init',
    code: `export async function load(url: string) {
  const response = await fetch(url);
  return response.json();
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        data: { name: 'fetch' },
        line: 2,
        column: 26,
        suggestions: [
          addSignal(`export async function load(url: string) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
  return response.json();
}`),
          wrap(`import { withTimeout } from 'async-guard';

export async function load(url: string) {
  const response = await withTimeout((signal) => fetch(url, { signal }), 10000);
  return response.json();
}`),
        ],
      },
    ],
  },
  {
    name: 'an init object without signal',
    code: `export async function send(url: string, body: string) {
  await fetch(url, { method: 'POST', body });
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`export async function send(url: string, body: string) {
  await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10000) });
}`),
          wrap(`import { withTimeout } from 'async-guard';

export async function send(url: string, body: string) {
  await withTimeout((signal) => fetch(url, { method: 'POST', body, signal }), 10000);
}`),
        ],
      },
    ],
  },
  {
    name: 'a multi-line init object with a trailing comma',
    code: `export async function send(url: string, body: string) {
  await fetch(url, {
    method: 'PUT',
    body,
  });
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`export async function send(url: string, body: string) {
  await fetch(url, {
    method: 'PUT',
    body,
    signal: AbortSignal.timeout(10000),
  });
}`),
          wrap(`import { withTimeout } from 'async-guard';

export async function send(url: string, body: string) {
  await withTimeout((signal) => fetch(url, {
    method: 'PUT',
    body,
    signal,
  }), 10000);
}`),
        ],
      },
    ],
  },
  {
    name: 'a signal parameter that the call ignores is combined with the timeout',
    code: `export async function load(url: string, signal: AbortSignal) {
  return (await fetch(url)).text();
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(
            `export async function load(url: string, signal: AbortSignal) {
  return (await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10000)]) })).text();
}`,
            'signal: AbortSignal.any([signal, AbortSignal.timeout(10000)])',
          ),
          wrap(`import { withTimeout } from 'async-guard';

export async function load(url: string, signal: AbortSignal) {
  return (await withTimeout((signal) => fetch(url, { signal }), 10000, { signal })).text();
}`),
        ],
      },
    ],
    mode: 'typed',
  },
  {
    name: 'an optional signal option is combined when present',
    code: `export async function load(url: string, { signal }: { signal?: AbortSignal } = {}) {
  return fetch(url);
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(
            `export async function load(url: string, { signal }: { signal?: AbortSignal } = {}) {
  return fetch(url, { signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10000)]) : AbortSignal.timeout(10000) });
}`,
            'signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10000)]) : AbortSignal.timeout(10000)',
          ),
          wrap(`import { withTimeout } from 'async-guard';

export async function load(url: string, { signal }: { signal?: AbortSignal } = {}) {
  return withTimeout((signal) => fetch(url, { signal }), 10000, { signal });
}`),
        ],
      },
    ],
  },
  {
    name: 'fetch from undici, with a .then chain',
    code: `import { fetch } from 'undici';
export async function load(url: string) {
  return await fetch(url).then((response) => response.json());
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`import { fetch } from 'undici';
export async function load(url: string) {
  return await fetch(url, { signal: AbortSignal.timeout(10000) }).then((response) => response.json());
}`),
          wrap(`import { fetch } from 'undici';
import { withTimeout } from 'async-guard';
export async function load(url: string) {
  return await withTimeout((signal) => fetch(url, { signal }), 10000).then((response) => response.json());
}`),
        ],
      },
    ],
  },
  {
    name: 'returned from an async arrow',
    code: `export const load = async (url: URL) => fetch(url);`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`export const load = async (url: URL) => fetch(url, { signal: AbortSignal.timeout(10000) });`),
          wrap(`import { withTimeout } from 'async-guard';

export const load = async (url: URL) => withTimeout((signal) => fetch(url, { signal }), 10000);`),
        ],
      },
    ],
  },
  {
    name: 'init held in a const object without signal',
    code: `export async function remove(url: string) {
  const init = { method: 'DELETE' };
  await fetch(url, init);
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`export async function remove(url: string) {
  const init = { method: 'DELETE' };
  await fetch(url, { ...init, signal: AbortSignal.timeout(10000) });
}`),
          wrap(`import { withTimeout } from 'async-guard';

export async function remove(url: string) {
  const init = { method: 'DELETE' };
  await withTimeout((signal) => fetch(url, { ...init, signal }), 10000);
}`),
        ],
      },
    ],
  },
  {
    name: 'options: timeoutMs and helperModule',
    options: [{ timeoutMs: 2500, helperModule: './modules/jobs-helpers.js' }],
    code: `export async function load(url: string) {
  return (await fetch(\`\${url}/status\`)).status;
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(
            `export async function load(url: string) {
  return (await fetch(\`\${url}/status\`, { signal: AbortSignal.timeout(2500) })).status;
}`,
            'signal: AbortSignal.timeout(2500)',
            2500,
          ),
          wrap(
            `import { withTimeout } from './modules/jobs-helpers.js';

export async function load(url: string) {
  return (await withTimeout((signal) => fetch(\`\${url}/status\`, { signal }), 2500)).status;
}`,
            2500,
          ),
        ],
      },
    ],
  },
];

fetchInvalid.push(
  {
    name: 'an empty init object',
    code: `export const load = async (url: string) => (await fetch(url, {})).ok;`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`export const load = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(10000) })).ok;`),
          wrap(`import { withTimeout } from 'async-guard';

export const load = async (url: string) => (await withTimeout((signal) => fetch(url, { signal }), 10000)).ok;`),
        ],
      },
    ],
  },
  {
    name: 'inside a mapped async callback',
    code: `export async function loadAll(urls: string[]) {
  return Promise.all(urls.slice(0, 4).map(async (url) => (await fetch(url)).json()));
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`export async function loadAll(urls: string[]) {
  return Promise.all(urls.slice(0, 4).map(async (url) => (await fetch(url, { signal: AbortSignal.timeout(10000) })).json()));
}`),
          wrap(`import { withTimeout } from 'async-guard';

export async function loadAll(urls: string[]) {
  return Promise.all(urls.slice(0, 4).map(async (url) => (await withTimeout((signal) => fetch(url, { signal }), 10000)).json()));
}`),
        ],
      },
    ],
  },
  {
    name: 'undici through a namespace import, under a type assertion',
    code: `import * as undici from 'undici';
export async function load(url: string) {
  return await (undici.fetch(url) as Promise<undici.Response>);
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        data: { name: 'undici.fetch' },
        suggestions: [
          addSignal(`import * as undici from 'undici';
export async function load(url: string) {
  return await (undici.fetch(url, { signal: AbortSignal.timeout(10000) }) as Promise<undici.Response>);
}`),
          wrap(`import * as undici from 'undici';
import { withTimeout } from 'async-guard';
export async function load(url: string) {
  return await (withTimeout((signal) => undici.fetch(url, { signal }), 10000) as Promise<undici.Response>);
}`),
        ],
      },
    ],
  },
);

export const nodeInvalid: Invalid[] = [
  {
    name: 'http.get resolving the promise directly',
    code: `import http from 'node:http';
export const get = (url: string) => new Promise<http.IncomingMessage>((resolve) => {
  http.get(url, resolve);
});`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`import http from 'node:http';
export const get = (url: string) => new Promise<http.IncomingMessage>((resolve) => {
  http.get(url, { signal: AbortSignal.timeout(10000) }, resolve);
});`),
        ],
      },
    ],
  },
  {
    name: 'https.request in an async function, waited for with once',
    code: `import * as https from 'node:https';
import { once } from 'node:events';
export async function head(url: URL) {
  const req = https.request(url);
  req.end();
  const [response] = await once(req, 'response');
  return response;
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`import * as https from 'node:https';
import { once } from 'node:events';
export async function head(url: URL) {
  const req = https.request(url, { signal: AbortSignal.timeout(10000) });
  req.end();
  const [response] = await once(req, 'response');
  return response;
}`),
        ],
      },
    ],
  },
  {
    name: 'https.get inside a Promise executor: the options go before the callback',
    code: `import https from 'node:https';
export function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https.get(url, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        data: { name: 'https.get' },
        line: 4,
        suggestions: [
          addSignal(`import https from 'node:https';
export function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https.get(url, { signal: AbortSignal.timeout(10000) }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}`),
        ],
      },
    ],
  },
  {
    name: 'http.request with an options object',
    code: `import { request } from 'node:http';
export async function post(host: string, body: string) {
  const req = request({ host, path: '/jobs', method: 'POST' });
  req.end(body);
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        data: { name: 'request' },
        suggestions: [
          addSignal(`import { request } from 'node:http';
export async function post(host: string, body: string) {
  const req = request({ host, path: '/jobs', method: 'POST', signal: AbortSignal.timeout(10000) });
  req.end(body);
}`),
        ],
      },
    ],
  },
  {
    name: 'net.connect: reported without a suggestion (a signal would cut a healthy connection)',
    code: `import * as net from 'node:net';
import { once } from 'node:events';
export async function open(port: number, host: string) {
  const socket = net.connect(port, host);
  await once(socket, 'connect');
  return socket;
}`,
    errors: [{ messageId: 'missingTimeout', data: { name: 'net.connect' }, suggestions: [] }],
  },
];

export const configuredInvalid: Invalid[] = [
  {
    name: 'a configured package function with an options position',
    options: [{ functions: [{ module: 'jobs-http-client', names: ['getJson'], optionsArgument: 1 }, { module: 'jobs-http-client', names: ['getText'] }] }],
    code: `import client, { getText } from 'jobs-http-client';
export async function load(url: string) {
  const data = await client.getJson(url);
  const text = await getText(url);
  return [data, text];
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        data: { name: 'client.getJson' },
        suggestions: [
          addSignal(`import client, { getText } from 'jobs-http-client';
export async function load(url: string) {
  const data = await client.getJson(url, { signal: AbortSignal.timeout(10000) });
  const text = await getText(url);
  return [data, text];
}`),
          wrap(`import client, { getText } from 'jobs-http-client';
import { withTimeout } from 'async-guard';
export async function load(url: string) {
  const data = await withTimeout((signal) => client.getJson(url, { signal }), 10000);
  const text = await getText(url);
  return [data, text];
}`),
        ],
      },
      {
        messageId: 'missingTimeout',
        data: { name: 'getText' },
        suggestions: [
          wrap(`import client, { getText } from 'jobs-http-client';
import { withTimeout } from 'async-guard';
export async function load(url: string) {
  const data = await client.getJson(url);
  const text = await withTimeout(getText(url), 10000);
  return [data, text];
}`),
        ],
      },
    ],
  },
  {
    name: 'a configured function without an options position is wrapped as a promise',
    options: [{ functions: [{ module: 'jobs-http-client', names: ['getText'] }] }],
    code: `import { getText } from 'jobs-http-client';
export async function load(url: string) {
  return getText(url);
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          wrap(`import { getText } from 'jobs-http-client';
import { withTimeout } from 'async-guard';
export async function load(url: string) {
  return withTimeout(getText(url), 10000);
}`),
        ],
      },
    ],
  },
  {
    name: 'a configured module of the project, named as it is imported',
    options: [{ functions: [{ module: './modules/jobs-client.js', names: ['postJson'], optionsArgument: 2 }] }],
    code: `import { postJson } from './modules/jobs-client.js';
export async function submit(url: string, job: object) {
  await postJson(url, job);
}`,
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(`import { postJson } from './modules/jobs-client.js';
export async function submit(url: string, job: object) {
  await postJson(url, job, { signal: AbortSignal.timeout(10000) });
}`),
          wrap(`import { postJson } from './modules/jobs-client.js';
import { withTimeout } from 'async-guard';
export async function submit(url: string, job: object) {
  await withTimeout((signal) => postJson(url, job, { signal }), 10000);
}`),
        ],
      },
    ],
  },
];

export const invalid: Invalid[] = [
  ...fetchInvalid,
  {
    ...fetchInvalid.find((testCase) => testCase.name?.startsWith('a signal parameter'))!,
    name: 'a signal parameter without types may be missing',
    mode: 'untyped',
    errors: [
      {
        messageId: 'missingTimeout',
        suggestions: [
          addSignal(
            `export async function load(url: string, signal: AbortSignal) {
  return (await fetch(url, { signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10000)]) : AbortSignal.timeout(10000) })).text();
}`,
            'signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10000)]) : AbortSignal.timeout(10000)',
          ),
          wrap(`import { withTimeout } from 'async-guard';

export async function load(url: string, signal: AbortSignal) {
  return (await withTimeout((signal) => fetch(url, { signal }), 10000, { signal })).text();
}`),
        ],
      },
    ],
  },
  ...nodeInvalid,
  ...configuredInvalid,
];

export const valid: Valid[] = [
  { name: 'fetch with a signal', code: `export const load = async (url: string, signal: AbortSignal) => (await fetch(url, { signal })).json();` },
  { name: 'fetch with a timeout signal', code: `export const load = async (url: string) => fetch(url, { signal: AbortSignal.timeout(5000) });` },
  { name: 'init spread from elsewhere', code: `export const load = async (url: string, init: object) => fetch(url, { ...init, method: 'GET' });` },
  { name: 'init passed through', code: `export const load = async (url: string, init?: RequestInit) => fetch(url, init);` },
  {
    name: 'a Request that carries its own signal',
    code: `export async function load(url: string) {
  const request = new Request(url, { signal: AbortSignal.timeout(1000) });
  return fetch(request);
}`,
  },
  { name: 'a Request parameter', code: `export const load = async (req: Request) => fetch(req);` },
  { name: 'fetch not awaited here', code: `export function start(url: string) { return fetch(url); }` },
  { name: 'a promise chain that nobody waits for', code: `export function start(url: string) { fetch(url).then((r) => r.json()).catch(() => {}); }` },
  { name: 'an explicit signal key, even undefined', code: `export const load = async (url: string) => fetch(url, { signal: undefined });` },
  {
    name: 'http.get with a signal option',
    code: `import http from 'node:http';
export async function get(url: string, signal: AbortSignal) {
  return new Promise((resolve) => http.get(url, { signal }, resolve));
}`,
  },
  {
    name: 'tls and other modules are not network calls this rule knows',
    code: `import tls from 'node:tls';
export async function open(port: number) { return tls.connect(port); }`,
  },
  {
    name: 'fetch raced against a timer or wrapped by a helper',
    code: `import { withTimeout } from 'async-guard';
export async function load(url: string) {
  await withTimeout(fetch(url), 1000);
  await Promise.race([fetch(url), new Promise((_, reject) => setTimeout(reject, 1000))]);
}`,
  },
  {
    name: 'a local function called fetch',
    code: `async function fetch(url: string) { return url; }
export const load = async (url: string) => fetch(url);`,
  },
  {
    name: 'https.get with a timeout option',
    code: `import https from 'node:https';
export const get = (url: string) => new Promise((resolve) => { https.get(url, { timeout: 5000 }, resolve); });`,
  },
  {
    name: 'a request given a timeout after creation',
    code: `import http from 'node:http';
export const get = (url: string) => new Promise((resolve, reject) => {
  const req = http.get(url, resolve);
  req.setTimeout(5000, () => req.destroy(new Error('timed out')));
  req.on('error', reject);
});`,
  },
  {
    name: 'a timeout set through the chain',
    code: `import http from 'node:http';
export const get = (url: string) => new Promise((resolve, reject) => {
  http.get(url, resolve).on('error', reject).setTimeout(5000);
});`,
  },
  {
    name: 'a timer destroys the request',
    code: `import http from 'node:http';
export const get = (url: string) => new Promise((resolve) => {
  const req = http.get(url, resolve);
  setTimeout(() => req.destroy(), 5000);
});`,
  },
  {
    name: 'http.get in plain callback code',
    code: `import http from 'node:http';
export function ping(url: string) { http.get(url, (res) => res.resume()); }`,
  },
  {
    name: 'options that may carry a timeout',
    code: `import http from 'node:http';
export const get = (options: http.RequestOptions) => new Promise((resolve) => { http.get(options, resolve); });`,
  },
  {
    name: 'net.connect with a timeout, or a socket timeout',
    code: `import net from 'node:net';
import { once } from 'node:events';
export async function open(port: number) {
  const first = net.connect({ port, timeout: 5000 });
  const second = net.createConnection(port);
  second.setTimeout(5000);
  await Promise.all([once(first, 'connect'), once(second, 'connect')]);
}`,
  },
  {
    name: 'an unconfigured client library',
    code: `import client from 'jobs-http-client';
export const load = async (url: string) => client.getJson(url);`,
  },
  {
    name: 'a configured function given a timeout option',
    options: [{ functions: [{ module: 'jobs-http-client', names: ['getJson'] }] }],
    code: `import { getJson } from 'jobs-http-client';
export const load = async (url: string) => getJson(url, { timeout: 1000 });`,
  },
];
