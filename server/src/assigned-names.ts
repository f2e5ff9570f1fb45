import ts from 'typescript';
import { bindingNames } from './declared-names.js';

/** Identifiers assigned anywhere under `root` (`=`, compound assignments, `++`/`--`, for-in/of targets). */
export function assignedNamesIn(root: ts.Node): Set<string> {
  const names = new Set<string>();
  walkAssignments(root, (identifier) => names.add(identifier.text));
  return names;
}

/**
 * Names assigned under `root` that no declaration inside `root` holds: the outer variables it
 * writes. A function's locals and parameters are its own; only these can change what other
 * statements of the file see.
 */
export function outerAssignedNames(root: ts.Node): Set<string> {
  const names = new Set<string>();
  const scopes: Set<string>[] = [];
  walkAssignments(
    root,
    (identifier) => {
      if (!scopes.some((scope) => scope.has(identifier.text))) names.add(identifier.text);
    },
    {
      enter: (node) => {
        const declared = scopeDeclarations(node);
        if (declared) scopes.push(declared);
        return declared !== undefined;
      },
      leave: () => void scopes.pop(),
    },
  );
  return names;
}

/** Calls `onTarget` for every identifier assigned under `root`; `scope` hears of every node entered and left. */
function walkAssignments(root: ts.Node, onTarget: (identifier: ts.Identifier) => void, scope?: { enter(node: ts.Node): boolean; leave(): void }): void {
  const target = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) onTarget(node);
    else if (ts.isParenthesizedExpression(node)) target(node.expression);
    else if (ts.isArrayLiteralExpression(node)) node.elements.forEach(target);
    else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isShorthandPropertyAssignment(property)) onTarget(property.name);
        else if (ts.isPropertyAssignment(property)) target(property.initializer);
        else if (ts.isSpreadAssignment(property)) target(property.expression);
      }
    } else if (ts.isSpreadElement(node)) target(node.expression);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) target(node.left);
  };
  const visit = (node: ts.Node): void => {
    const entered = scope?.enter(node) ?? false;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      target(node.left);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      target(node.operand);
    } else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      target(node.initializer);
    }
    ts.forEachChild(node, visit);
    if (entered) scope!.leave();
  };
  visit(root);
}

/** The names a scope-making node declares for its own scope; undefined for other nodes. */
function scopeDeclarations(node: ts.Node): Set<string> | undefined {
  const names = new Set<string>();
  const binding = (name: ts.BindingName): void => bindingNames(name).forEach((found) => names.add(found));
  const lexical = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.BlockScoped) statement.declarationList.declarations.forEach((declaration) => binding(declaration.name));
      else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) names.add(statement.name.text);
    }
  };
  if (ts.isFunctionLike(node)) {
    node.parameters.forEach((parameter) => binding(parameter.name));
    // A function expression's own name is visible inside it.
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node as ts.Node)) && node.name && ts.isIdentifier(node.name)) names.add(node.name.text);
    const body = (node as ts.FunctionLikeDeclaration).body;
    if (body) {
      if (ts.isBlock(body)) lexical(body.statements);
      // `var` belongs to the whole function, wherever it stands.
      const hoisted = (inner: ts.Node): void => {
        if (ts.isFunctionLike(inner)) return;
        if (ts.isVariableDeclarationList(inner) && !(inner.flags & ts.NodeFlags.BlockScoped)) inner.declarations.forEach((declaration) => binding(declaration.name));
        ts.forEachChild(inner, hoisted);
      };
      ts.forEachChild(body, hoisted);
    }
    return names;
  }
  if (ts.isBlock(node) && !ts.isFunctionLike(node.parent)) lexical(node.statements);
  else if (ts.isCaseBlock(node)) node.clauses.forEach((clause) => lexical(clause.statements));
  else if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    node.initializer.declarations.forEach((declaration) => binding(declaration.name));
  } else if (ts.isCatchClause(node) && node.variableDeclaration) binding(node.variableDeclaration.name);
  else if (ts.isClassLike(node) && ts.isClassExpression(node) && node.name) names.add(node.name.text);
  else return undefined;
  return names;
}
