import ts from 'typescript';
import { soleValueDeclaration } from './promise-syntax.js';

// How many enclosing literals, calls and functions are climbed to find a declared type.
const MAX_DEPTH = 8;

/** The declarations a callee names, as far as declarations tell. */
export type CalleeDeclarations = (callee: ts.Identifier | ts.PropertyAccessExpression) => readonly ts.Declaration[] | undefined;

/**
 * The declared type that gives an expression its contextual type, read from annotations only:
 * an annotated variable or assertion, a callee's parameter, a returning function's declared or
 * contextual result, an array's element, an object literal's property. The checker's own
 * contextual type would first infer a generic callee's type arguments from all of its arguments;
 * this uses the declarations as written (a type parameter stays one, standing for its
 * constraint), which is enough to ask whether a place can expect a function at all.
 * Undefined when nothing is declared for the place or it cannot be told.
 */
export function declaredContextType(
  expression: ts.Expression,
  checker: ts.TypeChecker,
  calleeDeclarations: CalleeDeclarations,
  depth = 0,
): ts.Type | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let node: ts.Expression = expression;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  const up = (outer: ts.Expression): ts.Type | undefined => declaredContextType(outer, checker, calleeDeclarations, depth + 1);
  if (ts.isVariableDeclaration(parent)) return parent.initializer === node && parent.type ? checker.getTypeFromTypeNode(parent.type) : undefined;
  if ((ts.isAsExpression(parent) || ts.isTypeAssertionExpression(parent) || ts.isSatisfiesExpression(parent)) && !ts.isConstTypeReference(parent.type)) {
    return checker.getTypeFromTypeNode(parent.type);
  }
  if (ts.isArrayLiteralExpression(parent)) {
    const array = up(parent);
    return array && elementType(checker, array, parent.elements.indexOf(node));
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(parent.parent)) {
    const object = up(parent.parent);
    return object && propertyType(checker, object, parent.name);
  }
  if (ts.isReturnStatement(parent)) {
    const fn = ts.findAncestor(parent, ts.isFunctionLike);
    return fn && returnedType(fn, checker, calleeDeclarations, depth);
  }
  if (ts.isArrowFunction(parent) && parent.body === node) return returnedType(parent, checker, calleeDeclarations, depth);
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node) {
    const index = parent.arguments?.indexOf(node) ?? -1;
    return index >= 0 ? parameterType(parent, index, checker, calleeDeclarations) : undefined;
  }
  return undefined;
}

/** What a function is declared (or, inside a literal or call, expected) to return; awaited for an async one. */
export function returnedType(
  fn: ts.SignatureDeclaration,
  checker: ts.TypeChecker,
  calleeDeclarations: CalleeDeclarations,
  depth = 0,
): ts.Type | undefined {
  let result: ts.Type | undefined;
  if (fn.type) result = checker.getTypeFromTypeNode(fn.type);
  else {
    // An unannotated method of an object literal, or a function expression: its expected type.
    let expected: ts.Type | undefined;
    if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
      const object = declaredContextType(fn.parent, checker, calleeDeclarations, depth + 1);
      expected = object && propertyType(checker, object, fn.name);
    } else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
      expected = declaredContextType(fn, checker, calleeDeclarations, depth + 1);
    }
    const signatures = expected ? checker.getApparentType(checker.getNonNullableType(expected)).getCallSignatures() : [];
    if (signatures.length !== 1) return undefined;
    result = checker.getReturnTypeOfSignature(signatures[0]!);
  }
  const isAsync = (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
  return isAsync ? checker.getAwaitedType(result) : result;
}

/** The declared type of parameter `index` of the one declaration a call's callee names. */
function parameterType(
  call: ts.CallExpression | ts.NewExpression,
  index: number,
  checker: ts.TypeChecker,
  calleeDeclarations: CalleeDeclarations,
): ts.Type | undefined {
  const callee = call.expression;
  if (ts.isNewExpression(call) || (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee))) return undefined;
  const declarations = calleeDeclarations(callee);
  const declaration = soleValueDeclaration(declarations);
  if (!declaration || !ts.isFunctionLike(declaration)) return undefined;
  const parameter = declaration.parameters[index];
  if (!parameter?.type || parameter.dotDotDotToken) return undefined;
  return checker.getTypeFromTypeNode(parameter.type);
}

function propertyType(checker: ts.TypeChecker, object: ts.Type, name: ts.PropertyName): ts.Type | undefined {
  if (!ts.isIdentifier(name) && !ts.isStringLiteral(name)) return undefined;
  const apparent = checker.getApparentType(checker.getNonNullableType(object));
  if (apparent.flags & ts.TypeFlags.TypeParameter) return undefined;
  const property = checker.getPropertyOfType(apparent, name.text);
  return property && checker.getTypeOfSymbol(property);
}

function elementType(checker: ts.TypeChecker, array: ts.Type, index: number): ts.Type | undefined {
  const apparent = checker.getApparentType(checker.getNonNullableType(array));
  if (checker.isTupleType(apparent)) return checker.getTypeArguments(apparent as ts.TypeReference)[index];
  return apparent.getNumberIndexType();
}
