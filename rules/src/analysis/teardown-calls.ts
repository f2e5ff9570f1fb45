import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calledName } from './call-target.js';
import { isFunctionNode } from './function-nodes.js';
import { forEachNodeInSameFunction } from './same-function-walk.js';

/**
 * Methods that release something the program holds (`close`, `destroy`, `endSession`,
 * `stopWorker`, …): closing every client, socket or worker at once is how shutdown is meant to
 * work, and their number is the program's own, not its input's.
 */
const TEARDOWN_METHOD = /^(close|destroy|dispose|abort|cancel|terminate|disconnect|shutdown|stop|kill|release|unsubscribe|end)([A-Z]|$)/;

export function isTeardownCall(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.AwaitExpression) return isTeardownCall(node.argument);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = calledName(node);
  return name !== undefined && TEARDOWN_METHOD.test(name);
}

/** A callback whose only async work is tearing something down: `(client) => client.close()`. */
export function onlyTearsDown(sourceCode: Readonly<TSESLint.SourceCode>, callback: TSESTree.Node): boolean {
  if (!isFunctionNode(callback)) return false;
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return isTeardownCall(callback.body);
  const work: TSESTree.Node[] = [];
  forEachNodeInSameFunction(sourceCode, callback.body, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression) work.push(node.argument);
    else if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument?.type === AST_NODE_TYPES.CallExpression) work.push(node.argument);
  });
  return work.length > 0 && work.every(isTeardownCall);
}
