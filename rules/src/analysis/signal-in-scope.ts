import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unionConstituents } from 'ts-api-utils';
import ts from 'typescript';

/** An AbortSignal named `signal` that code at some place can see, and whether it may be missing. */
export interface SignalInScope {
  readonly nullable: boolean;
}

/**
 * The `signal` variable visible at `at` (a parameter, a destructured option, a local), when it
 * holds an AbortSignal: a call there that ignores it should honour it as well as its own timeout.
 * With types its type must be AbortSignal (or AbortSignal | undefined); without them a `const`
 * counts as always present and anything else as possibly missing.
 */
export function signalInScope(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  at: TSESTree.Node,
): SignalInScope | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(at), 'signal');
  const definition = variable?.defs[0];
  const identifier = variable?.identifiers[0];
  if (!variable || !definition || !identifier || variable.defs.length !== 1) return undefined;
  if (definition.type !== 'Parameter' && definition.type !== 'Variable') return undefined;

  if (services) {
    const checker = services.program.getTypeChecker();
    const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(identifier));
    let nullable = false;
    for (const part of unionConstituents(type)) {
      if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) nullable = true;
      else if (part.getSymbol()?.getName() !== 'AbortSignal') return undefined;
    }
    return { nullable };
  }
  const isConst =
    definition.type === 'Variable' &&
    definition.parent.type === AST_NODE_TYPES.VariableDeclaration &&
    definition.parent.kind === 'const' &&
    definition.node.id.type === AST_NODE_TYPES.Identifier;
  return { nullable: !isConst };
}
