import ts from 'typescript';
import { declaredNames } from '../declared-names.js';

/** One top-level statement of a module, as far as copying helpers into a file is concerned. */
export interface TopStatement {
  /** The statement with its leading comments. */
  fullText: string;
  /** The statement alone with whitespace collapsed: two copies of the same code compare equal. */
  key: string;
  /** Names the statement declares at module level (imports included). */
  declares: string[];
  /** Names the statement exports: `export` declarations and lists, CommonJS `exports.x = …`. */
  exports: string[];
  /** The module an import declaration (or a top-level `const … = require(…)`) loads. */
  importFrom?: { module: string; syntax: 'import' | 'require' };
}

/** The top-level statements of a TypeScript or JavaScript module (by the file name's extension). */
export function topStatements(text: string, fileName: string): TopStatement[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  return file.statements.map((statement) => ({
    fullText: statement.getFullText(file),
    key: statement.getText(file).replace(/\s+/g, ' '),
    declares: declaredNames(statement),
    exports: exportedNames(statement),
    importFrom: importedModule(statement),
  }));
}

/** Every name a module declares or exports at top level. */
export function moduleNames(text: string, fileName: string): Set<string> {
  return new Set(topStatements(text, fileName).flatMap((statement) => [...statement.declares, ...statement.exports]));
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.[mc]?js$/.test(fileName)) return ts.ScriptKind.JS;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  return ts.ScriptKind.TS;
}

function exportedNames(statement: ts.Statement): string[] {
  if (ts.isExportDeclaration(statement)) {
    const clause = statement.exportClause;
    return clause && ts.isNamedExports(clause) ? clause.elements.map((element) => element.name.text) : [];
  }
  const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  if (exported) return declaredNames(statement);
  // CommonJS: `exports.a = …`, `module.exports.a = …`, chained as `exports.a = exports.b = void 0`.
  const names: string[] = [];
  let expression = ts.isExpressionStatement(statement) ? statement.expression : undefined;
  while (expression && ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = expression.left;
    if (ts.isPropertyAccessExpression(target) && isExportsObject(target.expression)) names.push(target.name.text);
    expression = expression.right;
  }
  return names;
}

function isExportsObject(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'exports';
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

function importedModule(statement: ts.Statement): TopStatement['importFrom'] {
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
    return { module: statement.moduleSpecifier.text, syntax: 'import' };
  }
  if (!ts.isVariableStatement(statement)) return undefined;
  const init = statement.declarationList.declarations[0]?.initializer;
  const required = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' ? init.arguments[0] : undefined;
  return required && ts.isStringLiteral(required) ? { module: required.text, syntax: 'require' } : undefined;
}
