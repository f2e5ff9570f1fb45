import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, type FunctionNode } from './function-nodes.js';
import { isSynchronousCallbackMethod } from './synchronous-callbacks.js';

/**
 * The function that hands `fn` to a call and waits for that call's result on the spot:
 * `return tracer.withSpan(name, async () => { … })` in an async function, `await db.transaction(async (tx) => { … })`,
 * `await new Promise(async (resolve) => { … })`, `await (async () => { … })()`. Such a callback
 * runs for one call of that function, so the variables that call declares are not shared with
 * other runs. Callbacks whose calls are not waited for (`emitter.on`, `setInterval`, route
 * registration) or that run once per element (`items.map`) may overlap, and get no answer here.
 */
export function callerWaitingFor(fn: FunctionNode): FunctionNode | undefined {
  const call = fn.parent;
  const receives =
    (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) &&
    ((call.arguments as TSESTree.Node[]).includes(fn) || call.callee === fn);
  if (!receives || isIterationCall(call)) return undefined;
  let user: TSESTree.Node = call;
  while (user.parent && isTransparent(user.parent)) user = user.parent;
  const parent = user.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return enclosingFunction(call);
  // An async function that returns the call's result settles with it: its caller waits for it.
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === user) return parent.async ? parent : undefined;
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  const caller = enclosingFunction(call);
  return caller?.async ? caller : undefined;
}

function isIterationCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return false;
  const name = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  return name !== undefined && (isSynchronousCallbackMethod(name) || name === 'from');
}

function isTransparent(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.ChainExpression
  );
}
