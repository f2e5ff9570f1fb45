import { constants } from 'node:os';
import process from 'node:process';

/** Receives a signal that aborts when the shutdown deadline passes; may return a promise. */
export type ShutdownCleanup = (deadline: AbortSignal) => unknown;

export interface ShutdownOptions {
  /** Process signals that start the shutdown. Default SIGINT and SIGTERM. */
  signals?: readonly NodeJS.Signals[];
  /**
   * Milliseconds all cleanups together may take before the process exits anyway.
   * Default 10 000. When registrations ask for different deadlines the longest applies.
   */
  timeout?: number;
}

export interface Shutdown extends Disposable {
  /** The app's shutdown signal: aborts as soon as a shutdown signal arrives. */
  readonly signal: AbortSignal;
  /** Unregisters the cleanup; the process listeners go once no registration is left. */
  remove(): void;
}

interface Registration {
  cleanup: ShutdownCleanup | undefined;
  signals: readonly NodeJS.Signals[];
  timeout: number;
}

// setTimeout fires at once for delays above 2^31 - 1 ms; clamp instead.
const MAX_DELAY = 2 ** 31 - 1;

const registrations = new Set<Registration>();
const listening = new Set<NodeJS.Signals>();
let app: AbortController | undefined;
let shuttingDown = false;

/**
 * Turns SIGINT/SIGTERM into a graceful shutdown. On the first signal the app's `signal`
 * aborts, then every registered cleanup runs, the last registered first (like unwinding a
 * stack), each awaited in turn. The process exits once they finish: with 0 (or
 * `process.exitCode`), or 1 if a cleanup threw or the deadline passed. A second signal
 * exits at once with 128 + the signal's number.
 */
export function onShutdown(cleanup?: ShutdownCleanup, options?: ShutdownOptions): Shutdown {
  const registration: Registration = {
    cleanup,
    signals: options?.signals ?? ['SIGINT', 'SIGTERM'],
    timeout: options?.timeout ?? 10_000,
  };
  registrations.add(registration);
  syncListeners();
  app ??= new AbortController();
  const remove = (): void => {
    if (registrations.delete(registration)) syncListeners();
  };
  return { signal: app.signal, remove, [Symbol.dispose]: remove };
}

/** Listens to exactly the signals some registration asks for, and to none when idle. */
function syncListeners(): void {
  const wanted = new Set<NodeJS.Signals>();
  for (const registration of registrations) for (const name of registration.signals) wanted.add(name);
  // While shutting down, keep listening so that a second signal can force the exit.
  if (shuttingDown) return;
  for (const name of listening) {
    if (!wanted.has(name)) {
      process.off(name, onSignal);
      listening.delete(name);
    }
  }
  for (const name of wanted) {
    if (!listening.has(name)) {
      process.on(name, onSignal);
      listening.add(name);
    }
  }
}

function onSignal(name: NodeJS.Signals): void {
  if (shuttingDown) process.exit(128 + (constants.signals[name] ?? 0));
  shuttingDown = true;
  app?.abort(new DOMException(`Received ${name}`, 'AbortError'));
  void runCleanups();
}

async function runCleanups(): Promise<void> {
  const stack = [...registrations].reverse();
  const timeout = Math.max(...stack.map((registration) => registration.timeout));
  const deadline = new AbortController();
  const timer =
    timeout === Infinity
      ? undefined
      : setTimeout(() => {
          deadline.abort(new Error(`Shutdown cleanups did not finish within ${timeout} ms`));
          // One more turn of the event loop lets cleanups react to the abort (log, flush).
          setImmediate(() => process.exit(1));
        }, Math.min(Math.max(timeout, 0), MAX_DELAY));
  let failed = false;
  for (const { cleanup } of stack) {
    try {
      await cleanup?.(deadline.signal);
    } catch (error) {
      failed = true;
      console.error('Shutdown cleanup failed:', error);
    }
  }
  clearTimeout(timer);
  process.exit(failed ? 1 : undefined);
}
