import ts from 'typescript';
import { unionConstituents } from 'ts-api-utils';

/**
 * True when a value of `type` can be awaited as a promise: every union member that is not
 * null/undefined has a callable `then`. `any`/`unknown` are not thenable: nothing is known.
 */
export function isThenableType(checker: ts.TypeChecker, type: ts.Type): boolean {
  let sawThenable = false;
  for (const part of unionConstituents(checker.getApparentType(type))) {
    if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) continue;
    const then = part.getProperty('then');
    if (!then) return false;
    const thenType = checker.getTypeOfSymbol(then);
    if (thenType.getCallSignatures().length === 0) return false;
    sawThenable = true;
  }
  return sawThenable;
}

/**
 * True when the function declaration returns a promise. The declared return type annotation is
 * asked first because it is cheap; the inferred signature only when there is none.
 */
export function returnsThenable(checker: ts.TypeChecker, fn: ts.SignatureDeclaration): boolean {
  if (fn.type) return isThenableType(checker, checker.getTypeFromTypeNode(fn.type));
  const signature = checker.getSignatureFromDeclaration(fn);
  return signature ? isThenableType(checker, checker.getReturnTypeOfSignature(signature)) : false;
}
