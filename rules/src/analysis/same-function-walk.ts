import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachChildNode } from './ast-walk.js';
import { isFunctionNode } from './function-nodes.js';

/**
 * Calls `visit` for `root` and every node below it that runs as part of the same function call:
 * nested functions and class bodies are not entered, because their `await`, `return` and
 * `break` belong to them. `visit` may return false to skip the children of a node.
 */
export function forEachNodeInSameFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean | void,
): void {
  const walk = (node: TSESTree.Node): void => {
    if (visit(node) === false) return;
    forEachChildNode(sourceCode, node, (child) => {
      if (!isFunctionNode(child) && child.type !== AST_NODE_TYPES.ClassBody) walk(child);
    });
  };
  walk(root);
}

/** The `await` expressions (and `for await` loops) that run directly in `root`'s function. */
export function awaitsInSameFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
): (TSESTree.AwaitExpression | TSESTree.ForOfStatement)[] {
  const found: (TSESTree.AwaitExpression | TSESTree.ForOfStatement)[] = [];
  forEachNodeInSameFunction(sourceCode, root, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) {
      found.push(node);
    }
  });
  return found;
}
