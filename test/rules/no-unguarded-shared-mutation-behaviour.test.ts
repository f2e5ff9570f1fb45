import { Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { relatedLocationsOf } from '../../rules/src/related-locations.js';
import rule from '../../rules/src/rules/no-unguarded-shared-mutation.js';
import { javascriptRuleTester } from './rule-tester.js';
import { applySuggestions, delay, runModule } from './run-suggestion.js';

// The suggestion's output, run: the lost update and the check-then-act happen in the original
// and no longer happen once the span holds the lock.
describe('no-unguarded-shared-mutation: the suggested code behaves', () => {
  const helpers = (calls: { loads: number }) => ({
    './helpers': {
      delay,
      load: async (key: string) => {
        calls.loads++;
        await delay(2);
        return key.length;
      },
    },
  });

  it('keeps every increment of a counter', async () => {
    const code = `import { delay } from './helpers';
let count = 0;
export async function increment() {
  const n = count;
  await delay(1);
  count = n + 1;
}
export const value = () => count;`;
    const [fixed] = applySuggestions(rule, code);
    expect(fixed).toContain('runExclusive');
    for (const [source, expected] of [[code, 1], [fixed!, 20]] as const) {
      const module = runModule(source, helpers({ loads: 0 })) as { increment(): Promise<void>; value(): number };
      await Promise.all(Array.from({ length: 20 }, () => module.increment()));
      expect(module.value()).toBe(expected);
    }
  });

  it('loads a cache entry once for concurrent callers', async () => {
    const code = `import { load } from './helpers';
const cache = new Map<string, number>();
export async function get(key: string) {
  if (!cache.has(key)) {
    const value = await load(key);
    cache.set(key, value);
  }
  return cache.get(key);
}`;
    const [fixed] = applySuggestions(rule, code);
    for (const [source, loads] of [[code, 5], [fixed!, 1]] as const) {
      const calls = { loads: 0 };
      const module = runModule(source, helpers(calls)) as { get(key: string): Promise<number> };
      const values = await Promise.all(Array.from({ length: 5 }, () => module.get('abc')));
      expect(values).toEqual([3, 3, 3, 3, 3]);
      expect(calls.loads).toBe(loads);
    }
  });

  it('keeps the early return of a guarded check: no overdraft, the same results', async () => {
    const code = `import { delay } from './helpers';
export class Account {
  balance = 100;
  async withdraw(amount: number): Promise<boolean> {
    if (this.balance < amount) return false;
    await delay(1);
    this.balance -= amount;
    return true;
  }
}`;
    const [fixed] = applySuggestions(rule, code);
    expect(fixed).toContain('return await this.#balanceLock.runExclusive(async () => {');
    for (const [source, balance, results] of [
      [code, -80, [true, true, true]],
      [fixed!, 40, [true, false, false]],
    ] as const) {
      const { Account } = runModule(source, helpers({ loads: 0 })) as { Account: new () => { balance: number; withdraw(n: number): Promise<boolean> } };
      const account = new Account();
      expect(await Promise.all([account.withdraw(60), account.withdraw(60), account.withdraw(60)])).toEqual(results);
      expect(account.balance).toBe(balance);
    }
  });

  it('hands locals declared in the span back to the code after it', async () => {
    const code = `import { delay } from './helpers';
let stock = 10;
export async function take(n: number) {
  const before = stock;
  await delay(1);
  stock = before - n;
  return { before, after: stock };
}`;
    const [fixed] = applySuggestions(rule, code);
    const module = runModule(fixed!, helpers({ loads: 0 })) as { take(n: number): Promise<{ before: number; after: number }> };
    const results = await Promise.all([module.take(1), module.take(2), module.take(3)]);
    expect(results).toEqual([
      { before: 10, after: 9 },
      { before: 9, after: 7 },
      { before: 7, after: 4 },
    ]);
  });
});

describe('no-unguarded-shared-mutation: related locations', () => {
  it('records the stale read and the await for the language server, and names them in the message', () => {
    const code = `let count = 0;
async function increment(step) {
  const n = count;
  await step();
  count = n + 1;
}`;
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      code,
      [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { guard: { rules: { shared: rule as unknown as Rule.RuleModule } } }, rules: { 'guard/shared': 'error' } }],
      { filename: 'file.ts' },
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain('read on line 3, before the await on line 4');
    expect(relatedLocationsOf(linter.getSourceCode()!)).toEqual([
      {
        ruleId: 'guard/shared',
        line: 5,
        column: 3,
        related: [
          { filename: 'file.ts', loc: { start: { line: 3, column: 12 }, end: { line: 3, column: 17 } }, message: "'count' is read here" },
          {
            filename: 'file.ts',
            loc: { start: { line: 4, column: 2 }, end: { line: 4, column: 14 } },
            message: "the function waits here, and other code can change 'count' meanwhile",
          },
        ],
      },
    ]);
  });
});

// ESLint's default parser, as a plain JavaScript project runs the rule.
javascriptRuleTester('script').run('no-unguarded-shared-mutation (plain JavaScript scripts, default parser)', rule, {
  valid: [
    "let count = 0;\nasync function inc() { await Promise.resolve(); count = count + 1; }",
    "let busy = false;\nasync function run(work) { if (busy) return; busy = true; try { await work(); } finally { busy = false; } }",
  ],
  invalid: [
    {
      code: "const { sleep } = require('async-guard');\nlet count = 0;\nasync function inc() {\n  count += await sleep(1).then(() => 1);\n}",
      errors: [
        {
          messageId: 'lostUpdate',
          suggestions: [
            {
              messageId: 'guardWithMutex',
              data: { lock: 'countLock', start: 'read', readLine: 4 },
              output:
                "const { sleep, Mutex } = require('async-guard');\nlet count = 0;\nconst countLock = new Mutex();\nasync function inc() {\n  await countLock.runExclusive(async () => { count += await sleep(1).then(() => 1); });\n}",
            },
          ],
        },
      ],
    },
    {
      // The lock would be created before the require that provides Mutex has run.
      code: "let count = 0;\nconst { sleep } = require('async-guard');\nasync function inc() {\n  count += await sleep(1).then(() => 1);\n}",
      errors: [{ messageId: 'lostUpdate', suggestions: [] }],
    },
  ],
});

javascriptRuleTester('module').run('no-unguarded-shared-mutation (plain JavaScript modules, default parser)', rule, {
  valid: ['const cache = new Map();\nexport async function get(k, load) { const v = await load(k); cache.set(k, v); return v; }'],
  invalid: [
    {
      code: 'const cache = new Map();\nexport async function get(k, load) {\n  if (!cache.has(k)) cache.set(k, await load(k));\n  return cache.get(k);\n}',
      errors: [
        {
          messageId: 'checkThenAct',
          data: { name: 'cache', readLine: 3, pause: 'await', pauseLine: 3 },
          suggestions: [
            {
              messageId: 'guardWithMutex',
              data: { lock: 'cacheLock', start: 'check', readLine: 3 },
              output:
                "import { Mutex } from 'async-guard';\n\nconst cache = new Map();\nconst cacheLock = new Mutex();\nexport async function get(k, load) {\n  await cacheLock.runExclusive(async () => { if (!cache.has(k)) cache.set(k, await load(k)); });\n  return cache.get(k);\n}",
            },
          ],
        },
      ],
    },
  ],
});
