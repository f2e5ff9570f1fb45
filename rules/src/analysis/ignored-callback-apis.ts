import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from './binding-origin.js';
import type { UntypedPromises } from './untyped-promises.js';

/** Methods that call a callback argument and ignore what it returns, by argument position. */
const IGNORING_METHODS = new Map<string, number>([
  ['forEach', 0],
  ['addEventListener', 1],
  ['on', 1],
  ['once', 1],
  ['addListener', 1],
  ['prependListener', 1],
  ['prependOnceListener', 1],
]);

/** Global functions that call a callback argument and ignore what it returns. */
const IGNORING_GLOBALS = new Map<string, number>([
  ['setTimeout', 0],
  ['setInterval', 0],
  ['setImmediate', 0],
  ['queueMicrotask', 0],
]);

/**
 * Without types: true when argument `index` of `call` goes to a well-known API that ignores its
 * callback's result (`forEach`, event listeners, timers, `process.nextTick`), so an async callback's
 * promise and errors are dropped there.
 */
export function ignoresCallbackResult(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, untyped: UntypedPromises): boolean {
  const callee = call.callee;
  if (call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(callee);
    if (name === 'nextTick') return index === 0 && untyped.isGlobal(callee.object, 'process');
    return name !== undefined && IGNORING_METHODS.get(name) === index;
  }
  if (callee.type === AST_NODE_TYPES.Identifier && IGNORING_GLOBALS.get(callee.name) === index) return untyped.isGlobal(callee, callee.name);
  return false;
}
