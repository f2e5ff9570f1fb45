import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction } from '../analysis/function-nodes.js';
import { independentIterations } from '../analysis/loop-iterations.js';
import { loopHeaderLoc } from '../analysis/loop-header.js';
import { createRule } from '../create-rule.js';
import { helperModuleSchema } from '../fixes/helper-import.js';
import { loopToMapLimit } from '../fixes/loop-to-map-limit.js';

export type Options = [
  {
    /** The concurrency limit that the suggestion writes. */
    limit?: number;
    /** Where the suggestion imports `mapLimit` from. */
    helperModule?: string;
  },
];

export type MessageIds = 'sequentialAwait' | 'useMapLimit';

export default createRule<Options, MessageIds>({
  name: 'no-sequential-await',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow awaiting independent work one element at a time in a loop',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      sequentialAwait:
        "Each iteration of this loop waits for '{{awaited}}' before the next one starts, although no iteration needs anything from another: the loop takes the sum of all the waits instead of a few of them. Run the iterations with bounded concurrency.",
      useMapLimit: 'Run at most {{limit}} iterations at a time with `{{helper}}`, results in the same order.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, description: 'Concurrency limit written by the suggestion (default 8).' },
          helperModule: helperModuleSchema,
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ limit: 8 }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const limit = options.limit ?? 8;
    const reported = new WeakSet<TSESTree.Node>();

    /** A loop inside a loop that is reported already: the outer report covers it. */
    function insideReportedLoop(loop: TSESTree.Node): boolean {
      const fn = enclosingFunction(loop);
      for (let current = loop.parent; current && current !== fn; current = current.parent) {
        if (reported.has(current)) return true;
      }
      return false;
    }

    function check(loop: TSESTree.ForOfStatement | TSESTree.ForStatement): void {
      if (insideReportedLoop(loop)) return;
      const iterations = independentIterations(sourceCode, loop);
      if (!iterations) return;
      reported.add(loop);
      const fix = loopToMapLimit(sourceCode, iterations, limit, options.helperModule);
      context.report({
        node: loop,
        loc: loopHeaderLoc(sourceCode, loop),
        messageId: 'sequentialAwait',
        data: { awaited: awaitedText(sourceCode, iterations.awaited) },
        suggest: fix ? [{ messageId: 'useMapLimit', data: { limit, helper: 'mapLimit' }, fix }] : [],
      });
    }

    return {
      ForOfStatement: check,
      ForStatement: check,
    };
  },
});

/** `fetch(url)` for `await fetch(url)`, cut short; `for await` loops by their collection. */
function awaitedText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.AwaitExpression | TSESTree.ForOfStatement): string {
  const expression = node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node.right;
  const text = sourceCode.getText(expression).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
