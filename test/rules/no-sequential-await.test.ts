import { describe, expect, it } from 'vitest';
import rule from '../../rules/src/rules/no-sequential-await.js';
import { invalid, valid } from './no-sequential-await.cases.js';
import { describeSuggestionChecks, runTable } from './case-table.js';
import { javascriptRuleTester } from './rule-tester.js';
import { applySuggestions, ConcurrencyProbe, delay, runModule } from './run-suggestion.js';

runTable('no-sequential-await', rule, { valid, invalid });

javascriptRuleTester('script').run('no-sequential-await (plain JavaScript, CommonJS)', rule, {
  valid: ['async function all(urls) { let n = 0; for (const url of urls) n += (await fetch(url)).status; return n; }'],
  invalid: [
    {
      code: "const { send } = require('./mail');\nasync function all(people) {\n  for (const person of people) await send(person.email);\n}",
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'sequentialAwait',
          suggestions: [
            {
              messageId: 'useMapLimit',
              data: { limit: 8, helper: 'mapLimit' },
              output:
                "const { send } = require('./mail');\nconst { mapLimit } = require('async-guard');\nasync function all(people) {\n  await mapLimit(people, 8, async (person) => { await send(person.email); });\n}",
            },
          ],
        },
      ],
    },
  ],
});

describeSuggestionChecks('no-sequential-await', { valid, invalid }, { outputs: 10, cases: 40 });


describe('no-sequential-await: the rewritten loop runs', () => {
  const code = `import { process } from './work.js';
export async function processAll(items: number[]) {
  const results: number[] = [];
  for (const item of items) {
    const value = await process(item);
    results.push(value * 10);
  }
  return results;
}`;

  const run = async (source: string, items: number[]) => {
    const probe = new ConcurrencyProbe();
    // Uneven durations, so that later items finish before earlier ones.
    const process = probe.track(async (item: number) => {
      await delay((item * 7) % 5);
      return item;
    });
    const { processAll } = runModule(source, { './work.js': { process } }) as { processAll: (items: number[]) => Promise<number[]> };
    return { results: await processAll(items), probe };
  };

  it('runs up to the limit at once, never more, and returns the same results in the same order', async () => {
    const [fixed] = applySuggestions(rule, code, [{ limit: 4 }]);
    expect(fixed).toContain('const results: number[] = await mapLimit(items, 4, async (item) => {');
    const items = Array.from({ length: 30 }, (_, index) => index);
    const before = await run(code, items);
    const after = await run(fixed!, items);
    expect(before.probe.peak).toBe(1);
    expect(after.probe.peak).toBe(4);
    expect(after.results).toEqual(before.results);
  });

  it('a counted loop with continue visits the same indices', async () => {
    const counted = `import { process } from './work.js';
export async function processAll(items: number[]) {
  const seen: number[] = new Array(items.length).fill(-1);
  for (let i = 2; i <= items.length - 1; i++) {
    if (i % 3 === 0) continue;
    seen[i] = await process(items[i]!);
  }
  return seen;
}`;
    const [fixed] = applySuggestions(rule, counted, [{ limit: 3 }]);
    expect(fixed).toContain('Array.from({ length: (items.length - 1) - 1 }, (_, i) => i + 2)');
    const items = Array.from({ length: 12 }, (_, index) => index * 2);
    const before = await run(counted, items);
    const after = await run(fixed!, items);
    expect(after.results).toEqual(before.results);
    expect(after.probe.peak).toBeLessThanOrEqual(3);
  });
});
