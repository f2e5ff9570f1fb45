import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { collectionAccess, collectionKind, isCollectionMethodName, type CollectionAccess } from './collection-kind.js';
import { isNeverReassigned } from './declared-value.js';
import type { IdentifierReferences } from './identifier-references.js';

/** What a shared location hangs off; it decides where a lock for it can be declared. */
export type LocationBase =
  | { readonly kind: 'this'; readonly thisNode: TSESTree.ThisExpression }
  /** A variable declared in this file outside the function (or captured and written by a closure). */
  | { readonly kind: 'variable'; readonly variable: TSESLint.Scope.Variable }
  /** Imports, parameters and globals: declared somewhere this file cannot add a lock beside. */
  | { readonly kind: 'elsewhere' };

/**
 * A place that another run of the same or another async function can change while this one waits.
 * Two accesses are to the same place when their keys are equal: `this.balance`, the variable
 * `count` (by identity, not by name), `cache[key]` for one element of a shared Map.
 */
export interface SharedLocation {
  readonly key: string;
  /** As written at the access: `this.balance`, `cache`. */
  readonly name: string;
  readonly base: LocationBase;
  /** For places under `this`: the member right after it (`balance`, `#balance`). */
  readonly firstMember?: string;
}

/** A collection method call and the element (or whole collection) it touches. */
export interface CollectionCall extends CollectionAccess {
  readonly location: SharedLocation;
}

interface Place {
  readonly key: string;
  readonly base: LocationBase;
  readonly firstMember?: string;
  /** Its own value can be changed by other code: an outer or captured variable, a property. */
  readonly self: boolean;
  /** Its properties or elements can be changed by other code. */
  readonly contents: boolean;
}

const variableIds = new WeakMap<TSESLint.Scope.Variable, number>();
let nextVariableId = 0;
function variableKey(variable: TSESLint.Scope.Variable): string {
  let id = variableIds.get(variable);
  if (id === undefined) {
    id = nextVariableId++;
    variableIds.set(variable, id);
  }
  return `${variable.name}@${id}`;
}

/** Parameter names that by convention hold an object made for one request or operation. */
export const PER_REQUEST_PARAMETER = /^(?:ctx|context|req|res|request|response|reply|\w+Context)$/;

// Bounds alias chains (`const a = b.c; const d = a.e; …`).
const MAX_ALIAS_DEPTH = 8;

/**
 * Decides, for one async function, which of the places it reads and writes are shared: variables
 * declared outside it (module scope, outer closures), variables of its own that a nested function
 * writes, members of `this`, and properties or elements of objects it did not create in this call
 * (reached through parameters, outer variables, imports or globals, directly or through a `const`
 * alias). Its own locals, and objects it created, are not shared.
 */
export class SharedLocations {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly services: ParserServicesWithTypeInformation | undefined,
    private readonly references: IdentifierReferences,
    /** The variable scope of the analysed function. */
    private readonly functionScope: TSESLint.Scope.Scope,
    /** The variable scope of the one call that runs the function and waits for it, if known. */
    private readonly waitingCallerScope?: TSESLint.Scope.Scope,
  ) {}

  /** The shared place a value expression reads or writes, or undefined when it is the function's own. */
  of(node: TSESTree.Node): SharedLocation | undefined {
    const place = this.#valuePlace(node, 0);
    return place?.self ? this.#location(place, node) : undefined;
  }

  /** `shape.width` read out of `const { width } = shape`: the place of one property of an object. */
  propertyOf(object: TSESTree.Node, name: string, at: TSESTree.Node): SharedLocation | undefined {
    const place = this.#objectPlace(object, 0);
    if (!place?.contents) return undefined;
    return this.#location(this.#member(place, object, `.${name}`, name), at, `${this.#text(object)}.${name}`);
  }

  /** A Map, Set or array method called on a shared collection (`cache.set(k, v)`, `this.queue.push(job)`). */
  collectionCall(call: TSESTree.CallExpression): CollectionCall | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = staticName(callee);
    if (method === undefined || !isCollectionMethodName(method)) return undefined;
    const collection = unwrap(callee.object);
    const place = this.#objectPlace(collection, 0);
    if (!place?.contents) return undefined;
    const kind = collectionKind(this.sourceCode, this.services, collection);
    const access = kind && collectionAccess(kind, method);
    if (!access) return undefined;
    const key = access.keyed && call.arguments[0] ? `[${this.#text(call.arguments[0])}]` : '';
    const location = this.#location({ ...place, key: place.key + key }, collection);
    return { ...access, location };
  }

  /**
   * Variables of the function that only it can change: its parameters and locals that no nested
   * function writes. Values flow through them from a read to a write.
   */
  isLocalHolder(variable: TSESLint.Scope.Variable): boolean {
    return variable.scope.variableScope === this.functionScope && !this.#isWrittenByClosure(variable);
  }

  readonly #writtenByClosure = new WeakMap<TSESLint.Scope.Variable, boolean>();

  #isWrittenByClosure(variable: TSESLint.Scope.Variable): boolean {
    let written = this.#writtenByClosure.get(variable);
    if (written === undefined) {
      written = variable.references.some((reference) => reference.isWrite() && reference.from.variableScope !== this.functionScope);
      this.#writtenByClosure.set(variable, written);
    }
    return written;
  }

  #valuePlace(node: TSESTree.Node, depth: number): Place | undefined {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) return this.#variablePlace(inner, depth);
    if (inner.type === AST_NODE_TYPES.MemberExpression) {
      const object = this.#objectPlace(inner.object, depth + 1);
      if (!object?.contents) return undefined;
      const name = staticName(inner);
      const segment = name !== undefined ? (inner.property.type === AST_NODE_TYPES.PrivateIdentifier ? `.#${name}` : `.${name}`) : `[${this.#text(inner.property)}]`;
      const member = inner.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${name}` : name;
      return this.#member(object, inner.object, segment, member);
    }
    return undefined;
  }

  /** The place whose properties an expression used as an object reaches. */
  #objectPlace(node: TSESTree.Node, depth: number): Place | undefined {
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.ThisExpression) {
      return { key: 'this', base: { kind: 'this', thisNode: inner }, self: false, contents: true };
    }
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const alias = this.#aliasedPlace(inner, depth);
      if (alias) return alias;
    }
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      // `this.accounts.get(id).balance`: an element of a shared map is shared.
      const call = this.collectionCall(inner);
      if (call?.access === 'read' && call.keyed) return { key: call.location.key, base: call.location.base, firstMember: call.location.firstMember, self: true, contents: true };
      return undefined;
    }
    return this.#valuePlace(inner, depth);
  }

  #member(object: Place, objectNode: TSESTree.Node, segment: string, name: string | undefined): Place {
    const firstMember = object.firstMember ?? (unwrap(objectNode).type === AST_NODE_TYPES.ThisExpression ? name : undefined);
    return { key: object.key + segment, base: object.base, firstMember, self: true, contents: true };
  }

  #variablePlace(identifier: TSESTree.Identifier, depth: number): Place | undefined {
    const reference = this.references.of(identifier);
    const variable = reference?.resolved;
    if (!reference) return undefined;
    if (!variable || variable.defs.length === 0) {
      // A global: `process`, `globalThis`, an undeclared name.
      return { key: `global:${identifier.name}`, base: { kind: 'elsewhere' }, self: true, contents: true };
    }
    const definition = variable.defs[0]!;
    // A callback that one call runs and waits for shares that call's variables with nobody.
    if (variable.scope.variableScope === this.waitingCallerScope) return undefined;
    if (variable.scope.variableScope !== this.functionScope) {
      const declaredHere = definition.type === 'Variable' || definition.type === 'ClassName' || definition.type === 'FunctionName';
      return { key: variableKey(variable), base: declaredHere ? { kind: 'variable', variable } : { kind: 'elsewhere' }, self: true, contents: true };
    }
    if (this.#isWrittenByClosure(variable)) {
      return { key: variableKey(variable), base: { kind: 'variable', variable }, self: true, contents: false };
    }
    if (definition.type === 'Parameter') {
      // Frameworks hand each request its own context object: koa's `ctx`, express's `req`/`res`.
      const perRequest = PER_REQUEST_PARAMETER.test(variable.name);
      return { key: variableKey(variable), base: { kind: 'elsewhere' }, self: false, contents: !perRequest };
    }
    return this.#aliasedPlace(identifier, depth) ?? undefined;
  }

  /** `const s = this.state`: `s.count` is `this.state.count`. */
  #aliasedPlace(identifier: TSESTree.Identifier, depth: number): Place | undefined {
    const variable = this.references.variableOf(identifier);
    if (!variable || variable.defs.length !== 1 || variable.scope.variableScope !== this.functionScope) return undefined;
    const definition = variable.defs[0]!;
    if (definition.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const init = definition.node.init;
    if (!init || !isNeverReassigned(variable) || !isAliasable(init)) return undefined;
    const place = this.#objectPlace(init, depth + 1);
    return place && { ...place, self: false };
  }

  #location(place: Place, node: TSESTree.Node, name = this.#text(node)): SharedLocation {
    return { key: place.key, name, base: place.base, firstMember: place.firstMember };
  }

  #text(node: TSESTree.Node): string {
    return this.sourceCode.getText(node).replace(/\s+/g, ' ');
  }
}

/** Expressions that name a place rather than compute a new value. */
function isAliasable(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return (
    inner.type === AST_NODE_TYPES.Identifier ||
    inner.type === AST_NODE_TYPES.ThisExpression ||
    inner.type === AST_NODE_TYPES.MemberExpression ||
    (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression && staticName(inner.callee) === 'get')
  );
}

/** Strips what does not change a value: `x!`, `x as T`, `x satisfies T`, `a?.b`'s chain wrapper. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        continue;
      default:
        return current;
    }
  }
}

/** `name` for `x.name`, `x.#name` and `x['name']`; undefined for other computed keys. */
export function staticName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.name;
  const key = member.property;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

/** True when `read` is the place `written`, or a part of it (`this.state.n` is part of `this.state`). */
export function isPartOf(read: SharedLocation, written: SharedLocation): boolean {
  return read.key === written.key || read.key.startsWith(`${written.key}.`) || read.key.startsWith(`${written.key}[`);
}
