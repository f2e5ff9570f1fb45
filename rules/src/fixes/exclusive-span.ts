import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachChildNode } from '../analysis/ast-walk.js';
import { isFunctionNode, type FunctionNode } from '../analysis/function-nodes.js';
import { isInside } from '../analysis/this-binding.js';

/**
 * Statements that can move into an `async () => { … }` callback as they are: from the one holding
 * the first node to the one holding the second, in the innermost block that holds both.
 */
export interface ExclusiveSpan {
  readonly statements: readonly TSESTree.Statement[];
  /** The span ends in a `return`-reaching tail of the function body, so the callback's result is returned. */
  readonly returns: boolean;
  /** Variables declared in the span and used after it: the callback hands them back. */
  readonly handedBack: readonly { readonly name: string; readonly reassigned: boolean }[];
}

/**
 * Finds the span to run under a lock, or undefined when moving it into a callback would change
 * what the code does: a `yield`, a `break`/`continue` to a loop outside, `var` or function
 * declarations (hoisting), `using` declarations (disposal time), or a local of the function assigned
 * inside and read after (its narrowing would be lost). A `return` inside is kept by extending the
 * span to the end of the function body and returning the callback's result.
 */
export function exclusiveSpan(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  from: TSESTree.Node,
  to: TSESTree.Node,
): ExclusiveSpan | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const block = innermostBlockHolding(fn, from, to);
  if (!block) return undefined;
  const firstIndex = block.body.findIndex((statement) => isInside(from, statement));
  const lastIndex = block.body.findIndex((statement) => isInside(to, statement));
  if (firstIndex < 0 || lastIndex < firstIndex) return undefined;

  let statements = block.body.slice(firstIndex, lastIndex + 1);
  const scan = scanStatements(sourceCode, statements);
  if (!scan) return undefined;
  let returns = false;
  if (scan.hasReturn) {
    if (block !== fn.body || fn.generator) return undefined;
    statements = block.body.slice(firstIndex);
    if (!scanStatements(sourceCode, statements)) return undefined;
    returns = true;
  }

  const range: TSESTree.Range = [statements[0]!.range[0], statements[statements.length - 1]!.range[1]];
  const outside = (reference: TSESLint.Scope.Reference) => reference.identifier.range[0] < range[0] || reference.identifier.range[1] > range[1];
  const handedBack: { name: string; reassigned: boolean }[] = [];
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const variable of sourceCode.getDeclaredVariables(statement)) {
      if (variable.references.some(outside)) handedBack.push({ name: variable.name, reassigned: statement.kind === 'let' });
    }
  }
  // A local declared before the span, assigned inside it and read after it.
  const functionScope = sourceCode.getScope(fn).variableScope;
  for (const assigned of scan.assigned) {
    const variable = resolvedIn(functionScope, assigned);
    if (!variable || variable.scope.variableScope !== functionScope) continue;
    const declaredInside = variable.defs.some((definition) => isInside(definition.name, { range } as TSESTree.Node));
    if (!declaredInside && variable.references.some((reference) => reference.identifier.range[0] > range[1])) return undefined;
  }
  return { statements, returns, handedBack };
}

/** The innermost block of `fn` (not of a nested function) that holds both nodes. */
function innermostBlockHolding(fn: FunctionNode, from: TSESTree.Node, to: TSESTree.Node): TSESTree.BlockStatement | undefined {
  for (let current = from.parent; current && current !== fn; current = current.parent) {
    if (isFunctionNode(current)) return undefined;
    if (current.type === AST_NODE_TYPES.BlockStatement && isInside(to, current)) return current;
  }
  return undefined;
}

interface Scan {
  readonly hasReturn: boolean;
  readonly assigned: TSESTree.Identifier[];
}

function scanStatements(sourceCode: Readonly<TSESLint.SourceCode>, statements: readonly TSESTree.Statement[]): Scan | undefined {
  let movable = true;
  let hasReturn = false;
  const assigned: TSESTree.Identifier[] = [];
  const first = statements[0]!;
  const last = statements[statements.length - 1]!;
  const span = { range: [first.range[0], last.range[1]] } as TSESTree.Node;

  const visit = (node: TSESTree.Node): void => {
    if (!movable || node.type === AST_NODE_TYPES.ClassBody) return;
    if (isFunctionNode(node)) {
      // Hoisted to the top of the block it is written in: it would not be visible after the span.
      if (node.type === AST_NODE_TYPES.FunctionDeclaration) movable = false;
      return;
    }
    switch (node.type) {
      case AST_NODE_TYPES.YieldExpression:
        movable = false;
        return;
      case AST_NODE_TYPES.VariableDeclaration:
        if (node.kind === 'var' || node.kind === 'using' || node.kind === 'await using') movable = false;
        break;
      case AST_NODE_TYPES.ReturnStatement:
        hasReturn = true;
        break;
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        if (!jumpsWithin(node, span)) movable = false;
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        collectIdentifiers(node.left, assigned);
        break;
      case AST_NODE_TYPES.UpdateExpression:
        collectIdentifiers(node.argument, assigned);
        break;
      default:
        break;
    }
    forEachChildNode(sourceCode, node, visit);
  };
  for (const statement of statements) visit(statement);
  return movable ? { hasReturn, assigned } : undefined;
}

/** A `break`/`continue` whose target statement is inside the span. */
function jumpsWithin(jump: TSESTree.BreakStatement | TSESTree.ContinueStatement, span: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = jump.parent; current && isInside(current, span); current = current.parent) {
    if (jump.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === jump.label.name) return true;
      continue;
    }
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      case AST_NODE_TYPES.SwitchStatement:
        if (jump.type === AST_NODE_TYPES.BreakStatement) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function collectIdentifiers(target: TSESTree.Node, into: TSESTree.Identifier[]): void {
  switch (target.type) {
    case AST_NODE_TYPES.Identifier:
      into.push(target);
      return;
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of target.properties) collectIdentifiers(property.type === AST_NODE_TYPES.Property ? property.value : property, into);
      return;
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of target.elements) if (element) collectIdentifiers(element, into);
      return;
    case AST_NODE_TYPES.AssignmentPattern:
      collectIdentifiers(target.left, into);
      return;
    case AST_NODE_TYPES.RestElement:
      collectIdentifiers(target.argument, into);
      return;
    default:
      return;
  }
}

/** What an identifier of the function (not of a nested one) refers to, found among its block scopes. */
function resolvedIn(scope: TSESLint.Scope.Scope, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  for (const reference of scope.references) if (reference.identifier === identifier) return reference.resolved ?? undefined;
  for (const child of scope.childScopes) {
    if (child.variableScope !== scope) continue;
    const found = resolvedIn(child, identifier);
    if (found) return found;
  }
  return undefined;
}
