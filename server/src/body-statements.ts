import ts from 'typescript';
import { assignedNamesIn } from './assigned-names.js';

/** One statement of a function body, as far as the body's other statements can see it. */
export interface StatementPrint {
  /** From its first token to its end. */
  start: number;
  end: number;
  /** Names it declares, at any depth (the body's other statements must not read them). */
  declares: string[];
  /**
   * Nothing in it changes the types other statements see: it assigns only names it declares
   * itself, never leaves the function early (`return`, `throw`), and calls nothing as a
   * statement (such a call may be to an assertion function, which narrows what follows).
   */
  isolated: boolean;
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
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return names;
}

function declaredNamesIn(root: ts.Node): Set<string> {
  const names = new Set<string>();
  const bindingNames = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) bindingNames(node.name);
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

/** An early exit, or a call made as a statement, outside nested functions. */
function hasFlowEffect(root: ts.Node): boolean {
  // A function or class declared here runs later, if at all: its returns are its own.
  if (ts.isFunctionLike(root) || ts.isClassLike(root)) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (node !== root && ts.isFunctionLike(node))) return;
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) found = true;
    else if (ts.isExpressionStatement(node) && isCall(node.expression)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function isCall(expression: ts.Expression): boolean {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner)) inner = inner.expression;
  return ts.isCallExpression(inner);
}
