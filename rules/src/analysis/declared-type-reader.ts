import ts from 'typescript';

/** What a type parameter stands for while a generic declaration is read: a type node and its own bindings. */
export interface Binding {
  node: ts.TypeNode;
  bindings: Bindings;
}
export type Bindings = ReadonlyMap<ts.Symbol, Binding | undefined>;

export const NO_BINDINGS: Bindings = new Map();

/** Type nodes for values that are neither objects nor functions. */
export const PRIMITIVE_TYPE_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.SymbolKeyword,
  ts.SyntaxKind.UndefinedKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.VoidKeyword,
  ts.SyntaxKind.NeverKeyword,
  ts.SyntaxKind.LiteralType,
  ts.SyntaxKind.TemplateLiteralType,
  ts.SyntaxKind.TypePredicate,
];

// Generic utility types nest deeply (viem's are dozens of aliases deep); past this, ask the checker.
export const MAX_DEPTH = 40;

/**
 * Reads what declared types can be from their declarations alone, without the checker building
 * the types: aliases are followed with their parameters bound to the reference's type arguments.
 * Subclasses ask one question of the declarations (see `DeclaredPromiseTypes`, `DeclaredCallableTypes`).
 */
export abstract class DeclaredTypeReader {
  constructor(
    protected readonly checker: ts.TypeChecker,
    protected readonly isDefaultLibrarySymbol: (symbol: ts.Symbol) => boolean,
  ) {}

  /**
   * A type parameter stands for what it is bound to in the declaration being read, else for its
   * constraint (an upper bound, as the checker judges it); without either it may be anything.
   */
  protected throughParameter(symbol: ts.Symbol, bindings: Bindings, judge: (node: ts.TypeNode, bindings: Bindings) => boolean): boolean {
    if (bindings.has(symbol)) {
      const binding = bindings.get(symbol);
      return binding !== undefined && judge(binding.node, binding.bindings);
    }
    const constraint = symbol.declarations?.find(ts.isTypeParameterDeclaration)?.constraint;
    return constraint !== undefined && judge(constraint, bindings);
  }

  /** A type alias stands for its declared type, read with its parameters bound to the reference's arguments. */
  protected throughAlias(
    symbol: ts.Symbol,
    typeArguments: readonly ts.TypeNode[] | undefined,
    bindings: Bindings,
    judge: (node: ts.TypeNode, bindings: Bindings) => boolean,
  ): boolean {
    const declaration = symbol.declarations?.find(ts.isTypeAliasDeclaration);
    return declaration !== undefined && judge(declaration.type, this.bind(declaration.typeParameters, typeArguments, bindings));
  }

  /** The bindings inside a generic declaration referenced with these type arguments. */
  protected bind(parameters: readonly ts.TypeParameterDeclaration[] | undefined, typeArguments: readonly ts.TypeNode[] | undefined, outer: Bindings): Bindings {
    if (!parameters || parameters.length === 0) return NO_BINDINGS;
    const bindings = new Map<ts.Symbol, Binding | undefined>();
    parameters.forEach((parameter, index) => {
      const symbol = this.checker.getSymbolAtLocation(parameter.name);
      if (!symbol) return;
      const argument = typeArguments?.[index];
      if (argument) bindings.set(symbol, { node: argument, bindings: outer });
      else if (parameter.default) bindings.set(symbol, { node: parameter.default, bindings });
      else if (parameter.constraint) bindings.set(symbol, { node: parameter.constraint, bindings });
      else bindings.set(symbol, undefined);
    });
    return bindings;
  }

  protected resolved(symbol: ts.Symbol | undefined): ts.Symbol | undefined {
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) return this.checker.getAliasedSymbol(symbol);
    return symbol;
  }
}
