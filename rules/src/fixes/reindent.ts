import { AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/**
 * The text of `node` with every line after the first moved from indentation `from` to `to`: a
 * fix that moves code into a new nesting level keeps it aligned. Blank lines and lines that do
 * not start with `from` stay as they are, and so do lines that continue a multi-line template,
 * string or JSX text, since they are part of its value.
 */
export function reindentedText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | TSESTree.Range, from: string, to: string): string {
  const range = Array.isArray(node) ? node : node.range;
  const text = sourceCode.text.slice(range[0], range[1]);
  if (from === to || !text.includes('\n')) return text;
  const literals = multiLineLiterals(sourceCode, range);
  let offset = range[0];
  return text
    .split('\n')
    .map((line, index) => {
      const lineStart = offset;
      offset += line.length + 1;
      if (index === 0 || line.trim() === '' || !line.startsWith(from)) return line;
      if (literals.some(([start, end]) => lineStart > start && lineStart < end)) return line;
      return to + line.slice(from.length);
    })
    .join('\n');
}

/** Ranges of the multi-line template, string and JSX text tokens inside a range. */
function multiLineLiterals(sourceCode: Readonly<TSESLint.SourceCode>, [start, end]: TSESTree.Range): TSESTree.Range[] {
  return sourceCode.ast.tokens
    .filter(
      (token) =>
        token.range[0] >= start &&
        token.range[1] <= end &&
        (token.type === AST_TOKEN_TYPES.Template || token.type === AST_TOKEN_TYPES.String || token.type === AST_TOKEN_TYPES.JSXText) &&
        token.loc.start.line !== token.loc.end.line,
    )
    .map((token) => token.range);
}

/** The indentation of the line a node starts, or undefined when something else comes before it on that line. */
export function lineIndent(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | undefined {
  const lineStart = sourceCode.text.lastIndexOf('\n', node.range[0] - 1) + 1;
  const before = sourceCode.text.slice(lineStart, node.range[0]);
  return /^\s*$/.test(before) ? before : undefined;
}
