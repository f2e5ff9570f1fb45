import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/**
 * Small edits around an expression that keep it parsing the same way: a prefix operator (`await`,
 * `void`) or a method call appended to it (`.catch(…)`), with parentheses only where needed.
 */

/** Node types that bind more loosely than a prefix operator such as `await` or `void`. */
const LOOSER_THAN_UNARY = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.SequenceExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.YieldExpression,
]);

/** Node types that `.name(…)` can follow as they are. */
const MEMBER_RECEIVERS = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.ThisExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.ImportExpression,
  AST_NODE_TYPES.TSNonNullExpression,
]);

/** Puts `operator ` in front of `node`, wrapping it in parentheses when it binds more loosely. */
export function prefixWith(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  node: TSESTree.Node,
  operator: string,
): TSESLint.RuleFix[] {
  if (ASTUtils.isParenthesized(node, sourceCode) || !LOOSER_THAN_UNARY.has(node.type)) {
    const opening = ASTUtils.isParenthesized(node, sourceCode) ? sourceCode.getTokenBefore(node)! : node;
    return [fixer.insertTextBefore(opening, `${operator} `)];
  }
  return [fixer.insertTextBefore(node, `${operator} (`), fixer.insertTextAfter(node, ')')];
}

/** Appends `.text` to `node`, wrapping it in parentheses when a member access would bind inside it. */
export function appendMember(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  node: TSESTree.Node,
  text: string,
): TSESLint.RuleFix[] {
  if (ASTUtils.isParenthesized(node, sourceCode)) return [fixer.insertTextAfter(sourceCode.getTokenAfter(node)!, text)];
  // `new X(…)` takes a member access as it is; `new X` without parentheses would not.
  const isCompleteNew = node.type === AST_NODE_TYPES.NewExpression && sourceCode.getLastToken(node)?.value === ')';
  if (MEMBER_RECEIVERS.has(node.type) || isCompleteNew) return [fixer.insertTextAfter(node, text)];
  return [fixer.insertTextBefore(node, '('), fixer.insertTextAfter(node, `)${text}`)];
}

/** True when the file is TypeScript, where a fix may write type annotations. */
export function isTypeScriptFile(filename: string): boolean {
  return /\.(c|m)?tsx?$/.test(filename);
}
