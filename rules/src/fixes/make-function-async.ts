import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import type { FunctionNode } from '../analysis/function-nodes.js';
import type { PromiseFacts } from '../analysis/promise-facts.js';
import { returnArguments } from '../analysis/untyped-promises.js';

/**
 * The edits that make `fn` an async function, or undefined when that would change what its callers
 * get: it returns a value, it is a constructor, getter, setter, generator or override, or it is a
 * callback whose caller expects a plain `void` return (an event listener, `forEach`), where an
 * async function would only move the dropped promise somewhere harder to see. A callback counts as
 * safe only when types show its caller accepts a promise (a test runner's `it`, say).
 */
export function makeAsyncEdits(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  facts: PromiseFacts,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  if (fn.async || fn.generator || fn.body?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  if (returnArguments(sourceCode, fn.body).length > 0) return undefined;
  const annotation = fn.returnType?.typeAnnotation;
  if (annotation && annotation.type !== AST_NODE_TYPES.TSVoidKeyword) return undefined;
  const insertAt = asyncKeywordPosition(sourceCode, fn);
  if (!insertAt) return undefined;
  if (!ownsItsReturn(fn) && !callerAcceptsPromise(fn, facts)) return undefined;
  return (fixer) => {
    const fixes = [fixer.insertTextBefore(insertAt, 'async ')];
    if (annotation) fixes.push(fixer.replaceText(annotation, 'Promise<void>'));
    return fixes;
  };
}

/** Where `async ` goes: before `function`, before a method's name, or before an arrow's parameters. */
function asyncKeywordPosition(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.Node | TSESTree.Token | undefined {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition || (parent.type === AST_NODE_TYPES.Property && parent.value === fn && (parent.method || parent.kind !== 'init'))) {
    if (parent.kind !== 'method' && parent.kind !== 'init') return undefined;
    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.override) return undefined;
    return parent.computed ? sourceCode.getTokenBefore(parent.key) ?? undefined : parent.key;
  }
  return sourceCode.getFirstToken(fn) ?? undefined;
}

/** Functions whose return nobody else's signature decides: declarations, plain variables, class methods. */
function ownsItsReturn(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return true;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) return true;
  return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.typeAnnotation === undefined;
}

/** With types: the function's contextual signature returns `any`, `unknown` or a promise. */
function callerAcceptsPromise(fn: FunctionNode, facts: PromiseFacts): boolean {
  if (!facts.oracle) return false;
  const checker = facts.oracle.checker;
  const contextual = checker.getContextualType(facts.tsNode<ts.Expression>(fn));
  if (!contextual) return false;
  const parts = contextual.isUnion() ? contextual.types : [contextual];
  const signatures = parts.flatMap((part) => part.getCallSignatures());
  return (
    signatures.length > 0 &&
    signatures.some((signature) => {
      const returnType = checker.getReturnTypeOfSignature(signature);
      return returnType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || facts.oracle!.types.shapeOf(returnType)?.maybe === true;
    })
  );
}
