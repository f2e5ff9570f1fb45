import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from './binding-origin.js';
import { calledName } from './call-target.js';
import type { ItemLoopHeader } from './loop-iterations.js';
import { promiseCombinator } from './promise-combinator.js';

/**
 * Collections whose elements usually must run in turn: each step expects the previous one done.
 * Matched against the name of the collection a `for...of` loop walks.
 */
const ORDERED_COLLECTION = /migration|step|stage|statement|command|script|patch|middleware|hook|plugin|handler|listener|callback|seed/i;
/**
 * Calls whose effects are ordered: writing to one stream or file (`write`, `appendFile`), running
 * commands, delivering events (`emit`, `fire`, `notify`, `dispatch`, `publish`).
 */
const ORDERED_CALLS = /^(write|append|pipe$|end$|exec|spawn|emit|fire|notify|dispatch|publish)/;
/** Lifecycle methods called on each element, which usually must start and stop in order. */
const LIFECYCLE_METHODS = new Set(['start', 'stop', 'init', 'initialize', 'close', 'dispose', 'connect', 'disconnect', 'destroy', 'setup', 'teardown', 'run', 'execute', 'apply', 'up', 'down', 'shutdown', 'load', 'unload']);

/**
 * True when a loop whose iterations look independent most likely runs them in turn on purpose:
 * it awaits a batch per turn (`await Promise.all(batch.map(…))`), its work is ordered by nature
 * (writes to one stream, commands, calling each element or its lifecycle methods), or it walks a
 * collection named like steps that must run in order (`migrations`, `hooks`, `plugins`, …).
 */
export function runsInTurnOnPurpose(
  sourceCode: Readonly<TSESLint.SourceCode>,
  header: ItemLoopHeader,
  awaits: readonly TSESTree.Node[],
): boolean {
  return isOrderedWork(header, awaits) || awaitsBatches(sourceCode, awaits);
}

function isOrderedWork(header: ItemLoopHeader, awaits: readonly TSESTree.Node[]): boolean {
  if (header.kind === 'for-of') {
    const items = header.items;
    const name =
      items.type === AST_NODE_TYPES.Identifier ? items.name : items.type === AST_NODE_TYPES.MemberExpression ? propertyName(items) : undefined;
    if (name !== undefined && ORDERED_COLLECTION.test(name)) return true;
  }
  const element = header.kind === 'for-of' && header.pattern.type === AST_NODE_TYPES.Identifier ? header.pattern.name : undefined;
  return awaits.some((node) => {
    const argument = node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : undefined;
    if (argument?.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = calledName(argument);
    if (name !== undefined && ORDERED_CALLS.test(name)) return true;
    // `await task()` or `await service.start()` on the element itself: running a series.
    const callee = argument.callee;
    if (element === undefined) return false;
    if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === element;
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === element &&
      name !== undefined &&
      LIFECYCLE_METHODS.has(name)
    );
  });
}

/** `await Promise.all(batch.map(…))` per iteration: the loop runs batches one after another on purpose. */
function awaitsBatches(sourceCode: Readonly<TSESLint.SourceCode>, awaits: readonly TSESTree.Node[]): boolean {
  return awaits.some(
    (node) => node.type === AST_NODE_TYPES.AwaitExpression && node.argument.type === AST_NODE_TYPES.CallExpression && promiseCombinator(sourceCode, node.argument) !== undefined,
  );
}
