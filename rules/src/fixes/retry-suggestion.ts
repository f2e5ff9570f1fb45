import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachNode } from '../analysis/ast-walk.js';
import { isLoop } from '../analysis/loop-header.js';
import { isPacingCall } from '../analysis/pacing.js';
import type { RetryLoop } from '../analysis/retry-loop.js';
import { forEachNodeInSameFunction } from '../analysis/same-function-walk.js';
import { bindHelper } from './helper-import.js';
import { lineIndent, reindentedText } from './reindent.js';

export interface RetrySuggestion {
  /** The `retries` value written, for the suggestion's title. */
  readonly retries: string;
  readonly fix: TSESLint.ReportFixFunction;
}

/**
 * Rewrites a simple retry loop into one `retry(…)` call, which waits with exponential backoff and
 * jitter between attempts:
 * - `try { …; return x; }` becomes `return await retry(async () => { …; return x; }, { retries })`
 *   (and a `throw` right after the loop, now unreachable, goes);
 * - `try { v = await call(); break; }` becomes `v = await retry(() => call(), { retries })`.
 * The number of attempts comes from a counted `for` header, or is `defaultRetries` for a loop
 * that never gave up. The `catch` may only do what `retry` replaces: keep the last error, count,
 * wait, throw when out of attempts; a throw decided by the error becomes `shouldRetry`, and
 * `console` logging moves into `onRetry`.
 */
export function retrySuggestion(
  sourceCode: Readonly<TSESLint.SourceCode>,
  retryLoop: RetryLoop,
  defaultRetries: number,
  helperModule: string | undefined,
): RetrySuggestion | undefined {
  const { loop, attempt } = retryLoop;
  if (attempt.finalizer || loop.parent?.type === AST_NODE_TYPES.LabeledStatement) return undefined;
  const counter = counterOf(loop);
  const retries = retryLoop.unbounded ? String(defaultRetries) : counter && retriesOf(sourceCode, counter);
  if (retries === undefined) return undefined;
  const counterName = counter?.name.name;

  const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  if (!statements.every((statement) => statement === attempt || isCount(statement))) return undefined;
  const handler = attempt.handler;
  const errorName = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  if (handler.param && !errorName) return undefined;
  const catchParts = bookkeeping(sourceCode, handler.body, errorName);
  if (!catchParts) return undefined;
  const { logs, filters } = catchParts;
  const kept = [attempt.block, ...logs, ...filters];
  if (counterName !== undefined && kept.some((node) => mentions(sourceCode, node, counterName))) return undefined;

  // The attempt's code moves from inside `try` to where the loop stood: re-indented to match.
  const from = lineIndent(sourceCode, attempt);
  const to = lineIndent(sourceCode, loop);
  const textOf = (node: TSESTree.Node): string => (from !== undefined && to !== undefined ? reindentedText(sourceCode, node, from, to) : sourceCode.getText(node));
  const form = attemptForm(sourceCode, attempt.block, textOf);
  if (!form) return undefined;
  const binding = bindHelper(sourceCode, loop, helperModule, 'retry');
  if (!binding) return undefined;
  const shouldRetry = filters.length > 0 ? `, shouldRetry: (${errorName}) => ${filters.map((test) => `!(${sourceCode.getText(test)})`).join(' && ')}` : '';
  const onRetry = logs.length > 0 ? `, onRetry: (${errorName ?? ''}) => { ${logs.map((log) => sourceCode.getText(log)).join(' ')} }` : '';
  const call = `await ${binding.localName}(${form.callback}, { retries: ${retries}${shouldRetry}${onRetry} })`;

  let end = loop.range[1];
  let text: string;
  if (form.kind === 'return') {
    text = `return ${call};`;
    const next = nextStatement(loop);
    if (next?.type === AST_NODE_TYPES.ThrowStatement) end = next.range[1];
  } else {
    text = form.target ? `${form.target} = ${call};` : `${call};`;
  }
  return { retries, fix: (fixer) => [fixer.replaceTextRange([loop.range[0], end], text), ...binding.fixes(fixer)] };
}

interface Counter {
  readonly name: TSESTree.Identifier;
  readonly start: number;
  readonly bound: TSESTree.Expression;
  readonly inclusive: boolean;
}

/** `for (let attempt = 1; attempt <= max; attempt++)`. */
function counterOf(loop: RetryLoop['loop']): Counter | undefined {
  if (loop.type !== AST_NODE_TYPES.ForStatement) return undefined;
  const { init, test, update } = loop;
  if (init?.type !== AST_NODE_TYPES.VariableDeclaration || init.declarations.length !== 1) return undefined;
  const { id, init: start } = init.declarations[0]!;
  if (id.type !== AST_NODE_TYPES.Identifier || start?.type !== AST_NODE_TYPES.Literal || !Number.isInteger(start.value)) return undefined;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '<' && test.operator !== '<=')) return undefined;
  if (test.left.type !== AST_NODE_TYPES.Identifier || test.left.name !== id.name) return undefined;
  const steps = update?.type === AST_NODE_TYPES.UpdateExpression && update.operator === '++' && update.argument.type === AST_NODE_TYPES.Identifier && update.argument.name === id.name;
  if (!steps) return undefined;
  return { name: id, start: start.value as number, bound: test.right, inclusive: test.operator === '<=' };
}

/** Attempts minus one: `for (let i = 0; i < 5; i++)` retries 4 times, `i < max` retries `max - 1`. */
function retriesOf(sourceCode: Readonly<TSESLint.SourceCode>, counter: Counter): string | undefined {
  const less = counter.start - (counter.inclusive ? 1 : 0) + 1;
  const bound = counter.bound;
  if (bound.type === AST_NODE_TYPES.Literal && typeof bound.value === 'number') {
    const retries = bound.value - less;
    return retries >= 0 ? String(retries) : undefined;
  }
  if (bound.type !== AST_NODE_TYPES.Identifier && bound.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const text = sourceCode.getText(bound);
  return less === 0 ? text : less > 0 ? `${text} - ${less}` : `${text} + ${-less}`;
}

/** `attempt++` or `tries += 1` as a statement. */
function isCount(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = statement.expression;
  if (expression.type === AST_NODE_TYPES.UpdateExpression) return expression.argument.type === AST_NODE_TYPES.Identifier;
  return expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator !== '=' && expression.left.type === AST_NODE_TYPES.Identifier;
}

interface CatchParts {
  /** `console` calls, which move into `onRetry`. */
  readonly logs: TSESTree.Statement[];
  /** Conditions on the error that rethrow it, which become `shouldRetry`. */
  readonly filters: TSESTree.Expression[];
}

/**
 * Splits a `catch` into what `retry` takes over (logging, error filters) and what it makes
 * unneeded (keeping the last error, counting, waiting, throwing when out of attempts);
 * undefined when the `catch` does anything else.
 */
function bookkeeping(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.BlockStatement, errorName: string | undefined): CatchParts | undefined {
  const logs: TSESTree.Statement[] = [];
  const filters: TSESTree.Expression[] = [];
  for (const statement of block.body) {
    if (isCount(statement)) continue;
    if (statement.type === AST_NODE_TYPES.IfStatement) {
      const throwsOnly =
        statement.alternate === null &&
        (statement.consequent.type === AST_NODE_TYPES.ThrowStatement ||
          (statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.every((inner) => inner.type === AST_NODE_TYPES.ThrowStatement)));
      if (!throwsOnly) return undefined;
      // A throw decided by the error is a filter; one decided by a count is what `retries` does.
      if (errorName !== undefined && mentions(sourceCode, statement.test, errorName)) {
        if (!rethrows(statement.consequent, errorName)) return undefined;
        filters.push(statement.test);
      }
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    const expression = statement.expression;
    if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && expression.left.type === AST_NODE_TYPES.Identifier) {
      if (expression.right.type === AST_NODE_TYPES.Identifier && expression.right.name === errorName) continue;
      return undefined;
    }
    if (expression.type === AST_NODE_TYPES.AwaitExpression && (expression.argument.type === AST_NODE_TYPES.CallExpression || expression.argument.type === AST_NODE_TYPES.NewExpression)) {
      if (isPacingCall(sourceCode, expression.argument)) continue;
      return undefined;
    }
    const isConsoleCall =
      expression.type === AST_NODE_TYPES.CallExpression &&
      expression.callee.type === AST_NODE_TYPES.MemberExpression &&
      expression.callee.object.type === AST_NODE_TYPES.Identifier &&
      expression.callee.object.name === 'console';
    if (!isConsoleCall) return undefined;
    logs.push(statement);
  }
  return { logs, filters };
}

/** `throw error` (alone, or alone in a block): the caught error goes on unchanged. */
function rethrows(branch: TSESTree.Statement, errorName: string): boolean {
  const statement = branch.type === AST_NODE_TYPES.BlockStatement && branch.body.length === 1 ? branch.body[0]! : branch;
  return statement.type === AST_NODE_TYPES.ThrowStatement && statement.argument.type === AST_NODE_TYPES.Identifier && statement.argument.name === errorName;
}

type AttemptForm = { kind: 'return'; callback: string } | { kind: 'assign'; callback: string; target: string | undefined };

/** What one attempt does: returns a value, or sets a variable (or just awaits) and breaks. */
function attemptForm(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.BlockStatement, textOf: (node: TSESTree.Node) => string): AttemptForm | undefined {
  const statements = block.body;
  const last = statements[statements.length - 1];
  if (last?.type === AST_NODE_TYPES.ReturnStatement) {
    if (leavesLoopInside(sourceCode, block)) return undefined;
    const argument = last.argument;
    if (statements.length === 1 && argument) {
      const value = argument.type === AST_NODE_TYPES.AwaitExpression ? argument.argument : argument;
      return { kind: 'return', callback: `() => ${arrowBody(value, textOf)}` };
    }
    return { kind: 'return', callback: `async () => ${textOf(block)}` };
  }
  const [first, second] = statements;
  if (statements.length !== 2 || second?.type !== AST_NODE_TYPES.BreakStatement || second.label || first?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const expression = first.expression;
  if (expression.type === AST_NODE_TYPES.AwaitExpression) return { kind: 'assign', callback: `() => ${arrowBody(expression.argument, textOf)}`, target: undefined };
  if (
    expression.type === AST_NODE_TYPES.AssignmentExpression &&
    expression.operator === '=' &&
    expression.left.type === AST_NODE_TYPES.Identifier &&
    expression.right.type === AST_NODE_TYPES.AwaitExpression
  ) {
    return { kind: 'assign', callback: `() => ${arrowBody(expression.right.argument, textOf)}`, target: expression.left.name };
  }
  return undefined;
}

function arrowBody(node: TSESTree.Node, textOf: (node: TSESTree.Node) => string): string {
  const text = textOf(node);
  return node.type === AST_NODE_TYPES.ObjectExpression || node.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
}

/** A `break` or `continue` of the loop inside the attempt, which a callback could not express. */
function leavesLoopInside(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node, nested: boolean): void => {
    forEachNodeInSameFunction(sourceCode, node, (inner) => {
      if (inner !== node && (isLoop(inner) || inner.type === AST_NODE_TYPES.SwitchStatement)) {
        visit(inner, true);
        return false;
      }
      const jumps = inner.type === AST_NODE_TYPES.BreakStatement || inner.type === AST_NODE_TYPES.ContinueStatement;
      if (jumps && (!nested || inner.label)) found = true;
      return true;
    });
  };
  visit(block, false);
  return found;
}

function mentions(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  let found = false;
  forEachNode(sourceCode, node, (inner) => {
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) found = true;
  });
  return found;
}

function nextStatement(statement: TSESTree.Node): TSESTree.Node | undefined {
  const parent = statement.parent;
  const list = parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program ? (parent.body as TSESTree.Node[]) : undefined;
  return list?.[list.indexOf(statement) + 1];
}
