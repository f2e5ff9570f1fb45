import ts from 'typescript';

/** What a value is, as far as promises go. */
export interface PromiseShape {
  /** Some member of its type is a promise: it may be one. */
  readonly maybe: boolean;
  /** Every member of its type is a promise: it always is one. */
  readonly always: boolean;
  /** It is an array or tuple that holds promises. */
  readonly array: boolean;
}

export const NOT_PROMISE: PromiseShape = { maybe: false, always: false, array: false };
export const PROMISE: PromiseShape = { maybe: true, always: true, array: false };
export const PROMISE_ARRAY: PromiseShape = { maybe: false, always: false, array: true };

/** The shape of a value that is one of several shapes (a union, a conditional's branches). */
export function eitherShape(shapes: readonly PromiseShape[]): PromiseShape {
  if (shapes.length === 0) return NOT_PROMISE;
  return {
    maybe: shapes.some((shape) => shape.maybe),
    always: shapes.every((shape) => shape.always),
    array: shapes.some((shape) => shape.array),
  };
}

/** The shape of a value that is all of several shapes at once (an intersection). */
export function bothShape(shapes: readonly PromiseShape[]): PromiseShape {
  return {
    maybe: shapes.some((shape) => shape.maybe),
    always: shapes.some((shape) => shape.always),
    array: shapes.some((shape) => shape.array),
  };
}

/**
 * Which values count as promises. `promise`: the built-in Promise and classes or interfaces that
 * extend it. `thenable`: also anything with a `then(onFulfilled, …)` method (PromiseLike, jQuery
 * deferreds, VS Code's Thenable), which `await` treats the same way.
 */
export type PromiseKind = 'promise' | 'thenable';

// Bounds walks through self-referencing unions and constraints.
const MAX_DEPTH = 12;

/**
 * Classifies types. `declared` types come from annotations and may mention type parameters whose
 * meaning depends on the call; for those the answer is `undefined` (unknown) instead of a guess.
 */
export class PromiseTypes {
  private readonly promiseSymbols = new Map<ts.Symbol, boolean>();
  private readonly thenables = new WeakMap<ts.Type, boolean>();

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly kind: PromiseKind,
  ) {}

  /** The shape of a value of `type`. With `declared`, undefined when it depends on type arguments. */
  shapeOf(type: ts.Type, declared = false): PromiseShape | undefined {
    return this.shapeAt(type, declared, true, 0);
  }

  /** `arrays`: whether an array of promises counts (only at the top: an array of arrays does not). */
  private shapeAt(type: ts.Type, declared: boolean, arrays: boolean, depth: number): PromiseShape | undefined {
    if (depth > MAX_DEPTH) return declared ? undefined : NOT_PROMISE;
    if (type.flags & ts.TypeFlags.Union) return this.combine((type as ts.UnionType).types, declared, arrays, depth, eitherShape);
    if (type.flags & ts.TypeFlags.Intersection) {
      return this.combine((type as ts.IntersectionType).types, declared, arrays, depth, bothShape);
    }
    if (type.flags & ts.TypeFlags.TypeParameter) {
      if (declared) return this.neverPromiseWithin(type, depth) ? NOT_PROMISE : undefined;
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint && constraint !== type ? this.shapeAt(constraint, false, arrays, depth + 1) : NOT_PROMISE;
    }
    if (type.flags & (ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution)) {
      if (declared) return this.neverPromiseWithin(type, depth) ? NOT_PROMISE : undefined;
      const apparent = this.checker.getApparentType(type);
      return apparent === type ? NOT_PROMISE : this.shapeAt(apparent, false, arrays, depth + 1);
    }
    if (!(type.flags & ts.TypeFlags.Object)) return NOT_PROMISE;
    if (this.isPromiseObject(type)) return PROMISE;
    return arrays ? this.arrayShape(type, declared, depth) : NOT_PROMISE;
  }

  /**
   * For a declared type that depends on type arguments: true when no instantiation can be a
   * promise or an array of promises, judged by its upper bounds (a type parameter's constraint,
   * both branches of a conditional type). `T extends Address` never is; an unconstrained `T`, or
   * one bounded only by `object` or `{}`, may be anything.
   */
  neverPromiseWithin(type: ts.Type, depth: number): boolean {
    return this.upperBounds(type, depth).every((bound) => {
      if (bound.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any | ts.TypeFlags.NonPrimitive)) return false;
      if (bound.flags & ts.TypeFlags.Object && this.checker.getPropertiesOfType(bound).length === 0) return false;
      const shape = this.shapeAt(bound, true, true, depth + 1);
      return shape !== undefined && !shape.maybe && !shape.array && !(this.kind === 'promise' && bound.getProperty('then'));
    });
  }

  /** The types every instantiation of `type` is assignable to (undefined-free bounds), or `[unknown]`. */
  upperBounds(type: ts.Type, depth: number): ts.Type[] {
    if (depth > MAX_DEPTH) return [this.checker.getUnknownType()];
    if (type.flags & ts.TypeFlags.TypeParameter) {
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint && constraint !== type ? this.upperBounds(constraint, depth + 1) : [this.checker.getUnknownType()];
    }
    if (type.flags & ts.TypeFlags.Conditional) {
      const node = (type as ts.ConditionalType).root.node;
      return [node.trueType, node.falseType].flatMap((branch) => this.upperBounds(this.checker.getTypeFromTypeNode(branch), depth + 1));
    }
    if (type.flags & (ts.TypeFlags.IndexedAccess | ts.TypeFlags.Substitution)) {
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint && constraint !== type ? this.upperBounds(constraint, depth + 1) : [this.checker.getUnknownType()];
    }
    if (type.flags & ts.TypeFlags.Union) return (type as ts.UnionType).types.flatMap((part) => this.upperBounds(part, depth + 1));
    return [type];
  }

  /** Like `neverPromiseWithin`, for "can a value of this declared type be called at all?". */
  neverCallableWithin(type: ts.Type, depth = 0): boolean {
    return this.upperBounds(type, depth).every((bound) => {
      if (bound.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any | ts.TypeFlags.NonPrimitive)) return false;
      if (bound.flags & ts.TypeFlags.Intersection) return (bound as ts.IntersectionType).types.every((part) => this.neverCallableWithin(part, depth + 1));
      if (bound.flags & ts.TypeFlags.Object) return this.checker.getPropertiesOfType(bound).length > 0 && bound.getCallSignatures().length === 0;
      return !(bound.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution));
    });
  }

  private combine(
    parts: readonly ts.Type[],
    declared: boolean,
    arrays: boolean,
    depth: number,
    join: (shapes: readonly PromiseShape[]) => PromiseShape,
  ): PromiseShape | undefined {
    const shapes: PromiseShape[] = [];
    for (const part of parts) {
      const shape = this.shapeAt(part, declared, arrays, depth + 1);
      if (!shape) return undefined;
      shapes.push(shape);
    }
    return join(shapes);
  }

  /** Arrays and tuples of promises: dropping one drops every promise in it. */
  private arrayShape(type: ts.Type, declared: boolean, depth: number): PromiseShape | undefined {
    if (!this.checker.isArrayType(type) && !this.checker.isTupleType(type)) return NOT_PROMISE;
    for (const element of this.checker.getTypeArguments(type as ts.TypeReference)) {
      const shape = this.shapeAt(element, declared, false, depth + 1);
      if (!shape) return undefined;
      if (shape.maybe) return PROMISE_ARRAY;
    }
    return NOT_PROMISE;
  }

  private isPromiseObject(type: ts.Type): boolean {
    if (this.isBuiltinPromise(type, 0)) return true;
    if (this.kind !== 'thenable') return false;
    // Types are interned: a large client type is asked about many times.
    let answer = this.thenables.get(type);
    if (answer === undefined) this.thenables.set(type, (answer = this.hasThenMethod(type)));
    return answer;
  }

  /** The built-in Promise, or a class or interface that extends it (however deep). */
  private isBuiltinPromise(type: ts.Type, depth: number): boolean {
    const symbol = type.getSymbol();
    if (!symbol || depth > 8) return false;
    // Class hierarchies share bases (event emitters above all): answer each class once.
    const known = this.promiseSymbols.get(symbol);
    if (known !== undefined) return known;
    this.promiseSymbols.set(symbol, false);
    const answer = this.extendsBuiltinPromise(symbol, depth);
    this.promiseSymbols.set(symbol, answer);
    return answer;
  }

  private extendsBuiltinPromise(symbol: ts.Symbol, depth: number): boolean {
    if (symbol.name === 'Promise' && this.isDefaultLibrarySymbol(symbol)) return true;
    if (!(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) return false;
    const declaredType = this.checker.getDeclaredTypeOfSymbol(symbol);
    if (!(declaredType.flags & ts.TypeFlags.Object) || !((declaredType as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) {
      return false;
    }
    return this.checker.getBaseTypes(declaredType as ts.InterfaceType).some((base) => this.isBuiltinPromise(base, depth + 1));
  }

  isDefaultLibrarySymbol(symbol: ts.Symbol): boolean {
    return (symbol.declarations ?? []).some((declaration) => this.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
  }

  /** A `then` method whose first parameter takes a callback, as `await` expects. */
  private hasThenMethod(type: ts.Type): boolean {
    const then = type.getProperty('then');
    if (!then) return false;
    const thenType = this.checker.getTypeOfSymbol(then);
    const parts = thenType.isUnion() ? thenType.types : [thenType];
    return parts.some((part) =>
      part.getCallSignatures().some((signature) => {
        const first = signature.parameters[0];
        if (!first) return false;
        const parameterType = this.checker.getApparentType(this.checker.getTypeOfSymbol(first));
        const options = parameterType.isUnion() ? parameterType.types : [parameterType];
        return options.some((option) => option.getCallSignatures().length > 0);
      }),
    );
  }

  /** True when calling a value of `type` returns a promise under some signature. */
  returnsPromise(type: ts.Type): boolean {
    const apparent = this.checker.getApparentType(type);
    const parts = apparent.isUnion() ? apparent.types : [apparent];
    return parts.some((part) =>
      part.getCallSignatures().some((signature) => this.shapeOf(this.checker.getReturnTypeOfSignature(signature))?.maybe === true),
    );
  }

  /** True when `type` is a function type whose calls return `void` and never a promise. */
  isVoidFunction(type: ts.Type): boolean {
    let sawVoid = false;
    const parts = type.isUnion() ? type.types : [type];
    for (const part of parts) {
      for (const signature of part.getCallSignatures()) {
        const returnType = this.checker.getReturnTypeOfSignature(signature);
        if (this.shapeOf(returnType)?.maybe) return false;
        if (returnType.flags & ts.TypeFlags.Void) sawVoid = true;
      }
    }
    return sawVoid;
  }
}
