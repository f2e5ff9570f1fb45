import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { isFunctionNode, type FunctionNode } from './function-nodes.js';
import { awaitsInSameFunction, forEachNodeInSameFunction } from './same-function-walk.js';
import { isThenableType, returnsThenable } from './thenable-type.js';

/**
 * True when calling `callback` starts asynchronous work (a request, I/O, a timer) rather than
 * computing a value at once. An inline function counts when it awaits something or returns the
 * result of a call; `async (x) => x * 2` does not. With types the callback must also return a
 * promise; without them a function passed by name counts only when it is declared in this file.
 */
export function startsAsyncWork(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  callback: TSESTree.Node,
): boolean {
  if (isFunctionNode(callback)) return functionStartsAsyncWork(sourceCode, services, callback);
  if (services) {
    const checker = services.program.getTypeChecker();
    const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(callback));
    const signatures = type.getCallSignatures();
    return signatures.length > 0 && signatures.every((signature) => isThenableType(checker, signature.getReturnType()));
  }
  const fn = functionInFile(sourceCode, callback);
  return fn !== undefined && functionStartsAsyncWork(sourceCode, undefined, fn);
}

function functionStartsAsyncWork(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  fn: FunctionNode,
  depth = 0,
): boolean {
  if (fn.generator) return false;
  if (services) {
    const tsNode = services.esTreeNodeToTSNodeMap.get(fn) as ts.SignatureDeclaration;
    if (!returnsThenable(services.program.getTypeChecker(), tsNode)) return false;
  }
  if (fn.async && awaitsInSameFunction(sourceCode, fn.body).length > 0) return true;
  return returnedExpressions(sourceCode, fn).some((expression) => {
    if (expression.type === AST_NODE_TYPES.NewExpression) {
      return expression.callee.type === AST_NODE_TYPES.Identifier && expression.callee.name === 'Promise';
    }
    if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
    if (services) return true;
    if (isPlainValueCall(sourceCode, expression)) return false;
    // Without types, a call to a function of this file is judged by that function; any other
    // call is taken to start async work.
    const callee = functionInFile(sourceCode, expression.callee);
    return callee === undefined || (depth < MAX_DEPTH && functionStartsAsyncWork(sourceCode, undefined, callee, depth + 1));
  });
}

// Bounds the calls followed through functions of the file (and recursion among them).
const MAX_DEPTH = 3;

/** Globals whose calls compute a value at once: `String(x)`, `Math.max(…)`, `JSON.stringify(…)`. */
const VALUE_FUNCTIONS = new Set(['String', 'Number', 'Boolean', 'BigInt', 'parseInt', 'parseFloat', 'encodeURIComponent', 'decodeURIComponent']);
const VALUE_NAMESPACES = new Set(['Math', 'JSON', 'Object', 'Array', 'Number', 'String', 'Date', 'Buffer']);

function isPlainValueCall(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  const global =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier
        ? callee.object
        : undefined;
  if (!global) return false;
  const names = callee.type === AST_NODE_TYPES.Identifier ? VALUE_FUNCTIONS : VALUE_NAMESPACES;
  if (!names.has(global.name)) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(global), global);
  return !variable || variable.defs.length === 0;
}

/** What `fn` returns: its expression body, or the arguments of its own `return` statements. */
function returnedExpressions(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const returned: TSESTree.Expression[] = [];
  forEachNodeInSameFunction(sourceCode, fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
  });
  return returned;
}

/** The function a name refers to when it is declared in this file (declaration or `const` arrow). */
export function functionInFile(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): FunctionNode | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (
    definition?.type === 'Variable' &&
    definition.parent.type === AST_NODE_TYPES.VariableDeclaration &&
    definition.parent.kind === 'const' &&
    definition.node.init &&
    isFunctionNode(definition.node.init)
  ) {
    return definition.node.init;
  }
  return undefined;
}
