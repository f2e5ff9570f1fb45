import ts from 'typescript';
import { NarrowingGuards } from './narrowing-guards.js';
import { skipOuter } from './promise-syntax.js';

/**
 * Which member `receiver.name` refers to, read from the receiver's declared type. The checker's
 * own answer (`getSymbolAtLocation`) first works out the receiver's narrowed type at that place:
 * a walk back through the function's control flow for every reference, which on real code bases
 * is most of what asking "which method is this?" costs. Narrowing cannot change which member is
 * found unless it swaps in a subtype (see `NarrowingGuards`), so where no guard can do that the
 * declared type's member is the one the checker would find, or, for a union, a member whose
 * declarations include it.
 */
export class DeclaredMembers {
  private readonly guards: NarrowingGuards;
  private readonly members = new Map<ts.PropertyAccessExpression, ts.Symbol | undefined>();
  private readonly roughMembers = new Map<ts.PropertyAccessExpression, ts.Symbol | undefined>();

  constructor(private readonly checker: ts.TypeChecker) {
    // Whether a call is a guard is judged by its callee's declared member: a guard that only a
    // narrowed receiver has is too far-fetched to pay the checker for.
    this.guards = new NarrowingGuards(checker, (callee) => this.lookUp(callee, false));
  }

  /** The member `access` names, or undefined when only the checker can tell. */
  memberOf(access: ts.PropertyAccessExpression): ts.Symbol | undefined {
    return this.lookUp(access, true);
  }

  /** With `guarded`, only where no guard may narrow a receiver of the chain to a subtype. */
  private lookUp(access: ts.PropertyAccessExpression, guarded: boolean): ts.Symbol | undefined {
    const cache = guarded ? this.members : this.roughMembers;
    if (cache.has(access)) return cache.get(access);
    // Recursion through a guard's callee (`a.check(a.b)`) ends here, unanswered.
    cache.set(access, undefined);
    const member = this.computeMemberOf(access, guarded);
    cache.set(access, member);
    return member;
  }

  private computeMemberOf(access: ts.PropertyAccessExpression, guarded: boolean): ts.Symbol | undefined {
    if (!ts.isIdentifier(access.name)) return undefined;
    const receiver = this.declaredTypeOf(access.expression, guarded);
    if (!receiver) return undefined;
    const apparent = this.checker.getApparentType(this.checker.getNonNullableType(receiver));
    if (apparent.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return undefined;
    return this.checker.getPropertyOfType(apparent, access.name.text);
  }

  /** The type of a reference before narrowing, when no guard can narrow it to a subtype. */
  private declaredTypeOf(node: ts.Expression, guarded: boolean): ts.Type | undefined {
    const expression = skipOuter(node);
    if (ts.isIdentifier(expression)) return this.variableType(expression, guarded);
    if (expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisType(expression, guarded);
    // `(value as Pool)`: the asserted type, which nothing narrows.
    if ((ts.isAsExpression(expression) || ts.isTypeAssertionExpression(expression)) && !ts.isConstTypeReference(expression.type)) {
      return this.checker.getTypeFromTypeNode(expression.type);
    }
    if (ts.isPropertyAccessExpression(expression)) {
      const member = this.lookUp(expression, guarded);
      // A method's type is its function (`handler.bind`); methods are not narrowed.
      if (!member || !(member.flags & (ts.SymbolFlags.Property | ts.SymbolFlags.Accessor | ts.SymbolFlags.Method))) return undefined;
      const type = this.checker.getTypeOfSymbol(member);
      const root = rootOf(expression);
      return guarded && this.guards.mayNarrowToSubtype(expression, root && this.rootDeclaration(root), type) ? undefined : type;
    }
    return undefined;
  }

  private variableType(identifier: ts.Identifier, guarded: boolean): ts.Type | undefined {
    let symbol = this.checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (!symbol) return undefined;
    // Classes, enums, namespaces and functions are never narrowed.
    if (!(symbol.flags & ts.SymbolFlags.Variable)) {
      return symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Enum | ts.SymbolFlags.ValueModule | ts.SymbolFlags.Function)
        ? this.checker.getTypeOfSymbol(symbol)
        : undefined;
    }
    const declaration = symbol.valueDeclaration;
    if (!declaration) return undefined;
    const type = this.checker.getTypeOfSymbol(symbol);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    return guarded && this.guards.mayNarrowToSubtype(identifier, declaration, type) ? undefined : type;
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
    if (!member && !ts.isClassLike(binder)) return undefined;
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
