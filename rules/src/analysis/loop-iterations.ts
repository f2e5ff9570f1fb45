import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachNode } from './ast-walk.js';
import { propertyName } from './binding-origin.js';
import { runsInTurnOnPurpose } from './deliberate-sequence.js';
import { isLoop } from './loop-header.js';
import { accessOf, isDeclaredInside, referencesInside } from './outer-state-access.js';
import { containsPacing } from './pacing.js';
import { forEachNodeInSameFunction } from './same-function-walk.js';

/** The loops whose iterations can be told apart: one per element, or one per counter value. */
export type ItemLoopHeader =
  | { readonly kind: 'for-of'; readonly loop: TSESTree.ForOfStatement; readonly pattern: TSESTree.Node; readonly items: TSESTree.Expression }
  | {
      readonly kind: 'counted';
      readonly loop: TSESTree.ForStatement;
      readonly counter: TSESTree.Identifier;
      readonly start: number;
      readonly bound: TSESTree.Expression;
      readonly inclusive: boolean;
    };

/** A loop whose iterations await work and do not depend on one another. */
export interface IndependentIterations {
  readonly header: ItemLoopHeader;
  /** The first awaited expression that works on the iteration's element. */
  readonly awaited: TSESTree.AwaitExpression | TSESTree.ForOfStatement;
  /** `continue` statements that end an iteration of this loop. */
  readonly continues: readonly TSESTree.ContinueStatement[];
  /** `results.push(x)` calls on arrays declared before the loop, which the loop only appends to. */
  readonly pushes: readonly { readonly variable: TSESLint.Scope.Variable; readonly call: TSESTree.CallExpression }[];
  /** The loop also adds to maps, sets or named properties, whose order would follow completion. */
  readonly unorderedStores: boolean;
  /** The body declares `var`s, which are visible after the loop. */
  readonly declaresVar: boolean;
}

/**
 * Decides whether the iterations of a `for...of` loop or a counted `for` loop are independent:
 * - some `await` works on the iteration's element (or a counter), and no delay, rate limiter,
 *   batch (`await Promise.all(batch.map(…))`) or ordered work (stream writes, commands,
 *   migrations, lifecycle calls) paces it;
 * - no variable from outside is assigned (`cursor = page.next`, `total += n`), and nothing from
 *   outside is both stored into and read (`seen.add(x)` with `seen.has(y)`, a queue the loop
 *   both walks and grows); storing only (`results.push(x)`, `results[i] = x`) is fine;
 * - no `break`, `return` or `yield` ends or suspends the loop, and no `continue` is decided by
 *   an awaited value.
 * Undefined when they may depend on each other.
 */
export function independentIterations(sourceCode: Readonly<TSESLint.SourceCode>, loop: TSESTree.Node): IndependentIterations | undefined {
  const header = itemLoopHeader(loop);
  if (!header || loop.parent?.type === AST_NODE_TYPES.LabeledStatement) return undefined;
  const body = header.loop.body;

  const flow = controlFlowOf(sourceCode, header.loop);
  if (!flow || flow.awaits.length === 0) return undefined;
  if (containsPacing(sourceCode, body) || runsInTurnOnPurpose(sourceCode, header, flow.awaits)) return undefined;

  const references = referencesInside(sourceCode, header.loop);
  const variableOf = new Map<TSESTree.Node, TSESLint.Scope.Variable>();
  for (const reference of references) if (reference.resolved) variableOf.set(reference.identifier, reference.resolved);
  const uses = (node: TSESTree.Node, variables: ReadonlySet<TSESLint.Scope.Variable>): boolean => {
    let found = false;
    forEachNode(sourceCode, node, (inner) => {
      const variable = variableOf.get(inner);
      if (variable && variables.has(variable)) found = true;
    });
    return found;
  };

  const itemVariables = new Set(sourceCode.getDeclaredVariables(header.kind === 'for-of' ? header.loop.left : header.loop.init!));
  const derived = derivedVariables(sourceCode, body, itemVariables, uses);
  const awaited = flow.awaits.find((node) => uses(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node.right, derived));
  if (!awaited) return undefined;

  const state = outerState(sourceCode, header, references);
  if (!state) return undefined;

  const awaitedValues = valuesFromAwait(sourceCode, body, uses);
  if (flow.continues.some((statement) => decidedByAwait(sourceCode, statement, body, awaitedValues, uses))) return undefined;

  return { header, awaited, continues: flow.continues, ...state, declaresVar: flow.declaresVar };
}

function itemLoopHeader(loop: TSESTree.Node): ItemLoopHeader | undefined {
  if (loop.type === AST_NODE_TYPES.ForOfStatement) {
    const left = loop.left;
    if (loop.await || left.type !== AST_NODE_TYPES.VariableDeclaration || left.kind === 'var' || left.declarations.length !== 1) return undefined;
    if (left.kind !== 'const' && left.kind !== 'let') return undefined;
    return { kind: 'for-of', loop, pattern: left.declarations[0]!.id, items: loop.right };
  }
  if (loop.type !== AST_NODE_TYPES.ForStatement) return undefined;
  const { init, test, update } = loop;
  if (init?.type !== AST_NODE_TYPES.VariableDeclaration || init.kind !== 'let' || init.declarations.length !== 1) return undefined;
  const declarator = init.declarations[0]!;
  const start = declarator.init;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || start?.type !== AST_NODE_TYPES.Literal || !Number.isInteger(start.value)) return undefined;
  const counter = declarator.id;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '<' && test.operator !== '<=')) return undefined;
  if (test.left.type !== AST_NODE_TYPES.Identifier || test.left.name !== counter.name) return undefined;
  if (!isStepByOne(update, counter.name)) return undefined;
  return { kind: 'counted', loop, counter, start: start.value as number, bound: test.right, inclusive: test.operator === '<=' };
}

/** `i++`, `++i` or `i += 1`. */
function isStepByOne(update: TSESTree.Expression | null, name: string): boolean {
  if (update?.type === AST_NODE_TYPES.UpdateExpression) {
    return update.operator === '++' && update.argument.type === AST_NODE_TYPES.Identifier && update.argument.name === name;
  }
  return (
    update?.type === AST_NODE_TYPES.AssignmentExpression &&
    update.operator === '+=' &&
    update.left.type === AST_NODE_TYPES.Identifier &&
    update.left.name === name &&
    update.right.type === AST_NODE_TYPES.Literal &&
    update.right.value === 1
  );
}

interface ControlFlow {
  readonly awaits: (TSESTree.AwaitExpression | TSESTree.ForOfStatement)[];
  readonly continues: TSESTree.ContinueStatement[];
  readonly declaresVar: boolean;
}

/** The awaits and `continue`s of the loop's body; undefined when something ends or suspends the loop. */
function controlFlowOf(sourceCode: Readonly<TSESLint.SourceCode>, loop: TSESTree.ForOfStatement | TSESTree.ForStatement): ControlFlow | undefined {
  const flow: ControlFlow = { awaits: [], continues: [], declaresVar: false };
  let endsLoop = false;
  let declaresVar = false;
  forEachNodeInSameFunction(sourceCode, loop.body, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        flow.awaits.push(node);
        break;
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await) flow.awaits.push(node);
        break;
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression:
        endsLoop = true;
        break;
      case AST_NODE_TYPES.BreakStatement:
        if (node.label || innermostTarget(node, loop, true) === loop) endsLoop = true;
        break;
      case AST_NODE_TYPES.ContinueStatement:
        if (node.label) endsLoop = true;
        else if (innermostTarget(node, loop, false) === loop) flow.continues.push(node);
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        if (node.kind === 'var') declaresVar = true;
        break;
    }
  });
  return endsLoop ? undefined : { ...flow, declaresVar };
}

/** The loop (or, for `break`, switch) that an unlabelled `break`/`continue` applies to. */
function innermostTarget(statement: TSESTree.Node, outer: TSESTree.Node, isBreak: boolean): TSESTree.Node | undefined {
  for (let current = statement.parent; current; current = current.parent) {
    if (isLoop(current) || (isBreak && current.type === AST_NODE_TYPES.SwitchStatement)) return current;
    if (current === outer) return undefined;
  }
  return undefined;
}

type Uses = (node: TSESTree.Node, variables: ReadonlySet<TSESLint.Scope.Variable>) => boolean;

/** Variables declared in the body from the element (or from other such variables): `const url = item.href`. */
function derivedVariables(
  sourceCode: Readonly<TSESLint.SourceCode>,
  body: TSESTree.Node,
  seeds: ReadonlySet<TSESLint.Scope.Variable>,
  uses: Uses,
): Set<TSESLint.Scope.Variable> {
  const derived = new Set(seeds);
  forEachNodeInSameFunction(sourceCode, body, (node) => {
    const source =
      node.type === AST_NODE_TYPES.VariableDeclarator ? node.init : node.type === AST_NODE_TYPES.ForOfStatement || node.type === AST_NODE_TYPES.ForInStatement ? node.right : null;
    const declaring = node.type === AST_NODE_TYPES.VariableDeclarator ? node : node.type === AST_NODE_TYPES.ForOfStatement || node.type === AST_NODE_TYPES.ForInStatement ? node.left : null;
    if (source && declaring && uses(source, derived)) for (const variable of sourceCode.getDeclaredVariables(declaring)) derived.add(variable);
  });
  return derived;
}

/** Variables of the body that hold an awaited value, directly or through other such variables. */
function valuesFromAwait(sourceCode: Readonly<TSESLint.SourceCode>, body: TSESTree.Node, uses: Uses): Set<TSESLint.Scope.Variable> {
  const values = new Set<TSESLint.Scope.Variable>();
  forEachNodeInSameFunction(sourceCode, body, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init) return;
    if (containsAwait(sourceCode, node.init) || uses(node.init, values)) {
      for (const variable of sourceCode.getDeclaredVariables(node)) values.add(variable);
    }
  });
  return values;
}

function containsAwait(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let found = false;
  forEachNodeInSameFunction(sourceCode, node, (inner) => {
    if (inner.type === AST_NODE_TYPES.AwaitExpression) found = true;
  });
  return found;
}

/** A `continue` inside a branch whose condition reads an awaited value, or inside a `catch` of awaited work. */
function decidedByAwait(
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: TSESTree.ContinueStatement,
  body: TSESTree.Node,
  awaitedValues: ReadonlySet<TSESLint.Scope.Variable>,
  uses: Uses,
): boolean {
  const awaitedTest = (test: TSESTree.Node | null | undefined): boolean =>
    test != null && (containsAwait(sourceCode, test) || uses(test, awaitedValues));
  for (let current: TSESTree.Node | undefined = statement.parent; current && current !== body; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
        if (awaitedTest(current.test)) return true;
        break;
      case AST_NODE_TYPES.SwitchStatement:
        if (awaitedTest(current.discriminant)) return true;
        break;
      case AST_NODE_TYPES.CatchClause:
        if (current.parent.type === AST_NODE_TYPES.TryStatement && containsAwait(sourceCode, current.parent.block)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

interface OuterState {
  readonly pushes: { variable: TSESLint.Scope.Variable; call: TSESTree.CallExpression }[];
  readonly unorderedStores: boolean;
}

/**
 * How the loop touches state declared outside it; undefined when one iteration can see what an
 * earlier one did: an outer variable is assigned, or stored into and also read.
 */
function outerState(
  sourceCode: Readonly<TSESLint.SourceCode>,
  header: ItemLoopHeader,
  references: readonly TSESLint.Scope.Reference[],
): OuterState | undefined {
  const loop = header.loop;
  const perVariable = new Map<TSESLint.Scope.Variable, { reads: number; stores: ReturnType<typeof accessOf>[] }>();
  for (const reference of references) {
    const variable = reference.resolved;
    if (!variable) continue;
    const access = accessOf(reference.identifier, reference.isWrite());
    if (header.kind === 'counted' && variable.defs[0]?.name === header.counter) {
      // The counter steps in the header; the body may only read it.
      if (access.kind !== 'read' && !reference.init && !isInside(reference.identifier, header.loop.update)) return undefined;
      continue;
    }
    if (isDeclaredInside(variable, loop)) continue;
    if (access.kind === 'write') return undefined;
    const entry = perVariable.get(variable) ?? { reads: 0, stores: [] };
    if (access.kind === 'read') entry.reads++;
    else entry.stores.push(access);
    perVariable.set(variable, entry);
  }
  const pushes: OuterState['pushes'] = [];
  let unorderedStores = false;
  for (const [variable, { reads, stores }] of perVariable) {
    if (stores.length === 0) continue;
    if (reads > 0) return undefined;
    for (const store of stores) {
      if (store.kind !== 'store') continue;
      if (store.how === 'push') pushes.push({ variable, call: store.node as TSESTree.CallExpression });
      else if (store.how === 'other') unorderedStores = true;
    }
  }
  if (!thisStateIsIndependent(sourceCode, loop)) return undefined;
  return { pushes, unorderedStores };
}

/** `this.total += x`, or `this.seen.add(x)` with `this.seen.has(y)`: state on `this` shared by the iterations. */
function thisStateIsIndependent(sourceCode: Readonly<TSESLint.SourceCode>, loop: TSESTree.Node): boolean {
  const stored = new Set<string>();
  const read = new Set<string>();
  forEachNodeInSameFunction(sourceCode, loop, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return;
    const name = propertyName(node);
    if (name === undefined) return;
    const parent = node.parent;
    const isWrite = parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
    const access = accessOf(node, isWrite && parent.operator === '=' ? false : isWrite);
    if (isWrite && parent.operator === '=') stored.add(name);
    else if (access.kind === 'read') read.add(name);
    else if (access.kind === 'write') {
      stored.add(name);
      read.add(name);
    } else stored.add(name);
  });
  return [...stored].every((name) => !read.has(name));
}

function isInside(node: TSESTree.Node, container: TSESTree.Node | null): boolean {
  return container !== null && node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
