import ts from 'typescript';
import type { BlockingMatcher } from './blocking-matcher.js';
import type { CallsOf, FollowedCall } from './blocking-chain.js';
import { calleeSymbol } from './call-target.js';
import { isSynchronousCallbackMethod } from './synchronous-callbacks.js';
import { symbolTarget } from './symbol-target.js';

/**
 * With types: the calls a function of the program makes synchronously, in any file. Nested
 * functions are skipped (they run later, if at all) except callbacks that array methods run at once.
 * Async functions are not followed: a blocking call inside one is reported there.
 */
export function typedCallsOf(program: ts.Program, matcher: BlockingMatcher): CallsOf<ts.FunctionLikeDeclaration> {
  const checker = program.getTypeChecker();
  return (fn) => {
    const calls: FollowedCall<ts.FunctionLikeDeclaration>[] = [];
    const file = fn.getSourceFile();
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && !isSynchronousCallback(node)) return;
      if (ts.isCallExpression(node)) calls.push(followedCall(program, checker, matcher, file, node));
      ts.forEachChild(node, visit);
    };
    if (fn.body) ts.forEachChild(fn.body, visit);
    return calls;
  };
}

function followedCall(
  program: ts.Program,
  checker: ts.TypeChecker,
  matcher: BlockingMatcher,
  file: ts.SourceFile,
  call: ts.CallExpression,
): FollowedCall<ts.FunctionLikeDeclaration> {
  const start = file.getLineAndCharacterOfPosition(call.getStart(file));
  const end = file.getLineAndCharacterOfPosition(call.getEnd());
  const step = {
    label: call.expression.getText(file),
    filename: file.fileName,
    loc: { start: { line: start.line + 1, column: start.character }, end: { line: end.line + 1, column: end.character } },
  };
  const symbol = calleeSymbol(checker, call.expression);
  const target = symbol && symbolTarget(program, checker, symbol);
  if (!target) return { ...step, leadsTo: undefined };
  if (target.kind === 'module') {
    const api = matcher.match(target, call.arguments.some((argument) => ts.isFunctionLike(argument)));
    return { ...step, leadsTo: api && { kind: 'blocking', api } };
  }
  const declaration = target.declaration;
  return { ...step, leadsTo: runsToCompletion(declaration) ? { kind: 'function', fn: declaration } : undefined };
}

/**
 * True for a plain function, which runs to completion when called. Async functions and
 * generators are not followed: a blocking call inside one is reported where it stands.
 */
export function runsToCompletion(fn: ts.FunctionLikeDeclaration): boolean {
  return !(ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) && !fn.asteriskToken;
}

function isSynchronousCallback(fn: ts.SignatureDeclaration): boolean {
  const parent = fn.parent;
  return (
    ts.isCallExpression(parent) &&
    parent.arguments.includes(fn as ts.Expression) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    isSynchronousCallbackMethod(parent.expression.name.text)
  );
}
