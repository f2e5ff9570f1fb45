import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isInside } from './this-binding.js';

/** A construct that runs some code only when a condition holds (or does not). */
export type ConditionNode =
  | TSESTree.IfStatement
  | TSESTree.ConditionalExpression
  | TSESTree.LogicalExpression
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement
  | TSESTree.ForStatement
  /** `x ??= v`, `x ||= v`, `x &&= v`: the write happens only when the check on `x` says so. */
  | TSESTree.AssignmentExpression;

/**
 * Whether `node` runs only because of how `condition` came out: inside a branch of the `if` or
 * `?:`, the right side of `&&`/`||`/`??`, a loop body, or a logical assignment itself; and after
 * `if (…) return;` (a branch that cannot fall through), the statements that follow it in the same
 * block. A write that merely comes later, whatever the condition said, is not guarded by it.
 */
export function isGuardedBy(condition: ConditionNode, node: TSESTree.Node): boolean {
  switch (condition.type) {
    case AST_NODE_TYPES.IfStatement: {
      if (isInside(node, condition.consequent) || (condition.alternate && isInside(node, condition.alternate))) return true;
      const exits = !canCompleteNormally(condition.consequent) || (condition.alternate !== null && !canCompleteNormally(condition.alternate));
      return exits && isInFollowingStatements(condition, node);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return isInside(node, condition.consequent) || isInside(node, condition.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return isInside(node, condition.right);
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
      return isInside(node, condition.body);
    case AST_NODE_TYPES.AssignmentExpression:
      return isInside(node, condition);
  }
}

function isInFollowingStatements(statement: TSESTree.Statement, node: TSESTree.Node): boolean {
  const parent = statement.parent;
  const list =
    parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program || parent?.type === AST_NODE_TYPES.StaticBlock
      ? parent.body
      : parent?.type === AST_NODE_TYPES.SwitchCase
        ? parent.consequent
        : undefined;
  if (!list) return false;
  const index = (list as TSESTree.Node[]).indexOf(statement);
  return list.slice(index + 1).some((following) => isInside(node, following));
}

/** A syntactic approximation: false for `return`, `throw`, `break`, `continue` and blocks or ifs ending in them. */
export function canCompleteNormally(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return false;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body[statement.body.length - 1];
      return last === undefined || canCompleteNormally(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate === null || canCompleteNormally(statement.consequent) || canCompleteNormally(statement.alternate);
    default:
      return true;
  }
}
