import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachChildNode, forEachNode } from './ast-walk.js';
import { enclosingFunction, isFunctionNode, type FunctionNode } from './function-nodes.js';
import type { LockKinds } from './lock-kind.js';
import { staticName, unwrap } from './shared-location.js';

// How many helper calls deep a lock is looked for (`runExclusive(() => this.#a())`, `#a` calls `#b`).
const MAX_HELPER_DEPTH = 3;

/**
 * Recognises code that runs under a lock, so that what it does across an await is not reported:
 * callbacks of `runExclusive(…)` and of a one-permit semaphore's `run(…)`, the span between
 * `await lock.acquire()` and the `release()` in a `finally`, the rest of a block after
 * `using`/`await using` of an acquired lock, and callbacks of functions named in the `guards`
 * option; and helpers of the file that are only ever called under a lock.
 */
export class LockGuards {
  readonly #spans = new WeakMap<FunctionNode, TSESTree.Range[]>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly locks: LockKinds,
    private readonly guardNames: readonly string[],
  ) {}

  /** `fn` is passed to a call that runs it while holding a lock. */
  isGuardedCallback(fn: FunctionNode): boolean {
    const call = fn.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as TSESTree.Node[]).includes(fn)) return false;
    const callee = unwrap(call.callee);
    if (this.#isNamedGuard(callee)) return true;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = staticName(callee);
    if (method === 'runExclusive') {
      // The name says what it does; only a semaphore seen to have several permits is not exclusive.
      const kind = this.locks.lockKind(callee.object);
      return !(kind?.kind === 'semaphore' && kind.permits !== undefined && kind.permits !== 1);
    }
    return method === 'run' && this.locks.isExclusive(callee.object);
  }

  /**
   * `fn` runs under a lock: it is a guarded callback, or a helper of this file (a function, or a
   * private method) that is only ever called under a lock (`lock.runExclusive(() => this.#apply())`).
   */
  runsUnderLock(fn: FunctionNode, depth = 0): boolean {
    if (this.isGuardedCallback(fn)) return true;
    if (depth >= MAX_HELPER_DEPTH) return false;
    const calls = this.#callsOf(fn);
    return calls !== undefined && calls.length > 0 && calls.every((call) => this.#isCallUnderLock(call, depth));
  }

  #isCallUnderLock(call: TSESTree.CallExpression, depth: number): boolean {
    const caller = enclosingFunction(call);
    return caller !== undefined && (this.runsUnderLock(caller, depth + 1) || this.isInsideOneSpan(caller, call, call));
  }

  /** Every call of `fn` in this file; undefined when it may be called from elsewhere or passed around. */
  #callsOf(fn: FunctionNode): TSESTree.CallExpression[] | undefined {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn) return this.#callsOfPrivateMethod(parent);
    const declaration =
      fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn ? parent : undefined;
    if (!declaration || declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      return undefined;
    }
    const variable = this.sourceCode.getDeclaredVariables(declaration)[0];
    if (!variable) return undefined;
    const calls: TSESTree.CallExpression[] = [];
    for (const reference of variable.references) {
      if (reference.init) continue;
      const call = reference.identifier.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) return undefined;
      calls.push(call);
    }
    return calls;
  }

  /** Calls of `this.#name(…)` or of a TypeScript `private` method inside its class. */
  #callsOfPrivateMethod(method: TSESTree.MethodDefinition): TSESTree.CallExpression[] | undefined {
    const isPrivate = method.key.type === AST_NODE_TYPES.PrivateIdentifier || method.accessibility === 'private';
    if (!isPrivate || method.computed || method.kind !== 'method') return undefined;
    const name = method.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${method.key.name}` : method.key.type === AST_NODE_TYPES.Identifier ? method.key.name : undefined;
    if (name === undefined) return undefined;
    const calls: TSESTree.CallExpression[] = [];
    let escapes = false;
    forEachNode(this.sourceCode, method.parent, (node) => {
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return;
      const member = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : node.property.name;
      if (member !== name) return;
      const call = node.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.callee === node) calls.push(call);
      else escapes = true;
    });
    return escapes ? undefined : calls;
  }

  /** Both nodes lie in one span of `fn` that holds a lock. */
  isInsideOneSpan(fn: FunctionNode, first: TSESTree.Node, second: TSESTree.Node): boolean {
    return this.#spansOf(fn).some(([start, end]) => first.range[0] >= start && second.range[1] <= end && second.range[0] >= start && first.range[1] <= end);
  }

  #isNamedGuard(callee: TSESTree.Node): boolean {
    if (this.guardNames.length === 0) return false;
    const text = this.sourceCode.getText(callee);
    const last = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticName(callee) : undefined;
    return this.guardNames.some((name) => name === text || (!name.includes('.') && name === last));
  }

  #spansOf(fn: FunctionNode): TSESTree.Range[] {
    let spans = this.#spans.get(fn);
    if (!spans) {
      spans = [];
      this.#collectSpans(fn.body, spans);
      this.#spans.set(fn, spans);
    }
    return spans;
  }

  #collectSpans(node: TSESTree.Node, spans: TSESTree.Range[]): void {
    if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.StaticBlock) this.#spansInList(node, node.body, spans);
    if (node.type === AST_NODE_TYPES.SwitchCase) this.#spansInList(node, node.consequent, spans);
    forEachChildNode(this.sourceCode, node, (child) => {
      if (!isFunctionNode(child)) this.#collectSpans(child, spans);
    });
  }

  #spansInList(block: TSESTree.Node, statements: readonly TSESTree.Statement[], spans: TSESTree.Range[]): void {
    statements.forEach((statement, index) => {
      if (statement.type === AST_NODE_TYPES.VariableDeclaration && (statement.kind === 'using' || statement.kind === 'await using')) {
        if (statement.declarations.some((declarator) => declarator.init && this.#usesLock(declarator.init))) {
          spans.push([statement.range[1], block.range[1]]);
        }
        return;
      }
      const acquired = this.#acquisition(statement);
      if (acquired) {
        const releasing = statements.slice(index + 1).find((later) => later.type === AST_NODE_TYPES.TryStatement && this.#releasesIn(later, acquired));
        if (releasing) spans.push([statement.range[1], releasing.range[1]]);
        return;
      }
      if (statement.type === AST_NODE_TYPES.TryStatement) {
        // `try { release = await lock.acquire(); … } finally { release?.() }`
        const inside = statement.block.body.find((child) => this.#acquisition(child));
        const acquiredInside = inside && this.#acquisition(inside);
        if (inside && acquiredInside && this.#releasesIn(statement, acquiredInside)) spans.push([inside.range[1], statement.block.range[1]]);
      }
    });
  }

  /** `const release = await lock.acquire()`, `release = await …`, `await lock.acquire()`: what releases it. */
  #acquisition(statement: TSESTree.Statement): { lockText: string; names: string[] } | undefined {
    let target: TSESTree.Node | undefined;
    let value: TSESTree.Node | null | undefined;
    if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) {
      target = statement.declarations[0]!.id;
      value = statement.declarations[0]!.init;
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      value = statement.expression;
      if (value.type === AST_NODE_TYPES.AssignmentExpression && value.operator === '=') {
        target = value.left;
        value = value.right;
      }
    }
    if (value?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
    const call = unwrap(value.argument);
    if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || staticName(callee) !== 'acquire' || !this.locks.isExclusive(callee.object)) return undefined;
    const names: string[] = [];
    if (target) forEachNode(this.sourceCode, target, (node) => node.type === AST_NODE_TYPES.Identifier && names.push(node.name));
    return { lockText: this.sourceCode.getText(callee.object), names };
  }

  #releasesIn(statement: TSESTree.TryStatement, acquired: { lockText: string; names: string[] }): boolean {
    if (!statement.finalizer) return false;
    let found = false;
    forEachNode(this.sourceCode, statement.finalizer, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && acquired.names.includes(callee.name)) found = true;
      if (callee.type === AST_NODE_TYPES.MemberExpression && staticName(callee) === 'release' && this.sourceCode.getText(callee.object) === acquired.lockText) {
        found = true;
      }
    });
    return found;
  }

  /** `using held = await lock.acquire()`: some call on an exclusive lock. */
  #usesLock(init: TSESTree.Node): boolean {
    let found = false;
    forEachNode(this.sourceCode, init, (node) => {
      if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && this.locks.isExclusive(callee.object)) found = true;
    });
    return found;
  }
}
