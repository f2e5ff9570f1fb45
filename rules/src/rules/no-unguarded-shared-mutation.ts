import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../analysis/function-nodes.js';
import { LockGuards } from '../analysis/lock-guards.js';
import { LockKinds } from '../analysis/lock-kind.js';
import { sharedAccessListeners } from '../analysis/shared-access-events.js';
import type { Finding } from '../analysis/stale-value-flow.js';
import { typeServicesOf } from '../analysis/type-services.js';
import { createRule } from '../create-rule.js';
import { guardWithMutex } from '../fixes/guard-with-mutex.js';
import { reportWithRelated } from '../related-locations.js';

export type Options = [
  {
    /** Also report a change made on the strength of a check that an await has made stale. */
    checkThenAct?: boolean;
    /** Functions or methods that run their callback under a lock (`withLock`, `this.queue.add`). */
    guards?: string[];
    /** Module the suggestion imports `Mutex` from. */
    helperModule?: string;
  },
];

export type MessageIds = 'lostUpdate' | 'checkThenAct' | 'guardWithMutex';

export default createRule<Options, MessageIds>({
  name: 'no-unguarded-shared-mutation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow updates of shared state that rest on a value read before an await',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      lostUpdate:
        "'{{name}}' is written from a value read on line {{readLine}}, before the {{pause}} on line {{pauseLine}}. While this function waits, other code can change '{{name}}', and this write then undoes that change (a lost update). Read it again after the {{pause}}, or hold a lock from the read to the write.",
      checkThenAct:
        "'{{name}}' is changed on the strength of a check on line {{readLine}}, made before the {{pause}} on line {{pauseLine}}. While this function waits, other code can pass the same check and act too. Check again after the {{pause}}, or hold a lock from the check to the change.",
      guardWithMutex: "Hold a lock ('{{lock}}') from the {{start}} on line {{readLine}} to this write.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkThenAct: { type: 'boolean', description: 'Report changes made on the strength of a check made before an await.' },
          guards: {
            type: 'array',
            items: { type: 'string' },
            description: 'Functions or methods whose callbacks run under a lock: a plain name matches calls and methods of that name, a dotted name matches that callee exactly.',
          },
          helperModule: { type: 'string', description: "Module the suggestion imports Mutex from (default 'async-guard')." },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ checkThenAct: true, guards: [], helperModule: 'async-guard' }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const services = typeServicesOf(context);
    const guards = new LockGuards(sourceCode, new LockKinds(sourceCode, services), options.guards ?? []);
    const helperModule = options.helperModule ?? 'async-guard';

    function report(fn: FunctionNode, findings: Finding[]): void {
      const kept = findings
        .filter((finding) => options.checkThenAct !== false || finding.kind === 'lostUpdate')
        .filter((finding) => !guards.isInsideOneSpan(fn, finding.read, finding.write))
        .sort((a, b) => a.write.range[0] - b.write.range[0]);
      for (const finding of kept) {
        const name = finding.location.name;
        const pause = pauseWord(finding.suspension);
        const readLine = finding.read.loc.start.line;
        const suggestion = guardWithMutex(sourceCode, fn, finding, helperModule);
        reportWithRelated(
          context,
          {
            node: finding.write,
            messageId: finding.kind,
            data: { name, readLine, pause, pauseLine: finding.suspension.loc.start.line },
            suggest: suggestion
              ? [
                  {
                    messageId: 'guardWithMutex',
                    data: { lock: suggestion.lockName, start: finding.kind === 'lostUpdate' ? 'read' : 'check', readLine },
                    fix: suggestion.fix,
                  },
                ]
              : [],
          },
          [
            { filename: context.filename, loc: finding.read.loc, message: finding.kind === 'lostUpdate' ? `'${name}' is read here` : `'${name}' is checked here` },
            { filename: context.filename, loc: suspensionLoc(sourceCode, finding.suspension), message: `the function waits here, and other code can change '${name}' meanwhile` },
          ],
        );
      }
    }

    return sharedAccessListeners(sourceCode, services, guards, report);
  },
});

function pauseWord(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.YieldExpression) return 'yield';
  if (node.type === AST_NODE_TYPES.ForOfStatement) return '`for await` step';
  return 'await';
}

/** An await is shown as itself; a `for await` loop by its head, not its whole body. */
function suspensionLoc(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.SourceLocation {
  if (node.type !== AST_NODE_TYPES.ForOfStatement) return node.loc;
  return { start: node.loc.start, end: sourceCode.getTokenBefore(node.body)?.loc.end ?? node.loc.end };
}
