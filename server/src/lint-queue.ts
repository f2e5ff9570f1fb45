/** Why a file waits: the user edited it, or something it depends on changed. */
export type LintReason = 'edit' | 'dependent';

/**
 * Files waiting for a lint, worked off one at a time. Edited files go before dependents, and a
 * file is queued at most once: however many edits arrive while it waits, only the newest text
 * is linted. Before each file the queue yields to the event loop, so edits that have already
 * arrived are applied first and stale work is never started.
 */
export class LintQueue {
  private readonly waiting = new Map<string, LintReason>();
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (fileName: string, reason: LintReason) => Promise<void>,
    private readonly onError: (fileName: string, error: unknown) => void,
  ) {}

  add(fileName: string, reason: LintReason): void {
    const current = this.waiting.get(fileName);
    if (current !== 'edit') this.waiting.set(fileName, reason);
    void this.drain();
  }

  has(fileName: string): boolean {
    return this.waiting.has(fileName);
  }

  /** Resolves once nothing waits and nothing runs. */
  idle(): Promise<void> {
    if (!this.running && this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): [string, LintReason] | undefined {
    for (const entry of this.waiting) if (entry[1] === 'edit') return entry;
    return this.waiting.entries().next().value;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        await yieldToEvents();
        const entry = this.next();
        if (!entry) break;
        const [fileName, reason] = entry;
        this.waiting.delete(fileName);
        try {
          await this.work(fileName, reason);
        } catch (error) {
          this.onError(fileName, error);
        }
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}

/**
 * Lets pending I/O (incoming messages) run before the next piece of synchronous work. The
 * JSON-RPC layer dispatches what it read with its own `setImmediate`, queued behind ours, so one
 * turn is not enough: the second lets those dispatches run first.
 */
export async function yieldToEvents(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}
