import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { IndependentIterations, ItemLoopHeader } from '../analysis/loop-iterations.js';
import { bindHelper } from './helper-import.js';

interface TextEdit {
  readonly range: TSESTree.Range;
  readonly text: string;
}

/**
 * Rewrites a loop with independent iterations into `await mapLimit(items, limit, async (item) => …)`.
 * The body moves into the callback as it is, with `continue` becoming `return`. A loop that
 * collects its results with `results.push(x)` as its last statement, right after
 * `const results = []`, becomes `const results = await mapLimit(…)`, returning `x`: mapLimit
 * keeps the input order. Undefined when the order of some effect would change (adding to maps,
 * sets or properties), or when the shape is not one of those.
 */
export function loopToMapLimit(
  sourceCode: Readonly<TSESLint.SourceCode>,
  iterations: IndependentIterations,
  limit: number,
  helperModule: string | undefined,
): TSESLint.ReportFixFunction | undefined {
  const { header, continues, pushes } = iterations;
  if (iterations.unorderedStores || iterations.declaresVar || pushes.length > 1) return undefined;
  const loop = header.loop;
  const binding = bindHelper(sourceCode, loop, helperModule, 'mapLimit');
  if (!binding) return undefined;

  const edits: TextEdit[] = continues.map((statement) => ({ range: statement.range, text: 'return;' }));
  let replaced: TSESTree.Range = loop.range;
  let assignTo: string | undefined;
  const push = pushes[0];
  if (push) {
    const collected = collectedResults(sourceCode, loop, push.variable, push.call);
    if (!collected || continues.length > 0) return undefined;
    edits.push({ range: collected.statement.range, text: `return ${sourceCode.getText(collected.value)};` });
    replaced = [collected.declaration.range[0], loop.range[1]];
    assignTo = `${collected.declaration.kind} ${sourceCode.getText(collected.declaration.declarations[0]!.id)} = `;
  }

  const body = withEdits(sourceCode, loop.body, edits);
  const callbackBody = loop.body.type === AST_NODE_TYPES.BlockStatement ? body : `{ ${body} }`;
  const call = `await ${binding.localName}(${itemsText(sourceCode, header)}, ${limit}, async (${parameterText(sourceCode, header)}) => ${callbackBody});`;
  const text = assignTo ? `${assignTo}${call}` : call;
  return (fixer) => [fixer.replaceTextRange(replaced, text), ...binding.fixes(fixer)];
}

/** The items mapLimit walks: the `for...of` collection, or the counter's values. */
function itemsText(sourceCode: Readonly<TSESLint.SourceCode>, header: ItemLoopHeader): string {
  if (header.kind === 'for-of') {
    const text = sourceCode.getText(header.items);
    return header.items.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
  }
  const boundText = sourceCode.getText(header.bound);
  const bound = isTight(header.bound) ? boundText : `(${boundText})`;
  // Values start..bound-1 (or ..bound): length = bound - start (+ 1).
  const offset = header.start - (header.inclusive ? 1 : 0);
  const length = offset === 0 ? bound : offset > 0 ? `${bound} - ${offset}` : `${bound} + ${-offset}`;
  const name = header.counter.name;
  const value = header.start === 0 ? name : header.start > 0 ? `${name} + ${header.start}` : `${name} - ${-header.start}`;
  return `Array.from({ length: ${length} }, (_, ${name}) => ${value})`;
}

function parameterText(sourceCode: Readonly<TSESLint.SourceCode>, header: ItemLoopHeader): string {
  return header.kind === 'for-of' ? sourceCode.getText(header.pattern) : header.counter.name;
}

/** Expressions that need no parentheses inside a larger arithmetic expression. */
function isTight(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.Literal ||
    node.type === AST_NODE_TYPES.MemberExpression ||
    node.type === AST_NODE_TYPES.CallExpression
  );
}

interface CollectedResults {
  readonly declaration: TSESTree.VariableDeclaration;
  readonly statement: TSESTree.ExpressionStatement;
  readonly value: TSESTree.Expression;
}

/**
 * `const results = [];` directly before the loop and `results.push(value);` as the loop's last
 * statement: the loop computes one value per element, in order.
 */
function collectedResults(
  sourceCode: Readonly<TSESLint.SourceCode>,
  loop: TSESTree.ForOfStatement | TSESTree.ForStatement,
  variable: TSESLint.Scope.Variable,
  call: TSESTree.CallExpression,
): CollectedResults | undefined {
  const statement = call.parent;
  const value = call.arguments[0];
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || call.arguments.length !== 1 || !value || value.type === AST_NODE_TYPES.SpreadElement) {
    return undefined;
  }
  const body = loop.body;
  const last = body.type === AST_NODE_TYPES.BlockStatement ? body.body[body.body.length - 1] : body;
  if (last !== statement) return undefined;

  const siblings = statementList(loop.parent);
  const index = siblings?.indexOf(loop) ?? -1;
  const declaration = index > 0 ? siblings![index - 1] : undefined;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
  if (declaration.kind !== 'const' && declaration.kind !== 'let') return undefined;
  const declarator = declaration.declarations[0]!;
  const isEmptyArray = declarator.init?.type === AST_NODE_TYPES.ArrayExpression && declarator.init.elements.length === 0;
  if (!isEmptyArray || !sourceCode.getDeclaredVariables(declarator).includes(variable)) return undefined;
  return { declaration, statement, value };
}

function statementList(parent: TSESTree.Node | undefined): TSESTree.Node[] | undefined {
  if (parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program) return parent.body;
  if (parent?.type === AST_NODE_TYPES.SwitchCase) return parent.consequent;
  return undefined;
}

/** The source text of `node` with the given edits (which lie inside it) applied. */
function withEdits(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, edits: readonly TextEdit[]): string {
  let text = sourceCode.getText(node);
  const start = node.range[0];
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    text = text.slice(0, edit.range[0] - start) + edit.text + text.slice(edit.range[1] - start);
  }
  return text;
}
