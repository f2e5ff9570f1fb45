import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachNode } from './ast-walk.js';
import { propertyName } from './binding-origin.js';
import { isLoop } from './loop-header.js';
import { containsPacing, isPacingCall } from './pacing.js';
import { awaitsInSameFunction, forEachNodeInSameFunction } from './same-function-walk.js';

export type RetryingLoop = TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement;

/** A hand-written retry loop: try the awaited work, leave the loop on success, go round on failure. */
export interface RetryLoop {
  readonly loop: RetryingLoop;
  /** The `try` that makes one attempt. */
  readonly attempt: TSESTree.TryStatement & { handler: TSESTree.CatchClause };
  /** The first awaited call of an attempt, to name in the report. */
  readonly awaited: TSESTree.AwaitExpression;
  /** Nothing waits between a failure and the next attempt. */
  readonly immediate: boolean;
  /** Nothing stops the attempts: no counter, deadline or cancellation ends the loop. */
  readonly unbounded: boolean;
  /** The `catch` never looks at the error, so every error is retried, bugs included. */
  readonly everyError: boolean;
}

/**
 * Recognises a retry loop: a `for`, `while` or `do…while` whose body holds a `try` that awaits
 * something, leaves the loop when it succeeds (a `return` or `break` in the `try`, a statement
 * after it that the `catch` skips with `continue`, or a loop condition on a flag or result the
 * `try` sets), and goes round again when it fails (the `catch` does not always leave). Loops that
 * do other work per turn, such as polling until a condition holds, are not retry loops.
 */
export function retryLoopOf(sourceCode: Readonly<TSESLint.SourceCode>, loop: TSESTree.Node): RetryLoop | undefined {
  if (loop.type !== AST_NODE_TYPES.ForStatement && loop.type !== AST_NODE_TYPES.WhileStatement && loop.type !== AST_NODE_TYPES.DoWhileStatement) {
    return undefined;
  }
  const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  const tries = statements.filter((statement): statement is TSESTree.TryStatement => statement.type === AST_NODE_TYPES.TryStatement);
  const attempt = tries[0];
  if (tries.length !== 1 || !attempt?.handler) return undefined;
  const handler = attempt.handler;
  const awaits = awaitsInSameFunction(sourceCode, attempt.block).filter((node): node is TSESTree.AwaitExpression => node.type === AST_NODE_TYPES.AwaitExpression);
  const awaited = awaits[0];
  if (!awaited) return undefined;
  // `await sources[i].getToken()`: each turn tries the next alternative, which is a fallback chain.
  const counters = updatedNames(sourceCode, loop);
  if (awaits.some((node) => indexesWith(sourceCode, node.argument, counters))) return undefined;

  const afterAttempt = statements.slice(statements.indexOf(attempt) + 1);
  const leavesOnSuccess =
    attempt.block.body.some((statement) => leavesLoop(statement, loop)) ||
    (afterAttempt.some((statement) => leavesLoop(statement, loop)) && continuesLoop(sourceCode, handler.body, loop)) ||
    testWaitsForAttempt(sourceCode, loop, attempt.block);
  if (!leavesOnSuccess) return undefined;
  // A `catch` that ends by leaving goes round only through a `continue` before that.
  const lastOfCatch = handler.body.body[handler.body.body.length - 1];
  const catchLeaves = lastOfCatch !== undefined && (lastOfCatch.type === AST_NODE_TYPES.ThrowStatement || leavesLoop(lastOfCatch, loop));
  if (catchLeaves && !continuesLoop(sourceCode, handler.body, loop)) return undefined;

  // A `catch` that awaits other work first (refresh a token, resume a stream, free space) recovers
  // before trying again: retrying at once is the point, and that work gives up when it cannot.
  const recovers = awaitsOtherWork(sourceCode, handler.body);
  return {
    loop,
    attempt: attempt as RetryLoop['attempt'],
    awaited,
    immediate: !recovers && !containsPacing(sourceCode, loop.body),
    unbounded: !recovers && !isBounded(sourceCode, loop, attempt.block),
    everyError: !inspectsError(sourceCode, handler),
  };
}

/** `return …` or a `break` of this loop, as a statement of its own. */
function leavesLoop(statement: TSESTree.Node, loop: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  return statement.type === AST_NODE_TYPES.BreakStatement && (statement.label === null || labelOf(loop) === statement.label.name);
}

function labelOf(loop: TSESTree.Node): string | undefined {
  return loop.parent?.type === AST_NODE_TYPES.LabeledStatement ? loop.parent.label.name : undefined;
}

/** The `catch` goes round with `continue` (skipping the success exit after the `try`). */
function continuesLoop(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.Node, loop: TSESTree.Node): boolean {
  let found = false;
  forEachNodeInSameFunction(sourceCode, block, (node) => {
    if (isLoop(node)) return false;
    if (node.type === AST_NODE_TYPES.ContinueStatement && (node.label === null || node.label.name === labelOf(loop))) found = true;
    return true;
  });
  return found;
}

/** `while (!done)`, `while (result === undefined)`: the condition reads what the `try` assigns. */
function testWaitsForAttempt(sourceCode: Readonly<TSESLint.SourceCode>, loop: RetryingLoop, block: TSESTree.BlockStatement): boolean {
  if (!loop.test) return false;
  const assigned = assignedNames(sourceCode, block);
  return identifierNames(sourceCode, loop.test).some((name) => assigned.has(name));
}

/**
 * Something ends the attempts other than success: the loop condition counts, reads a clock or a
 * cancellation flag (anything but a constant or what the `try` sets), or the loop body leaves on a
 * condition that does (`if (++attempt > 5) throw error`).
 */
function isBounded(sourceCode: Readonly<TSESLint.SourceCode>, loop: RetryingLoop, attemptBlock: TSESTree.BlockStatement): boolean {
  const assignedInAttempt = assignedNames(sourceCode, attemptBlock);
  if (loop.test && !isConstantTrue(loop.test)) {
    const names = identifierNames(sourceCode, loop.test);
    if (names.some((name) => !assignedInAttempt.has(name)) || readsThis(sourceCode, loop.test) || readsClock(sourceCode, loop.test)) return true;
  }
  const updated = updatedNames(sourceCode, loop);
  let bounded = false;
  forEachNodeInSameFunction(sourceCode, loop.body, (node) => {
    if (bounded || node === attemptBlock) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee) === 'throwIfAborted') {
      bounded = true;
    }
    if (node.type !== AST_NODE_TYPES.IfStatement) return true;
    const leaves = leavesSomewhere(sourceCode, node.consequent, loop) || (node.alternate !== null && leavesSomewhere(sourceCode, node.alternate, loop));
    if (!leaves) return true;
    const test = node.test;
    if (readsClock(sourceCode, test) || readsAborted(sourceCode, test) || identifierNames(sourceCode, test).some((name) => updated.has(name))) bounded = true;
    return true;
  });
  return bounded;
}

function isConstantTrue(test: TSESTree.Expression): boolean {
  return test.type === AST_NODE_TYPES.Literal && Boolean(test.value);
}

/** The branch throws, returns or breaks out of the loop. */
function leavesSomewhere(sourceCode: Readonly<TSESLint.SourceCode>, branch: TSESTree.Node, loop: TSESTree.Node): boolean {
  let found = false;
  forEachNodeInSameFunction(sourceCode, branch, (node) => {
    if (node.type === AST_NODE_TYPES.ThrowStatement || leavesLoop(node, loop)) found = true;
  });
  return found;
}

/** Variables the loop counts with: `attempt++`, `retries -= 1`, `tries = tries + 1`. */
function updatedNames(sourceCode: Readonly<TSESLint.SourceCode>, loop: RetryingLoop): Set<string> {
  const names = new Set<string>();
  forEachNodeInSameFunction(sourceCode, loop, (node) => {
    if (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.Identifier) names.add(node.argument.name);
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && node.operator !== '=') names.add(node.left.name);
  });
  return names;
}

function assignedNames(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  forEachNodeInSameFunction(sourceCode, block, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) names.add(node.left.name);
  });
  return names;
}

/** Names that read as variables but never change. */
const CONSTANT_NAMES = new Set(['undefined', 'NaN', 'Infinity']);

function identifierNames(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string[] {
  const names: string[] = [];
  forEachNode(sourceCode, node, (inner) => {
    if (inner.type !== AST_NODE_TYPES.Identifier || CONSTANT_NAMES.has(inner.name)) return;
    const parent = inner.parent;
    const isPropertyName = parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === inner && !parent.computed;
    if (!isPropertyName) names.push(inner.name);
  });
  return names;
}

/** Names of deadlines and clocks: `deadline`, `timeoutAt`, `expiresAt`, `processTimeMS()`, `Date.now()`. */
const TIME_NAME = /deadline|timeout|expire|until|elapsed|time|now$|clock/i;

/** The condition compares against a clock or a deadline. */
function readsClock(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  return identifierNames(sourceCode, node).some((name) => TIME_NAME.test(name)) || calledNames(sourceCode, node).some((name) => TIME_NAME.test(name));
}

function calledNames(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string[] {
  const names: string[] = [];
  forEachNode(sourceCode, node, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = inner.callee;
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    if (name !== undefined) names.push(name);
  });
  return names;
}

/** `this.stopped`: state that other code changes. */
function readsThis(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let found = false;
  forEachNode(sourceCode, node, (inner) => {
    if (inner.type === AST_NODE_TYPES.ThisExpression) found = true;
  });
  return found;
}

function readsAborted(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let found = false;
  forEachNode(sourceCode, node, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression && propertyName(inner) === 'aborted') found = true;
  });
  return found;
}

/**
 * The `catch` reads the error in a condition (`if (!isRetryable(error)) throw error`,
 * `switch (error.code)`), directly or through a variable that holds it or is made from it
 * (`lastError = error`, `const cause = toCacheError(error)`).
 */
function inspectsError(sourceCode: Readonly<TSESLint.SourceCode>, handler: TSESTree.CatchClause): boolean {
  if (!handler.param) return false;
  const errorNames = new Set(sourceCode.getDeclaredVariables(handler).map((variable) => variable.name));
  const tests: TSESTree.Node[] = [];
  forEachNodeInSameFunction(sourceCode, handler.body, (node) => {
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) tests.push(node.test);
    else if (node.type === AST_NODE_TYPES.SwitchStatement) tests.push(node.discriminant);
    else if (node.type === AST_NODE_TYPES.LogicalExpression) tests.push(node.left);
    const [target, value] =
      node.type === AST_NODE_TYPES.VariableDeclarator
        ? [node.id, node.init]
        : node.type === AST_NODE_TYPES.AssignmentExpression
          ? [node.left, node.right]
          : [undefined, undefined];
    if (target?.type === AST_NODE_TYPES.Identifier && value && identifierNames(sourceCode, value).some((name) => errorNames.has(name))) {
      errorNames.add(target.name);
    }
  });
  if (tests.some((test) => identifierNames(sourceCode, test).some((name) => errorNames.has(name)))) return true;
  // `await handleError(error)`: the awaited handler decides, and may throw.
  return awaitsInSameFunction(sourceCode, handler.body).some(
    (node) =>
      node.type === AST_NODE_TYPES.AwaitExpression &&
      node.argument.type === AST_NODE_TYPES.CallExpression &&
      node.argument.arguments.some((argument) => identifierNames(sourceCode, argument).some((name) => errorNames.has(name))),
  );
}

/** `xs[i]` with `i` one of `counters`: the loop walks a list of alternatives. */
function indexesWith(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, counters: ReadonlySet<string>): boolean {
  let found = false;
  forEachNode(sourceCode, node, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression && inner.computed && identifierNames(sourceCode, inner.property).some((name) => counters.has(name))) {
      found = true;
    }
  });
  return found;
}

/** The `catch` awaits something that is not a delay: corrective work before the next attempt. */
function awaitsOtherWork(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.BlockStatement): boolean {
  return awaitsInSameFunction(sourceCode, block).some(
    (node) =>
      node.type === AST_NODE_TYPES.AwaitExpression &&
      !((node.argument.type === AST_NODE_TYPES.CallExpression || node.argument.type === AST_NODE_TYPES.NewExpression) && isPacingCall(sourceCode, node.argument)),
  );
}
