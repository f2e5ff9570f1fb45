import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** Calls `visit` for each direct child node of `node`, in source order. */
export function forEachChildNode(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  visit: (child: TSESTree.Node) => void,
): void {
  for (const key of sourceCode.visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string') {
        visit(child as TSESTree.Node);
      }
    }
  }
}

/** Calls `visit` for `node` and every node below it. */
export function forEachNode(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  visit: (node: TSESTree.Node) => void,
): void {
  visit(node);
  forEachChildNode(sourceCode, node, (child) => forEachNode(sourceCode, child, visit));
}
