import { describe, expect, it } from 'vitest';
import rule from '../../rules/src/rules/no-unbounded-concurrency.js';
import { invalid, valid } from './no-unbounded-concurrency.cases.js';
import { describeSuggestionChecks, runTable } from './case-table.js';
import { javascriptRuleTester } from './rule-tester.js';
import { applySuggestions, ConcurrencyProbe, delay, runModule } from './run-suggestion.js';

runTable('no-unbounded-concurrency', rule, { valid, invalid });

javascriptRuleTester('script').run('no-unbounded-concurrency (plain JavaScript, CommonJS)', rule, {
  valid: ["async function all() { return Promise.all(['a', 'b'].map((x) => fetch(x))); }"],
  invalid: [
    {
      code: "'use strict';\nasync function all(urls) { return Promise.all(urls.map(async (url) => (await fetch(url)).json())); }",
      // The tester passes `sourceType: 'module'` to the parser unless the case says otherwise.
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'unboundedMap',
          suggestions: [
            {
              messageId: 'useMapLimit',
              data: { limit: 8, replacement: 'mapLimit(urls, 8, …)' },
              output:
                "'use strict';\nconst { mapLimit } = require('async-guard');\nasync function all(urls) { return mapLimit(urls, 8, async (url) => (await fetch(url)).json()); }",
            },
          ],
        },
      ],
    },
  ],
});

javascriptRuleTester('module').run('no-unbounded-concurrency (plain JavaScript modules)', rule, {
  valid: ['export const all = (xs) => Promise.all(xs.map((x) => x + 1));'],
  invalid: [
    {
      code: 'export async function all(xs) { const out = []; for (const x of xs) out.push(fetch(x)); return Promise.all(out); }',
      errors: [{ messageId: 'unboundedLoop' }],
    },
  ],
});

describeSuggestionChecks('no-unbounded-concurrency', { valid, invalid }, { outputs: 10, cases: 40 });

describe('no-unbounded-concurrency: the rewritten code runs', () => {
  const code = `import { process } from './work.js';
export async function processAll(items: number[]) {
  return Promise.all(items.map(async (item) => {
    const value = await process(item);
    return value * 10;
  }));
}`;

  it('never runs more than the limit at once and keeps the results in order', async () => {
    const [fixed] = applySuggestions(rule, code, [{ limit: 3 }]);
    expect(fixed).toContain('mapLimit(items, 3,');
    const items = Array.from({ length: 40 }, (_, index) => index);

    const run = async (source: string) => {
      const probe = new ConcurrencyProbe();
      // Uneven durations, so that later items finish before earlier ones.
      const process = probe.track(async (item: number) => {
        await delay((item * 7) % 5);
        return item;
      });
      const { processAll } = runModule(source, { './work.js': { process } }) as { processAll: (items: number[]) => Promise<number[]> };
      const results = await processAll(items);
      return { results, probe };
    };

    const before = await run(code);
    const after = await run(fixed!);
    expect(before.probe.peak).toBe(40);
    expect(after.probe.peak).toBeLessThanOrEqual(3);
    expect(after.probe.peak).toBeGreaterThan(1);
    expect(after.probe.calls).toBe(40);
    expect(after.results).toEqual(items.map((item) => item * 10));
    expect(after.results).toEqual(before.results);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const [fixed] = applySuggestions(rule, code);
    const probe = new ConcurrencyProbe();
    const process = probe.track(async (item: number) => {
      await delay(1);
      if (item === 2) throw new Error('item 2 failed');
      return item;
    });
    const { processAll } = runModule(fixed!, { './work.js': { process } }) as { processAll: (items: number[]) => Promise<number[]> };
    await expect(processAll(Array.from({ length: 100 }, (_, index) => index))).rejects.toThrow('item 2 failed');
    expect(probe.calls).toBeLessThan(100);
  });
});
