import ts from 'typescript';
import { skipOuter, skipParenthesizedType } from './promise-syntax.js';

/** A type read from declarations. */
export interface DeclaredType {
  type: ts.Type;
  /**
   * A generic class or interface whose type arguments were not worked out (`new Map()`,
   * `find(): FindCursor<T>`): the declarations of its members are the right ones, their types
   * are not, so nothing further may be read from them.
   */
  open: boolean;
}

/** How the caller finds what a callee and a receiver are declared as. */
export interface DeclarationLookup {
  calleeDeclarations(callee: ts.Identifier | ts.PropertyAccessExpression): readonly ts.Declaration[] | undefined;
  declaredTypeOf(receiver: ts.Expression): DeclaredType | undefined;
  isDefaultLibrarySymbol(symbol: ts.Symbol): boolean;
}

/**
 * What `new C(…)`, `f(…)` or `await f(…)` makes, read from the callee's declaration (the class, or
 * the return type annotation) instead of resolving the call: a fresh checker resolves a call by
 * inferring its type arguments from the arguments, often the most expensive question of a file.
 * Undefined when the declaration does not say.
 */
export function declaredResultType(checker: ts.TypeChecker, initializer: ts.Expression, lookup: DeclarationLookup): DeclaredType | undefined {
  let expression = skipOuter(initializer);
  const awaited = ts.isAwaitExpression(expression);
  if (ts.isAwaitExpression(expression)) expression = skipOuter(expression.expression);
  if (ts.isNewExpression(expression)) return awaited ? undefined : constructedType(checker, expression);
  if (!ts.isCallExpression(expression)) return undefined;
  const callee = skipOuter(expression.expression);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  const declarations = lookup.calleeDeclarations(callee);
  if (!declarations || declarations.length === 0) return undefined;
  let result: DeclaredType | undefined;
  let receiver: { type: DeclaredType | undefined } | undefined;
  for (const declaration of declarations) {
    if (!ts.isFunctionLike(declaration) || !declaration.type) return undefined;
    const annotation = awaited ? promisedTypeNode(checker, declaration.type, lookup.isDefaultLibrarySymbol) : declaration.type;
    if (!annotation) return undefined;
    // `emitter.on(…)` declared to return `this`: the receiver (asked once for all overloads).
    if (ts.isThisTypeNode(skipParenthesizedType(annotation))) {
      receiver ??= { type: ts.isPropertyAccessExpression(callee) ? lookup.declaredTypeOf(callee.expression) : undefined };
      if (!receiver.type || (result && (result.type !== receiver.type.type || result.open !== receiver.type.open))) return undefined;
      result = receiver.type;
      continue;
    }
    const type = checker.getTypeFromTypeNode(annotation);
    const open = hasTypeParameters(declaration);
    if (open ? !isClassOrInterfaceReference(type) : !isClosed(type)) return undefined;
    const found = open ? genericDeclaredType(checker, type.symbol) : { type, open: false };
    // Overloads must agree on what they make (for generic ones: on the class or interface).
    if (result && (result.type !== found.type || result.open !== found.open)) return undefined;
    result = found;
  }
  return result;
}

/** `new C(…)` of a class, or of a library constructor like `Map` whose signatures make the interface of the same name. */
function constructedType(checker: ts.TypeChecker, construction: ts.NewExpression): DeclaredType | undefined {
  const callee = skipOuter(construction.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  let symbol = checker.getSymbolAtLocation(callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (!symbol) return undefined;
  if (!(symbol.flags & ts.SymbolFlags.Class)) {
    if (!(symbol.flags & ts.SymbolFlags.Interface && symbol.flags & ts.SymbolFlags.Variable)) return undefined;
    const signatures = checker.getTypeOfSymbol(symbol).getConstructSignatures();
    const makesInterface = (signature: ts.Signature): boolean => {
      const annotation = signature.declaration?.type;
      return annotation !== undefined && ts.isTypeReferenceNode(annotation) && checker.getSymbolAtLocation(annotation.typeName) === symbol;
    };
    if (signatures.length === 0 || !signatures.every(makesInterface)) return undefined;
  }
  return genericDeclaredType(checker, symbol);
}

/** The class's or interface's own type, open when it has type parameters. */
function genericDeclaredType(checker: ts.TypeChecker, symbol: ts.Symbol): DeclaredType {
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return { type, open: ((type as ts.InterfaceType).typeParameters?.length ?? 0) > 0 };
}

/** `T` of a `Promise<T>` annotation (the global Promise). */
export function promisedTypeNode(checker: ts.TypeChecker, node: ts.TypeNode, isDefaultLibrarySymbol: (symbol: ts.Symbol) => boolean): ts.TypeNode | undefined {
  const inner = skipParenthesizedType(node);
  if (!ts.isTypeReferenceNode(inner) || inner.typeArguments?.length !== 1) return undefined;
  let symbol = checker.getSymbolAtLocation(inner.typeName);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.name === 'Promise' && isDefaultLibrarySymbol(symbol) ? inner.typeArguments[0] : undefined;
}

/** Whether type parameters are in scope at the declaration: its own, or its class's, interface's or function's. */
function hasTypeParameters(declaration: ts.Node): boolean {
  return (
    ts.findAncestor(declaration, (node) => 'typeParameters' in node && ((node as ts.DeclarationWithTypeParameterChildren).typeParameters?.length ?? 0) > 0) !==
    undefined
  );
}

function isClassOrInterfaceReference(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Object) !== 0 && type.symbol !== undefined && (type.symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) !== 0;
}

/** No type parameter decides what the type is (`this` is one). */
function isClosed(type: ts.Type): boolean {
  if (type.isUnionOrIntersection()) return type.types.every(isClosed);
  return !(type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution | ts.TypeFlags.Any | ts.TypeFlags.Unknown));
}
