import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { forEachChildNode } from '../analysis/ast-walk.js';
import { propertyName } from '../analysis/binding-origin.js';
import { isFunctionNode } from '../analysis/function-nodes.js';
import type { PromiseFacts } from '../analysis/promise-facts.js';

export interface ForEachRewrites {
  /** `for (const x of items) { … }`: one item after another, each awaited, as the author meant. */
  readonly sequential: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
  /** `await Promise.all(items.map(async (x) => …))`: all at once, all awaited. */
  readonly concurrent: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
}

/**
 * Rewrites `items.forEach(async (item) => …);` inside async code so that the items' promises are
 * awaited. Offered only when the rewrite keeps meaning: a statement of its own, an arrow callback
 * (so `this` and `arguments` stay the same), plain parameters, no `return value` (a bare `return`
 * becomes `continue`), names that do not shadow the receiver, and a receiver that is an array
 * (types tell; without them, an array literal or an array-producing call).
 */
export function forEachRewrites(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  facts: PromiseFacts,
): ForEachRewrites | undefined {
  const callee = call.callee;
  const callback = call.arguments[0];
  if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement || call.arguments.length !== 1) return undefined;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional || propertyName(callee) !== 'forEach') return undefined;
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || !callback.async) return undefined;
  const names = loopBindings(sourceCode, callback.params);
  if (!names || !isArray(callee.object, facts)) return undefined;
  const receiverText = sourceCode.getText(callee.object);
  if (names.identifiers.some((name) => new RegExp(`\\b${name}\\b`).test(receiverText))) return undefined;

  const body = callback.body;
  let loopBody: string;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const rewritten = bodyWithContinue(sourceCode, body);
    if (rewritten === undefined) return undefined;
    loopBody = rewritten;
  } else {
    loopBody = `{ await ${sourceCode.getText(body)}; }`;
  }
  const iterated = names.withIndex ? `${receiverText}.entries()` : receiverText;
  return {
    sequential: (fixer) => fixer.replaceText(call.parent, `for (const ${names.binding} of ${iterated}) ${loopBody}`),
    concurrent: (fixer) =>
      fixer.replaceText(call, `await Promise.all(${receiverText}.map(${sourceCode.getText(callback)}))`),
  };
}

/** The loop variable for `(item)` or `(item, index)`; type annotations are dropped (a for…of binding cannot have one). */
function loopBindings(
  sourceCode: Readonly<TSESLint.SourceCode>,
  params: readonly TSESTree.Parameter[],
): { binding: string; identifiers: string[]; withIndex: boolean } | undefined {
  const [item, index] = params;
  if (!item || params.length > 2) return undefined;
  const itemText = bindingText(sourceCode, item);
  if (itemText === undefined) return undefined;
  if (!index) return { binding: itemText, identifiers: identifiersIn(sourceCode, item), withIndex: false };
  if (index.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { binding: `[${index.name}, ${itemText}]`, identifiers: [...identifiersIn(sourceCode, item), index.name], withIndex: true };
}

function bindingText(sourceCode: Readonly<TSESLint.SourceCode>, param: TSESTree.Parameter): string | undefined {
  if (param.type === AST_NODE_TYPES.Identifier) return param.name;
  if ((param.type === AST_NODE_TYPES.ObjectPattern || param.type === AST_NODE_TYPES.ArrayPattern) && !param.typeAnnotation) {
    return sourceCode.getText(param);
  }
  return undefined;
}

function identifiersIn(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string[] {
  const names: string[] = [];
  const visit = (child: TSESTree.Node): void => {
    if (child.type === AST_NODE_TYPES.Identifier) names.push(child.name);
    forEachChildNode(sourceCode, child, visit);
  };
  visit(node);
  return names;
}

/** The callback's block with each of its own bare `return;` turned into `continue;`; undefined if one returns a value. */
function bodyWithContinue(sourceCode: Readonly<TSESLint.SourceCode>, body: TSESTree.BlockStatement): string | undefined {
  const returns: TSESTree.ReturnStatement[] = [];
  let returnsValue = false;
  let inLoopOrSwitch = false;
  const visit = (node: TSESTree.Node, nested: boolean): void => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) returnsValue = true;
      returns.push(node);
      // `continue` inside an inner loop or switch would target that loop instead.
      if (nested) inLoopOrSwitch = true;
    }
    const nowNested = nested || isLoopOrSwitch(node);
    forEachChildNode(sourceCode, node, (child) => visit(child, nowNested));
  };
  for (const statement of body.body) visit(statement, false);
  if (returnsValue || inLoopOrSwitch) return undefined;
  const start = body.range[0];
  let text = sourceCode.getText(body);
  for (const statement of [...returns].reverse()) {
    const from = statement.range[0] - start;
    const to = statement.range[1] - start;
    const hasSemicolon = sourceCode.getText(statement).endsWith(';');
    text = `${text.slice(0, from)}continue${hasSemicolon ? ';' : ''}${text.slice(to)}`;
  }
  return text;
}

function isLoopOrSwitch(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.SwitchStatement
  );
}

/** Array-producing calls recognisable without types. */
const ARRAY_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'keys', 'values', 'entries']);

function isArray(receiver: TSESTree.Expression, facts: PromiseFacts): boolean {
  if (facts.oracle) {
    const checker = facts.oracle.checker;
    const type = checker.getTypeAtLocation(facts.tsNode(receiver));
    const parts = type.isUnion() ? type.types : [type];
    return parts.every((part) => checker.isArrayType(part) || checker.isTupleType(part) || (part.flags & ts.TypeFlags.Never) !== 0);
  }
  if (receiver.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (receiver.type !== AST_NODE_TYPES.CallExpression || receiver.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(receiver.callee);
  const object = receiver.callee.object;
  if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array')) {
    return method === 'keys' || method === 'values' || method === 'entries' || method === 'from' || method === 'of';
  }
  return method !== undefined && ARRAY_METHODS.has(method) && method !== 'keys' && method !== 'values' && method !== 'entries';
}
