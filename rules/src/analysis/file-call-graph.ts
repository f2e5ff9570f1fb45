import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachChildNode } from './ast-walk.js';
import type { BlockingMatcher } from './blocking-matcher.js';
import type { CallsOf, FollowedCall } from './blocking-chain.js';
import { resolveCall } from './call-target.js';
import { isFunctionNode, type FunctionNode } from './function-nodes.js';
import { synchronousCaller } from './synchronous-callbacks.js';

/**
 * Without types: the calls a function of the current file makes synchronously, resolved by scope
 * analysis. Only functions of this file can be followed.
 */
export function fileCallsOf(sourceCode: Readonly<TSESLint.SourceCode>, matcher: BlockingMatcher, filename: string): CallsOf<FunctionNode> {
  return (fn) => {
    const calls: FollowedCall<FunctionNode>[] = [];
    const visit = (node: TSESTree.Node): void => {
      if (isFunctionNode(node) && node !== fn && !synchronousCaller(node)) return;
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(followedCall(sourceCode, matcher, filename, node));
      forEachChildNode(sourceCode, node, visit);
    };
    visit(fn.body);
    return calls;
  };
}

function followedCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  matcher: BlockingMatcher,
  filename: string,
  call: TSESTree.CallExpression,
): FollowedCall<FunctionNode> {
  const step = { label: sourceCode.getText(call.callee), filename, loc: call.loc };
  const target = resolveCall(sourceCode, undefined, call);
  if (target?.kind === 'module') {
    const api = matcher.match(target, call.arguments.some(isFunctionNode));
    return { ...step, leadsTo: api && { kind: 'blocking', api } };
  }
  if (target?.kind === 'local-in-file' && !target.fn.async && !target.fn.generator) {
    return { ...step, leadsTo: { kind: 'function', fn: target.fn } };
  }
  return { ...step, leadsTo: undefined };
}
