import type { TSESLint } from '@typescript-eslint/utils';

type RuleEntries = Record<string, TSESLint.SharedConfig.RuleEntry>;

/**
 * `recommended`: high-precision rules that work without type information.
 * `recommended-type-checked`: the same plus rules and options that need types to be precise.
 * `strict`: everything, with the deeper (slower) analyses switched on.
 */
export const recommendedRules: RuleEntries = {
  'async-guard/no-blocking-in-async': ['error', { followCalls: 0 }],
  'async-guard/no-unguarded-shared-mutation': 'error',
  'async-guard/no-unbounded-concurrency': 'error',
  'async-guard/require-timeout': 'error',
  'async-guard/no-retry-without-backoff': ['error', { checkErrorFilter: false }],
  'async-guard/no-floating-promise': 'error',
  'async-guard/no-misused-promise': 'error',
};

export const recommendedTypeCheckedRules: RuleEntries = {
  ...recommendedRules,
};

export const strictRules: RuleEntries = {
  ...recommendedTypeCheckedRules,
  'async-guard/no-blocking-in-async': ['error', { followCalls: 3 }],
  'async-guard/no-retry-without-backoff': ['error', { checkErrorFilter: true }],
  'async-guard/no-sequential-await': 'error',
};
