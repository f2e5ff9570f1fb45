import { AST_NODE_TYPES, type JSONSchema, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { asyncContextOf } from '../analysis/async-context.js';
import { BlockingChainFinder, type BlockingChain } from '../analysis/blocking-chain.js';
import { BlockingMatcher, type ModuleApis } from '../analysis/blocking-matcher.js';
import { isBusyWaitLoop, type LoopNode } from '../analysis/busy-wait.js';
import { loopHeaderLoc } from '../analysis/loop-header.js';
import { calledName, resolveCall, type CallTarget } from '../analysis/call-target.js';
import { fileCallsOf } from '../analysis/file-call-graph.js';
import { isFunctionNode, type FunctionNode } from '../analysis/function-nodes.js';
import { GLOBAL_MODULE, type ModuleOrigin } from '../analysis/module-origin.js';
import { typeServicesOf } from '../analysis/type-services.js';
import { runsToCompletion, typedCallsOf } from '../analysis/typed-call-graph.js';
import { createRule } from '../create-rule.js';
import { promiseApiSuggestion } from '../fixes/promise-api-suggestion.js';
import { reportWithRelated, type RelatedLocation } from '../related-locations.js';

export type Options = [
  {
    /** More APIs to treat as blocking, by module and export name (`Database.exec` for a method). */
    additional?: ModuleApis[];
    /** Names to skip everywhere (`'existsSync'`), or only in one module (`{ module, names }`). */
    allow?: (string | ModuleApis)[];
    /** How many plain functions deep to follow calls from async code; 0 turns it off. */
    followCalls?: number;
  },
];

export type MessageIds = 'blocking' | 'blockingChain' | 'busyWait' | 'usePromiseApi';

const moduleApisSchema: JSONSchema.JSONSchema4 = {
  type: 'object',
  properties: {
    module: { type: 'string', description: 'Module specifier, e.g. "fs" or "better-sqlite3".' },
    names: { type: 'array', items: { type: 'string' }, description: 'Export names, e.g. "readFileSync" or "Database.exec".' },
  },
  required: ['module', 'names'],
  additionalProperties: false,
};

export default createRule<Options, MessageIds>({
  name: 'no-blocking-in-async',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow calls that block the event loop inside async code',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      blocking:
        "'{{name}}'{{alias}} {{reason}}, which blocks the event loop inside async code: no other request, timer or callback runs until it returns.",
      blockingChain:
        "'{{name}}' blocks the event loop inside async code: it calls {{chain}}, and '{{blocker}}' {{reason}}.",
      busyWait:
        'This loop waits for time to pass by reading the clock over and over, which blocks the event loop for the whole wait. Await a timer instead (`await sleep(ms)` or `await new Promise((resolve) => setTimeout(resolve, ms))`).',
      usePromiseApi: "Use the non-blocking form: '{{replacement}}'.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          additional: { type: 'array', items: moduleApisSchema, description: 'More APIs to treat as blocking.' },
          allow: {
            type: 'array',
            items: { oneOf: [{ type: 'string' }, moduleApisSchema] },
            description: 'APIs not to report.',
          },
          followCalls: {
            type: 'integer',
            minimum: 0,
            description: 'Depth to follow plain functions called from async code (0 = off).',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ additional: [], allow: [], followCalls: 0 }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const services = typeServicesOf(context);
    const matcher = new BlockingMatcher(options);
    const followDepth = options.followCalls ?? 0;
    const typedChains =
      services && followDepth > 0 ? new BlockingChainFinder<ts.FunctionLikeDeclaration>(typedCallsOf(services.program, matcher)) : undefined;
    const fileChains =
      !services && followDepth > 0 ? new BlockingChainFinder<FunctionNode>(fileCallsOf(sourceCode, matcher, context.filename)) : undefined;

    function reportDirect(call: TSESTree.CallExpression, origin: ModuleOrigin): void {
      const api = matcher.match(origin, call.arguments.some(isFunctionNode));
      if (!api) return;
      const asyncContext = asyncContextOf(call, services);
      if (!asyncContext) return;
      const suggestion = asyncContext.canAwait ? promiseApiSuggestion(sourceCode, call, api, origin) : undefined;
      context.report({
        node: call,
        messageId: 'blocking',
        data: { name: sourceCode.getText(call.callee), alias: aliasNote(sourceCode, call, origin), reason: api.reason },
        suggest: suggestion
          ? [{ messageId: 'usePromiseApi', data: { replacement: suggestion.replacement }, fix: suggestion.fix }]
          : [],
      });
    }

    function chainFor(target: CallTarget): BlockingChain | undefined {
      if (target.kind === 'local' && typedChains && runsToCompletion(target.declaration)) {
        return typedChains.find(target.declaration, followDepth);
      }
      if (target.kind === 'local-in-file' && fileChains && !target.fn.async && !target.fn.generator) {
        return fileChains.find(target.fn, followDepth);
      }
      return undefined;
    }

    function reportChain(call: TSESTree.CallExpression, chain: BlockingChain): void {
      if (!asyncContextOf(call, services)) return;
      const first = sourceCode.getText(call.callee);
      const labels = [first, ...chain.steps.map((step) => step.label)].map((label) => `${label}()`);
      const blocker = chain.steps[chain.steps.length - 1]!;
      const related: RelatedLocation[] = chain.steps.map((step, index) => ({
        filename: step.filename,
        loc: step.loc,
        message:
          index === chain.steps.length - 1
            ? `'${step.label}' ${chain.api.reason}`
            : `'${labels[index]}' calls '${step.label}()' here`,
      }));
      reportWithRelated(
        context,
        {
          node: call,
          messageId: 'blockingChain',
          data: { name: `${first}()`, chain: labels.join(' → '), blocker: blocker.label, reason: chain.api.reason },
        },
        related,
      );
    }

    return {
      CallExpression(call) {
        // Resolving a plain identifier is a cheap scope lookup, and it may be a renamed import;
        // a property access needs the object's type, so it is resolved only when its name looks
        // blocking (or when call chains are followed).
        const name = calledName(call);
        const cheap = call.callee.type === AST_NODE_TYPES.Identifier;
        if (!cheap && followDepth === 0 && !(name !== undefined && matcher.mightMatch(name))) return;
        const target = resolveCall(sourceCode, services, call);
        if (!target) return;
        if (target.kind === 'module') {
          reportDirect(call, target);
          return;
        }
        const chain = chainFor(target);
        if (chain) reportChain(call, chain);
      },
      'WhileStatement, DoWhileStatement, ForStatement'(loop: LoopNode) {
        if (isBusyWaitLoop(sourceCode, loop) && asyncContextOf(loop, services)) {
          context.report({ node: loop, loc: loopHeaderLoc(sourceCode, loop), messageId: 'busyWait' });
        }
      },
    };
  },
});

/** Where the callee comes from, when the name as written hides it: ` (fs.readFileSync)` for `r(…)`. */
function aliasNote(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, origin: ModuleOrigin): string {
  const written = sourceCode.getText(call.callee);
  const name = origin.path[origin.path.length - 1];
  if (name === undefined || written === name || written.endsWith(`.${name}`)) return '';
  const qualified = origin.module === GLOBAL_MODULE ? origin.path : [origin.module, ...origin.path];
  return ` (${qualified.join('.')})`;
}
