import ts from 'typescript';
import { soleValueDeclaration } from './promise-syntax.js';

// How many calls deep a property is followed to the object literal that holds it.
const MAX_DEPTH = 4;

/**
 * The expressions whose value a destructured name can hold: in
 * `const { tx } = await build(client)`, where `build` returns `{ tx: { … } }`, that is the `{ … }`
 * (and a default value, when the pattern has one). Undefined when some path to the value is not
 * an object literal written in the code (a spread, a call of a function with a declared return
 * type, a parameter): then the declared types must answer.
 */
export function destructuredSources(binding: ts.BindingElement, checker: ts.TypeChecker): ts.Expression[] | undefined {
  if (binding.dotDotDotToken || !ts.isObjectBindingPattern(binding.parent)) return undefined;
  const key = binding.propertyName ?? binding.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
  const holder = binding.parent.parent;
  if (!ts.isVariableDeclaration(holder) || !holder.initializer) return undefined;
  const sources = propertySources(holder.initializer, key.text, checker, false, 0);
  if (!sources) return undefined;
  return binding.initializer ? [...sources, binding.initializer] : sources;
}

/** The expressions property `key` of `source`'s value comes from (of its awaited value when `awaited`). */
function propertySources(source: ts.Expression, key: string, checker: ts.TypeChecker, awaited: boolean, depth: number): ts.Expression[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (ts.isParenthesizedExpression(source) || ts.isNonNullExpression(source) || ts.isSatisfiesExpression(source)) {
    return propertySources(source.expression, key, checker, awaited, depth);
  }
  if (ts.isAwaitExpression(source)) return propertySources(source.expression, key, checker, true, depth);
  if (ts.isObjectLiteralExpression(source)) return literalProperty(source, key);
  if (!ts.isCallExpression(source) || !ts.isIdentifier(source.expression)) return undefined;
  const fn = localFunction(source.expression, checker);
  if (!fn) return undefined;
  const isAsync = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
  // Without `await`, an async function's value is a promise, not the object.
  if (isAsync && !awaited) return undefined;
  const returned = ts.isBlock(fn.body) ? returnedExpressions(fn.body) : [fn.body];
  if (returned.length === 0) return undefined;
  const found: ts.Expression[] = [];
  for (const expression of returned) {
    const sources = propertySources(expression, key, checker, awaited, depth + 1);
    if (!sources) return undefined;
    found.push(...sources);
  }
  return found;
}

/** `{ key: value }` gives `value`, `{ key }` the variable `key`; undefined when a spread or computed name may hide it. */
export function literalProperty(literal: ts.ObjectLiteralExpression, key: string): ts.Expression[] | undefined {
  let found: ts.Expression | undefined;
  for (const property of literal.properties) {
    if (ts.isSpreadAssignment(property) || (property.name && ts.isComputedPropertyName(property.name))) return undefined;
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
    if (name !== key) continue;
    if (ts.isPropertyAssignment(property)) found = property.initializer;
    else if (ts.isShorthandPropertyAssignment(property)) found = property.name;
    else return undefined;
  }
  return found && [found];
}

type LocalFunction = (ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction) & { body: ts.ConciseBody };

/** The one function a name calls, when it has a body and no declared return type (its returns decide). */
function localFunction(callee: ts.Identifier, checker: ts.TypeChecker): LocalFunction | undefined {
  const symbol = checker.getSymbolAtLocation(callee);
  const declaration = soleValueDeclaration(symbol?.declarations);
  const fn = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : declaration;
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) return undefined;
  if (fn.type || !fn.body || fn.asteriskToken) return undefined;
  return fn as LocalFunction;
}

/** The expressions a function body returns, not counting nested functions and classes. */
export function returnedExpressions(body: ts.Block): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/**
 * For `{ name } = source` or `{ key: name } = source` (no default, no rest, one level) where
 * `source` is a variable or parameter: that declaration and the property name.
 */
export function destructuredFrom(binding: ts.BindingElement, checker: ts.TypeChecker): { declaration: ts.Declaration; property: string } | undefined {
  if (binding.initializer || binding.dotDotDotToken || !ts.isObjectBindingPattern(binding.parent)) return undefined;
  const key = binding.propertyName ?? binding.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
  const holder = binding.parent.parent;
  let source: ts.Declaration | undefined;
  if (ts.isParameter(holder)) source = holder;
  else if (ts.isVariableDeclaration(holder) && holder.initializer && ts.isIdentifier(holder.initializer)) {
    const symbol = checker.getSymbolAtLocation(holder.initializer);
    const declaration = soleValueDeclaration(symbol?.declarations);
    if (declaration && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration))) source = declaration;
  }
  return source && { declaration: source, property: key.text };
}
