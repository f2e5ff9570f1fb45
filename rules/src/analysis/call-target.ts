import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { bindingOrigin, propertyName } from './binding-origin.js';
import { isFunctionNode, type FunctionNode } from './function-nodes.js';
import type { ModuleOrigin } from './module-origin.js';
import { symbolTarget, type LocalFunction } from './symbol-target.js';

/** A function of the current file, found by scope analysis when there is no type information. */
export interface LocalFunctionInFile {
  readonly kind: 'local-in-file';
  readonly fn: FunctionNode;
}

export type CallTarget = ({ readonly kind: 'module' } & ModuleOrigin) | LocalFunction | LocalFunctionInFile;

/** The last name of the callee: `readFileSync` for `fs.readFileSync(…)` and for `readFileSync(…)`. */
export function calledName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return undefined;
}

/**
 * What a call resolves to. With types the checker follows the callee's symbol through aliases and
 * re-exports (a local function that merely shares a library's name resolves to that function);
 * when it cannot (no types, or a module without type declarations) import and require bindings
 * are followed by scope analysis.
 */
export function resolveCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  call: TSESTree.CallExpression,
): CallTarget | undefined {
  if (services) {
    const tsCall = services.esTreeNodeToTSNodeMap.get(call) as ts.CallExpression;
    const checker = services.program.getTypeChecker();
    const symbol = calleeSymbol(checker, tsCall.expression);
    const target = symbol && symbolTarget(services.program, checker, symbol);
    if (target) return target;
  }
  const origin = bindingOrigin(sourceCode, call.callee);
  if (origin) return { kind: 'module', ...origin };
  const fn = localFunctionInFile(sourceCode, call.callee);
  return fn && { kind: 'local-in-file', fn };
}

export function calleeSymbol(checker: ts.TypeChecker, callee: ts.Expression): ts.Symbol | undefined {
  let expression = callee;
  while (ts.isParenthesizedExpression(expression) || ts.isNonNullExpression(expression)) expression = expression.expression;
  if (ts.isPropertyAccessExpression(expression)) return checker.getSymbolAtLocation(expression.name);
  if (ts.isElementAccessExpression(expression)) return checker.getSymbolAtLocation(expression.argumentExpression);
  return checker.getSymbolAtLocation(expression);
}

/** `helper()` where `helper` is a function declared in this file (declaration or `const` arrow). */
function localFunctionInFile(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): FunctionNode | undefined {
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return undefined;
  if (definition.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (definition.type === 'Variable' && definition.node.init && isFunctionNode(definition.node.init)) {
    const isConst = definition.parent.type === AST_NODE_TYPES.VariableDeclaration && definition.parent.kind === 'const';
    return isConst ? definition.node.init : undefined;
  }
  return undefined;
}
