import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unionConstituents } from 'ts-api-utils';
import * as ts from 'typescript';
import { propertyName } from './binding-origin.js';

/** Array methods that change the length of the array they are called on. */
const RESIZING_METHODS = new Set(['push', 'unshift', 'splice', 'concat', 'fill', 'copyWithin']);

/**
 * How many elements `node` is known to hold at most, or undefined when that is not fixed in the
 * code: an array literal without spreads, a `const` bound to one and never resized, and, with
 * types, a tuple without rest elements.
 */
export function staticSize(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  node: TSESTree.Node,
): number | undefined {
  return syntacticSize(sourceCode, node, 0) ?? (services ? tupleSize(services, node) : undefined);
}

function syntacticSize(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number): number | undefined {
  if (depth > 4) return undefined;
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement) ? undefined : node.elements.length;
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return syntacticSize(sourceCode, node.expression, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || definition?.type !== 'Variable' || !definition.node.init) return undefined;
      if (definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (definition.parent.type !== AST_NODE_TYPES.VariableDeclaration || definition.parent.kind !== 'const') return undefined;
      if (variable.references.some((reference) => !reference.init && resizes(reference.identifier))) return undefined;
      return syntacticSize(sourceCode, definition.node.init, depth + 1);
    }
    default:
      return undefined;
  }
}

/** `list.push(…)`, `list.length = 0`, `list[list.length] = x`: the array's size changes. */
function resizes(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member) {
    const name = propertyName(member);
    return name !== undefined && RESIZING_METHODS.has(name);
  }
  return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member;
}

/** The largest fixed length of a tuple type (each member of a union), or undefined for arrays. */
function tupleSize(services: ParserServicesWithTypeInformation, node: TSESTree.Node): number | undefined {
  const checker = services.program.getTypeChecker();
  const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
  let size = 0;
  for (const part of unionConstituents(type)) {
    if (!checker.isTupleType(part)) return undefined;
    const tuple = (part as ts.TupleTypeReference).target;
    if (tuple.combinedFlags & ts.ElementFlags.Variable) return undefined;
    size = Math.max(size, tuple.fixedLength);
  }
  return size;
}
