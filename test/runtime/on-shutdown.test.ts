import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { onShutdown } from 'async-guard/node';

const app = fileURLToPath(new URL('./fixtures/shutdown-app.mjs', import.meta.url));

interface Step {
  name: string;
  ms?: number;
  fail?: boolean;
  hang?: boolean;
}

/** Starts the fixture app, sends it `signals` once it is ready, and reports how it ended. */
async function runApp(steps: Step[], signals: NodeJS.Signals[], options: object = {}) {
  const child = spawn(process.execPath, [app, JSON.stringify(steps), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (stdout.includes('ready\n')) resolve();
    });
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await ready;
  for (const signal of signals) {
    child.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const [code] = await exited;
  const lines = stdout.trim().split('\n').filter((line) => line !== 'ready');
  return { code, lines, stderr };
}

describe('onShutdown', () => {
  test('SIGTERM aborts the app signal, runs cleanups last-registered first, then exits 0', async () => {
    const result = await runApp([{ name: 'database', ms: 20 }, { name: 'server', ms: 20 }], ['SIGTERM']);
    expect(result.lines).toEqual([
      'app signal aborted: Received SIGTERM',
      'cleanup server start',
      'cleanup server done',
      'cleanup database start',
      'cleanup database done',
    ]);
    expect(result.code).toBe(0);
  });

  test('SIGINT starts the same shutdown', async () => {
    const result = await runApp([{ name: 'only' }], ['SIGINT']);
    expect(result.lines).toContain('cleanup only done');
    expect(result.code).toBe(0);
  });

  test('a failing cleanup does not stop the others, and the exit code is 1', async () => {
    const result = await runApp([{ name: 'first' }, { name: 'broken', fail: true }], ['SIGTERM']);
    expect(result.lines).toEqual([
      'app signal aborted: Received SIGTERM',
      'cleanup broken start',
      'cleanup first start',
      'cleanup first done',
    ]);
    expect(result.stderr).toContain('broken broke');
    expect(result.code).toBe(1);
  });

  test('past the deadline the cleanups see their signal abort and the process exits with 1', async () => {
    const result = await runApp([{ name: 'stuck', hang: true }], ['SIGTERM'], { timeout: 100 });
    expect(result.lines).toEqual([
      'app signal aborted: Received SIGTERM',
      'cleanup stuck start',
      'cleanup stuck saw deadline: Shutdown cleanups did not finish within 100 ms',
    ]);
    expect(result.code).toBe(1);
  });

  test('a second signal forces the exit at once with 128 + the signal number', async () => {
    const result = await runApp([{ name: 'slow', ms: 30_000 }], ['SIGINT', 'SIGINT']);
    expect(result.lines).toEqual(['app signal aborted: Received SIGINT', 'cleanup slow start']);
    expect(result.code).toBe(130);
  });

  test('listens to the process only while something is registered', () => {
    const before = process.listenerCount('SIGUSR2');
    const first = onShutdown(() => {}, { signals: ['SIGUSR2'] });
    const second = onShutdown(undefined, { signals: ['SIGUSR2'] });
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    first.remove();
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    second[Symbol.dispose]();
    second.remove();
    expect(process.listenerCount('SIGUSR2')).toBe(before);
    expect(first.signal.aborted).toBe(false);
  });
});
