import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The scope reference of each identifier in a file, found once and then looked up by node.
 * A reference says whether the identifier is read, written or both (`count += 1`) and which
 * variable it resolves to, which is what data-flow questions need.
 */
export class IdentifierReferences {
  #byIdentifier: Map<TSESTree.Node, TSESLint.Scope.Reference> | undefined;

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  of(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): TSESLint.Scope.Reference | undefined {
    if (!this.#byIdentifier) {
      this.#byIdentifier = new Map();
      for (const scope of this.sourceCode.scopeManager?.scopes ?? []) {
        for (const reference of scope.references) {
          // Type-only references (`let x: Foo`) say nothing about values.
          if ((reference as { isValueReference?: boolean }).isValueReference === false) continue;
          this.#byIdentifier.set(reference.identifier, reference);
        }
      }
    }
    return this.#byIdentifier.get(identifier);
  }

  /** The variable an identifier refers to; undefined for globals that are not declared. */
  variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    return this.of(identifier)?.resolved ?? undefined;
  }
}
