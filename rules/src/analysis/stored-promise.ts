import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { PromiseFacts } from './promise-facts.js';

/**
 * True when `declarator` stores a promise in a local variable that no code ever hands on: it is
 * never awaited, returned, chained, passed to a call or stored elsewhere, so nothing can observe
 * its rejection. Reads that only look at it (a condition, `typeof`, a comparison) do not count.
 * Exported variables are left alone: their readers live in other files.
 */
export function isStoredPromiseDropped(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declarator: TSESTree.VariableDeclarator,
  facts: PromiseFacts,
): boolean {
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind === 'using' || declaration.kind === 'await using') return false;
  if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  if (declaration.parent.type === AST_NODE_TYPES.ForOfStatement || declaration.parent.type === AST_NODE_TYPES.ForInStatement) return false;
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  if (!variable || variable.scope.type === 'global' && sourceCode.ast.sourceType === 'script') return false;
  if (!facts.valueShape(declarator.init!).maybe && !facts.valueShape(declarator.init!).array) return false;
  return !variable.references.some((reference) => reference.isRead() && handsOn(reference.identifier as TSESTree.Node));
}

/** Whether this read passes the promise on to something that can await or handle it. */
function handsOn(identifier: TSESTree.Node): boolean {
  let node = identifier;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSAsExpression)) {
    node = parent;
    parent = parent.parent;
  }
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== node;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'void';
    case AST_NODE_TYPES.BinaryExpression:
      return false;
    case AST_NODE_TYPES.TemplateLiteral:
      return false;
    case AST_NODE_TYPES.ExpressionStatement:
      return false;
    default:
      return true;
  }
}
