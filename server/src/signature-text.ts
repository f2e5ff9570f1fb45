import ts from 'typescript';

/**
 * A function's signature as text that two type checkers agree on for the same type. The
 * checker prints union members in the order it created their types, which differs from one
 * program to the next (`bigint | undefined` in one, `undefined | bigint` in another); here every
 * union's members are sorted, so only a real change of the type changes the text.
 */
export function signatureText(checker: ts.TypeChecker, signature: ts.Signature): string {
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType;
  return canonicalTypeText(`{ ${checker.signatureToString(signature, undefined, flags)} }`);
}

/** The type written in `text` with union members in a fixed order; the text itself when it does not parse as a type. */
export function canonicalTypeText(text: string): string {
  const sourceFile = ts.createSourceFile('signature.ts', `type T = ${text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const statement = sourceFile.statements[0];
  if (sourceFile.statements.length !== 1 || !statement || !ts.isTypeAliasDeclaration(statement)) return text;
  if ((sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0) return text;
  return canonical(statement.type, sourceFile);
}

/** The node's text with each union's members sorted, at every depth. */
function canonical(node: ts.Node, sourceFile: ts.SourceFile): string {
  if (ts.isUnionTypeNode(node)) {
    return node.types
      .map((member) => canonical(member, sourceFile))
      .sort()
      .join(' | ');
  }
  const start = node.getStart(sourceFile);
  const text = sourceFile.text;
  let result = '';
  let at = start;
  ts.forEachChild(node, (child) => {
    const childStart = child.getStart(sourceFile);
    result += text.slice(at, childStart) + canonical(child, sourceFile);
    at = child.end;
  });
  return result + text.slice(at, node.end);
}
