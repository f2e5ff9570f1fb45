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
      // After a loop that only ends when its test fails (`while (busy) await tick();`), the
      // following statements run because of that test too.
      return isInside(node, condition.body) || (!breaksOut(condition.body) && isInFollowingStatements(condition, node));
    case AST_NODE_TYPES.AssignmentExpression:
      return isInside(node, condition);
  }
}

/** A `break` (or labelled `break`) in a loop body that can leave the loop, nested loops and switches aside. */
function breaksOut(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.SwitchStatement:
      return hasLabelledBreak(node);
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return false;
    default:
      return childStatements(node).some(breaksOut);
  }
}

function hasLabelledBreak(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.BreakStatement) return node.label !== null;
  if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  return childStatements(node).some(hasLabelledBreak);
}

/** The statements directly inside a statement (block bodies, branches, loop bodies, cases, try parts). */
function childStatements(node: TSESTree.Node): TSESTree.Node[] {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
      return node.body;
    case AST_NODE_TYPES.IfStatement:
      return node.alternate ? [node.consequent, node.alternate] : [node.consequent];
    case AST_NODE_TYPES.LabeledStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return [node.body];
    case AST_NODE_TYPES.SwitchStatement:
      return node.cases.flatMap((switchCase) => switchCase.consequent);
    case AST_NODE_TYPES.TryStatement:
      return [node.block, ...(node.handler ? [node.handler.body] : []), ...(node.finalizer ? [node.finalizer] : [])];
    default:
      return [];
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
