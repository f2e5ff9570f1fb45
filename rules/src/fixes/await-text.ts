import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/**
 * `await <text>` as a replacement for `node`, in parentheses where the parent would otherwise bind
 * tighter than `await` (`readFileSync(p).length` → `(await readFile(p)).length`).
 */
export function awaitedReplacement(node: TSESTree.Node, text: string): string {
  const awaited = `await ${text}`;
  return needsParentheses(node) ? `(${awaited})` : awaited;
}

function needsParentheses(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === node;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === node;
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return true;
    default:
      return false;
  }
}
