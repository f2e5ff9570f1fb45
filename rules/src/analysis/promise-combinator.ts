import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from './binding-origin.js';

export type CombinatorName = 'all' | 'allSettled' | 'any' | 'race';

const COMBINATORS = new Set<string>(['all', 'allSettled', 'any', 'race']);

/** `all` for `Promise.all(…)` on the global `Promise` (not a local variable of that name). */
export function promiseCombinator(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): CombinatorName | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (callee.object.name !== 'Promise') return undefined;
  const name = propertyName(callee);
  if (name === undefined || !COMBINATORS.has(name)) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee.object), callee.object);
  if (variable && variable.defs.length > 0) return undefined;
  return name as CombinatorName;
}

/** The expression under type assertions and non-null assertions: `x` in `(x as T)!`. */
export function withoutTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}
