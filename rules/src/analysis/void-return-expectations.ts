import ts from 'typescript';
import { declaredContextType, returnedType } from './declared-contexts.js';
import type { PromiseOracle } from './promise-oracle.js';

/**
 * With types: where a function is expected to return nothing (`() => void`), so that a promise
 * it returns is ignored by whoever calls it. A position that also accepts a promise-returning
 * function (`() => void | Promise<void>`, an overload taking one) expects nothing of the kind.
 */
export class VoidReturnExpectations {
  private readonly parameterAnswers = new WeakMap<ts.Declaration, Map<string, boolean>>();

  constructor(private readonly oracle: PromiseOracle) {}

  private get checker(): ts.TypeChecker {
    return this.oracle.checker;
  }

  /**
   * Cheap first look at the callee's declarations: false when no declared parameter at `index`
   * can be a void-returning function (a string, an options object, an unconstrained `T`), so the
   * argument's own type need not be computed. True means "maybe": ask `argumentExpectsVoid`.
   */
  parameterMayExpectVoid(call: ts.CallExpression | ts.NewExpression, index: number): boolean {
    const callee = call.expression;
    // `super(…)` calls the base class's constructor.
    const isSuper = callee.kind === ts.SyntaxKind.SuperKeyword;
    const declarations = this.calleeDeclarations(call);
    if (!declarations) return true;
    const isNew = ts.isNewExpression(call) || isSuper;
    return declarations.some((declaration) => {
      let answers = this.parameterAnswers.get(declaration);
      if (!answers) this.parameterAnswers.set(declaration, (answers = new Map()));
      const key = `${index}:${isNew}`;
      let answer = answers.get(key);
      if (answer === undefined) {
        answer = this.declarationMayExpectVoid(declaration, index, isNew);
        answers.set(key, answer);
      }
      return answer;
    });
  }

  /**
   * Cheap first look for an object literal's property: false when nothing gives the literal a type
   * in which this property is a void-returning function (an unannotated variable, a parameter whose
   * declared type has no such property), so the value's own type need not be computed.
   */
  propertyMayExpectVoid(property: ts.ObjectLiteralElementLike): boolean {
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
    if (name === undefined) return true;
    let literal: ts.Node = property.parent;
    while (ts.isParenthesizedExpression(literal.parent)) literal = literal.parent;
    const parent = literal.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === literal) {
      return parent.type !== undefined && this.typeNodeHasVoidMember(parent.type, name);
    }
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== literal) {
      const index = parent.arguments?.indexOf(literal as ts.Expression) ?? -1;
      const declarations = this.calleeDeclarations(parent);
      if (index < 0 || !declarations) return true;
      return declarations.some((declaration) => {
        const lists = this.parametersOf(declaration, ts.isNewExpression(parent) || parent.expression.kind === ts.SyntaxKind.SuperKeyword);
        if (!lists) return true;
        return lists.some((list) => {
          const parameter = parameterAt(list, index);
          if (!parameter) return false;
          if (!parameter.type || parameter.dotDotDotToken) return parameter.type === undefined ? isJavaScript(parameter) : true;
          return this.typeNodeHasVoidMember(parameter.type, name);
        });
      });
    }
    // `{ … } as T`, `<T>{ … }`, `{ … } satisfies T`: T gives the literal its type (`as const` does not).
    if ((ts.isAsExpression(parent) || ts.isTypeAssertionExpression(parent) || ts.isSatisfiesExpression(parent)) && !ts.isConstTypeReference(parent.type)) {
      return this.typeNodeHasVoidMember(parent.type, name);
    }
    // Returned from a function whose result type nothing declares: no type to match.
    if (ts.isReturnStatement(parent)) {
      const fn = ts.findAncestor(parent, ts.isFunctionLike);
      return !(fn && !fn.type && (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)));
    }
    if (ts.isExportAssignment(parent) || ts.isExpressionStatement(parent)) return false;
    // Deeper in: an element of an array, a property of another literal, a value returned by a
    // callback; the declared type of the place, when one is written, tells.
    const context = declaredContextType(literal as ts.Expression, this.checker, (callee) => this.oracle.declaredDeclarationsOf(callee));
    return context === undefined || this.typeHasVoidMember(context, name, 0);
  }

  /** Whether a value of the annotated type may have a void-returning function under `name`. */
  private typeNodeHasVoidMember(node: ts.TypeNode, name: string): boolean {
    return this.oracle.remembered(`void-member.${name}`, node, () => this.computeTypeNodeHasVoidMember(node, name)) ?? true;
  }

  private computeTypeNodeHasVoidMember(node: ts.TypeNode, name: string): boolean {
    if (isKeywordOrLiteral(node) || ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node) || ts.isFunctionTypeNode(node)) return false;
    if (ts.isTypeReferenceNode(node)) {
      const symbol = this.checker.getSymbolAtLocation(node.typeName);
      const declaration = symbol?.declarations?.[0];
      if (declaration && ts.isTypeParameterDeclaration(declaration)) {
        return declaration.constraint ? this.typeNodeHasVoidMember(declaration.constraint, name) : false;
      }
    }
    return this.typeHasVoidMember(this.checker.getTypeFromTypeNode(node), name, 0);
  }

  private typeHasVoidMember(type: ts.Type, name: string, depth: number): boolean {
    if (depth > 6) return true;
    const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
    return parts.some((part) => {
      if (part.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) {
        // Generic: judge by what every instantiation is assignable to.
        return this.oracle.types.upperBounds(part, 0).some((bound) =>
          bound.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any | ts.TypeFlags.NonPrimitive | ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)
            ? true
            : this.typeHasVoidMember(bound, name, depth + 1),
        );
      }
      if (!(part.flags & ts.TypeFlags.Object)) return false;
      const member = part.getProperty(name);
      if (!member) return part.getStringIndexType() !== undefined || this.checker.getPropertiesOfType(part).length === 0;
      return this.declaredTypeMayBeVoidFunction(this.checker.getTypeOfSymbol(member));
    });
  }

  /**
   * Cheap first look for a callback's `return`: false when the callee declares the callback's
   * result as something other than a void-returning function (`map`'s `U`, `filter`'s `unknown`).
   */
  callbackResultMayExpectVoid(fn: ts.SignatureDeclaration): boolean {
    let node: ts.Node = fn;
    while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
    const call = node.parent;
    if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return true;
    const index = call.arguments?.indexOf(node as ts.Expression) ?? -1;
    const declarations = index < 0 ? undefined : this.calleeDeclarations(call);
    if (!declarations) return true;
    return declarations.some((declaration) => {
      const lists = this.parametersOf(declaration, ts.isNewExpression(call) || call.expression.kind === ts.SyntaxKind.SuperKeyword);
      if (!lists) return true;
      return lists.some((list) => {
        const parameter = parameterAt(list, index);
        if (!parameter) return false;
        if (!parameter.type) return isJavaScript(parameter);
        let type = parameter.type;
        if (parameter.dotDotDotToken) {
          if (!ts.isArrayTypeNode(type)) return true;
          type = type.elementType;
        }
        while (ts.isParenthesizedTypeNode(type)) type = type.type;
        if (ts.isFunctionTypeNode(type)) return this.typeNodeMayBeVoidFunction(type.type, 0);
        if (ts.isUnionTypeNode(type)) {
          return type.types.some((part) => (ts.isFunctionTypeNode(part) ? this.typeNodeMayBeVoidFunction(part.type, 0) : !isKeywordOrLiteral(part)));
        }
        return !isKeywordOrLiteral(type);
      });
    });
  }

  /**
   * Cheap first look for an unannotated function's `return` (an object literal's method, a
   * function expression): false when the result expected of it, read from declarations, can be
   * no void-returning function.
   */
  expectedResultMayExpectVoid(fn: ts.SignatureDeclaration): boolean {
    const expected = returnedType(fn, this.checker, (callee) => this.oracle.declaredDeclarationsOf(callee));
    return expected === undefined || this.declaredTypeMayBeVoidFunction(expected);
  }

  /**
   * Cheap first look at an assignment's target: false when its declaration says it holds no
   * void-returning function (an annotation that is not one, or a literal initializer).
   */
  targetMayExpectVoid(target: ts.Expression): boolean {
    if (!ts.isPropertyAccessExpression(target) && !ts.isIdentifier(target)) return true;
    const declarations = this.oracle.declaredDeclarationsOf(target);
    if (!declarations || declarations.length === 0) return true;
    return declarations.some((declaration) => {
      const type = 'type' in declaration ? (declaration.type as ts.TypeNode | undefined) : undefined;
      if (type) return this.typeNodeMayBeVoidFunction(type, 0);
      const initializer = 'initializer' in declaration ? (declaration.initializer as ts.Expression | undefined) : undefined;
      if (!initializer || isJavaScript(declaration)) return true;
      return !(ts.isLiteralExpression(initializer) || ts.isObjectLiteralExpression(initializer) || ts.isArrayLiteralExpression(initializer) ||
        initializer.kind === ts.SyntaxKind.TrueKeyword || initializer.kind === ts.SyntaxKind.FalseKeyword || initializer.kind === ts.SyntaxKind.NullKeyword);
    });
  }

  private calleeDeclarations(call: ts.CallExpression | ts.NewExpression): readonly ts.Declaration[] | undefined {
    const callee = call.expression;
    const target = callee.kind === ts.SyntaxKind.SuperKeyword ? baseClassName(call) : ts.isPropertyAccessExpression(callee) || ts.isIdentifier(callee) ? callee : undefined;
    if (!target) return undefined;
    const declarations = this.oracle.declaredDeclarationsOf(target);
    return declarations && declarations.length > 0 ? declarations : undefined;
  }

  private declarationMayExpectVoid(declaration: ts.Declaration, index: number, isNew: boolean): boolean {
    const parameters = this.parametersOf(declaration, isNew);
    if (!parameters) return true;
    for (const list of parameters) {
      const parameter = parameterAt(list, index);
      if (!parameter) continue;
      if (!parameter.type) {
        // JavaScript may type it in JSDoc; TypeScript without an annotation means `any`.
        if (isJavaScript(parameter) || parameter.initializer) return true;
        continue;
      }
      let type: ts.TypeNode = parameter.type;
      if (parameter.dotDotDotToken) {
        if (!ts.isArrayTypeNode(type)) return true;
        type = type.elementType;
      }
      if (this.typeNodeMayBeVoidFunction(type, 0)) return true;
    }
    return false;
  }

  /** The parameter lists a declaration offers for a call (or `new`), or undefined when unknown. */
  private parametersOf(declaration: ts.Declaration, isNew: boolean): (readonly ts.ParameterDeclaration[])[] | undefined {
    if (isNew) {
      if (!ts.isClassDeclaration(declaration)) return undefined;
      const constructors = declaration.members.filter(ts.isConstructorDeclaration);
      // Without a constructor of its own, a derived class takes its base's.
      const extendsBase = declaration.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
      if (constructors.length === 0 && extendsBase) return undefined;
      return constructors.map((constructor) => constructor.parameters);
    }
    const initializer = (ts.isPropertyAssignment(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && !('type' in declaration && declaration.type)
      ? declaration.initializer
      : undefined;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) return [initializer.parameters];
    if (
      ts.isFunctionDeclaration(declaration) ||
      ts.isMethodDeclaration(declaration) ||
      ts.isMethodSignature(declaration) ||
      ts.isFunctionExpression(declaration) ||
      ts.isArrowFunction(declaration)
    ) {
      return [declaration.parameters];
    }
    if ((ts.isVariableDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.type) {
      return ts.isFunctionTypeNode(declaration.type) ? [declaration.type.parameters] : undefined;
    }
    return undefined;
  }

  /** For a function's declared result: an async function returns what its `Promise<T>` holds. */
  returnAnnotationMayExpectVoid(annotation: ts.TypeNode, isAsync: boolean): boolean {
    if (isAsync && ts.isTypeReferenceNode(annotation) && ts.isIdentifier(annotation.typeName) && annotation.typeName.text === 'Promise') {
      const held = annotation.typeArguments?.[0];
      return held === undefined || this.typeNodeMayBeVoidFunction(held);
    }
    return this.typeNodeMayBeVoidFunction(annotation);
  }

  /** Cheap look at an annotation: false when no value of it can be a void-returning function. */
  typeNodeMayBeVoidFunction(node: ts.TypeNode, depth = 0): boolean {
    if (depth === 0) return this.oracle.remembered('void-function', node, () => this.computeTypeNodeMayBeVoidFunction(node, 0)) ?? true;
    return this.computeTypeNodeMayBeVoidFunction(node, depth);
  }

  private computeTypeNodeMayBeVoidFunction(node: ts.TypeNode, depth: number): boolean {
    if (depth > 4) return true;
    if (ts.isParenthesizedTypeNode(node)) return this.typeNodeMayBeVoidFunction(node.type, depth + 1);
    if (ts.isFunctionTypeNode(node)) return this.returnTypeNodeMayBeVoid(node.type);
    if (isKeywordOrLiteral(node) || ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node) || ts.isConstructorTypeNode(node)) return false;
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.some((part) => this.typeNodeMayBeVoidFunction(part, depth + 1));
    if (ts.isTypeLiteralNode(node)) {
      return node.members.some((member) => ts.isCallSignatureDeclaration(member) && (!member.type || this.returnTypeNodeMayBeVoid(member.type)));
    }
    if (ts.isTypeReferenceNode(node)) {
      const symbol = this.checker.getSymbolAtLocation(node.typeName);
      const declaration = symbol?.declarations?.[0];
      if (declaration && ts.isTypeParameterDeclaration(declaration)) {
        return declaration.constraint ? this.typeNodeMayBeVoidFunction(declaration.constraint, depth + 1) : false;
      }
      if (this.oracle.neverCallable(node)) return false;
      const type = this.checker.getTypeFromTypeNode(node);
      return this.declaredTypeMayBeVoidFunction(type);
    }
    // `typeof writeContract`: the declared type of a function, no inference needed.
    if (ts.isTypeQueryNode(node)) return this.declaredTypeMayBeVoidFunction(this.checker.getTypeFromTypeNode(node));
    return true;
  }

  /**
   * Whether a callback declared to return this may be a void-only callback. A union that admits a
   * promise (`void | Promise<void>`) accepts async callbacks; a type parameter takes whatever the
   * callback returns, a promise included.
   */
  private returnTypeNodeMayBeVoid(node: ts.TypeNode): boolean {
    if (node.kind === ts.SyntaxKind.VoidKeyword) return true;
    if (isKeywordOrLiteral(node) || ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node)) return false;
    if (ts.isParenthesizedTypeNode(node)) return this.returnTypeNodeMayBeVoid(node.type);
    if (ts.isUnionTypeNode(node)) {
      if (node.types.some((part) => this.isPromiseReference(part))) return false;
      return node.types.some((part) => this.returnTypeNodeMayBeVoid(part));
    }
    if (ts.isTypeReferenceNode(node)) {
      const symbol = this.checker.getSymbolAtLocation(node.typeName);
      if (!symbol || symbol.flags & ts.SymbolFlags.TypeParameter || this.isPromiseReference(node)) return false;
      return (this.checker.getTypeFromTypeNode(node).flags & ts.TypeFlags.Void) !== 0;
    }
    return true;
  }

  private isPromiseReference(node: ts.TypeNode): boolean {
    return ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && /^(Promise|PromiseLike)$/.test(node.typeName.text);
  }

  private declaredTypeMayBeVoidFunction(type: ts.Type, depth = 0): boolean {
    const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
    return parts.some((part) => {
      if (part.flags & ts.TypeFlags.TypeParameter && depth < 4) {
        const constraint = this.checker.getBaseConstraintOfType(part);
        return constraint !== undefined && constraint !== part && this.declaredTypeMayBeVoidFunction(constraint, depth + 1);
      }
      if (part.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) {
        // Generic: a value of it may be a function only if some upper bound may be one.
        return !this.oracle.types.neverCallableWithin(part);
      }
      return part.getCallSignatures().some((signature) => {
        const returnType = this.checker.getReturnTypeOfSignature(signature);
        return (returnType.flags & (ts.TypeFlags.Void | ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) !== 0;
      });
    });
  }

  /**
   * True when argument `index` of the call must be a void-returning function: some signature of
   * the callee (or the argument's contextual type) wants one there and none accepts a function that
   * returns a promise.
   */
  argumentExpectsVoid(call: ts.CallExpression | ts.NewExpression, index: number): boolean {
    const calleeType = this.checker.getTypeAtLocation(call.expression);
    const parts = calleeType.isUnion() ? calleeType.types : [calleeType];
    let wantsVoid = false;
    let acceptsPromise = false;
    const consider = (type: ts.Type | undefined): void => {
      if (!type) return;
      if (this.oracle.types.returnsPromise(type)) acceptsPromise = true;
      else if (this.oracle.types.isVoidFunction(type)) wantsVoid = true;
    };
    for (const part of parts) {
      const signatures = ts.isNewExpression(call) ? part.getConstructSignatures() : part.getCallSignatures();
      for (const signature of signatures) {
        for (const type of this.parameterTypesAt(signature, index, call)) consider(type);
      }
    }
    const contextualAt = (this.checker as unknown as { getContextualTypeForArgumentAtIndex?: (call: ts.CallLikeExpression, index: number) => ts.Type | undefined })
      .getContextualTypeForArgumentAtIndex;
    consider(contextualAt?.call(this.checker, call, index));
    return wantsVoid && !acceptsPromise;
  }

  private parameterTypesAt(signature: ts.Signature, index: number, call: ts.CallExpression | ts.NewExpression): ts.Type[] {
    const parameters = signature.parameters;
    const last = parameters[parameters.length - 1];
    const isRest = last?.valueDeclaration && ts.isParameter(last.valueDeclaration) && last.valueDeclaration.dotDotDotToken !== undefined;
    if (index < parameters.length - (isRest ? 1 : 0)) return [this.checker.getTypeOfSymbolAtLocation(parameters[index]!, call.expression)];
    if (!isRest || !last) return [];
    const restType = this.checker.getTypeOfSymbolAtLocation(last, call.expression);
    if (this.checker.isArrayType(restType)) return this.checker.getTypeArguments(restType as ts.TypeReference).slice(0, 1);
    if (this.checker.isTupleType(restType)) {
      const element = this.checker.getTypeArguments(restType as ts.TypeReference)[index - (parameters.length - 1)];
      return element ? [element] : [];
    }
    return [];
  }

  /** True when a value of `expected` is a function type that returns `void` and never a promise. */
  expectsVoid(expected: ts.Type | undefined): boolean {
    return expected !== undefined && this.oracle.types.isVoidFunction(expected);
  }
}

/** The base class named in `extends` of the class around a `super(…)` call. */
function baseClassName(call: ts.CallExpression | ts.NewExpression): ts.Identifier | ts.PropertyAccessExpression | undefined {
  const owner = ts.findAncestor(call, ts.isClassLike);
  const base = owner?.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base) return undefined;
  return ts.isPropertyAccessExpression(base) || ts.isIdentifier(base) ? base : undefined;
}

function parameterAt(parameters: readonly ts.ParameterDeclaration[], index: number): ts.ParameterDeclaration | undefined {
  const last = parameters[parameters.length - 1];
  if (index < parameters.length && !(parameters[index]?.dotDotDotToken)) return parameters[index];
  return last?.dotDotDotToken ? last : undefined;
}

function isJavaScript(node: ts.Node): boolean {
  return /\.(c|m)?jsx?$/.test(node.getSourceFile().fileName);
}

function isKeywordOrLiteral(node: ts.TypeNode): boolean {
  return (node.kind >= ts.SyntaxKind.FirstKeyword && node.kind <= ts.SyntaxKind.LastKeyword) || ts.isLiteralTypeNode(node) || ts.isTemplateLiteralTypeNode(node);
}
