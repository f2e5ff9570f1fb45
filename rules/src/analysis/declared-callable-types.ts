import ts from 'typescript';
import { DeclaredTypeReader, MAX_DEPTH, NO_BINDINGS, PRIMITIVE_TYPE_KINDS, type Bindings } from './declared-type-reader.js';

// `any`, `unknown` and `object` have no call signatures either: the checker finds none to call.
const NEVER_CALLABLE_KINDS = new Set<ts.SyntaxKind>([
  ...PRIMITIVE_TYPE_KINDS,
  ts.SyntaxKind.AnyKeyword,
  ts.SyntaxKind.UnknownKeyword,
  ts.SyntaxKind.ObjectKeyword,
  ts.SyntaxKind.ConstructorType,
  ts.SyntaxKind.ArrayType,
  ts.SyntaxKind.TupleType,
  ts.SyntaxKind.MappedType,
]);

// Library types whose values are functions without saying so in a call signature.
const FUNCTION_NAMES = new Set(['Function', 'CallableFunction', 'NewableFunction']);

/**
 * Answers "can a value of this declared type be called?" by reading declarations only: a call
 * signature in a type literal, an interface or one it extends, a function type. Resolving the
 * type instead builds every member of an options interface and its bases just to find it has no
 * call signature, for each parameter handed to a callback-taking call.
 *
 * `true` means "never"; `false` means "may be, or cannot tell": the caller asks the checker.
 */
export class DeclaredCallableTypes extends DeclaredTypeReader {
  private readonly answers = new WeakMap<ts.TypeNode, boolean>();

  neverCallable(node: ts.TypeNode): boolean {
    let answer = this.answers.get(node);
    if (answer === undefined) {
      answer = this.never(node, NO_BINDINGS, 0);
      this.answers.set(node, answer);
    }
    return answer;
  }

  private never(node: ts.TypeNode, bindings: Bindings, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const next = depth + 1;
    if (NEVER_CALLABLE_KINDS.has(node.kind)) return true;
    if (ts.isParenthesizedTypeNode(node)) return this.never(node.type, bindings, next);
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.every((part) => this.never(part, bindings, next));
    if (ts.isTypeOperatorNode(node)) return node.operator === ts.SyntaxKind.ReadonlyKeyword ? this.never(node.type, bindings, next) : true;
    if (ts.isConditionalTypeNode(node)) return this.never(node.trueType, bindings, next) && this.never(node.falseType, bindings, next);
    if (ts.isTypeLiteralNode(node)) return !node.members.some(ts.isCallSignatureDeclaration);
    if (ts.isTypeReferenceNode(node)) return this.neverReference(node.typeName, node.typeArguments, bindings, next);
    return false; // function types, indexed access, typeof, infer, import(…), this
  }

  private neverReference(name: ts.EntityName | ts.Expression, typeArguments: readonly ts.TypeNode[] | undefined, bindings: Bindings, depth: number): boolean {
    const symbol = this.resolved(this.checker.getSymbolAtLocation(name));
    if (!symbol) return false;
    if (symbol.flags & ts.SymbolFlags.TypeParameter) return this.throughParameter(symbol, bindings, (node, inner) => this.never(node, inner, depth));
    if (symbol.flags & ts.SymbolFlags.Enum) return true;
    if (symbol.flags & ts.SymbolFlags.TypeAlias) return this.throughAlias(symbol, typeArguments, bindings, (node, inner) => this.never(node, inner, depth));
    if (FUNCTION_NAMES.has(symbol.name) && this.isDefaultLibrarySymbol(symbol)) return false;
    if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) return false;
    // An interface, and every interface merged with it or extended by it, declares no call signature.
    for (const declaration of symbol.declarations ?? []) {
      if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) return false;
      if ((declaration.members as ts.NodeArray<ts.Node>).some(ts.isCallSignatureDeclaration)) return false;
      const inner = this.bind(declaration.typeParameters, typeArguments, bindings);
      for (const clause of declaration.heritageClauses ?? []) {
        if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        for (const base of clause.types) {
          if (!this.neverReference(base.expression, base.typeArguments, inner, depth + 1)) return false;
        }
      }
    }
    return true;
  }
}
