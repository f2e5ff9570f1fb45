import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachNode } from './ast-walk.js';
import { propertyName } from './binding-origin.js';
import { calledName } from './call-target.js';
import { forEachNodeInSameFunction } from './same-function-walk.js';

/**
 * Words in a function's name that mark it as waiting on purpose: a delay (`sleep`, `delay`,
 * `setTimeout` from `timers/promises`, `scheduler.wait`, `backoff(attempt)`) or a rate limit
 * (`throttle`, `rateLimit`). Names are matched by what they contain, lower-cased, so
 * `waitForSlot` and `exponentialBackoff` count too.
 */
const PACING_WORDS = ['sleep', 'delay', 'wait', 'pause', 'backoff', 'throttle', 'ratelimit', 'cooldown', 'settimeout', 'setimmediate', 'yield'];

/** Methods of rate limiters and semaphores that hand out permission to go on. */
const PERMIT_METHODS = new Set(['acquire', 'removeTokens', 'schedule', 'runExclusive']);

/**
 * Words in the name of a function, or of the object a method is called on, that mark it as a
 * limiter: `limit(() => fetch(url))` (p-limit), `queue.add(…)`, `limiter.schedule(…)`.
 */
const LIMITER_WORDS = ['limit', 'throttle', 'bucket', 'semaphore', 'mutex', 'lock', 'queue'];

const containsAny = (name: string, words: readonly string[]): boolean => {
  const lower = name.toLowerCase();
  return words.some((word) => lower.includes(word));
};

/**
 * True when a call waits on purpose rather than doing work: a delay, a rate limiter, a
 * semaphore, or `new Promise((resolve) => setTimeout(resolve, ms))`.
 */
export function isPacingCall(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) return isTimerPromise(sourceCode, node);
  const name = calledName(node);
  if (name !== undefined && (containsAny(name, PACING_WORDS) || containsAny(name, LIMITER_WORDS) || PERMIT_METHODS.has(name))) {
    return true;
  }
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const objectName = nameOfObject(callee.object);
  return objectName !== undefined && containsAny(objectName, LIMITER_WORDS);
}

/** True when `root` (not counting nested functions) calls something that waits on purpose. */
export function containsPacing(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): boolean {
  let found = false;
  forEachNodeInSameFunction(sourceCode, root, (node) => {
    if (found) return false;
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && isPacingCall(sourceCode, node)) {
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

/** `new Promise((resolve) => setTimeout(resolve, ms))` and its variations. */
function isTimerPromise(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.NewExpression): boolean {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return false;
  const executor = node.arguments[0];
  if (!executor) return false;
  // `new Promise(setImmediate)`: yields to the event loop once.
  if (executor.type === AST_NODE_TYPES.Identifier) return containsAny(executor.name, PACING_WORDS);
  let found = false;
  forEachNode(sourceCode, executor, (inner) => {
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const name = calledName(inner);
      if (name === 'setTimeout' || name === 'setImmediate') found = true;
    }
  });
  return found;
}

/** `limiter` in `limiter.acquire()`, `rateLimiter` in `this.rateLimiter.wait()`. */
function nameOfObject(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyName(node);
  return undefined;
}
