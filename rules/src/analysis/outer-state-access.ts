import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from './binding-origin.js';

/** Methods that change the collection they are called on without reading it. */
const ADDING_METHODS = new Set(['push', 'unshift', 'set', 'add', 'append', 'delete', 'splice', 'clear', 'fill', 'sort', 'reverse']);
/** Methods that change a collection and hand back part of it: the next call sees the change. */
const TAKING_METHODS = new Set(['pop', 'shift']);

/** How a piece of code touches a variable declared outside of it. */
export type Access =
  /** Only reads it. */
  | { readonly kind: 'read' }
  /** Assigns the variable itself, or reads and writes it in one step (`total += x`, `n++`). */
  | { readonly kind: 'write' }
  /** Changes what it holds without reading it: `results.push(x)`, `results[i] = x`, `seen.add(x)`. */
  | { readonly kind: 'store'; readonly how: 'push' | 'index' | 'other'; readonly node: TSESTree.Node };

/**
 * Classifies one use of a variable (or of a `this.name` property): a plain read, a write of the
 * variable, or a store into the object it holds. Stores through a property chain count for the
 * variable at its root (`state.byId[id] = x` stores into `state`).
 */
export function accessOf(use: TSESTree.Node, isWrite: boolean): Access {
  if (isWrite) return { kind: 'write' };
  let node: TSESTree.Node = use;
  let member: TSESTree.MemberExpression | undefined;
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
    member = node.parent;
    node = member;
  }
  if (!member) return { kind: 'read' };
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) {
    if (parent.operator !== '=') return { kind: 'write' };
    return { kind: 'store', how: member.computed ? 'index' : 'other', node: parent };
  }
  if (parent.type === AST_NODE_TYPES.UpdateExpression) return { kind: 'write' };
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return { kind: 'store', how: 'other', node: parent };
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member) {
    const method = propertyName(member);
    if (method !== undefined && TAKING_METHODS.has(method)) return { kind: 'write' };
    if (method !== undefined && ADDING_METHODS.has(method)) {
      const direct = member.object === use;
      return { kind: 'store', how: method === 'push' && direct ? 'push' : 'other', node: parent };
    }
  }
  return { kind: 'read' };
}

/**
 * Every reference whose identifier lies inside `node`, found through the scope that holds `node`
 * and the scopes nested in it (nested functions included).
 */
export function referencesInside(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESLint.Scope.Reference[] {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
  // A loop that declares variables has a scope of its own; what the header reads may sit above it.
  if (scope.block === node && scope.upper) scope = scope.upper;
  const [start, end] = node.range;
  const inside = (range: TSESTree.Range) => range[0] >= start && range[1] <= end;
  const overlaps = (range: TSESTree.Range) => range[0] < end && range[1] > start;
  const found: TSESLint.Scope.Reference[] = [];
  const visit = (current: TSESLint.Scope.Scope): void => {
    for (const reference of current.references) if (inside(reference.identifier.range)) found.push(reference);
    for (const child of current.childScopes) if (overlaps(child.block.range)) visit(child);
  };
  visit(scope);
  return found;
}

/** True when the variable is declared inside `node`. */
export function isDeclaredInside(variable: TSESLint.Scope.Variable, node: TSESTree.Node): boolean {
  const name = variable.defs[0]?.name;
  return name !== undefined && name.range[0] >= node.range[0] && name.range[1] <= node.range[1];
}
