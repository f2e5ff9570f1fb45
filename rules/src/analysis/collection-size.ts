import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unionConstituents } from 'ts-api-utils';
import ts from 'typescript';
import { propertyName } from './binding-origin.js';

/** Array methods that change the length of the array they are called on. */
const RESIZING_METHODS = new Set(['push', 'unshift', 'splice', 'concat', 'fill', 'copyWithin']);

/** At most this many, or `'configured'`: as many as a limit the program sets. */
export type SizeBound = number | 'configured';

/**
 * How many elements `node` is known to hold at most, or undefined when that is not fixed in the
 * code: an array literal without spreads, a `const` bound to one and never resized, an array-like
 * `{ length: n }` with a bounded `n`, and, with types, a tuple without rest elements.
 */
export function staticSize(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  node: TSESTree.Node,
): SizeBound | undefined {
  return syntacticSize(sourceCode, node, 0) ?? (services ? tupleSize(services, node) : undefined);
}

function syntacticSize(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number): SizeBound | undefined {
  if (depth > 4) return undefined;
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement) ? undefined : node.elements.length;
    case AST_NODE_TYPES.ObjectExpression: {
      // `{ length: n }`, as in `Array.from({ length: 4 }, worker)`.
      const length = node.properties.find(
        (property): property is TSESTree.Property =>
          property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'length',
      );
      return length ? numericBound(length.value) : undefined;
    }
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

/** Names of numbers that a program sets as limits: `concurrency`, `batchSize`, `maxWorkers`, `poolSize`. */
const LIMIT_NAME = /batch|chunk|concurrency|parallel|limit|workers|pool|^max/i;

/**
 * How large a count can be when the code fixes it: a number literal, `Math.min(…)` with one such
 * argument, or `'configured'` for a name that reads like a limit the program sets (`concurrency`,
 * `options.batchSize`): not known, but bounded all the same. Undefined otherwise.
 */
export function numericBound(node: TSESTree.Node): SizeBound | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return node.value;
  const name =
    node.type === AST_NODE_TYPES.Identifier ? node.name : node.type === AST_NODE_TYPES.MemberExpression ? propertyName(node) : undefined;
  if (name !== undefined && LIMIT_NAME.test(name)) return 'configured';
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'Math' &&
    propertyName(node.callee) === 'min'
  ) {
    const bounds = node.arguments.map(numericBound);
    const numbers = bounds.filter((bound): bound is number => typeof bound === 'number');
    if (numbers.length > 0) return Math.min(...numbers);
    return bounds.includes('configured') ? 'configured' : undefined;
  }
  return undefined;
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
