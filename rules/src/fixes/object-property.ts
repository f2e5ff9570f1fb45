import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The text of an object literal with `text` (a property such as `signal: x`) added last, keeping
 * its layout: on the same line in a one-line object, on a line of its own in a multi-line one,
 * and after a trailing comma if there is one.
 */
export function withProperty(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, text: string): string {
  const last = object.properties[object.properties.length - 1];
  if (!last) return `{ ${text} }`;
  const source = sourceCode.getText(object);
  const start = object.range[0];
  const multiline = object.loc.start.line !== object.loc.end.line;
  const indent = ' '.repeat(last.loc.start.column);
  const after = sourceCode.getTokenAfter(last);
  const [at, insert] =
    after?.value === ','
      ? [after.range[1], multiline ? `\n${indent}${text},` : ` ${text},`]
      : [last.range[1], multiline ? `,\n${indent}${text}` : `, ${text}`];
  return source.slice(0, at - start) + insert + source.slice(at - start);
}
