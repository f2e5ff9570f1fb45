import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type AnyLoop =
  | TSESTree.DoWhileStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForStatement
  | TSESTree.WhileStatement;

export function isLoop(node: TSESTree.Node): node is AnyLoop {
  return (
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.WhileStatement
  );
}

/** Where to report a loop: its header (`for (…)`, `while (…)`, `} while (…)`), not its whole body. */
export function loopHeaderLoc(sourceCode: Readonly<TSESLint.SourceCode>, loop: AnyLoop): TSESTree.SourceLocation {
  if (loop.type === AST_NODE_TYPES.DoWhileStatement) {
    const whileToken = sourceCode.getTokenAfter(loop.body, (token) => token.value === 'while');
    return { start: whileToken?.loc.start ?? loop.loc.start, end: loop.loc.end };
  }
  const beforeBody = sourceCode.getTokenBefore(loop.body);
  return { start: loop.loc.start, end: beforeBody?.loc.end ?? loop.body.loc.start };
}
