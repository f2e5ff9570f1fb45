import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachNode } from './ast-walk.js';
import { isFunctionNode } from './function-nodes.js';

export type LoopNode = TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement;

/**
 * A busy wait: a loop whose condition reads the clock (directly, or through a variable the body
 * refreshes from the clock) and whose body does nothing but spin: no await, no yield, no calls
 * other than clock reads. Loops that do real work until a deadline are not busy waits.
 */
export function isBusyWaitLoop(sourceCode: Readonly<TSESLint.SourceCode>, loop: LoopNode): boolean {
  const test = loop.test;
  if (!test) return false;
  const spinParts: TSESTree.Node[] = [loop.body];
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) spinParts.push(loop.update);
  if (!spinParts.every((part) => onlySpins(sourceCode, part))) return false;
  if (containsClockRead(sourceCode, test)) return true;
  const testNames = new Set<string>();
  forEachNode(sourceCode, test, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) testNames.add(node.name);
  });
  return spinParts.some((part) => refreshesFromClock(sourceCode, part, testNames));
}

function isClockRead(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) {
    return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date' && node.arguments.length === 0;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const callee = node.callee;
  const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  const object = callee.object;
  if (object.type === AST_NODE_TYPES.Identifier) {
    return (
      (object.name === 'Date' && method === 'now') ||
      (object.name === 'performance' && method === 'now') ||
      (object.name === 'process' && method === 'hrtime')
    );
  }
  // process.hrtime.bigint(), new Date().getTime()
  if (object.type === AST_NODE_TYPES.MemberExpression) {
    return method === 'bigint' && object.object.type === AST_NODE_TYPES.Identifier && object.object.name === 'process';
  }
  return (method === 'getTime' || method === 'valueOf') && isClockRead(object);
}

function containsClockRead(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let found = false;
  forEachNode(sourceCode, node, (child) => {
    if (isClockRead(child)) found = true;
  });
  return found;
}

function onlySpins(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let spins = true;
  forEachNode(sourceCode, node, (child) => {
    if (
      child.type === AST_NODE_TYPES.AwaitExpression ||
      child.type === AST_NODE_TYPES.YieldExpression ||
      (child.type === AST_NODE_TYPES.ForOfStatement && child.await) ||
      isFunctionNode(child) ||
      ((child.type === AST_NODE_TYPES.CallExpression || child.type === AST_NODE_TYPES.NewExpression) && !isClockPart(child))
    ) {
      spins = false;
    }
  });
  return spins;
}

/** A clock read, or the inner `new Date()` of `new Date().getTime()`. */
function isClockPart(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (isClockRead(node)) return true;
  const parent = node.parent;
  return parent.type === AST_NODE_TYPES.MemberExpression && parent.parent.type === AST_NODE_TYPES.CallExpression && isClockRead(parent.parent);
}

function refreshesFromClock(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  let refreshes = false;
  forEachNode(sourceCode, node, (child) => {
    if (
      child.type === AST_NODE_TYPES.AssignmentExpression &&
      child.left.type === AST_NODE_TYPES.Identifier &&
      names.has(child.left.name) &&
      containsClockRead(sourceCode, child.right)
    ) {
      refreshes = true;
    }
  });
  return refreshes;
}
