import ts from 'typescript';
import { assignedNamesIn } from './assigned-names.js';
import { bindingNames } from './declared-names.js';

/** One statement of a function body, as far as the body's other statements can see it. */
export interface StatementPrint {
  /** From its first token to its end. */
  start: number;
  end: number;
  /** Names it declares, at any depth (the body's other statements must not read them). */
  declares: string[];
  /**
   * Nothing in it changes the types other statements see: it assigns only names it declares
   * itself, never jumps out of itself (`return`, `throw`, `break`, `continue`), yields nothing
   * (so the function's own type does not depend on it either), and calls
   * nothing as a statement (such a call may be to an assertion function, which narrows what
   * follows).
   */
  isolated: boolean;
}

/** The statements of one block of a function body (the body itself, or a block nested in it). */
export interface BlockPrint {
  /** Offsets of `{` and just after `}`. */
  start: number;
  end: number;
  statements: StatementPrint[];
}

/** Prints of the body and of every block in it, not counting blocks of nested functions. */
export function blockPrints(body: ts.Block, sourceFile: ts.SourceFile): BlockPrint[] {
  const blocks: BlockPrint[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== body && ts.isFunctionLike(node)) return;
    if (ts.isBlock(node)) blocks.push(blockPrint(node, sourceFile));
    ts.forEachChild(node, visit);
  };
  visit(body);
  return blocks;
}

export function blockPrint(block: ts.Block, sourceFile: ts.SourceFile): BlockPrint {
  return { start: block.getStart(sourceFile), end: block.end, statements: block.statements.map((statement) => statementPrint(statement, sourceFile)) };
}

/** The innermost block of the body (outside nested functions) whose braces hold [start, end). */
export function innermostBlock(body: ts.Block, start: number, end: number, sourceFile: ts.SourceFile): ts.Block {
  let found = body;
  const visit = (node: ts.Node): void => {
    if (node.pos > start || node.end < end || (node !== body && ts.isFunctionLike(node))) return;
    if (ts.isBlock(node) && node.getStart(sourceFile) < start && end < node.end) found = node;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

export function statementPrint(statement: ts.Statement, sourceFile: ts.SourceFile): StatementPrint {
  const declared = declaredNamesIn(statement);
  const assigned = assignedNamesIn(statement);
  const isolated = [...assigned].every((name) => declared.has(name)) && !hasFlowEffect(statement);
  return { start: statement.getStart(sourceFile), end: statement.end, declares: [...declared].sort(), isolated };
}

/** Identifier names read anywhere in the body outside [start, end). */
export function namesOutside(body: ts.Block, start: number, end: number, sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (node.end <= end && node.getStart(sourceFile) >= start) return;
    if (ts.isIdentifier(node) && !isPropertyName(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return names;
}

/** `a.name`, `{ name: value }`, `name() {}`: a property's name, not a read of a variable (`{ name }` is one). */
export function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent)) return parent.name === node;
  if (ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) return parent.name === node;
  if (ts.isBindingElement(parent)) return parent.propertyName === node;
  return false;
}

function declaredNamesIn(root: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) bindingNames(node.name).forEach((name) => names.add(name));
    else if (
      (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) &&
      node.name
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return names;
}

/**
 * An early exit (`return`, `throw`, a `break` or `continue` leaving the statement), or a call made
 * as a statement, outside nested functions.
 */
function hasFlowEffect(root: ts.Node): boolean {
  // A function or class declared here runs later, if at all: its returns are its own.
  if (ts.isFunctionLike(root) || ts.isClassLike(root)) return false;
  let found = false;
  const visit = (node: ts.Node, loops: number): void => {
    if (found || (node !== root && ts.isFunctionLike(node))) return;
    // A `yield` is part of the generator's type, like a `return` of the function's.
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node) || ts.isYieldExpression(node)) found = true;
    else if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && (node.label !== undefined || loops === 0)) found = true;
    else if (ts.isExpressionStatement(node) && isCall(node.expression)) found = true;
    else {
      const inner = ts.isIterationStatement(node, false) || ts.isSwitchStatement(node) ? loops + 1 : loops;
      ts.forEachChild(node, (child) => visit(child, inner));
    }
  };
  visit(root, 0);
  return found;
}

function isCall(expression: ts.Expression): boolean {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner)) inner = inner.expression;
  return ts.isCallExpression(inner);
}
