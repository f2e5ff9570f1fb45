import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachChildNode } from './ast-walk.js';
import { isFunctionNode } from './function-nodes.js';
import type { IdentifierReferences } from './identifier-references.js';
import { unwrap } from './shared-location.js';
import type { ValueSources } from './stale-value-flow.js';

/**
 * Finds what a value expression is computed from: the shared reads recorded inside it and the
 * function's local variables it uses, so a write or a local's new value can inherit their tokens.
 * Code in nested functions does not run as part of the expression and is skipped; so are the
 * objects of member accesses (`acct` in `acct.balance` is a reference, not the value).
 */
export class ValueSourceFinder {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly references: IdentifierReferences,
    private readonly isRead: (node: TSESTree.Node) => boolean,
    private readonly isLocalHolder: (variable: TSESLint.Scope.Variable) => boolean,
  ) {}

  of(expression: TSESTree.Node): ValueSources {
    const reads: TSESTree.Node[] = [];
    const locals: TSESLint.Scope.Variable[] = [];
    const visit = (node: TSESTree.Node): void => {
      if (isFunctionNode(node) || isTypeOnly(node)) return;
      if (this.isRead(node)) reads.push(node);
      if (node.type === AST_NODE_TYPES.Identifier) {
        const local = this.#localAt(node);
        if (local) locals.push(local);
        return;
      }
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
        // The value of `(a = b)` is `b`; `a` is only written.
        visit(node.right);
        return;
      }
      forEachChildNode(this.sourceCode, node, visit);
    };
    visit(expression);
    const single = reads.length + locals.length === 1;
    return { reads, locals, exact: single && this.#isPlainValue(expression) };
  }

  /** A local variable read at this identifier, as a value (not an object, callee or key). */
  #localAt(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) return undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) return undefined;
    const reference = this.references.of(identifier);
    if (!reference?.isRead() || !reference.resolved) return undefined;
    return this.isLocalHolder(reference.resolved) ? reference.resolved : undefined;
  }

  /** `saved`, `this.x`, `saved as T`: the value itself rather than something computed from it. */
  #isPlainValue(expression: TSESTree.Node): boolean {
    const inner = unwrap(expression);
    return inner.type === AST_NODE_TYPES.Identifier || this.isRead(inner);
  }
}

function isTypeOnly(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSTypeAnnotation ||
    node.type === AST_NODE_TYPES.TSTypeParameterInstantiation ||
    (node.type.startsWith('TS') &&
      node.type !== AST_NODE_TYPES.TSAsExpression &&
      node.type !== AST_NODE_TYPES.TSNonNullExpression &&
      node.type !== AST_NODE_TYPES.TSSatisfiesExpression &&
      node.type !== AST_NODE_TYPES.TSTypeAssertion &&
      node.type !== AST_NODE_TYPES.TSInstantiationExpression)
  );
}
