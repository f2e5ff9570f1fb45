import ts from 'typescript';
import { declaredResultType, type DeclarationLookup, type DeclaredType } from './declared-results.js';
import { NarrowingGuards } from './narrowing-guards.js';
import { skipOuter, soleValueDeclaration } from './promise-syntax.js';

/**
 * Which member `receiver.name` refers to, read from the receiver's declared type. The checker's
 * own answer (`getSymbolAtLocation`) first works out the receiver's narrowed type at that place:
 * a walk back through the function's control flow for every reference, which on real code bases
 * is most of what asking "which method is this?" costs. Narrowing cannot change which member is
 * found unless it swaps in a subtype (see `NarrowingGuards`), so where no guard can do that the
 * declared type's member is the one the checker would find; for a union, the declarations of
 * every member of that name, which include the one a narrowed union has.
 */
export class DeclaredMembers {
  private readonly guards: NarrowingGuards;
  private readonly members = new Map<ts.PropertyAccessExpression, Member | undefined>();
  private readonly roughMembers = new Map<ts.PropertyAccessExpression, Member | undefined>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly isDefaultLibrarySymbol: (symbol: ts.Symbol) => boolean,
  ) {
    // Whether a call is a guard is judged by its callee's declared member: a guard that only a
    // narrowed receiver has is too far-fetched to pay the checker for.
    this.guards = new NarrowingGuards(checker, (callee) => this.lookUp(callee, false)?.declarations);
  }

  /** The declarations of the member `access` names, or undefined when only the checker can tell. */
  memberDeclarations(access: ts.PropertyAccessExpression): readonly ts.Declaration[] | undefined {
    return this.lookUp(access, true)?.declarations;
  }

  /** What `access` holds when it reads an index signature (`options.comment` of a `Document`); it has no declarations. */
  indexedType(access: ts.PropertyAccessExpression): ts.Type | undefined {
    const member = this.lookUp(access, true);
    return member && !member.open ? member.indexed : undefined;
  }

  /** With `guarded`, only where no guard may narrow a receiver of the chain to a subtype. */
  private lookUp(access: ts.PropertyAccessExpression, guarded: boolean): Member | undefined {
    const cache = guarded ? this.members : this.roughMembers;
    if (cache.has(access)) return cache.get(access);
    // Recursion through a guard's callee (`a.check(a.b)`) ends here, unanswered.
    cache.set(access, undefined);
    const member = this.computeMember(access, guarded);
    cache.set(access, member);
    return member;
  }

  private computeMember(access: ts.PropertyAccessExpression, guarded: boolean): Member | undefined {
    if (!ts.isIdentifier(access.name)) return undefined;
    const receiver = this.declaredTypeOf(access.expression, guarded);
    if (!receiver) return undefined;
    const apparent = this.checker.getApparentType(this.checker.getNonNullableType(receiver.type));
    if (apparent.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return undefined;
    const name = access.name.text;
    let symbol = this.checker.getPropertyOfType(apparent, name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (symbol) return { symbol, declarations: symbol.declarations ?? [], open: receiver.open };
    const indexed = apparent.isUnion() ? undefined : apparent.getStringIndexType();
    if (indexed) return { declarations: [], indexed, open: receiver.open };
    // A union whose members do not all have it: the code reads it where narrowing left only
    // members that do, so their declarations together include the one meant.
    // (A member without it but with an index signature may hold anything under that name.)
    if (!apparent.isUnion()) return undefined;
    const declarations: ts.Declaration[] = [];
    for (const part of apparent.types.map((type) => this.checker.getApparentType(type))) {
      const found = this.checker.getPropertyOfType(part, name);
      if (found) declarations.push(...(found.declarations ?? []));
      else if (this.checker.getIndexInfosOfType(part).length > 0) return undefined;
    }
    return declarations.length > 0 ? { declarations, open: true } : undefined;
  }

  /** The type of an expression before narrowing, when no guard can narrow it to a subtype. */
  private declaredTypeOf(node: ts.Expression, guarded: boolean): DeclaredType | undefined {
    const expression = skipOuter(node);
    if (ts.isIdentifier(expression)) return this.variableType(expression, guarded);
    if (expression.kind === ts.SyntaxKind.ThisKeyword) return exact(this.thisType(expression, guarded));
    // `(value as Pool)`: the asserted type, which nothing narrows.
    if ((ts.isAsExpression(expression) || ts.isTypeAssertionExpression(expression)) && !ts.isConstTypeReference(expression.type)) {
      return exact(this.checker.getTypeFromTypeNode(expression.type));
    }
    // What a call makes is no reference: nothing narrows it.
    if (ts.isCallExpression(expression) || ts.isNewExpression(expression) || ts.isAwaitExpression(expression)) {
      return declaredResultType(this.checker, expression, this.lookupFor(guarded));
    }
    if (ts.isPropertyAccessExpression(expression)) {
      const member = this.lookUp(expression, guarded);
      const symbol = member?.symbol;
      // A method's type is its function (`handler.bind`); methods are not narrowed.
      if (!symbol || member.open || !(symbol.flags & (ts.SymbolFlags.Property | ts.SymbolFlags.Accessor | ts.SymbolFlags.Method))) return undefined;
      const type = this.checker.getTypeOfSymbol(symbol);
      const root = rootOf(expression);
      return guarded && this.guards.mayNarrowToSubtype(expression, root && this.rootDeclaration(root), type) ? undefined : exact(type);
    }
    return undefined;
  }

  private variableType(identifier: ts.Identifier, guarded: boolean): DeclaredType | undefined {
    let symbol = this.checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (!symbol) return undefined;
    // Classes, enums, namespaces and functions are never narrowed.
    if (!(symbol.flags & ts.SymbolFlags.Variable)) {
      return symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Enum | ts.SymbolFlags.ValueModule | ts.SymbolFlags.Function)
        ? exact(this.checker.getTypeOfSymbol(symbol))
        : undefined;
    }
    const declaration = symbol.valueDeclaration;
    if (!declaration) return undefined;
    const declared = this.initializedType(symbol, declaration) ?? { type: this.checker.getTypeOfSymbol(symbol), open: false };
    if (declared.type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    return guarded && this.guards.mayNarrowToSubtype(identifier, declaration, declared.type) ? undefined : declared;
  }

  /** `const pool = new Pool(…)`, `const cursor = collection.find(…)`: from the callee's declaration. */
  private initializedType(symbol: ts.Symbol, declaration: ts.Declaration): DeclaredType | undefined {
    if (!ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer || soleValueDeclaration(symbol.declarations) !== declaration) return undefined;
    return declaredResultType(this.checker, declaration.initializer, this.lookupFor(true));
  }

  private lookupFor(guarded: boolean): DeclarationLookup {
    return {
      calleeDeclarations: (callee) => this.calleeDeclarations(callee),
      declaredTypeOf: (receiver) => this.declaredTypeOf(receiver, guarded),
      isDefaultLibrarySymbol: this.isDefaultLibrarySymbol,
    };
  }

  private calleeDeclarations(callee: ts.Identifier | ts.PropertyAccessExpression): readonly ts.Declaration[] | undefined {
    if (ts.isPropertyAccessExpression(callee)) return this.lookUp(callee, true)?.declarations;
    let symbol = this.checker.getSymbolAtLocation(callee);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol?.declarations;
  }

  /** `this` in a class member: the class's instance type (its constructor's in a static member). */
  private thisType(keyword: ts.Expression, guarded: boolean): ts.Type | undefined {
    const binder = ts.findAncestor(keyword.parent, (node) => (ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassLike(node) || ts.isSourceFile(node));
    if (!binder || ts.isSourceFile(binder)) return undefined;
    const member = ts.isClassLike(binder) ? undefined : binder;
    const owner = member ? member.parent : binder;
    if (!ts.isClassDeclaration(owner) || !owner.name) return undefined;
    // In a property initializer or static block the binder is the class itself.
    if (member && !(ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member) || ts.isAccessor(member))) return undefined;
    const classSymbol = this.checker.getSymbolAtLocation(owner.name);
    if (!classSymbol) return undefined;
    const isStatic = member ? ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Static : staticContext(keyword, owner);
    const type = isStatic ? this.checker.getTypeOfSymbol(classSymbol) : this.checker.getDeclaredTypeOfSymbol(classSymbol);
    return guarded && this.guards.mayNarrowToSubtype(keyword, undefined, type) ? undefined : type;
  }

  private rootDeclaration(root: ts.Expression): ts.Node | undefined {
    if (!ts.isIdentifier(root)) return undefined;
    const symbol = this.checker.getSymbolAtLocation(root);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  }
}

/**
 * A member found on a declared type: its symbol, unless it is spread over some members of a
 * union or read from an index signature; `open` when what it holds is not known (see `DeclaredType`).
 */
interface Member {
  symbol?: ts.Symbol;
  declarations: readonly ts.Declaration[];
  /** The value type of the index signature read, for a name the type does not declare. */
  indexed?: ts.Type;
  open: boolean;
}

function exact(type: ts.Type | undefined): DeclaredType | undefined {
  return type && { type, open: false };
}

/** The identifier or `this` a property access chain starts from. */
function rootOf(access: ts.PropertyAccessExpression): ts.Expression | undefined {
  let expression: ts.Expression = access;
  while (ts.isPropertyAccessExpression(expression)) expression = skipOuter(expression.expression);
  return ts.isIdentifier(expression) || expression.kind === ts.SyntaxKind.ThisKeyword ? expression : undefined;
}

/** Whether `this` directly in a class body (a property initializer, a static block) is the constructor. */
function staticContext(keyword: ts.Node, owner: ts.ClassLikeDeclaration): boolean {
  const element = ts.findAncestor(keyword, (node) => node.parent === owner);
  if (!element) return false;
  if (ts.isClassStaticBlockDeclaration(element)) return true;
  return (ts.getCombinedModifierFlags(element as ts.Declaration) & ts.ModifierFlags.Static) !== 0;
}
