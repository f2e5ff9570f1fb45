import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { enclosingFunction, type FunctionNode } from './function-nodes.js';
import { isPromiseContinuation, synchronousCaller } from './synchronous-callbacks.js';
import { returnsThenable } from './thenable-type.js';

/** Why a piece of code counts as asynchronous; `undefined` when it does not. */
export interface AsyncContext {
  /** The function whose body directly contains the node. */
  readonly fn: FunctionNode;
  /** True when `await` may be written at the node: the enclosing function itself is async. */
  readonly canAwait: boolean;
}

/**
 * Decides whether `node` runs as part of asynchronous work, where blocking the thread stalls every
 * other task: inside async functions, arrows, methods and async generators; inside callbacks that
 * those run synchronously (array callbacks, `forEach`, Promise executors); inside `.then`-style
 * continuations; and, with types, inside functions whose return type is a promise. Top-level code
 * and plain synchronous functions are not asynchronous.
 */
export function asyncContextOf(
  node: TSESTree.Node,
  services: ParserServicesWithTypeInformation | undefined,
): AsyncContext | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  if (isAsyncFunction(fn, services)) return { fn, canAwait: fn.async };
  return undefined;
}

function isAsyncFunction(fn: FunctionNode, services: ParserServicesWithTypeInformation | undefined): boolean {
  if (fn.async) return true;
  if (isPromiseContinuation(fn)) return true;
  const caller = synchronousCaller(fn);
  if (caller) {
    const outer = enclosingFunction(caller);
    return outer !== undefined && isAsyncFunction(outer, services);
  }
  if (fn.generator || !services) return false;
  const tsNode = services.esTreeNodeToTSNodeMap.get(fn) as ts.SignatureDeclaration;
  return returnsThenable(services.program.getTypeChecker(), tsNode);
}
