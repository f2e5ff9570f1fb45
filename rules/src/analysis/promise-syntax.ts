import * as ts from 'typescript';

// What syntax alone says about promises: expressions and type annotations that can never be one,
// or never be called, and the wrappers to look through before asking.

export function skipOuter(node: ts.Expression): ts.Expression {
  let expression = node;
  while (ts.isParenthesizedExpression(expression) || ts.isNonNullExpression(expression) || ts.isSatisfiesExpression(expression)) {
    expression = expression.expression;
  }
  return expression;
}

export function skipParenthesizedType(node: ts.TypeNode): ts.TypeNode {
  let inner = node;
  while (ts.isParenthesizedTypeNode(inner)) inner = inner.type;
  return inner;
}

export function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isMethodSignature(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isCallSignatureDeclaration(node)
  );
}

/**
 * Declarations that give a symbol its value. A namespace merged with a function of the same name
 * (`function send() {}` + `namespace send { type Options = … }`) adds types, not another value.
 */
export function isValueDeclaration(node: ts.Declaration): boolean {
  return !(ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isTypeParameterDeclaration(node) || ts.isModuleDeclaration(node));
}

/** Expressions whose value is never a promise, whatever their operands. */
export function isNeverPromiseSyntax(node: ts.Expression): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.ClassExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.JsxElement:
    case ts.SyntaxKind.JsxSelfClosingElement:
    case ts.SyntaxKind.JsxFragment:
      return true;
    default:
      return false;
  }
}

/** Expressions whose value can never be called. */
export function isNeverCallable(node: ts.Expression): boolean {
  return isNeverPromiseSyntax(node) && !ts.isFunctionExpression(node) && !ts.isArrowFunction(node) && !ts.isClassExpression(node);
}

const NEVER_PROMISE_TYPE_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AnyKeyword,
  ts.SyntaxKind.UnknownKeyword,
  ts.SyntaxKind.VoidKeyword,
  ts.SyntaxKind.UndefinedKeyword,
  ts.SyntaxKind.NeverKeyword,
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.SymbolKeyword,
  ts.SyntaxKind.ObjectKeyword,
  ts.SyntaxKind.LiteralType,
  ts.SyntaxKind.TemplateLiteralType,
  ts.SyntaxKind.FunctionType,
  ts.SyntaxKind.ConstructorType,
  ts.SyntaxKind.TypePredicate,
]);

export function isNeverPromiseTypeNode(node: ts.TypeNode): boolean {
  return NEVER_PROMISE_TYPE_KINDS.has(node.kind);
}

export function isNeverCallableTypeNode(node: ts.TypeNode): boolean {
  return (
    isNeverPromiseTypeNode(node) &&
    node.kind !== ts.SyntaxKind.FunctionType &&
    node.kind !== ts.SyntaxKind.AnyKeyword &&
    node.kind !== ts.SyntaxKind.UnknownKeyword
  ) || ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node);
}
