import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { promiseOracleFor, type PromiseOracle } from './promise-oracle.js';
import type { PromiseKind, PromiseShape } from './promise-shape.js';
import { typeServicesOf } from './type-services.js';
import { UntypedPromises } from './untyped-promises.js';

/**
 * What a rule may ask about promises in the current file, answered with types when the file has
 * them (cheap declarations first, the checker last) and by syntax and scope analysis otherwise.
 */
export interface PromiseFacts {
  /** The type information, when there is any. */
  readonly services: ParserServicesWithTypeInformation | undefined;
  /** Whether the value of `node` is (or holds) a promise. */
  valueShape(node: TSESTree.Node): PromiseShape;
  /** Whether calling the function value `node` may return a promise. */
  returnsPromise(node: TSESTree.Node): boolean;
  /** The typed oracle, when there are types. */
  readonly oracle: PromiseOracle | undefined;
  /** The TypeScript node of an ESTree node (types only). */
  tsNode<T extends ts.Node = ts.Node>(node: TSESTree.Node): T;
}

/** `arrays`: whether the rule asks about arrays of promises (`shape.array`); false makes some answers cheaper. */
export function promiseFactsOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  kind: PromiseKind,
  arrays = true,
): PromiseFacts {
  const services = typeServicesOf(context);
  const untyped = services ? undefined : new UntypedPromises(context.sourceCode, context.filename);
  const oracle = services ? promiseOracleFor(services.program, kind, arrays) : undefined;
  const tsNode = <T extends ts.Node>(node: TSESTree.Node): T => {
    const inner = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
    return services!.esTreeNodeToTSNodeMap.get(inner as TSESTree.Node) as unknown as T;
  };
  return {
    services,
    oracle,
    tsNode,
    valueShape: (node) => (oracle ? oracle.valueShape(tsNode<ts.Expression>(node)) : untyped!.valueShape(node)),
    returnsPromise: (node) => (oracle ? oracle.returnsPromise(tsNode<ts.Expression>(node)) : untyped!.returnsPromise(node)),
  };
}
