import ts from 'typescript';

/** Identifiers assigned anywhere under `root` (`=`, compound assignments, `++`/`--`, for-in/of targets). */
export function assignedNamesIn(root: ts.Node): Set<string> {
  const names = new Set<string>();
  const target = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    else if (ts.isParenthesizedExpression(node)) target(node.expression);
    else if (ts.isArrayLiteralExpression(node)) node.elements.forEach(target);
    else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isShorthandPropertyAssignment(property)) names.add(property.name.text);
        else if (ts.isPropertyAssignment(property)) target(property.initializer);
        else if (ts.isSpreadAssignment(property)) target(property.expression);
      }
    } else if (ts.isSpreadElement(node)) target(node.expression);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) target(node.left);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      target(node.left);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      target(node.operand);
    } else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      target(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return names;
}
