import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { loopHeaderLoc } from '../analysis/loop-header.js';
import { retryLoopOf, type RetryLoop } from '../analysis/retry-loop.js';
import { createRule } from '../create-rule.js';
import { helperModuleSchema } from '../fixes/helper-import.js';
import { retrySuggestion } from '../fixes/retry-suggestion.js';

export type Options = [
  {
    /** How many retries the suggestion allows when the loop itself had no limit. */
    retries?: number;
    /** Also report loops whose `catch` retries every error without looking at it. */
    checkErrorFilter?: boolean;
    /** Where the suggestion imports `retry` from. */
    helperModule?: string;
  },
];

export type MessageIds = 'retryWithoutBackoff' | 'useRetry';

const PROBLEMS: Record<'immediate' | 'unbounded' | 'everyError', string> = {
  immediate: 'tries again at once with no delay, hitting a struggling service again at full speed',
  unbounded: 'never gives up, so a lasting failure keeps it spinning forever',
  everyError: 'retries every error, including bugs such as a TypeError that fail the same way every time',
};

export default createRule<Options, MessageIds>({
  name: 'no-retry-without-backoff',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow retry loops that retry at once, forever, or on every error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      retryWithoutBackoff:
        "This loop retries '{{call}}' when it fails, but it {{problems}}. Retry with growing delays, a limited number of attempts, and only for errors that can go away.",
      useRetry: 'Use `retry(…, { retries: {{retries}} })`: exponential backoff with jitter, at most {{retries}} retries.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          retries: {
            type: 'integer',
            minimum: 0,
            description: 'Retries written by the suggestion when the loop had no limit of its own (default 3).',
          },
          checkErrorFilter: {
            type: 'boolean',
            description: 'Also report retry loops that retry every error without looking at it (default true).',
          },
          helperModule: helperModuleSchema,
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ retries: 3, checkErrorFilter: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    function check(loop: TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement): void {
      const retryLoop = retryLoopOf(sourceCode, loop);
      if (!retryLoop) return;
      const problems = problemsOf(retryLoop, options.checkErrorFilter !== false);
      if (problems.length === 0) return;
      const suggestion = retrySuggestion(sourceCode, retryLoop, options.retries ?? 3, options.helperModule);
      context.report({
        node: loop,
        loc: loopHeaderLoc(sourceCode, loop),
        messageId: 'retryWithoutBackoff',
        data: { call: awaitedText(sourceCode, retryLoop.awaited), problems: joinWords(problems) },
        suggest: suggestion ? [{ messageId: 'useRetry', data: { retries: suggestion.retries }, fix: suggestion.fix }] : [],
      });
    }

    return {
      ForStatement: check,
      WhileStatement: check,
      DoWhileStatement: check,
    };
  },
});

function problemsOf(retryLoop: RetryLoop, checkErrorFilter: boolean): string[] {
  const problems: string[] = [];
  if (retryLoop.immediate) problems.push(PROBLEMS.immediate);
  if (retryLoop.unbounded) problems.push(PROBLEMS.unbounded);
  if (checkErrorFilter && retryLoop.everyError) problems.push(PROBLEMS.everyError);
  return problems;
}

/** `a`, `a; and b`, `a; b; and c` (the parts have commas of their own). */
function joinWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}`;
}

function awaitedText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.AwaitExpression): string {
  const text = sourceCode.getText(node.argument).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
