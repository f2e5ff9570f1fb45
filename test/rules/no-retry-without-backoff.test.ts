import { afterEach, describe, expect, it, vi } from 'vitest';
import rule from '../../rules/src/rules/no-retry-without-backoff.js';
import { invalid, valid } from './no-retry-without-backoff.cases.js';
import { describeSuggestionChecks, runTable } from './case-table.js';
import { javascriptRuleTester } from './rule-tester.js';
import { applySuggestions, runModule } from './run-suggestion.js';

runTable('no-retry-without-backoff', rule, { valid, invalid });

javascriptRuleTester('script').run('no-retry-without-backoff (plain JavaScript, CommonJS)', rule, {
  valid: ["const { retry } = require('async-guard');\nasync function load(url) { return retry(() => fetch(url)); }"],
  invalid: [
    {
      code: "async function load(url) {\n  while (true) {\n    try {\n      return await fetch(url);\n    } catch (e) {}\n  }\n}",
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'retryWithoutBackoff',
          suggestions: [
            {
              messageId: 'useRetry',
              data: { retries: '3' },
              output: "const { retry } = require('async-guard');\n\nasync function load(url) {\n  return await retry(() => fetch(url), { retries: 3 });\n}",
            },
          ],
        },
      ],
    },
  ],
});

describeSuggestionChecks('no-retry-without-backoff', { valid, invalid }, { outputs: 6, cases: 40 });



describe('no-retry-without-backoff: the rewritten loop backs off and stops', () => {
  const code = `import { call } from './work.js';
export async function load(): Promise<string> {
  while (true) {
    try {
      return await call();
    } catch {}
  }
}`;

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A call that fails `failures` times, then succeeds; records when each attempt started. */
  function flaky(failures: number) {
    const startedAt: number[] = [];
    const call = async () => {
      startedAt.push(Date.now());
      if (startedAt.length <= failures) throw new Error(`attempt ${startedAt.length} failed`);
      return 'ok';
    };
    return { call, startedAt };
  }

  it('waits longer before each retry', async () => {
    // Full jitter draws each delay from 0 to the backoff: pin it halfway to measure it.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const [fixed] = applySuggestions(rule, code);
    const { call, startedAt } = flaky(3);
    const { load } = runModule(fixed!, { './work.js': { call } }) as { load: () => Promise<string> };
    await expect(load()).resolves.toBe('ok');
    expect(startedAt).toHaveLength(4);
    const gaps = startedAt.slice(1).map((at, index) => at - startedAt[index]!);
    // Backoff 100, 200, 400 ms at half jitter: about 50, 100, 200 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(195);
  });

  it('gives up after the retries instead of spinning forever', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const [fixed] = applySuggestions(rule, code, [{ retries: 2 }]);
    const { call, startedAt } = flaky(Infinity);
    const { load } = runModule(fixed!, { './work.js': { call } }) as { load: () => Promise<string> };
    await expect(load()).rejects.toThrow('attempt 3 failed');
    expect(startedAt).toHaveLength(3);
  });
});
