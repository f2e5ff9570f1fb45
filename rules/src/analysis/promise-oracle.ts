import ts from 'typescript';
import { ConstantParts } from './constant-parts.js';
import { DeclaredCallableTypes } from './declared-callable-types.js';
import { DeclaredMembers } from './declared-members.js';
import { DeclaredPromiseTypes } from './declared-promise-types.js';
import { promisedTypeNode } from './declared-results.js';
import { destructuredFrom, destructuredSources, returnedExpressions } from './destructured-sources.js';
import {
  binaryValue,
  isFunctionLike,
  isNeverCallable,
  isNeverCallableTypeNode,
  isNeverPromiseSyntax,
  isNeverPromiseTypeNode,
  isValueDeclaration,
  skipOuter,
  skipParenthesizedType,
  soleValueDeclaration,
} from './promise-syntax.js';
import { typeFactStoreOf, type TypeFactStore } from './type-fact-store.js';
import { PROMISE, NOT_PROMISE, PROMISE_ARRAY, PromiseTypes, bothShape, eitherShape, type PromiseKind, type PromiseShape } from './promise-shape.js';

/**
 * Answers "is this value a promise?" and "does calling this return a promise?" for TypeScript
 * nodes, cheapest question first. A fresh type checker resolves a generic call from scratch, which
 * on real code bases is most of a typed rule's time; but whether a call returns a promise is
 * usually written on the callee: its `async` keyword or its return type annotation. So the oracle
 * reads declarations (symbol flags, annotations, the `return`s of a function body) and asks the
 * checker for the type at a location only when they cannot settle it.
 */
export class PromiseOracle {
  readonly types: PromiseTypes;
  private readonly declaredTypes: DeclaredPromiseTypes;
  private readonly declaredCallables: DeclaredCallableTypes;
  private readonly members: DeclaredMembers;
  private readonly constants: ConstantParts;
  /** Facts kept across programs by the host, when it offers a store (see `TypeFactStore`). */
  private readonly store: TypeFactStore | undefined;
  private readonly declarationShapes = new Map<ts.Node, PromiseShape | undefined>();
  private readonly inProgress = new Set<ts.Node>();
  private readonly isDefaultLibrarySymbol = (symbol: ts.Symbol): boolean => this.types.isDefaultLibrarySymbol(symbol);

  constructor(
    program: ts.Program,
    readonly checker: ts.TypeChecker,
    private readonly kind: PromiseKind,
    /** Whether arrays of promises matter to the caller (`shape.array`); when not, some questions are cheaper. */
    private readonly arrays: boolean,
  ) {
    this.types = new PromiseTypes(program, checker, kind);
    this.store = typeFactStoreOf(program);
    this.declaredTypes = new DeclaredPromiseTypes(checker, this.isDefaultLibrarySymbol);
    this.declaredCallables = new DeclaredCallableTypes(checker, this.isDefaultLibrarySymbol);
    this.members = new DeclaredMembers(checker, this.isDefaultLibrarySymbol);
    this.constants = new ConstantParts(this);
  }

  /** The shape of the value of `node`, asking for its type only when declarations do not tell. */
  valueShape(node: ts.Expression): PromiseShape {
    return this.cheapValueShape(node, 0) ?? this.constants.shapeOf(node, 'value') ?? this.declaredNeverPromise(node) ?? this.typeShape(node);
  }

  /**
   * A variable or parameter whose declared type can never be a promise (`value`), or never be a
   * function that returns one (`calls`), is none where it is read either: narrowing only takes
   * possibilities away (short of an explicit promise type guard). The declared type costs no
   * control-flow analysis, and the verdict is a fact about the declaration, kept across edits
   * when the host offers a store.
   */
  private declaredNeverPromise(node: ts.Expression, fact: 'value' | 'calls' = 'value'): PromiseShape | undefined {
    if (!ts.isIdentifier(node)) return undefined;
    const symbol = this.variableOf(node);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || soleValueDeclaration(symbol.declarations) !== declaration) return undefined;
    const judge = (type: ts.Type): PromiseShape =>
      fact === 'value' ? (this.types.shapeOf(type) ?? NOT_PROMISE) : this.types.returnsPromise(type) ? PROMISE : NOT_PROMISE;
    let shape: PromiseShape | undefined;
    if (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) {
      shape = this.remembered(`declared-${fact}`, declaration, () => judge(this.checker.getTypeOfSymbol(symbol)));
    } else if (ts.isBindingElement(declaration)) {
      // `const { token } = parameters`: a fact about the property of the source's declared type.
      const source = destructuredFrom(declaration, this.checker);
      // Otherwise (a default value, a nested pattern, an initializer that is not a name) the
      // binding's own declared type: the property's type joined with the default's.
      if (!source) shape = this.remembered(`declared-${fact}`, declaration, () => judge(this.checker.getTypeOfSymbol(symbol)));
      else shape = this.remembered(`declared-${fact}.${source.property}`, source.declaration, () => {
        const sourceType = this.checker.getApparentType(this.checker.getTypeAtLocation(source.declaration));
        const property = this.checker.getPropertyOfType(sourceType, source.property);
        return property && judge(this.checker.getTypeOfSymbol(property));
      });
    } else return undefined;
    return shape && !shape.maybe && !shape.array ? shape : undefined;
  }

  /** The shape from the checker's type at `node` (instantiated, narrowed). */
  typeShape(node: ts.Node): PromiseShape {
    return this.types.shapeOf(this.checker.getTypeAtLocation(node)) ?? NOT_PROMISE;
  }

  /** True when calling the function value `node` may return a promise. */
  returnsPromise(node: ts.Expression): boolean {
    const cheap = this.cheapCalledShape(node, 0) ?? this.constants.shapeOf(node, 'calls') ?? this.declaredNeverPromise(node, 'calls');
    if (cheap) return cheap.maybe;
    return this.types.returnsPromise(this.checker.getTypeAtLocation(node));
  }

  /** True when calling the class or interface member (a method, or a property holding a function) may return a promise. */
  memberReturnsPromise(member: ts.ClassElement | ts.TypeElement): boolean {
    const cheap = this.declarationCalledShape(member, 0);
    if (cheap) return cheap.maybe;
    return this.types.returnsPromise(this.checker.getTypeAtLocation(member));
  }

  /** What calling the function value `node` returns, when its declaration tells; undefined otherwise. */
  cheapCalledShape(node: ts.Expression, depth: number): PromiseShape | undefined {
    const expression = skipOuter(node);
    if (isFunctionLike(expression)) return this.functionResultShape(expression, depth);
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
      const declarations = this.declarationsOf(expression);
      if (!declarations) return ts.isIdentifier(expression) && expression.text === 'undefined' ? NOT_PROMISE : undefined;
      const indexed = declarations.length === 0 && ts.isPropertyAccessExpression(expression) ? this.members.indexedType(expression) : undefined;
      if (indexed) return this.indexedCalledShape(indexed);
      return this.overDeclarations(declarations, (declaration) => this.declarationCalledShape(declaration, depth));
    }
    if (ts.isCallExpression(expression)) {
      // `handler.bind(this)` calls the same function.
      const callee = skipOuter(expression.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return this.cheapCalledShape(callee.expression, depth + 1);
      return this.callResultCalledShape(expression, depth);
    }
    if (ts.isConditionalExpression(expression)) {
      return this.either([this.cheapCalledShape(expression.whenTrue, depth), this.cheapCalledShape(expression.whenFalse, depth)]);
    }
    if (ts.isAsExpression(expression) || ts.isTypeAssertionExpression(expression)) return this.callableTypeNodeShape(expression.type);
    if (ts.isBinaryExpression(expression)) return this.binaryCalledShape(expression, depth);
    if (ts.isAwaitExpression(expression)) return this.awaitedCalledShape(expression.expression, depth);
    return isNeverCallable(expression) ? NOT_PROMISE : undefined;
  }

  /** What calling a value read from an index signature returns: nothing promised by `any`; else its declared signatures. */
  private indexedCalledShape(indexed: ts.Type): PromiseShape | undefined {
    if (indexed.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return NOT_PROMISE;
    const signatures = indexed.getCallSignatures();
    return signatures.length > 0 ? this.signaturesShape(signatures) : undefined;
  }

  /** What calling `await call()` returns, when the callee declares `Promise<T>`: T's calls. */
  private awaitedCalledShape(operand: ts.Expression, depth: number): PromiseShape | undefined {
    const call = skipOuter(operand);
    if (depth > MAX_DEPTH || !ts.isCallExpression(call)) return undefined;
    const callee = skipOuter(call.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    const declarations = this.declarationsOf(callee);
    if (!declarations) return undefined;
    return this.overDeclarations(declarations, (declaration) => {
      const promised = isFunctionLike(declaration) && declaration.type ? promisedTypeNode(this.checker, declaration.type, this.isDefaultLibrarySymbol) : undefined;
      return promised && this.callableTypeNodeShape(promised);
    });
  }

  /** What calling the value of a binary expression returns: arithmetic and comparisons make no functions. */
  private binaryCalledShape(binary: ts.BinaryExpression, depth: number): PromiseShape | undefined {
    const value = binaryValue(binary);
    if (value === 'primitive') return NOT_PROMISE;
    if (!value || depth > MAX_DEPTH) return undefined;
    return this.either(value.operands.map((operand) => this.cheapCalledShape(operand, depth + 1)));
  }

  /** What calling the result of `call` returns: a promise cannot be called; otherwise the callee's declared return type says. */
  private callResultCalledShape(call: ts.CallExpression, depth: number): PromiseShape | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (this.cheapValueShape(call, depth + 1)?.always) return NOT_PROMISE;
    const callee = skipOuter(call.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    const declarations = this.declarationsOf(callee);
    if (!declarations) return undefined;
    return this.overDeclarations(declarations, (declaration) =>
      isFunctionLike(declaration) && declaration.type ? this.callableTypeNodeShape(declaration.type) : undefined,
    );
  }

  /** The shape of `node` when declarations and syntax settle it; undefined otherwise. */
  cheapValueShape(node: ts.Expression, depth: number): PromiseShape | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const expression = node;
    switch (expression.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.SatisfiesExpression:
        return this.cheapValueShape((expression as ts.ParenthesizedExpression).expression, depth);
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.TypeAssertionExpression: {
        const assertion = expression as ts.AsExpression;
        if (ts.isConstTypeReference(assertion.type)) return this.cheapValueShape(assertion.expression, depth);
        return this.typeNodeShape(assertion.type);
      }
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
        return this.callShape(expression as ts.CallExpression | ts.NewExpression, depth);
      case ts.SyntaxKind.AwaitExpression: {
        // An awaited promise is settled; an awaited array of promises is still an array of them.
        // Without the question of arrays, the operand need not be looked at.
        if (!this.arrays) return NOT_PROMISE;
        const inner = this.cheapValueShape((expression as ts.AwaitExpression).expression, depth + 1);
        if (!inner) return undefined;
        return inner.array ? PROMISE_ARRAY : NOT_PROMISE;
      }
      case ts.SyntaxKind.Identifier:
      case ts.SyntaxKind.PropertyAccessExpression:
        return this.referenceShape(expression as ts.Identifier | ts.PropertyAccessExpression, depth);
      case ts.SyntaxKind.ConditionalExpression: {
        const conditional = expression as ts.ConditionalExpression;
        return this.either([this.cheapValueShape(conditional.whenTrue, depth + 1), this.cheapValueShape(conditional.whenFalse, depth + 1)]);
      }
      case ts.SyntaxKind.BinaryExpression:
        return this.binaryShape(expression as ts.BinaryExpression, depth);
      case ts.SyntaxKind.ArrayLiteralExpression: {
        const elements = (expression as ts.ArrayLiteralExpression).elements;
        if (elements.some(ts.isSpreadElement)) return undefined;
        const shapes = elements.map((element) => this.cheapValueShape(element, depth + 1));
        if (shapes.some((shape) => shape === undefined)) return undefined;
        return shapes.some((shape) => shape!.maybe) ? PROMISE_ARRAY : NOT_PROMISE;
      }
      case ts.SyntaxKind.ThisKeyword:
        // The type of `this` is a class or object type: no call to resolve.
        return this.types.shapeOf(this.checker.getTypeAtLocation(expression));
      case ts.SyntaxKind.YieldExpression:
        // What a generator's consumer sends back in: not a promise the generator made.
        return NOT_PROMISE;
      default:
        return isNeverPromiseSyntax(expression) ? NOT_PROMISE : undefined;
    }
  }

  private binaryShape(binary: ts.BinaryExpression, depth: number): PromiseShape | undefined {
    const value = binaryValue(binary);
    if (value === 'primitive') return NOT_PROMISE;
    if (!value) return undefined;
    const shape = this.either(value.operands.map((operand) => this.cheapValueShape(operand, depth + 1)));
    return shape && value.orFalsyLeft ? { ...shape, always: false } : shape;
  }

  /** What a call or `new` returns, from the callee's declarations. */
  private callShape(call: ts.CallExpression | ts.NewExpression, depth: number): PromiseShape | undefined {
    if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return PROMISE;
    if (call.expression.kind === ts.SyntaxKind.SuperKeyword) return NOT_PROMISE;
    const callee = skipOuter(call.expression);
    if (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) return this.functionResultShape(callee, depth);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    // `.then/.catch/.finally` on a promise make a promise: no need to resolve the receiver's type.
    if (ts.isPropertyAccessExpression(callee) && CHAIN_METHODS.has(callee.name.text) && !ts.isNewExpression(call)) {
      if (this.cheapValueShape(callee.expression, depth + 1)?.always) return PROMISE;
    }
    const declarations = this.declarationsOf(callee);
    if (!declarations) return undefined;
    const isNew = ts.isNewExpression(call);
    // A method declared to return `this` (`emitter.on(…)`) returns its receiver; asked once for all overloads.
    let receiver: { shape: PromiseShape | undefined } | undefined;
    const receiverShape = (): PromiseShape | undefined =>
      (receiver ??= { shape: ts.isPropertyAccessExpression(callee) ? this.cheapValueShape(callee.expression, depth + 1) : undefined }).shape;
    return this.overDeclarations(declarations, (declaration) => {
      if (isNew) return this.declarationConstructedShape(declaration);
      return (
        this.declarationCalledShape(declaration, depth) ??
        (returnsThis(declaration) ? receiverShape() : undefined) ??
        this.instantiatedResultShape(declaration, call as ts.CallExpression, depth)
      );
    });
  }

  /**
   * A generic result that merely passes arguments through, read from the arguments instead of
   * resolving the call: `assign<T, U>(target: T, source: U): T & U` is its arguments.
   */
  private instantiatedResultShape(declaration: ts.Declaration, call: ts.CallExpression, depth: number): PromiseShape | undefined {
    if (!isFunctionLike(declaration) || !declaration.type || depth > MAX_DEPTH) return undefined;
    const result = skipParenthesizedType(declaration.type);
    const parts = ts.isIntersectionTypeNode(result) ? result.types : [result];
    const shapes: (PromiseShape | undefined)[] = [];
    for (const part of parts) {
      const name = ts.isTypeReferenceNode(part) && !part.typeArguments && ts.isIdentifier(part.typeName) ? part.typeName.text : undefined;
      if (!name || !declaration.typeParameters?.some((parameter) => parameter.name.text === name)) return undefined;
      const positions = declaration.parameters.flatMap((parameter, index) =>
        parameter.type && ts.isTypeReferenceNode(parameter.type) && !parameter.dotDotDotToken && parameter.type.typeName.getText() === name ? [index] : [],
      );
      const argument = positions.length === 1 ? call.arguments[positions[0]!] : undefined;
      if (!argument || ts.isSpreadElement(argument)) return undefined;
      shapes.push(this.cheapValueShape(argument, depth + 1));
    }
    if (shapes.some((shape) => shape === undefined)) return undefined;
    return bothShape(shapes as PromiseShape[]);
  }

  /** The value of an identifier or `a.b`: from its annotation or its initializer. */
  private referenceShape(reference: ts.Identifier | ts.PropertyAccessExpression, depth: number): PromiseShape | undefined {
    const declarations = this.declarationsOf(reference);
    if (!declarations) return ts.isIdentifier(reference) && reference.text === 'undefined' ? NOT_PROMISE : undefined;
    const indexed = declarations.length === 0 && ts.isPropertyAccessExpression(reference) ? this.members.indexedType(reference) : undefined;
    const shape = indexed ? this.types.shapeOf(indexed, true) : this.overDeclarations(declarations, (declaration) => this.declarationValueShape(declaration, depth));
    // Narrowing may turn `Promise | undefined` into `Promise` at this place: only the checker knows.
    if (shape && shape.maybe && !shape.always) return undefined;
    return shape;
  }

  private declarationValueShape(declaration: ts.Declaration, depth: number): PromiseShape | undefined {
    if (
      ts.isFunctionDeclaration(declaration) ||
      ts.isMethodDeclaration(declaration) ||
      ts.isMethodSignature(declaration) ||
      ts.isClassDeclaration(declaration) ||
      ts.isEnumDeclaration(declaration) ||
      ts.isEnumMember(declaration) ||
      ts.isModuleDeclaration(declaration)
    ) {
      return NOT_PROMISE;
    }
    if (ts.isGetAccessorDeclaration(declaration)) return declaration.type ? this.typeNodeShape(declaration.type) : undefined;
    if (ts.isBindingElement(declaration)) {
      if (isObjectRest(declaration)) return this.memoised(declaration, () => this.objectRestShape(declaration, depth));
      return this.memoised(declaration, () => this.either(destructuredSources(declaration, this.checker)?.map((source) => this.cheapValueShape(source, depth + 1)) ?? [undefined]));
    }
    if (
      ts.isVariableDeclaration(declaration) ||
      ts.isPropertyDeclaration(declaration) ||
      ts.isPropertySignature(declaration) ||
      ts.isParameter(declaration)
    ) {
      if (declaration.type) {
        const annotated = this.typeNodeShape(declaration.type);
        // An optional property or parameter may also be undefined.
        const optional = 'questionToken' in declaration && declaration.questionToken !== undefined;
        return annotated && optional ? eitherShape([annotated, NOT_PROMISE]) : annotated;
      }
      const initializer = initializerOf(declaration);
      if (ts.isParameter(declaration) || !initializer || !ts.isIdentifier(declaration.name)) return undefined;
      return this.memoised(declaration, () => this.cheapValueShape(initializer, depth + 1));
    }
    return undefined;
  }

  /**
   * `...rest` of `{ a, ...rest } = source`: a new plain object holding the source's other own
   * properties, so a thenable only if the source has a `then` of its own. A source that is never
   * a promise leaves none; otherwise the rest's type (as the checker types it) decides.
   */
  private objectRestShape(rest: ts.BindingElement, depth: number): PromiseShape | undefined {
    const holder = rest.parent.parent;
    let source: PromiseShape | undefined;
    if (ts.isParameter(holder)) source = this.declarationValueShape(holder, depth + 1);
    else if (ts.isVariableDeclaration(holder) && holder.initializer) source = this.cheapValueShape(holder.initializer, depth + 1);
    return source && !source.maybe ? NOT_PROMISE : undefined;
  }

  /** What calling the declared function (or function-typed variable) returns. */
  declarationCalledShape(declaration: ts.Declaration, depth: number): PromiseShape | undefined {
    if (isFunctionLike(declaration)) return this.functionResultShape(declaration, depth);
    if (ts.isClassDeclaration(declaration) || ts.isEnumDeclaration(declaration)) return NOT_PROMISE;
    // An object rest is a plain object: never callable.
    if (ts.isBindingElement(declaration) && isObjectRest(declaration)) return NOT_PROMISE;
    if (ts.isBindingElement(declaration) && depth <= MAX_DEPTH) {
      return this.either(destructuredSources(declaration, this.checker)?.map((source) => this.cheapCalledShape(source, depth + 1)) ?? [undefined]);
    }
    if (
      ts.isVariableDeclaration(declaration) ||
      ts.isPropertyDeclaration(declaration) ||
      ts.isPropertySignature(declaration) ||
      ts.isParameter(declaration) ||
      ts.isPropertyAssignment(declaration)
    ) {
      if ('type' in declaration && declaration.type) return this.callableTypeNodeShape(declaration.type);
      const initializer = initializerOf(declaration);
      if (initializer && !ts.isParameter(declaration)) return this.cheapCalledShape(initializer, depth + 1);
    }
    return undefined;
  }

  /** What `new X()` makes: a class without a base is not a promise; a constructor's declared result. */
  private declarationConstructedShape(declaration: ts.Declaration): PromiseShape | undefined {
    if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) {
      if (declaration.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)) return undefined;
      const hasThen = declaration.members.some((member) => member.name && ts.isIdentifier(member.name) && member.name.text === 'then');
      return hasThen ? undefined : NOT_PROMISE;
    }
    if (ts.isVariableDeclaration(declaration) && declaration.type) {
      return this.signaturesShape(this.checker.getTypeFromTypeNode(declaration.type).getConstructSignatures());
    }
    if (ts.isFunctionDeclaration(declaration)) return NOT_PROMISE;
    return undefined;
  }

  /** What a function declaration or expression returns: `async`, its annotation, or its `return`s. */
  private functionResultShape(fn: ts.SignatureDeclaration, depth: number): PromiseShape | undefined {
    return this.memoised(fn, () => {
      if (fn.type) return this.typeNodeShape(fn.type);
      const isGenerator = 'asteriskToken' in fn && fn.asteriskToken !== undefined;
      if (isGenerator) return NOT_PROMISE;
      if (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) return PROMISE;
      const body = 'body' in fn ? (fn.body as ts.ConciseBody | undefined) : undefined;
      // No annotation in a declaration file means `any`.
      if (!body) return fn.getSourceFile().isDeclarationFile ? NOT_PROMISE : undefined;
      if (depth > MAX_DEPTH) return undefined;
      if (!ts.isBlock(body)) return this.cheapValueShape(body, depth + 1);
      const shapes = returnedExpressions(body).map((expression) => this.cheapValueShape(expression, depth + 1));
      const fromReturns = this.either(shapes);
      if (fromReturns) return fromReturns;
      // The returns need real types: the declaration's own signature is still cheaper than a call's.
      if (fn.typeParameters?.length) return undefined;
      const signature = this.checker.getSignatureFromDeclaration(fn);
      return signature ? this.types.shapeOf(this.checker.getReturnTypeOfSignature(signature), true) : undefined;
    });
  }

  /** What a value of the annotated function type returns when called. */
  callableTypeNodeShape(node: ts.TypeNode): PromiseShape | undefined {
    const inner = skipParenthesizedType(node);
    if (ts.isFunctionTypeNode(inner)) return this.typeNodeShape(inner.type);
    if (isNeverCallableTypeNode(inner)) return NOT_PROMISE;
    if (ts.isUnionTypeNode(inner)) return this.either(inner.types.map((part) => this.callableTypeNodeShape(part)));
    if (this.neverCallable(inner)) return NOT_PROMISE;
    const type = this.checker.getTypeFromTypeNode(inner);
    if (type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) {
      // Generic: no instantiation may be callable at all (`ReadContractReturnType<…>` is data).
      return this.types.neverCallableWithin(type) ? NOT_PROMISE : undefined;
    }
    return this.signaturesShape(type.getCallSignatures());
  }

  private signaturesShape(signatures: readonly ts.Signature[]): PromiseShape | undefined {
    return this.either(signatures.map((signature) => this.types.shapeOf(this.checker.getReturnTypeOfSignature(signature), true)));
  }

  /** True when no value of the annotated type can be called, by its declarations alone. */
  neverCallable(node: ts.TypeNode): boolean {
    return this.declaredCallables.neverCallable(node);
  }

  /** The shape of a value of the annotated type, read from the annotation where possible. */
  typeNodeShape(node: ts.TypeNode): PromiseShape | undefined {
    return this.remembered('type', node, () => this.declaredTypeShape(node));
  }

  private declaredTypeShape(node: ts.TypeNode): PromiseShape | undefined {
    const inner = skipParenthesizedType(node);
    if (isNeverPromiseTypeNode(inner)) return NOT_PROMISE;
    if (ts.isUnionTypeNode(inner)) return this.either(inner.types.map((part) => this.typeNodeShape(part)));
    if (ts.isArrayTypeNode(inner)) {
      const element = this.typeNodeShape(inner.elementType);
      return element && (element.maybe ? PROMISE_ARRAY : NOT_PROMISE);
    }
    if (ts.isTypeReferenceNode(inner)) {
      const symbol = this.aliasResolved(this.checker.getSymbolAtLocation(inner.typeName));
      if (symbol && symbol.flags & ts.SymbolFlags.TypeParameter) return undefined;
      if (symbol?.name === 'Promise' && this.types.isDefaultLibrarySymbol(symbol)) return PROMISE;
    }
    if (ts.isThisTypeNode(inner)) return undefined;
    if (this.declaredTypes.neverPromise(inner)) return NOT_PROMISE;
    return this.types.shapeOf(this.checker.getTypeFromTypeNode(inner), true);
  }

  /**
   * The declarations a name or property access refers to (aliases followed); for a member, read
   * from the receiver's declared type when no guard can narrow it (see `DeclaredMembers`).
   */
  declarationsOf(node: ts.Identifier | ts.PropertyAccessExpression): readonly ts.Declaration[] | undefined {
    if (ts.isPropertyAccessExpression(node)) {
      const declared = this.members.memberDeclarations(node);
      if (declared) return declared;
      return this.aliasResolved(this.checker.getSymbolAtLocation(node.name))?.declarations;
    }
    return this.aliasResolved(this.variableOf(node))?.declarations;
  }

  /** Like `declarationsOf`, but only what declarations tell: undefined where the checker would have to resolve a receiver. */
  declaredDeclarationsOf(node: ts.Identifier | ts.PropertyAccessExpression): readonly ts.Declaration[] | undefined {
    if (ts.isPropertyAccessExpression(node)) return this.members.memberDeclarations(node);
    return this.aliasResolved(this.variableOf(node))?.declarations;
  }

  /** The variable an identifier reads; in `{ token }` that is the variable, not the property. */
  variableOf(node: ts.Identifier): ts.Symbol | undefined {
    return ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
      ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
      : this.checker.getSymbolAtLocation(node);
  }

  private aliasResolved(symbol: ts.Symbol | undefined): ts.Symbol | undefined {
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) return this.checker.getAliasedSymbol(symbol);
    return symbol;
  }

  /** One answer from all the value declarations of a symbol (overloads, merged or union members). */
  private overDeclarations(
    declarations: readonly ts.Declaration[],
    shapeOf: (declaration: ts.Declaration) => PromiseShape | undefined,
  ): PromiseShape | undefined {
    const values = declarations.filter(isValueDeclaration);
    if (values.length === 0) return undefined;
    let result: PromiseShape | undefined;
    for (const declaration of values) {
      const shape = shapeOf(declaration);
      if (!shape) return undefined;
      // Overloads that disagree: which one applies is the checker's call to make.
      if (result && !sameShape(result, shape)) return undefined;
      result = shape;
    }
    return result;
  }

  private either(shapes: readonly (PromiseShape | undefined)[]): PromiseShape | undefined {
    if (shapes.some((shape) => shape === undefined)) return undefined;
    return eitherShape(shapes as PromiseShape[]);
  }

  /** Caches declaration facts and stops at recursion (a function that returns its own call). */
  private memoised(node: ts.Node, compute: () => PromiseShape | undefined): PromiseShape | undefined {
    if (this.declarationShapes.has(node)) return this.declarationShapes.get(node);
    if (this.inProgress.has(node)) return undefined;
    this.inProgress.add(node);
    const shape = this.remembered('declaration', node, compute);
    this.inProgress.delete(node);
    this.declarationShapes.set(node, shape);
    return shape;
  }

  /**
   * A fact about `node` from the host's store when it has one (see `TypeFactStore`), else
   * computed, and stored for the next program. Only for facts that follow from `node`'s own
   * declarations and the types they name.
   */
  remembered<T>(fact: string, node: ts.Node, compute: () => T | undefined): T | undefined {
    const key = this.store?.keyOf(node);
    if (key === undefined) return compute();
    const storeKey = `${fact}:${this.kind}:${this.arrays}:${key}`;
    const known = this.store!.get(storeKey);
    if (known !== undefined) return known === UNKNOWN_FACT ? undefined : (known as T);
    const value = compute();
    this.store!.set(storeKey, value ?? UNKNOWN_FACT);
    return value;
  }
}

/** Stored for "the declarations could not tell", which is a fact worth keeping too. */
const UNKNOWN_FACT = Symbol('unknown');

// How far the oracle follows returns and initializers before it asks the checker instead.
const MAX_DEPTH = 4;

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

const oracles = new WeakMap<ts.Program, Map<string, PromiseOracle>>();

/** One oracle per program, kind and need for arrays, shared by every rule and file linted against that program. */
export function promiseOracleFor(program: ts.Program, kind: PromiseKind, arrays = true): PromiseOracle {
  let byKind = oracles.get(program);
  if (!byKind) {
    byKind = new Map();
    oracles.set(program, byKind);
  }
  const key = `${kind}:${arrays}`;
  let oracle = byKind.get(key);
  if (!oracle) {
    oracle = new PromiseOracle(program, program.getTypeChecker(), kind, arrays);
    byKind.set(key, oracle);
  }
  return oracle;
}

/** `...rest` directly in an object destructuring pattern. */
function isObjectRest(binding: ts.BindingElement): boolean {
  return binding.dotDotDotToken !== undefined && ts.isObjectBindingPattern(binding.parent);
}

function initializerOf(declaration: ts.Declaration): ts.Expression | undefined {
  return 'initializer' in declaration ? (declaration.initializer as ts.Expression | undefined) : undefined;
}

function returnsThis(declaration: ts.Declaration): boolean {
  return isFunctionLike(declaration) && declaration.type !== undefined && ts.isThisTypeNode(skipParenthesizedType(declaration.type));
}

function sameShape(a: PromiseShape, b: PromiseShape): boolean {
  return a.maybe === b.maybe && a.always === b.always && a.array === b.array;
}
