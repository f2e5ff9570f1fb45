import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachChildNode } from '../analysis/ast-walk.js';
import { isFunctionNode, type FunctionNode } from '../analysis/function-nodes.js';
import { isTypeScriptFile } from './expression-edits.js';

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | TSESLint.RuleFix[];

/**
 * `new Promise(async (resolve) => { …; resolve(value); })` → `(async () => { …; return value; })()`:
 * the body moved out of `new Promise` into an async function, whose promise rejects when the body
 * throws (the executor's did not). Offered when that is all the executor does with its settle
 * functions: `resolve` is called once, as its last statement, `reject` is unused, and nothing
 * returns early (which would have left the original promise pending forever).
 */
export function moveOutOfExecutor(
  sourceCode: Readonly<TSESLint.SourceCode>,
  construction: TSESTree.NewExpression,
  executor: FunctionNode,
  filename: string,
): Fix | undefined {
  const [resolve, reject] = executor.params;
  const body = executor.body;
  if (body?.type !== AST_NODE_TYPES.BlockStatement || executor.params.length > 2) return undefined;
  if (resolve?.type !== AST_NODE_TYPES.Identifier || (reject && reject.type !== AST_NODE_TYPES.Identifier)) return undefined;
  const last = body.body[body.body.length - 1];
  const resolveCall = last?.type === AST_NODE_TYPES.ExpressionStatement ? last.expression : undefined;
  if (
    resolveCall?.type !== AST_NODE_TYPES.CallExpression ||
    resolveCall.callee.type !== AST_NODE_TYPES.Identifier ||
    resolveCall.callee.name !== resolve.name ||
    resolveCall.arguments.length > 1 ||
    resolveCall.arguments[0]?.type === AST_NODE_TYPES.SpreadElement
  ) {
    return undefined;
  }
  if (usesOf(sourceCode, executor, resolve) !== 1 || (reject && usesOf(sourceCode, executor, reject as TSESTree.Identifier) !== 0)) return undefined;
  if (hasOwnReturn(sourceCode, body)) return undefined;

  const value = resolveCall.arguments[0];
  const statements = body.body.slice(0, -1).map((statement) => sourceCode.getText(statement));
  if (value) statements.push(`return ${sourceCode.getText(value)};`);
  const typeArgument = construction.typeArguments ? sourceCode.getText(construction.typeArguments) : '';
  const annotation = typeArgument && isTypeScriptFile(filename) ? `: Promise${typeArgument}` : '';
  const text = `(async ()${annotation} => {\n${statements.join('\n')}\n})()`;
  return (fixer) => fixer.replaceText(construction, text);
}

/**
 * Keeps `new Promise` but runs the async body inside it and rejects the promise when that body
 * fails: `new Promise((resolve, reject) => { (async () => { … })().catch(reject); })`.
 */
export function catchInsideExecutor(sourceCode: Readonly<TSESLint.SourceCode>, executor: FunctionNode): Fix | undefined {
  if (executor.params.length > 2 || executor.params.some((param) => param.type !== AST_NODE_TYPES.Identifier)) return undefined;
  const body = executor.body;
  if (!body) return undefined;
  const asyncToken = sourceCode.getFirstToken(executor);
  if (asyncToken?.value !== 'async') return undefined;
  const reject = executor.params[1] as TSESTree.Identifier | undefined;
  const rejectName = reject ? reject.name : 'reject';
  // A new `reject` parameter must not hide a variable of that name that the body uses.
  if (!reject && /\breject\b/.test(sourceCode.getText(body))) return undefined;
  const inner = sourceCode.getText(body);
  return (fixer) => {
    const fixes = [fixer.removeRange([asyncToken.range[0], sourceCode.getTokenAfter(asyncToken)!.range[0]])];
    if (!reject) {
      const first = executor.params[0];
      if (first) fixes.push(fixer.insertTextAfter(first, `, ${rejectName}`));
    }
    fixes.push(fixer.replaceText(body, `{\n  (async () => ${inner})().catch(${rejectName});\n}`));
    return fixes;
  };
}

function usesOf(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, param: TSESTree.Identifier): number {
  const variable = ASTUtils.findVariable(sourceCode.getScope(fn), param.name);
  if (!variable || variable.defs[0]?.node !== fn) return Number.POSITIVE_INFINITY;
  return variable.references.length;
}

function hasOwnReturn(sourceCode: Readonly<TSESLint.SourceCode>, body: TSESTree.BlockStatement): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) found = true;
    else forEachChildNode(sourceCode, node, visit);
  };
  body.body.forEach(visit);
  return found;
}
