import ts from 'typescript';

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

/**
 * The one declaration that gives a name its value, when there is exactly one. Type-only
 * declarations of the same name do not count: in `function f<account>() { const { account } = … }`
 * the type parameter and the constant are one symbol with two declarations.
 */
export function soleValueDeclaration(declarations: readonly ts.Declaration[] | undefined): ts.Declaration | undefined {
  let found: ts.Declaration | undefined;
  for (const declaration of declarations ?? []) {
    if (!isValueDeclaration(declaration)) continue;
    if (found) return undefined;
    found = declaration;
  }
  return found;
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
  if (ts.isArrayLiteralExpression(node)) return true;
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

/**
 * Which operands a binary expression's value can be: `a ?? b` and `a || b` either, `a && b` the
 * right one or a falsy left one (never a promise, nor a function), `a, b` and `a = b` the right
 * one; arithmetic, comparisons, `in`, `instanceof` and compound assignments make a primitive.
 * Undefined for `&&=`, `||=`, `??=`, whose value may be the target's.
 */
export function binaryValue(binary: ts.BinaryExpression): { operands: ts.Expression[]; orFalsyLeft: boolean } | 'primitive' | undefined {
  switch (binary.operatorToken.kind) {
    case ts.SyntaxKind.CommaToken:
    case ts.SyntaxKind.EqualsToken:
      return { operands: [binary.right], orFalsyLeft: false };
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
      return { operands: [binary.left, binary.right], orFalsyLeft: false };
    case ts.SyntaxKind.AmpersandAmpersandToken:
      return { operands: [binary.right], orFalsyLeft: true };
    case ts.SyntaxKind.AmpersandAmpersandEqualsToken:
    case ts.SyntaxKind.BarBarEqualsToken:
    case ts.SyntaxKind.QuestionQuestionEqualsToken:
      return undefined;
    default:
      return 'primitive';
  }
}
