import ts from 'typescript';
import { skipOuter } from './promise-syntax.js';

/**
 * Where a reference (`session`, `this`, `this.pool`) may be narrowed to a subtype of its declared
 * type. Control-flow narrowing otherwise only removes possibilities: `undefined` after a truth
 * test, union members after a discriminant check or an assignment. Only `instanceof`, a type
 * guard (`x is T`, `asserts x is T`, TypeScript's inferred predicates) or a method declared
 * `this is T` can swap in a subtype, whose members may differ from the declared type's. Anything
 * that may be one of those counts, so a "no" means the declared type's members are the ones the
 * checker would find.
 */
export class NarrowingGuards {
  private readonly indexes = new Map<ts.SourceFile, GuardIndex>();
  private readonly guards = new Map<ts.Node, Map<string, readonly ts.Node[]>>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    /** The declarations of the member a call's callee names, when known without narrowing. */
    private readonly memberDeclarations: (callee: ts.PropertyAccessExpression) => readonly ts.Declaration[] | undefined,
  ) {}

  /**
   * True when `reference`, declared where `declaration` is (undefined for `this`), may be narrowed
   * to a subtype where it stands; `declaredType` is its type without narrowing. Only a guard
   * before it can: control flow from a later guard reaches it only through a loop's head, where
   * the declared type flows in again.
   */
  mayNarrowToSubtype(reference: ts.Expression, declaration: ts.Node | undefined, declaredType: ts.Type): boolean {
    const key = referenceKey(reference);
    if (key === undefined) return true;
    const guards = this.guardsOf(scopeOf(reference, declaration), key, declaredType, reference.getSourceFile());
    return guards === undefined || guards.some((guard) => guard.pos < reference.pos);
  }

  /** The places in `scope` that may narrow `key` to a subtype; undefined while they are being found. */
  private guardsOf(scope: ts.Node, key: string, declaredType: ts.Type, file: ts.SourceFile): readonly ts.Node[] | undefined {
    let byKey = this.guards.get(scope);
    if (!byKey) this.guards.set(scope, (byKey = new Map()));
    const known = byKey.get(key);
    if (known) return known;
    // A guard whose callee depends on this same question (`a.b.isC(a)`): assume the worst.
    if (this.inProgress.has(key)) return undefined;
    this.inProgress.add(key);
    const index = this.indexOf(file);
    const inScope = (node: ts.Node): boolean => node.pos >= scope.pos && node.end <= scope.end;
    const found = [
      ...(index.instanceOf.get(key) ?? []).filter(inScope),
      ...(index.asArgument.get(key) ?? []).filter((call) => inScope(call) && this.mayBeGuard(call)),
      ...(index.asReceiver.get(key) ?? []).filter((call) => inScope(call) && this.mayBeThisGuard(call, declaredType)),
    ];
    this.inProgress.delete(key);
    byKey.set(key, found);
    return found;
  }

  /** One walk per file finds every place that may narrow; a scope's are those inside it. */
  private indexOf(file: ts.SourceFile): GuardIndex {
    let index = this.indexes.get(file);
    if (!index) {
      index = buildIndex(file);
      this.indexes.set(file, index);
    }
    return index;
  }

  /** Whether the call may be a type guard or assertion for one of its arguments. */
  private mayBeGuard(call: ts.CallExpression): boolean {
    const callee = skipOuter(call.expression);
    let declarations: readonly ts.Declaration[] | undefined;
    if (ts.isIdentifier(callee)) {
      let symbol = this.checker.getSymbolAtLocation(callee);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
      declarations = symbol?.declarations;
    } else if (ts.isPropertyAccessExpression(callee)) {
      declarations = this.memberDeclarations(callee);
    }
    if (!declarations || declarations.length === 0) return true;
    return declarations.some((declaration) => this.declarationMayGuard(declaration));
  }

  /** Whether `receiver.method()` may be a `this is T` guard, judged from the receiver's declared type. */
  private mayBeThisGuard(call: ts.CallExpression, declaredType: ts.Type): boolean {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return true;
    const member = this.checker.getPropertyOfType(this.checker.getApparentType(this.checker.getNonNullableType(declaredType)), callee.name.text);
    return (member?.declarations ?? []).some((declaration) => {
      const type = 'type' in declaration ? (declaration.type as ts.TypeNode | undefined) : undefined;
      return type !== undefined && ts.isTypePredicateNode(type) && ts.isThisTypeNode(type.parameterName);
    });
  }

  /** Whether calling the declared function may narrow an argument: a predicate, written or inferred. */
  private declarationMayGuard(declaration: ts.Declaration): boolean {
    if (ts.isClassDeclaration(declaration) || ts.isEnumDeclaration(declaration) || ts.isModuleDeclaration(declaration)) return false;
    if (ts.isFunctionLike(declaration)) return this.functionMayGuard(declaration);
    const type = 'type' in declaration ? (declaration.type as ts.TypeNode | undefined) : undefined;
    if (type) return typeNodeMayGuard(type);
    const initializer = 'initializer' in declaration ? (declaration.initializer as ts.Expression | undefined) : undefined;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) return this.functionMayGuard(initializer);
    // Undeclared in a declaration file means `any`; anything else may hold a guard.
    return !declaration.getSourceFile().isDeclarationFile;
  }

  /**
   * A written predicate, or one TypeScript infers: only for a plain (not async, not generator)
   * function without a return type whose one `return` may give a boolean; the checker settles those.
   */
  private functionMayGuard(fn: ts.SignatureDeclaration): boolean {
    if (fn.type) return ts.isTypePredicateNode(fn.type);
    if (ts.isConstructorDeclaration(fn) || ts.isAccessor(fn)) return false;
    if (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async || ('asteriskToken' in fn && fn.asteriskToken)) return false;
    const body = 'body' in fn ? (fn.body as ts.ConciseBody | undefined) : undefined;
    if (!body) return false;
    const returned = ts.isBlock(body) ? singleReturn(body) : body;
    if (!returned || !mayBeBoolean(returned)) return false;
    const signature = this.checker.getSignatureFromDeclaration(fn);
    return signature === undefined || this.checker.getTypePredicateOfSignature(signature) !== undefined;
  }
}

interface GuardIndex {
  /** `instanceof` tests, by the reference on their left. */
  instanceOf: Map<string, ts.Node[]>;
  /** Calls that take the reference as an argument. */
  asArgument: Map<string, ts.CallExpression[]>;
  /** Calls of the reference's methods. */
  asReceiver: Map<string, ts.CallExpression[]>;
}

function buildIndex(file: ts.SourceFile): GuardIndex {
  const index: GuardIndex = { instanceOf: new Map(), asArgument: new Map(), asReceiver: new Map() };
  const add = <T extends ts.Node>(map: Map<string, T[]>, key: string | undefined, node: T): void => {
    if (key === undefined) return;
    const nodes = map.get(key);
    if (nodes) nodes.push(node);
    else map.set(key, [node]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
      add(index.instanceOf, referenceKey(node.left), node);
    } else if (ts.isCallExpression(node)) {
      for (const argument of node.arguments) add(index.asArgument, referenceKey(argument), node);
      const callee = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(callee)) add(index.asReceiver, referenceKey(callee.expression), node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return index;
}

/** `session`, `this`, `this.pool.options`: the text narrowing matches references by; undefined for anything else. */
export function referenceKey(node: ts.Expression): string | undefined {
  const expression = skipOuter(node);
  if (ts.isIdentifier(expression)) return expression.text;
  if (expression.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.name)) {
    const base = referenceKey(expression.expression);
    return base === undefined ? undefined : `${base}.${expression.name.text}`;
  }
  return undefined;
}

/**
 * Where guards of the reference can be: the function or file that declares its root variable
 * (closures inside it see its narrowing), or for `this` the function that binds it.
 */
function scopeOf(reference: ts.Expression, declaration: ts.Node | undefined): ts.Node {
  const sourceFile = reference.getSourceFile();
  if (declaration && declaration.getSourceFile() === sourceFile) {
    const container = ts.findAncestor(declaration.parent, (node) => ts.isFunctionLike(node) || ts.isSourceFile(node));
    if (container) return container;
  }
  if (!declaration) {
    const binder = ts.findAncestor(reference.parent, (node) => (ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassLike(node) || ts.isSourceFile(node));
    if (binder) return binder;
  }
  return sourceFile;
}

/** A guard's type: a predicate, a function type returning one, or a named type that may hold one. */
function typeNodeMayGuard(node: ts.TypeNode): boolean {
  if (ts.isTypePredicateNode(node)) return true;
  if (ts.isFunctionTypeNode(node)) return ts.isTypePredicateNode(node.type);
  if (ts.isParenthesizedTypeNode(node)) return typeNodeMayGuard(node.type);
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.some(typeNodeMayGuard);
  return !(node.kind >= ts.SyntaxKind.FirstKeyword && node.kind <= ts.SyntaxKind.LastKeyword) && !ts.isLiteralTypeNode(node) && !ts.isArrayTypeNode(node);
}

/** The expression of a body's only `return`; undefined when it has none, several, or a bare `return`. */
function singleReturn(body: ts.Block): ts.Expression | undefined {
  const returned: ts.Expression[] = [];
  let bare = false;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression) returned.push(node.expression);
      else bare = true;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return !bare && returned.length === 1 ? returned[0] : undefined;
}

function mayBeBoolean(expression: ts.Expression): boolean {
  const inner = skipOuter(expression);
  return !(
    ts.isStringLiteralLike(inner) ||
    ts.isNumericLiteral(inner) ||
    ts.isTemplateExpression(inner) ||
    ts.isObjectLiteralExpression(inner) ||
    ts.isArrayLiteralExpression(inner) ||
    ts.isNewExpression(inner) ||
    ts.isAwaitExpression(inner) ||
    ts.isFunctionLike(inner) ||
    inner.kind === ts.SyntaxKind.NullKeyword ||
    inner.kind === ts.SyntaxKind.ThisKeyword
  );
}
