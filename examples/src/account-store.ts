import { appendFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

export interface Account {
  id: string;
  owner: string;
  balance: number;
}

/** Stands in for a database connection: every call takes a moment. */
class Connection {
  async ping(): Promise<void> {
    await delay(5);
  }

  async loadAccount(id: string): Promise<Account> {
    await delay(5);
    return { id, owner: `owner-${id}`, balance: 0 };
  }
}

/** Runs tasks one at a time, in the order they were handed in. */
class SerialLock {
  #tail: Promise<unknown> = Promise.resolve();

  runExclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

/** An in-memory store of accounts with a running balance, an account cache and one connection. */
export class AccountStore {
  private balance = 0;
  private readonly accounts = new Map<string, Account>();
  private connection: Connection | undefined;
  private connecting = false;
  readonly #ledger = new SerialLock();

  constructor(private readonly auditLog: string) {}

  // Lost update: two withdrawals both read the same balance before either writes it back,
  // so one of them is lost.
  async withdraw(amount: number): Promise<void> {
    const balance = this.balance;
    await appendFile(this.auditLog, `withdraw ${amount}\n`);
    this.balance = balance - amount;
  }

  // The same update, guarded: the read, the audit line and the write happen under one lock.
  async deposit(amount: number): Promise<void> {
    await this.#ledger.runExclusive(async () => {
      const balance = this.balance;
      await appendFile(this.auditLog, `deposit ${amount}\n`);
      this.balance = balance + amount;
    });
  }

  // Check-then-act: two callers both miss the cache, both load the account, and the second
  // overwrites the first caller's entry.
  async account(id: string): Promise<Account> {
    if (!this.accounts.has(id)) {
      const connection = await this.open();
      this.accounts.set(id, await connection.loadAccount(id));
    }
    return this.accounts.get(id)!;
  }

  // A guard flag set before the first await: a second caller waits for the first one's
  // connection instead of opening another.
  async open(): Promise<Connection> {
    while (this.connecting) await delay(1);
    if (this.connection) return this.connection;
    this.connecting = true;
    try {
      const connection = new Connection();
      await connection.ping();
      this.connection = connection;
      return connection;
    } finally {
      this.connecting = false;
    }
  }
}
