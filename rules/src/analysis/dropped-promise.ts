import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { propertyName } from './binding-origin.js';
import type { PromiseFacts } from './promise-facts.js';

/** Why the value of an expression statement drops a promise. */
export type DropKind =
  /** A promise nobody awaits or handles. */
  | 'promise'
  /** An array (or tuple) of such promises. */
  | 'array'
  /** A `.catch(x)`/`.then(f, x)` whose rejection handler is not a function, so it handles nothing. */
  | 'uselessHandler';

export interface DroppedPromise {
  readonly kind: DropKind;
  /** The part of the statement that holds the promise (a branch of a ternary, say). */
  readonly node: TSESTree.Expression;
}

/**
 * Finds a promise whose value and rejection an expression drops: the statement's value itself, a
 * branch of `a ? b : c` or `a || b`, an item of `a, b`, the receiver of `.finally(…)`. Assignments,
 * `await`, `.catch(f)` and `.then(f, g)` handle it; so does `void` when `ignoreVoid` is set.
 */
export function droppedPromise(node: TSESTree.Expression, facts: PromiseFacts, ignoreVoid: boolean): DroppedPromise | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.ChainExpression:
      return droppedPromise(node.expression, facts, ignoreVoid);
    case AST_NODE_TYPES.AssignmentExpression:
      return undefined;
    case AST_NODE_TYPES.SequenceExpression:
      for (const item of node.expressions) {
        const found = droppedPromise(item, facts, ignoreVoid);
        if (found) return found;
      }
      return undefined;
    case AST_NODE_TYPES.UnaryExpression:
      if (node.operator === 'void') return ignoreVoid ? undefined : droppedPromise(node.argument, facts, ignoreVoid);
      return undefined;
    case AST_NODE_TYPES.ConditionalExpression:
      return droppedPromise(node.alternate, facts, ignoreVoid) ?? droppedPromise(node.consequent, facts, ignoreVoid);
    case AST_NODE_TYPES.LogicalExpression:
      // `a && b` yields `a` only when it is falsy, and a promise never is.
      if (node.operator === '&&') return droppedPromise(node.right, facts, ignoreVoid);
      return droppedPromise(node.left, facts, ignoreVoid) ?? droppedPromise(node.right, facts, ignoreVoid);
    case AST_NODE_TYPES.AwaitExpression:
      // An awaited promise is handled. Only an awaited array of promises (`await items.map(save)`)
      // still drops them; asking what any other awaited call returns would cost a full type
      // resolution of that call for nothing.
      if (!mayHoldPromises(node.argument)) return undefined;
      break;
    default:
      break;
  }
  const shape = facts.valueShape(node);
  if (shape.array) return { kind: 'array', node };
  if (!shape.maybe || node.type === AST_NODE_TYPES.AwaitExpression) return undefined;
  if (node.type === AST_NODE_TYPES.CallExpression) return droppedByChain(node, facts, ignoreVoid);
  return { kind: 'promise', node };
}

/** Array-producing methods whose result may be an array of promises. */
const ARRAY_METHODS = new Set(['map', 'flatMap', 'filter', 'concat', 'slice', 'from', 'of']);

/** Awaited expressions that may be arrays of promises: array literals, variables, array-producing calls. */
function mayHoldPromises(node: TSESTree.Expression): boolean {
  if (node.type === AST_NODE_TYPES.ArrayExpression || node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(node.callee);
  return method !== undefined && ARRAY_METHODS.has(method);
}

/** `.catch(f)` and `.then(f, g)` handle a rejection; `.then(f)` does not; `.finally(f)` passes it on. */
function droppedByChain(call: TSESTree.CallExpression, facts: PromiseFacts, ignoreVoid: boolean): DroppedPromise | undefined {
  const method = call.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(call.callee) : undefined;
  const handler = rejectionHandler(call, method);
  if (handler) return isFunctionValue(handler, facts) ? undefined : { kind: 'uselessHandler', node: call };
  if (method === 'finally' && call.callee.type === AST_NODE_TYPES.MemberExpression && call.arguments.length > 0) {
    return droppedPromise(call.callee.object, facts, ignoreVoid) && { kind: 'promise', node: call };
  }
  return { kind: 'promise', node: call };
}

function rejectionHandler(call: TSESTree.CallExpression, method: string | undefined): TSESTree.Node | undefined {
  if (method === 'catch') return call.arguments[0];
  if (method === 'then') return call.arguments[1];
  return undefined;
}

function isFunctionValue(node: TSESTree.Node, facts: PromiseFacts): boolean {
  if (node.type === AST_NODE_TYPES.SpreadElement) return true;
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) return true;
  if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) return false;
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') return false;
  if (!facts.oracle) return true;
  const type = facts.oracle.checker.getTypeAtLocation(facts.tsNode<ts.Node>(node));
  return type.getCallSignatures().length > 0 || facts.oracle.checker.getApparentType(type).getCallSignatures().length > 0;
}
