import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from './function-nodes.js';

/**
 * Methods that call their callback before they return (arrays, typed arrays, Map and Set), so the
 * callback runs inside whatever code called the method.
 */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'forEach',
  'map',
  'reduce',
  'reduceRight',
  'some',
  'sort',
  'toSorted',
]);

export function isSynchronousCallbackMethod(name: string): boolean {
  return SYNCHRONOUS_CALLBACK_METHODS.has(name);
}

/** Methods whose callbacks run later, as promise continuations of the surrounding async flow. */
const CONTINUATION_METHODS = new Set(['then', 'catch', 'finally']);

function calleeMethodName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  if (callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string') {
    return callee.property.value;
  }
  return undefined;
}

/** The call that receives `fn` as an argument, if any. */
function receivingCall(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  const parent = fn.parent;
  if (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    (parent.arguments as TSESTree.Node[]).includes(fn)
  ) {
    return parent;
  }
  return undefined;
}

/**
 * The call that runs `fn` synchronously, when `fn` is an array-style callback, an `Array.from`
 * mapper or a Promise executor; its surroundings decide whether `fn` runs in async code.
 */
export function synchronousCaller(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  const call = receivingCall(fn);
  if (!call) return undefined;
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const isPromiseExecutor =
      call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'Promise' && call.arguments[0] === fn;
    return isPromiseExecutor ? call : undefined;
  }
  const method = calleeMethodName(call);
  if (method && SYNCHRONOUS_CALLBACK_METHODS.has(method)) return call;
  if (
    method === 'from' &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    call.callee.object.type === AST_NODE_TYPES.Identifier &&
    call.callee.object.name === 'Array' &&
    call.arguments[1] === fn
  ) {
    return call;
  }
  return undefined;
}

/** True when `fn` is a `.then`/`.catch`/`.finally` callback: it runs as part of an async flow. */
export function isPromiseContinuation(fn: FunctionNode): boolean {
  const call = receivingCall(fn);
  if (!call || call.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = calleeMethodName(call);
  return method !== undefined && CONTINUATION_METHODS.has(method);
}
