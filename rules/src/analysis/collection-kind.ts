import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { declaredValue } from './declared-value.js';

/** Built-in containers whose contents change through their methods. */
export type CollectionKind = 'map' | 'set' | 'array';

/** How a method call touches a collection. */
export interface CollectionAccess {
  readonly access: 'read' | 'write';
  /** The first argument names one element (`get(k)`, `set(k, v)`, `has(k)`, `add(v)`, `delete(k)`). */
  readonly keyed: boolean;
  /**
   * Arguments the stored value is computed from, when a stale one loses an update (`set(k, v)`,
   * `splice(i, …)`); absent when the call only adds or removes (`push`, `add`, `delete`).
   */
  readonly valueArguments?: 'all' | 'afterKey';
}

const read = (keyed = false): CollectionAccess => ({ access: 'read', keyed });
const write = (keyed: boolean, valueArguments?: 'all' | 'afterKey'): CollectionAccess => ({ access: 'write', keyed, valueArguments });

const ITERATION = { keys: read(), values: read(), entries: read(), forEach: read() };

const METHODS: Record<CollectionKind, Record<string, CollectionAccess>> = {
  map: { get: read(true), has: read(true), ...ITERATION, set: write(true, 'afterKey'), delete: write(true), clear: write(false) },
  set: { has: read(true), ...ITERATION, add: write(true), delete: write(true), clear: write(false) },
  array: {
    ...Object.fromEntries(
      [
        'at', 'concat', 'entries', 'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap',
        'forEach', 'includes', 'indexOf', 'join', 'keys', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'slice', 'some',
        'toReversed', 'toSorted', 'toSpliced', 'values', 'with',
      ].map((name) => [name, read()]),
    ),
    push: write(false),
    unshift: write(false),
    pop: write(false),
    shift: write(false),
    sort: write(false),
    reverse: write(false),
    splice: write(false, 'all'),
    fill: write(false, 'all'),
    copyWithin: write(false, 'all'),
  },
};

const ALL_METHODS = new Set(Object.values(METHODS).flatMap((methods) => Object.keys(methods)));

/** A cheap first filter: could a call of this method touch a collection at all? */
export function isCollectionMethodName(method: string): boolean {
  return ALL_METHODS.has(method);
}

export function collectionAccess(kind: CollectionKind, method: string): CollectionAccess | undefined {
  return Object.hasOwn(METHODS[kind], method) ? METHODS[kind][method] : undefined;
}

const TYPE_NAMES: Record<string, CollectionKind> = {
  Map: 'map',
  ReadonlyMap: 'map',
  WeakMap: 'map',
  Set: 'set',
  ReadonlySet: 'set',
  WeakSet: 'set',
  Array: 'array',
  ReadonlyArray: 'array',
};

/**
 * Whether an expression is a Map, Set or array. With types this is the checker's answer; without,
 * the declaration must say so (`new Map()`, `[]`, a `Map<…>` or `T[]` annotation): guessing from
 * method names alone would take koa's `ctx.get`/`ctx.set` for a map.
 */
export function collectionKind(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  expression: TSESTree.Node,
): CollectionKind | undefined {
  if (services) {
    const typed = typedKind(services, expression);
    if (typed !== 'unknown') return typed;
  }
  const declared = declaredValue(sourceCode, expression);
  if (!declared) return undefined;
  return (declared.init && initializerKind(sourceCode, declared.init)) ?? (declared.type && annotationKind(declared.type));
}

function typedKind(services: ParserServicesWithTypeInformation, expression: TSESTree.Node): CollectionKind | undefined | 'unknown' {
  const checker = services.program.getTypeChecker();
  const type = checker.getNonNullableType(services.getTypeAtLocation(expression));
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'unknown';
  const parts = type.isUnion() ? type.types : [type];
  let kind: CollectionKind | undefined;
  for (const part of parts) {
    const partKind = kindOfType(services.program, checker, part);
    if (!partKind || (kind && kind !== partKind)) return undefined;
    kind = partKind;
  }
  return kind;
}

function kindOfType(program: ts.Program, checker: ts.TypeChecker, type: ts.Type): CollectionKind | undefined {
  if (checker.isArrayType(type) || checker.isTupleType(type)) return 'array';
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const kind = symbol && Object.hasOwn(TYPE_NAMES, symbol.name) ? TYPE_NAMES[symbol.name] : undefined;
  if (!kind) return undefined;
  // Only the built-in ones: a library's own `Map` class may mean anything.
  const builtIn = symbol!.declarations?.some((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
  return builtIn ? kind : undefined;
}

function initializerKind(sourceCode: Readonly<TSESLint.SourceCode>, init: TSESTree.Expression): CollectionKind | undefined {
  if (init.type === AST_NODE_TYPES.ArrayExpression) return 'array';
  if (init.type === AST_NODE_TYPES.TSAsExpression || init.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    return initializerKind(sourceCode, init.expression);
  }
  if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
    const kind = TYPE_NAMES[init.callee.name];
    return kind && isGlobal(sourceCode, init.callee) ? kind : undefined;
  }
  if (
    init.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.MemberExpression &&
    init.callee.object.type === AST_NODE_TYPES.Identifier &&
    init.callee.object.name === 'Array' &&
    isGlobal(sourceCode, init.callee.object)
  ) {
    return 'array';
  }
  return undefined;
}

function annotationKind(type: TSESTree.TypeNode): CollectionKind | undefined {
  if (type.type === AST_NODE_TYPES.TSArrayType || type.type === AST_NODE_TYPES.TSTupleType) return 'array';
  if (type.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly' && type.typeAnnotation) {
    return annotationKind(type.typeAnnotation);
  }
  if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) {
    return Object.hasOwn(TYPE_NAMES, type.typeName.name) ? TYPE_NAMES[type.typeName.name] : undefined;
  }
  return undefined;
}

function isGlobal(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return !variable || variable.defs.length === 0;
}
