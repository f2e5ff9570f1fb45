import ts from 'typescript';

import { DeclaredTypeReader, MAX_DEPTH, NO_BINDINGS, PRIMITIVE_TYPE_KINDS, type Bindings } from './declared-type-reader.js';

const NEVER_THENABLE_KINDS = new Set<ts.SyntaxKind>([...PRIMITIVE_TYPE_KINDS, ts.SyntaxKind.FunctionType, ts.SyntaxKind.ConstructorType]);

const PROMISE_NAMES = new Set(['Promise', 'PromiseLike']);
const ARRAY_NAMES = new Set(['Array', 'ReadonlyArray']);

/**
 * Answers "can a value of this declared type be a promise, a thenable, or an array or tuple of
 * them?" by reading declarations only: type aliases, interfaces and classes are followed to their
 * members (a `then` member, or `Promise` among the bases), type arguments are bound to the
 * parameters they fill, and mapped types are judged by the keys they map. This never asks the
 * checker to build a type, so a deeply generic declared type (a library's request parameters,
 * dozens of aliases deep) costs a walk over its declarations instead of an instantiation.
 *
 * `true` means "never"; `false` means "may be, or cannot tell": the caller asks the checker.
 */
export class DeclaredPromiseTypes extends DeclaredTypeReader {
  private readonly answers = new WeakMap<ts.TypeNode, boolean>();

  neverPromise(node: ts.TypeNode): boolean {
    let answer = this.answers.get(node);
    if (answer === undefined) {
      answer = this.never(node, NO_BINDINGS, true, 0);
      this.answers.set(node, answer);
    }
    return answer;
  }

  /** `arrays`: an array or tuple of promises counts too (only at the top, as for the checker's answer). */
  private never(node: ts.TypeNode, bindings: Bindings, arrays: boolean, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const next = depth + 1;
    if (NEVER_THENABLE_KINDS.has(node.kind)) return true;
    if (ts.isParenthesizedTypeNode(node)) return this.never(node.type, bindings, arrays, next);
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.every((part) => this.never(part, bindings, arrays, next));
    if (ts.isArrayTypeNode(node)) return !arrays || this.never(node.elementType, bindings, false, next);
    if (ts.isTupleTypeNode(node)) return !arrays || node.elements.every((element) => this.neverElement(element, bindings, next));
    if (ts.isTypeOperatorNode(node)) {
      if (node.operator === ts.SyntaxKind.ReadonlyKeyword) return this.never(node.type, bindings, arrays, next);
      return true; // keyof X, unique symbol
    }
    if (ts.isConditionalTypeNode(node)) return this.never(node.trueType, bindings, arrays, next) && this.never(node.falseType, bindings, arrays, next);
    if (ts.isTypeLiteralNode(node)) return !node.members.some(isThenMember);
    if (ts.isMappedTypeNode(node)) return this.neverMapped(node, bindings, arrays, next);
    if (ts.isTypeReferenceNode(node)) return this.neverReference(node.typeName, node.typeArguments, bindings, arrays, next);
    return false; // any, unknown, object, indexed access, typeof, infer, import(…), this
  }

  /** A tuple element holds no promise; a rest element `...X[]` is judged by X. */
  private neverElement(element: ts.TypeNode, bindings: Bindings, depth: number): boolean {
    if (ts.isNamedTupleMember(element)) return element.dotDotDotToken ? this.neverRest(element.type, bindings, depth) : this.never(element.type, bindings, false, depth);
    if (ts.isRestTypeNode(element)) return this.neverRest(element.type, bindings, depth);
    if (ts.isOptionalTypeNode(element)) return this.never(element.type, bindings, false, depth);
    return this.never(element, bindings, false, depth);
  }

  private neverRest(node: ts.TypeNode, bindings: Bindings, depth: number): boolean {
    return ts.isArrayTypeNode(node) && this.never(node.elementType, bindings, false, depth);
  }

  private neverReference(
    name: ts.EntityName | ts.Expression,
    typeArguments: readonly ts.TypeNode[] | undefined,
    bindings: Bindings,
    arrays: boolean,
    depth: number,
  ): boolean {
    const symbol = this.resolved(this.checker.getSymbolAtLocation(name));
    if (!symbol) return false;
    if (symbol.flags & ts.SymbolFlags.TypeParameter) {
      return this.throughParameter(symbol, bindings, (node, inner) => this.never(node, inner, arrays, depth));
    }
    if (this.isDefaultLibrarySymbol(symbol)) {
      if (PROMISE_NAMES.has(symbol.name)) return false;
      if (ARRAY_NAMES.has(symbol.name)) return !arrays || (typeArguments?.[0] !== undefined && this.never(typeArguments[0], bindings, false, depth));
    }
    if (symbol.flags & ts.SymbolFlags.Enum) return true;
    if (symbol.flags & ts.SymbolFlags.TypeAlias) return this.throughAlias(symbol, typeArguments, bindings, (node, inner) => this.never(node, inner, arrays, depth));
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) {
      for (const declaration of symbol.declarations ?? []) {
        if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) return false;
        if ((declaration.members as ts.NodeArray<ts.Node>).some(isThenMember)) return false;
        const inner = this.bind(declaration.typeParameters, typeArguments, bindings);
        for (const clause of declaration.heritageClauses ?? []) {
          for (const base of clause.types) {
            if (!this.neverReference(base.expression, base.typeArguments, inner, arrays, depth + 1)) return false;
          }
        }
      }
      return true;
    }
    return false;
  }

  /**
   * A mapped type has a `then` key only if its keys can hold "then": `keyof X` when X has one,
   * a union of literals that names it. Mapping over `keyof` an array gives an array again.
   */
  private neverMapped(node: ts.MappedTypeNode, bindings: Bindings, arrays: boolean, depth: number): boolean {
    const constraint = node.typeParameter.constraint;
    if (!constraint || !this.keysNeverThen(constraint, bindings, depth)) return false;
    if (node.nameType && !this.filtersKeys(node.nameType, node.typeParameter)) return false;
    if (!arrays) return true;
    const mapped = keyofOperand(constraint);
    return mapped === undefined || this.neverArray(mapped, bindings, depth) || (node.type !== undefined && this.never(node.type, bindings, false, depth));
  }

  private keysNeverThen(keys: ts.TypeNode, bindings: Bindings, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const next = depth + 1;
    const operand = keyofOperand(keys);
    if (operand) return this.never(operand, bindings, false, next);
    if (ts.isParenthesizedTypeNode(keys)) return this.keysNeverThen(keys.type, bindings, next);
    if (ts.isUnionTypeNode(keys)) return keys.types.every((part) => this.keysNeverThen(part, bindings, next));
    if (ts.isLiteralTypeNode(keys)) return !(ts.isStringLiteral(keys.literal) && keys.literal.text === 'then');
    if (keys.kind === ts.SyntaxKind.StringKeyword || keys.kind === ts.SyntaxKind.NumberKeyword || keys.kind === ts.SyntaxKind.SymbolKeyword) return true;
    if (ts.isTypeReferenceNode(keys)) {
      const symbol = this.resolved(this.checker.getSymbolAtLocation(keys.typeName));
      if (!symbol) return false;
      if (symbol.flags & ts.SymbolFlags.TypeParameter) {
        return this.throughParameter(symbol, bindings, (node, inner) => this.keysNeverThen(node, inner, next));
      }
      if (symbol.flags & ts.SymbolFlags.TypeAlias) return this.throughAlias(symbol, keys.typeArguments, bindings, (node, inner) => this.keysNeverThen(node, inner, next));
      return false;
    }
    if (ts.isConditionalTypeNode(keys)) return this.keysNeverThen(keys.trueType, bindings, next) && this.keysNeverThen(keys.falseType, bindings, next);
    return keys.kind === ts.SyntaxKind.NeverKeyword;
  }

  /** Whether a value of the type can be an array or tuple (then a mapped type over its keys is one too). */
  private neverArray(node: ts.TypeNode, bindings: Bindings, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const next = depth + 1;
    if (NEVER_THENABLE_KINDS.has(node.kind) || ts.isTypeLiteralNode(node)) return true;
    if (ts.isParenthesizedTypeNode(node)) return this.neverArray(node.type, bindings, next);
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.every((part) => this.neverArray(part, bindings, next));
    if (ts.isConditionalTypeNode(node)) return this.neverArray(node.trueType, bindings, next) && this.neverArray(node.falseType, bindings, next);
    if (ts.isMappedTypeNode(node)) {
      const mapped = node.typeParameter.constraint && keyofOperand(node.typeParameter.constraint);
      return mapped === undefined || this.neverArray(mapped, bindings, next);
    }
    if (!ts.isTypeReferenceNode(node)) return false;
    const symbol = this.resolved(this.checker.getSymbolAtLocation(node.typeName));
    if (!symbol) return false;
    if (symbol.flags & ts.SymbolFlags.TypeParameter) {
      return this.throughParameter(symbol, bindings, (node, inner) => this.neverArray(node, inner, next));
    }
    if (symbol.flags & ts.SymbolFlags.TypeAlias) return this.throughAlias(symbol, node.typeArguments, bindings, (aliased, inner) => this.neverArray(aliased, inner, next));
    // An interface or class is an array only by extending one; arrays themselves are lib interfaces.
    if (symbol.flags & ts.SymbolFlags.Interface && !this.isDefaultLibrarySymbol(symbol)) {
      return (symbol.declarations ?? []).every((declaration) => ts.isInterfaceDeclaration(declaration) && !declaration.heritageClauses);
    }
    return (symbol.flags & ts.SymbolFlags.Enum) !== 0 || (symbol.flags & ts.SymbolFlags.Class) !== 0 || (this.isDefaultLibrarySymbol(symbol) && !ARRAY_NAMES.has(symbol.name) && symbol.name !== 'Iterable');
  }

  /** `as` clauses that only drop keys: `K extends X ? never : K`, `Exclude<K, X>`, `Extract<K, X>`, `K`. */
  private filtersKeys(nameType: ts.TypeNode, parameter: ts.TypeParameterDeclaration): boolean {
    const isParameter = (node: ts.TypeNode): boolean => ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === parameter.name.text;
    const keeps = (node: ts.TypeNode): boolean => node.kind === ts.SyntaxKind.NeverKeyword || isParameter(node);
    if (keeps(nameType)) return true;
    if (ts.isConditionalTypeNode(nameType)) return keeps(nameType.trueType) && keeps(nameType.falseType);
    if (ts.isTypeReferenceNode(nameType) && ts.isIdentifier(nameType.typeName) && (nameType.typeName.text === 'Exclude' || nameType.typeName.text === 'Extract')) {
      const symbol = this.checker.getSymbolAtLocation(nameType.typeName);
      return symbol !== undefined && this.isDefaultLibrarySymbol(symbol) && nameType.typeArguments?.[0] !== undefined && isParameter(nameType.typeArguments[0]);
    }
    return false;
  }
}

function keyofOperand(node: ts.TypeNode): ts.TypeNode | undefined {
  return ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.KeyOfKeyword ? node.type : undefined;
}

function isThenMember(member: ts.Node): boolean {
  const name = (member as { name?: ts.PropertyName }).name;
  if (!name) return false;
  return (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) && name.text === 'then';
}
