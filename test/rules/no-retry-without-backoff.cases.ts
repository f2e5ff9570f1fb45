import type { TableInvalid, TableValid } from './case-table.js';
import type { MessageIds, Options } from '../../rules/src/rules/no-retry-without-backoff.js';

export type Valid = TableValid<Options>;
export type Invalid = TableInvalid<MessageIds, Options>;

const IMMEDIATE = 'tries again at once with no delay, hitting a struggling service again at full speed';
const UNBOUNDED = 'never gives up, so a lasting failure keeps it spinning forever';
const EVERY_ERROR = 'retries every error, including bugs such as a TypeError that fail the same way every time';
const problems = (...parts: string[]) => (parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}`);

const useRetry = (output: string, retries: string | number) => ({
  messageId: 'useRetry' as const,
  data: { retries: String(retries) },
  output,
});

export const invalid: Invalid[] = [
  {
    name: 'a counted loop that retries at once and keeps the last error',
    code: `export async function load(url: string) {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const response = await fetch(url);
      return await response.json();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        data: { call: 'fetch(url)', problems: problems(IMMEDIATE, EVERY_ERROR) },
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 48,
        suggestions: [
          useRetry(
            `import { retry } from 'async-guard';

export async function load(url: string) {
  let lastError: unknown;
  return await retry(async () => {
    const response = await fetch(url);
    return await response.json();
  }, { retries: 2 });
}`,
            2,
          ),
        ],
      },
    ],
  },
  {
    name: 'the attempt moves out of a nested loop re-indented, the lines of a multi-line template as they were',
    code: `export async function post(url: string, name: string) {
  if (name) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const body = \`{
  "name": "\${name}"
}\`;
        return await fetch(url, { method: 'POST', body });
      } catch {}
    }
  }
  return undefined;
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        data: { call: 'fetch(url, { method: \'POST\', body })', problems: problems(IMMEDIATE, EVERY_ERROR) },
        suggestions: [
          useRetry(
            `import { retry } from 'async-guard';

export async function post(url: string, name: string) {
  if (name) {
    return await retry(async () => {
      const body = \`{
  "name": "\${name}"
}\`;
      return await fetch(url, { method: 'POST', body });
    }, { retries: 2 });
  }
  return undefined;
}`,
            2,
          ),
        ],
      },
    ],
  },
  {
    name: 'while (true) with an empty catch',
    code: `export async function get(url: string): Promise<Response> {
  while (true) {
    try {
      return await fetch(url);
    } catch {}
  }
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        data: { call: 'fetch(url)', problems: problems(IMMEDIATE, UNBOUNDED, EVERY_ERROR) },
        suggestions: [
          useRetry(
            `import { retry } from 'async-guard';

export async function get(url: string): Promise<Response> {
  return await retry(() => fetch(url), { retries: 3 });
}`,
            3,
          ),
        ],
      },
    ],
  },
  {
    name: 'a reconnect loop with a fixed delay that never gives up; logging moves to onRetry',
    code: `import { sleep } from 'async-guard';
import { connect } from './modules/jobs-api.js';
export async function open(host: string) {
  let connection;
  for (;;) {
    try {
      connection = await connect(host);
      break;
    } catch (error) {
      console.warn('connect failed, retrying', error);
      await sleep(1000);
    }
  }
  return connection;
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        data: { call: 'connect(host)', problems: problems(UNBOUNDED, EVERY_ERROR) },
        suggestions: [
          useRetry(
            `import { sleep, retry } from 'async-guard';
import { connect } from './modules/jobs-api.js';
export async function open(host: string) {
  let connection;
  connection = await retry(() => connect(host), { retries: 3, onRetry: (error) => { console.warn('connect failed, retrying', error); } });
  return connection;
}`,
            3,
          ),
        ],
      },
    ],
  },
  {
    name: 'bounded and backing off, but every error is retried',
    code: `import { sleep } from 'async-guard';
export async function load(url: string) {
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (attempt === 4) throw error;
      await sleep(100 * 2 ** attempt);
    }
  }
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        data: { call: 'fetch(url)', problems: EVERY_ERROR },
        suggestions: [
          useRetry(
            `import { sleep, retry } from 'async-guard';
export async function load(url: string) {
  return await retry(() => fetch(url), { retries: 3 });
}`,
            3,
          ),
        ],
      },
    ],
  },
  {
    name: 'an error filter becomes shouldRetry',
    code: `import { connect, isTransient } from './modules/jobs-api.js';
export async function open(host: string) {
  while (true) {
    try {
      return await connect(host);
    } catch (error) {
      if (!isTransient(error)) throw error;
    }
  }
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        data: { call: 'connect(host)', problems: problems(IMMEDIATE, UNBOUNDED) },
        suggestions: [
          useRetry(
            `import { connect, isTransient } from './modules/jobs-api.js';
import { retry } from 'async-guard';
export async function open(host: string) {
  return await retry(() => connect(host), { retries: 3, shouldRetry: (error) => !(!isTransient(error)) });
}`,
            3,
          ),
        ],
      },
    ],
  },
  {
    name: 'the attempt count bound by a variable',
    code: `export async function load(url: string, maxAttempts: number) {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      console.error(error);
    }
  }
  throw new Error(\`gave up on \${url}\`);
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        data: { call: 'fetch(url)', problems: problems(IMMEDIATE, EVERY_ERROR) },
        suggestions: [
          useRetry(
            `import { retry } from 'async-guard';

export async function load(url: string, maxAttempts: number) {
  return await retry(() => fetch(url), { retries: maxAttempts - 1, onRetry: (error) => { console.error(error); } });
}`,
            'maxAttempts - 1',
          ),
        ],
      },
    ],
  },
  {
    name: 'a success flag: reported, no rewrite',
    code: `export async function send(url: string) {
  let done = false;
  while (!done) {
    try {
      await fetch(url, { method: 'POST' });
      done = true;
    } catch {}
  }
}`,
    errors: [{ messageId: 'retryWithoutBackoff', data: { call: "fetch(url, { method: 'POST' })", problems: problems(IMMEDIATE, UNBOUNDED, EVERY_ERROR) }, suggestions: [] }],
  },
  {
    name: 'do…while until there is a result',
    code: `export async function load(url: string) {
  let response: Response | undefined;
  do {
    try {
      response = await fetch(url);
    } catch (error) {
      console.warn(error);
    }
  } while (response === undefined);
  return response;
}`,
    errors: [{ messageId: 'retryWithoutBackoff', line: 9, column: 5, suggestions: [] }],
  },
  {
    name: 'a counter checked in the catch bounds the loop, but it retries at once',
    code: `export async function load(url: string) {
  let attempts = 0;
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      attempts++;
      if (attempts > 5) throw error;
    }
  }
}`,
    errors: [{ messageId: 'retryWithoutBackoff', data: { call: 'fetch(url)', problems: problems(IMMEDIATE, EVERY_ERROR) }, suggestions: [] }],
  },
  {
    name: 'success leaves after the try; failure skips it with continue',
    code: `export async function ping(url: string) {
  for (let i = 0; i < 5; i++) {
    try {
      await fetch(url);
    } catch {
      continue;
    }
    return true;
  }
  return false;
}`,
    errors: [{ messageId: 'retryWithoutBackoff', suggestions: [] }],
  },
  {
    name: 'options: retries and helper module',
    options: [{ retries: 6, helperModule: './modules/jobs-helpers.js' }],
    code: `export async function get(url: string): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch {}
  }
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        suggestions: [
          useRetry(
            `import { retry } from './modules/jobs-helpers.js';

export async function get(url: string): Promise<Response> {
  return await retry(() => fetch(url), { retries: 6 });
}`,
            6,
          ),
        ],
      },
    ],
  },
  {
    name: 'a catch that repairs something first retries at once on purpose, but still on every error; no rewrite',
    code: `declare function reset(): Promise<void>;
export async function load(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url);
    } catch {
      await reset();
    }
  }
  return undefined;
}`,
    errors: [{ messageId: 'retryWithoutBackoff', data: { call: 'fetch(url)', problems: EVERY_ERROR }, suggestions: [] }],
  },
  {
    name: 'a counter checked in an else branch bounds the loop',
    code: `export async function download(url: string, report: (attempt: number) => void) {
  for (let i = 0; ; ) {
    try {
      await fetch(url);
      break;
    } catch (error) {
      if (i++ < 3) {
        report(i);
      } else {
        throw new Error('download failed', { cause: error });
      }
    }
  }
}`,
    errors: [{ messageId: 'retryWithoutBackoff', data: { call: 'fetch(url)', problems: problems(IMMEDIATE, EVERY_ERROR) }, suggestions: [] }],
  },
  {
    name: 'the attempt uses the counter: no rewrite',
    code: `export async function load(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(\`\${url}?attempt=\${attempt}\`);
    } catch {}
  }
  return undefined;
}`,
    errors: [{ messageId: 'retryWithoutBackoff', suggestions: [] }],
  },
];

invalid.push(
  {
    name: 'do…while (true) around a return',
    code: `export async function load(url: string): Promise<Response> {
  do {
    try {
      return await fetch(url);
    } catch {}
  } while (true);
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        suggestions: [
          useRetry(
            `import { retry } from 'async-guard';

export async function load(url: string): Promise<Response> {
  return await retry(() => fetch(url), { retries: 3 });
}`,
            3,
          ),
        ],
      },
    ],
  },
  {
    name: 'a transient error goes round with continue, others are thrown: filtered, but at once and forever',
    code: `export async function load(url: string) {
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      if ((error as { code?: string }).code === 'ECONNRESET') continue;
      throw error;
    }
  }
}`,
    errors: [{ messageId: 'retryWithoutBackoff', data: { call: 'fetch(url)', problems: problems(IMMEDIATE, UNBOUNDED) }, suggestions: [] }],
  },
  {
    name: 'a counter in the loop condition',
    code: `export async function load(url: string) {
  let retries = 3;
  while (retries-- > 0) {
    try {
      return await fetch(url);
    } catch (error) {
      if (retries === 0) throw error;
    }
  }
  return undefined;
}`,
    errors: [{ messageId: 'retryWithoutBackoff', data: { call: 'fetch(url)', problems: problems(IMMEDIATE, EVERY_ERROR) }, suggestions: [] }],
  },
  {
    name: 'a finally block stays with the loop',
    code: `export async function load(url: string, log: string[]) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url);
    } catch {
    } finally {
      log.push('attempt');
    }
  }
  return undefined;
}`,
    errors: [{ messageId: 'retryWithoutBackoff', suggestions: [] }],
  },
  {
    name: 'a retry loop in a class method',
    code: `export class Client {
  constructor(private readonly base: string) {}
  async get(path: string): Promise<Response> {
    for (;;) {
      try {
        return await fetch(this.base + path);
      } catch {}
    }
  }
}`,
    errors: [
      {
        messageId: 'retryWithoutBackoff',
        suggestions: [
          useRetry(
            `import { retry } from 'async-guard';

export class Client {
  constructor(private readonly base: string) {}
  async get(path: string): Promise<Response> {
    return await retry(() => fetch(this.base + path), { retries: 3 });
  }
}`,
            3,
          ),
        ],
      },
    ],
  },
  {
    name: 'an awaited body that is only retried on one kind of error, with a break out of a label: no rewrite',
    code: `export async function load(url: string) {
  let response: Response | undefined;
  outer: while (true) {
    try {
      response = await fetch(url);
      break outer;
    } catch {}
  }
  return response;
}`,
    errors: [{ messageId: 'retryWithoutBackoff', suggestions: [] }],
  },
);

export const valid: Valid[] = [
  {
    name: 'a timer promise as the delay, a filter and a bound',
    code: `export async function load(url: string) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
    }
  }
  return undefined;
}`,
  },
  {
    name: 'a backoff helper',
    code: `declare function backoff(attempt: number): Promise<void>;
declare function retryable(error: unknown): boolean;
export async function load(url: string) {
  let attempts = 0;
  while (attempts < 5) {
    attempts++;
    try {
      return await fetch(url);
    } catch (error) {
      if (!retryable(error)) throw error;
      await backoff(attempts);
    }
  }
  return undefined;
}`,
  },
  {
    name: 'the catch gives up with break',
    code: `export async function drain(next: () => Promise<boolean>) {
  for (;;) {
    try {
      if (!(await next())) return;
    } catch {
      break;
    }
  }
}`,
  },
  {
    name: 'repeating a fixed number of times is not retrying',
    code: `export async function warm(url: string, errors: unknown[]) {
  for (let i = 0; i < 3; i++) {
    try {
      await fetch(url);
    } catch (error) {
      errors.push(error);
    }
  }
}`,
  },
  {
    name: 'no loop at all',
    code: `export async function once(url: string) {
  try {
    return await fetch(url);
  } catch {
    return undefined;
  }
}`,
  },
  {
    name: 'resuming a stream: the catch recovers first, and the recovery gives up when it cannot',
    code: `export async function next(cursor: { next(): Promise<string> }, resume: (error: unknown) => Promise<void>) {
  while (true) {
    try {
      return await cursor.next();
    } catch (error) {
      await resume(error);
    }
  }
}`,
  },
  {
    name: 'a deadline checked in the catch, a delay and a filter',
    code: `import { sleep } from 'async-guard';
declare function processTimeMS(): number;
declare function transient(error: unknown): boolean;
export async function commit(run: () => Promise<void>, deadline: number) {
  for (;;) {
    try {
      await run();
      return;
    } catch (error) {
      if (!transient(error) || processTimeMS() >= deadline) throw error;
      await sleep(50);
    }
  }
}`,
  },
  {
    name: 'a chain of alternatives, tried in turn, is a fallback and not a retry',
    code: `export async function firstToken(sources: { getToken(): Promise<string> }[]) {
  let token: string | null = null;
  for (let i = 0; i < sources.length && token === null; i++) {
    try {
      token = await sources[i]!.getToken();
    } catch {}
  }
  return token;
}`,
  },
  {
    name: 'the error is looked at through a variable made from it',
    code: `import { sleep } from 'async-guard';
declare function toHttpError(error: unknown): { status: number };
export async function load(url: string) {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      lastError = error;
      const httpError = toHttpError(lastError);
      if (httpError.status < 500) throw lastError;
      await sleep(200 * attempt);
    }
  }
  throw lastError;
}`,
  },
  {
    name: 'a plain loop without try',
    code: `export async function all(urls: string[]) {
  for (let i = 0; i < urls.length; i++) await fetch(urls[i]!);
}`,
  },
  {
    name: 'a try around synchronous work only, in an async function',
    code: `export async function parse(text: string) {
  while (true) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      text = text.slice(1);
    }
  }
}`,
  },
  {
    name: 'two attempts of different things in one loop are not a simple retry',
    code: `export async function both(a: string, b: string) {
  for (;;) {
    try { return await fetch(a); } catch {}
    try { return await fetch(b); } catch {}
  }
}`,
  },
  {
    name: 'a stop flag set elsewhere bounds a delayed, filtered reconnect loop',
    code: `import { sleep } from 'async-guard';
import { connect, isTransient } from './modules/jobs-api.js';
export class Link {
  stopped = false;
  async open(host: string) {
    while (!this.stopped) {
      try {
        return await connect(host);
      } catch (error) {
        if (!isTransient(error)) throw error;
        await sleep(1000);
      }
    }
    return undefined;
  }
}`,
  },
  {
    name: 'a rate limiter paces the attempts',
    code: `declare const limiter: { removeTokens(count: number): Promise<number> };
declare function retryable(error: unknown): boolean;
export async function load(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await limiter.removeTokens(1);
    try {
      return await fetch(url);
    } catch (error) {
      if (!retryable(error)) throw error;
    }
  }
  return undefined;
}`,
  },
  {
    name: 'cancellable with throwIfAborted, delayed and filtered',
    code: `import { sleep } from 'async-guard';
declare function retryable(error: unknown): boolean;
export async function load(url: string, signal: AbortSignal) {
  for (;;) {
    signal.throwIfAborted();
    try {
      return await fetch(url, { signal });
    } catch (error) {
      if (!retryable(error)) throw error;
      await sleep(500, { signal });
    }
  }
}`,
  },
  {
    name: 'bounded, backing off and filtering errors',
    code: `import { sleep } from 'async-guard';
import { isTransient } from './modules/jobs-api.js';
export async function load(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (!isTransient(error) || attempt === 4) throw error;
      await sleep(100 * 2 ** attempt);
    }
  }
  return undefined;
}`,
  },
  {
    name: 'bounded and backing off, when the error filter check is off',
    options: [{ checkErrorFilter: false }],
    code: `import { sleep } from 'async-guard';
export async function load(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetch(url);
    } catch {
      await sleep(100 * 2 ** attempt);
    }
  }
  return undefined;
}`,
  },
  {
    name: 'a deadline bounds the loop',
    code: `import { sleep } from 'async-guard';
export async function load(url: string, deadline: number) {
  while (Date.now() < deadline) {
    try {
      return await fetch(url);
    } catch (error) {
      if (error instanceof TypeError === false) throw error;
      await sleep(250);
    }
  }
  return undefined;
}`,
  },
  {
    name: 'cancellation bounds the loop',
    code: `import { sleep } from 'async-guard';
export async function serve(signal: AbortSignal, connect: () => Promise<void>) {
  while (!signal.aborted) {
    try {
      await connect();
      return;
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) throw error;
      await sleep(1000, { signal });
    }
  }
}`,
  },
  {
    name: 'a worker loop: success does not leave it',
    code: `export async function work(next: () => Promise<string>, handle: (job: string) => Promise<void>) {
  while (true) {
    const job = await next();
    try {
      await handle(job);
    } catch (error) {
      console.error(error);
    }
  }
}`,
  },
  {
    name: 'polling until done: the exit is a condition, not success',
    code: `import { sleep } from 'async-guard';
export async function waitFor(url: string) {
  while (true) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {}
    await sleep(1000);
  }
}`,
  },
  {
    name: 'the catch always gives up',
    code: `export async function load(url: string) {
  for (let i = 0; i < 3; i++) {
    try {
      return await fetch(url);
    } catch (error) {
      throw new Error('failed', { cause: error });
    }
  }
  return undefined;
}`,
  },
  {
    name: 'a fallback over mirrors is not a retry of the same thing',
    code: `export async function load(mirrors: string[]) {
  for (const mirror of mirrors) {
    try {
      return await fetch(mirror);
    } catch {}
  }
  return undefined;
}`,
  },
  {
    name: 'nothing is awaited in the try',
    code: `export function parse(lines: string[]) {
  for (let i = 0; i < lines.length; i++) {
    try {
      return JSON.parse(lines[i]!);
    } catch {}
  }
  return undefined;
}`,
  },
  {
    name: 'already using retry',
    code: `import { retry } from 'async-guard';
export const load = (url: string) => retry(() => fetch(url), { retries: 3 });`,
  },
];
